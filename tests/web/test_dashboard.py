"""The dashboard in a real browser: Debian's chromium driven by Playwright, on the demo
database, with every request to a host other than loopback refused and recorded."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT
from tests.web.conftest import ingested, serving

CHROMIUM = Path("/usr/bin/chromium")
CLOSED_NETWORK_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = ROOT / "artifacts"  # dashboard.png (overview) and dashboard-event.png (event panel)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is missing: CI must install it (apt-get install -y chromium)")
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CLOSED_NETWORK_FLAGS)
        yield launched
        launched.close()


@dataclass
class Visit:
    page: Any
    external: list[str] = field(default_factory=list)  # requests to other hosts (aborted)
    errors: list[str] = field(default_factory=list)  # uncaught JavaScript errors


@contextmanager
def visiting(browser: Any, url: str) -> Iterator[Visit]:
    """`url` in a fresh page whose requests may only go to the app."""
    served = httpx.get(url)
    if served.status_code != 200:  # e.g. 503 when tools/vendor_web.py has not run
        pytest.fail(f"the dashboard is not served ({served.status_code}): {served.text}")
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    found = Visit(context.new_page())

    def guard(route: Any) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            found.external.append(route.request.url)
            route.abort()

    found.page.route("**/*", guard)
    found.page.on("pageerror", lambda exc: found.errors.append(str(exc)))

    def policy_violation(message: Any) -> None:  # a resource or script the page's CSP refused
        if "Content Security Policy" in message.text:
            found.errors.append(message.text)

    found.page.on("console", policy_violation)
    found.page.goto(url)
    try:
        yield found
    finally:
        context.close()


@pytest.fixture
def visit(browser, live_url) -> Iterator[Visit]:  # type: ignore[no-untyped-def]
    with visiting(browser, live_url + "/") as found:
        yield found


def _event_count(page: Any) -> int:
    return int(page.get_by_test_id("event-count").inner_text().rstrip("+"))


def test_dashboard_filters_and_opens_an_event_with_highlighted_evidence(visit: Visit) -> None:
    page = visit.page
    rows = page.get_by_test_id("event-row")
    rows.first.wait_for()
    page.locator("[data-testid=map-marker], [data-testid=marker-cluster]").first.wait_for()
    total = _event_count(page)
    assert total == rows.count() > 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    # Filter by the event type with the fewest events (but at least one) and see the count change.
    per_type = page.locator("#legend .count").evaluate_all("els => els.map(e => [e.dataset.type, +e.textContent])")
    event_type, expected = min((pair for pair in per_type if pair[1] > 0), key=lambda pair: pair[1])
    assert expected < total
    page.get_by_test_id("filter-event-type").select_option(event_type)
    expect(page.get_by_test_id("event-count")).to_have_text(str(expected))  # no eval: the page's CSP forbids it
    assert rows.count() == expected
    assert set(rows.locator("td:nth-child(2) span[title]").evaluate_all("els => els.map(e => e.title)")) == {event_type}
    assert "event_type=" in page.url
    page.get_by_test_id("filter-reset").click()
    expect(page.get_by_test_id("event-count")).to_have_text(str(total))

    # Open the event with the most sources and find its evidence highlighted in an article.
    sources = rows.locator("td:nth-child(6)").evaluate_all("els => els.map(e => +e.textContent)")
    rows.nth(sources.index(max(sources))).click()
    panel = page.get_by_test_id("event-panel")
    mark = panel.locator("[data-testid=article-text] mark[data-testid=evidence-mark]").first
    mark.wait_for()
    assert mark.inner_text().strip()
    assert panel.get_by_test_id("source-item").count() == max(sources)
    assert "independent outlet(s) in" in panel.get_by_test_id("panel-corroboration").inner_text()
    # Article text is inserted as text: the only elements inside it are our <mark>s.
    tags = panel.locator("[data-testid=article-text] *").evaluate_all("els => [...new Set(els.map(e => e.tagName))]")
    assert set(tags) <= {"MARK"}

    mark.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "dashboard-event.png"))
    assert visit.external == []
    assert visit.errors == []


HOSTILE = """---
title: Drones hit fuel depot in Belgorod <script>document.body.dataset.pwned = "title"</script>
outlet: Test <b>Outlet</b>
url: javascript:document.body.dataset.pwned="url"
published: 2024-08-05
---
Drones struck a fuel depot in Belgorod on Monday, <img src=x onerror="document.body.dataset.pwned='img'"> \
regional officials said.

The governor said two drones were shot down over the city and the fire at the depot was put out \
by the evening. Nobody claimed the attack.

Readers sent in photographs. <script>document.body.dataset.pwned = "text"</script>
<img src=x onerror="document.body.dataset.pwned='img'">
"""


def test_markup_in_an_article_is_shown_as_text_never_run(browser, db_url_factory, settings, services, tmp_path):  # type: ignore[no-untyped-def]
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE)
    with serving(ingested([article], db_url_factory(), settings, services)) as url:
        event_id = httpx.get(f"{url}/events").json()["items"][0]["id"]
        with visiting(browser, f"{url}/?event={event_id}") as visit:
            panel = visit.page.get_by_test_id("event-panel")
            panel.locator("[data-testid=evidence-mark]").first.wait_for()
            text = panel.get_by_test_id("article-text").first.inner_text()
            assert "<img src=x" in text and "<script>" in text
            assert "<b>Outlet</b>" in panel.inner_text()
            assert panel.locator("img, script, b").count() == 0
            assert panel.locator("a[href^='javascript']").count() == 0
            assert visit.page.evaluate("document.body.dataset.pwned") is None
            assert visit.external == [] and visit.errors == []


@pytest.mark.xfail(
    bool(os.environ.get("EVENTWATCH_TEST_POSTGRES")),
    strict=False,
    reason="flaky on PostgreSQL under load (session 6): the hovered marker's tooltip did not appear within "
    "30 s twice in a clean-clone CI run beside a 10k fuzz run; passes on SQLite and on a quieter machine",
)
def test_a_hostile_location_in_a_map_tooltip_is_text(browser, db_url_factory, settings, services, tmp_path):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from eventwatch.cli import app

    article = tmp_path / "hostile.txt"
    # one event, so that its marker is not clustered with the interception's at the same point
    article.write_text(HOSTILE.replace("two drones were shot down over the city and ", ""))
    configured = ingested([article], db_url_factory(), settings, services)
    with serving(configured) as url:
        (event,) = httpx.get(f"{url}/events").json()["items"]
        event_id = event["id"]
        location = "<img src=x onerror=\"document.body.dataset.pwned='tooltip'\">Belgorod"
        edited = CliRunner().invoke(
            app, ["--db", configured.store.url, "edit", event_id, f"location={location}", "--reason", "test"]
        )
        assert edited.exit_code == 0, edited.output
        with visiting(browser, f"{url}/") as visit:
            marker = visit.page.get_by_test_id("map-marker").first
            marker.wait_for()
            marker.hover(force=True)
            tooltip = visit.page.get_by_test_id("map-tooltip").first
            tooltip.wait_for()
            assert "<img src=x" in tooltip.inner_text()
            assert visit.page.locator(".leaflet-tooltip img").count() == 0
            assert visit.page.evaluate("document.body.dataset.pwned") is None
            assert visit.external == [] and visit.errors == []
