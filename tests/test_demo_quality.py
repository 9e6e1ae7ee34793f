"""The demo corpus against its gold file (examples/gold.json, written with the corpus):
every incident is found with its type and region, reports of one incident from several
outlets merge, and the non-event articles yield nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from eventwatch.evaluate.demo import article_ids, report_key
from eventwatch.pipeline import ingest
from eventwatch.records import Event
from eventwatch.store import open_repository

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def demo(db_url_factory: Callable[[], str], settings: Any, services: Any) -> tuple[list[Event], dict[str, str]]:
    ids = article_ids(EXAMPLES, settings)
    repo = open_repository(db_url_factory())
    ingest([str(EXAMPLES)], settings, repo, services)
    return repo.list_events(), ids


GOLD = json.loads((EXAMPLES / "gold.json").read_text())


@pytest.mark.parametrize("incident", GOLD["incidents"], ids=lambda i: i["id"])
def test_incident_found_and_merged(incident: dict[str, Any], demo: tuple[list[Event], dict[str, str]]) -> None:
    events, ids = demo
    reports = {ids[report_key(r)] for r in incident["reports"] if r.get("role") != "background"}
    background = {ids[report_key(r)] for r in incident["reports"]} - reports  # may join, need not
    found = [e for e in events if reports & {s.article_id for s in e.sources}
             and e.mention.sub_event_type == incident["sub_event_type"]]
    assert found, f"no {incident['sub_event_type']} event from {incident['id']}'s reports"
    best = max(found, key=lambda e: len(reports & {s.article_id for s in e.sources}))
    assert {s.article_id for s in best.sources} <= reports | background, "merged with another incident's report"
    assert best.mention.country == incident["country"]
    assert (best.mention.admin1 or "").split()[0] in incident["admin1"]


def test_reports_of_one_incident_merge(demo: tuple[list[Event], dict[str, str]]) -> None:
    events, ids = demo
    merged = 0
    for incident in GOLD["incidents"]:
        reports = {ids[report_key(r)] for r in incident["reports"] if r.get("role") != "background"}
        merged += any(reports <= {s.article_id for s in e.sources} for e in events)
    assert merged >= 17, f"only {merged} of {len(GOLD['incidents'])} incidents have all their reports merged"


def test_non_event_articles_yield_no_event(demo: tuple[list[Event], dict[str, str]]) -> None:
    events, ids = demo
    quiet = {ids[f] for f in GOLD["non_event_files"]}
    assert not [e.mention.notes for e in events if quiet & {s.article_id for s in e.sources}]


def test_no_more_events_than_incidents_allow(demo: tuple[list[Event], dict[str, str]]) -> None:
    events, _ = demo
    assert len(events) <= len(GOLD["incidents"]) + 8  # linked interceptions and sub-incidents are extra events
