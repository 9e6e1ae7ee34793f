"""Saved searches are evaluated after every ingest, not only in `watch`: `eventwatch ingest`
and POST /articles (after the response) record matches and deliver them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eventwatch.api.app import create_app
from eventwatch.cli import app
from eventwatch.records import SavedSearch
from eventwatch.settings import ApiSettings
from eventwatch.store import open_repository
from eventwatch.store.monitor import MonitorStore
from tests.monitor.servers import article_html, http_site, updated
from tests.monitor.test_watch_alerts import FIRST, UPDATE


def test_cli_ingest_records_matches_once(tmp_path: Path, db_url: str) -> None:
    MonitorStore(open_repository(db_url).engine).add_search(SavedSearch("ua", {"country": "Ukraine"}))
    page = tmp_path / "a.html"
    page.write_bytes(article_html(*FIRST))
    runner = CliRunner()
    first = runner.invoke(app, ["--db", db_url, "ingest", str(page)])
    assert first.exit_code == 0 and "1 alert(s)" in first.stdout
    again = runner.invoke(app, ["--db", db_url, "ingest", str(page)])
    assert again.exit_code == 0 and "alert" not in again.stdout
    listed = json.loads(runner.invoke(app, ["--db", db_url, "alerts", "list", "--json"]).stdout)
    assert listed == [{"name": "ua", "filters": {"country": "Ukraine"}, "webhook": None, "email": None,
                       "atom": "/alerts/ua.atom"}]  # fmt: skip
    tested = json.loads(runner.invoke(app, ["--db", db_url, "alerts", "test", "ua", "--json"]).stdout)
    assert len(tested["matching_events"]) == 1 and tested["matches"] == 1
    assert runner.invoke(app, ["--db", db_url, "alerts", "remove", "ua"]).exit_code == 0
    gone = runner.invoke(app, ["--db", db_url, "alerts", "remove", "ua"])
    assert gone.exit_code == 2 and "no saved search named 'ua'" in gone.stderr


def test_alert_add_refuses_bad_input(db_url: str) -> None:
    runner = CliRunner()
    bad_type = runner.invoke(app, ["--db", db_url, "alerts", "add", "x", "--type", "Air strikes"])
    assert bad_type.exit_code == 2 and "did you mean" in bad_type.stderr
    bad_hook = runner.invoke(app, ["--db", db_url, "alerts", "add", "x", "--webhook", "ftp://example.org/"])
    assert bad_hook.exit_code == 2 and "http(s) URL" in bad_hook.stderr
    assert runner.invoke(app, ["--db", db_url, "alerts", "add", "x", "--country", "Kenya"]).exit_code == 0
    twice = runner.invoke(app, ["--db", db_url, "alerts", "add", "x", "--country", "Kenya"])
    assert twice.exit_code == 2 and "exists" in twice.stderr


def test_post_articles_delivers_after_the_response(settings: Any, db_url: str) -> None:
    with http_site() as site:
        configured = updated(settings.with_db(db_url), api=ApiSettings(token="t0ken"),
                             fetch=updated(settings.fetch, allow_private=True))  # fmt: skip
        MonitorStore(open_repository(db_url).engine).add_search(
            SavedSearch("ua", {"country": "Ukraine", "min_fatalities": 1}, webhook=f"{site.base}/hook")
        )
        with TestClient(create_app(configured)) as api:
            auth = {"Authorization": "Bearer t0ken"}
            body = {"text": FIRST[1], "published_at": "2026-12-01T08:00:00+00:00"}
            assert api.post("/articles", json=body, headers=auth).status_code == 200
            assert site.posted("/hook") == [], "no fatalities yet: the search does not match"
            body = {"text": UPDATE[1], "published_at": "2026-12-02T08:00:00+00:00"}
            assert api.post("/articles", json=body, headers=auth).status_code == 200
        (posted,) = site.posted("/hook")
        alert = json.loads(posted[1])
        assert alert["kind"] == "new" and alert["event"]["fatalities"] == 3
