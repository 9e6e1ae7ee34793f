"""The dashboard's analyst loop in headless Chromium (issue 13, item 3): the sub-event-type
filter, "new since your last visit", "download this view" links carrying the filters, the
timeline binned by month over a long range, saved searches with their Atom links, and the
API documentation at /docs working with every non-loopback request refused."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from eventwatch.records import SavedSearch
from eventwatch.store import open_repository
from eventwatch.store.monitor import MonitorStore
from tests.monitor.test_watch_alerts import FIRST, UPDATE
from tests.web import test_dashboard
from tests.web.conftest import ingested, serving
from tests.web.test_dashboard import visiting

browser = test_dashboard.browser  # the dashboard tests' Chromium fixture


@pytest.fixture(scope="module")
def long_range_url(db_url_factory, settings, services, tmp_path_factory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Two drone strikes almost four years apart, and one saved search."""
    folder: Path = tmp_path_factory.mktemp("analyst")
    for name, (title, text), published in (("old", FIRST, "2023-01-10"), ("new", UPDATE, "2026-12-02")):
        (folder / f"{name}.txt").write_text(f"---\ntitle: {title}\npublished: {published}\n---\n{text}\n")
    built = ingested([folder], db_url_factory(), settings, services)
    MonitorStore(open_repository(built.store.url).engine).add_search(SavedSearch("kharkiv", {"country": "Ukraine"}))
    with serving(built) as url:
        yield url


def test_analyst_loop_in_the_dashboard(browser: Any, long_range_url: str) -> None:
    with visiting(browser, long_range_url + "/") as visit:
        page = visit.page
        rows = page.get_by_test_id("event-row")
        rows.first.wait_for()
        assert rows.count() == 2
        assert page.get_by_test_id("new-since").is_hidden(), "a first visit marks nothing"
        assert page.locator("#timeline").get_attribute("data-unit") == "month"
        assert page.locator("#timeline-title").text_content() == "Events per month, by type"

        page.evaluate("localStorage.setItem('eventwatch.lastVisit', '2000-01-01T00:00:00Z')")
        page.reload()
        rows.first.wait_for()
        assert page.get_by_test_id("new-badge").count() == 2
        assert page.get_by_test_id("new-since").inner_text() == "2 new or updated since your last visit"

        page.get_by_test_id("filter-event-type").select_option("Explosions/Remote violence")
        choices = page.locator("[data-testid=filter-sub-event-type] option")
        options = choices.evaluate_all("els => els.map(e => e.value)")
        assert "Air/drone strike" in options and "Armed clash" not in options
        page.get_by_test_id("filter-sub-event-type").select_option("Air/drone strike")
        # expect() polls from Playwright's side: the page's CSP forbids the eval wait_for_function needs
        expect(page.get_by_test_id("download-csv")).to_have_attribute("href", re.compile("sub_event_type="))
        rows.first.wait_for()
        shown = rows.count()
        href = page.get_by_test_id("download-csv").get_attribute("href")
        assert href is not None and "sub_event_type=Air%2Fdrone+strike" in href
        exported = list(csv.DictReader(io.StringIO(httpx.get(long_range_url + href).text)))
        assert len(exported) == shown and {row["sub_event_type"] for row in exported} == {"Air/drone strike"}
        geojson = page.get_by_test_id("download-geojson").get_attribute("href")
        assert geojson is not None and geojson.startswith("/events.geojson?")
        page.get_by_test_id("filter-sub-event-type").select_option("Shelling/artillery/missile attack")
        expect(page.get_by_test_id("event-count")).to_have_text("0")

        atom = page.get_by_test_id("saved-search").get_by_test_id("atom-link")
        assert atom.get_attribute("href") == "/alerts/kharkiv.atom"
        assert httpx.get(long_range_url + "/alerts/kharkiv.atom").status_code == 200
        page.goto(long_range_url + "/")
        rows.first.wait_for()
        assert page.get_by_test_id("new-badge").count() == 0, "seen on the previous visit"
        assert visit.external == [] and visit.errors == []


def test_api_docs_work_offline(browser: Any, long_range_url: str) -> None:
    with visiting(browser, long_range_url + "/docs") as visit:
        visit.page.locator(".swagger-ui .info .title").wait_for()
        assert "eventwatch" in visit.page.locator(".swagger-ui .info .title").inner_text()
        visit.page.locator(".opblock-summary-path[data-path='/sources']").first.wait_for()
        assert visit.external == [] and visit.errors == []
