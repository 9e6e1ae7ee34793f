"""Bad input and faults: each failing feed or alert target leaves a clear message in the
source's or the delivery's state, the loop goes on, and nothing is lost or sent twice."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from eventwatch.errors import ConfigError
from eventwatch.monitor.deliver import Deliverer
from eventwatch.monitor.sources import load_sources, parse_interval
from eventwatch.monitor.watch import Watcher
from eventwatch.records import SavedSearch, SourceSpec
from eventwatch.store import open_repository
from eventwatch.store.monitor import MonitorStore
from tests.monitor.servers import Page, Site, article_html, http_site, smtp_server, updated
from tests.monitor.test_watch_alerts import FIRST


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def site() -> Iterator[Site]:
    with http_site() as served:
        yield served


def _settings(settings: Any, **fetch: Any) -> Any:
    return updated(
        settings,
        fetch=updated(settings.fetch, allow_private=True, timeout=1.0, max_redirects=3, **fetch),
        ingest=updated(settings.ingest, max_bytes=50_000),
        watch=updated(settings.watch, unhealthy_after=2),
        alerts=updated(settings.alerts, retry_base=60.0, max_attempts=2, timeout=2.0),
    )


def _slow() -> Page:
    time.sleep(2.5)
    return Page(b"late")


def test_failing_feeds_back_off_and_are_marked_unhealthy(site: Site, settings: Any, db_url: str, services: Any) -> None:
    site.pages |= {
        "/500": Page(b"oops", status=500),
        "/slow": _slow,
        "/huge": Page(b"<p>" + b"x" * 200_000 + b"</p>"),
        "/loop": Page(b"", status=302, headers={"Location": "/loop"}),
        "/html": Page(b"<html><body><p>Subscribe to our newsletter</p></body></html>", "application/rss+xml"),
    }
    specs = [SourceSpec(name, f"{site.base}/{name}", 60.0) for name in ("500", "slow", "huge", "loop", "html")]
    clock = Clock()
    repo = open_repository(db_url)
    watcher = Watcher(specs, _settings(settings), repo, services, clock=clock)
    results = {r.source: r.error for r in watcher.run_once()}
    assert "HTTP 500" in results["500"]
    assert "timed out" in results["slow"]
    assert "limit" in results["huge"]
    assert "too many redirects" in results["loop"]
    assert "not an RSS or Atom feed" in results["html"]
    store = MonitorStore(repo.engine)
    states = {s.name: s for s in store.list_sources()}
    assert all(s.failures == 1 and s.healthy and s.last_error for s in states.values())
    assert states["500"].next_due == clock.now + timedelta(seconds=120)  # every * 2^failures

    assert watcher.run_once() == [], "sources backing off are left alone"
    clock.now += timedelta(seconds=121)
    site.pages["/500"] = Page(b"still down", status=503)
    watcher.run_once()
    state = store.source_state("500")
    assert state is not None and state.failures == 2 and not state.healthy and "HTTP 503" in state.last_error
    assert state.next_due == clock.now + timedelta(seconds=240)
    watcher.close()


def test_watch_file_errors_are_clear(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nurl = "https://example.org/feed"\nevry = "15m"\n')
    with pytest.raises(ConfigError, match=r"unknown key.*evry"):
        load_sources(path)
    path.write_text('[[source]]\nurl = "https://example.org/feed"\nevery = "fortnightly"\n')
    with pytest.raises(ConfigError, match="not an interval"):
        load_sources(path)
    path.write_text('[[source]]\nname = "a"\nurl = "feeds/"\nevery = "1h"\noutlet = "A"\n')
    (spec,) = load_sources(path)
    assert spec.every == 3600 and spec.url == str(tmp_path / "feeds") and spec.outlet == "A"
    assert parse_interval("90s") == 90 and parse_interval("1.5h") == 5400 and parse_interval(30) == 30


def _folder_source(tmp_path: Path) -> SourceSpec:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.html").write_bytes(article_html(*FIRST))
    return SourceSpec("folder", str(folder), 60.0, outlet="Folder News")


def test_webhook_down_then_up_is_delivered_once(site: Site, settings: Any, db_url: str, services: Any,
                                                tmp_path: Path) -> None:  # fmt: skip
    site.pages["/hook"] = Page(b"", status=500)
    clock = Clock()
    repo = open_repository(db_url)
    store = MonitorStore(repo.engine, clock)
    store.add_search(SavedSearch("all", {}, webhook=f"{site.base}/hook"))
    watcher = Watcher([_folder_source(tmp_path)], _settings(settings), repo, services, clock=clock)
    (result,) = watcher.run_once()
    assert result.articles == 1 and result.alerts == 1
    (delivery,) = store.deliveries("all")
    assert delivery.status == "pending" and delivery.attempts == 1 and "HTTP 500" in delivery.last_error
    site.pages["/hook"] = Page(b"", status=204)
    assert watcher.deliverer.run_pass() == 0, "not due before its back-off"
    clock.now += timedelta(seconds=61)
    assert watcher.deliverer.run_pass() == 1
    assert watcher.deliverer.run_pass() == 0
    (delivery,) = store.deliveries("all")
    assert delivery.status == "sent" and delivery.attempts == 2
    assert len(site.posted("/hook")) == 2
    assert watcher.run_once()[0].new_items == 0, "the folder's file is not read again"
    watcher.close()


def test_refused_targets_and_smtp_failures_are_stored(site: Site, settings: Any, db_url: str, services: Any,
                                                      tmp_path: Path) -> None:  # fmt: skip
    clock = Clock()
    repo = open_repository(db_url)
    store = MonitorStore(repo.engine, clock)
    store.add_search(SavedSearch("all", {"min_fatalities": 0}, webhook=f"{site.base}/hook", email="a@example.org"))
    store.add_search(SavedSearch("deadly", {"min_fatalities": 1}, webhook=f"{site.base}/hook"))
    with smtp_server() as mailbox:
        mailbox.refuse = True
        strict = _settings(settings)
        strict = updated(strict, fetch=updated(strict.fetch, allow_private=False),
                         alerts=updated(strict.alerts, smtp_host="127.0.0.1", smtp_port=mailbox.port))  # fmt: skip
        watcher = Watcher([_folder_source(tmp_path)], strict, repo, services, clock=clock)
        watcher.run_once()
        watcher.close()
    found = {d.channel: d for d in store.deliveries("all")}
    assert "non-public address" in found["webhook"].last_error and found["webhook"].status == "pending"
    assert "SMTP" in found["email"].last_error
    assert not site.posted("/hook") and not mailbox.messages
    assert store.deliveries("deadly") == [], "no fatalities: the search does not match"
    clock.now += timedelta(seconds=1000)
    Deliverer(strict, store).run_pass()
    assert {d.status for d in store.deliveries("all")} == {"failed"}, "given up after max_attempts"
