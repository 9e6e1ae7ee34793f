"""Wire copies and light republications are linked to their original and never count as a
second, independent report (resolve/duplicates.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from eventwatch.ingest import read_sources
from eventwatch.pipeline import ingest
from eventwatch.records import Article, Event
from eventwatch.resolve import resolve_article
from eventwatch.resolve.duplicates import link_copy
from eventwatch.store import Repository, open_repository

from ..store.builders import make_mention

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audit"
ORIGINAL = FIXTURES / "harbour-post-klintsy-depot.txt"
WIRE_COPY = FIXTURES / "valley-courier-klintsy-depot-copy.txt"  # new headline, boilerplate, trimmed
OTHER_REPORT = FIXTURES / "plains-gazette-klintsy-depot.txt"  # same incident, the outlet's own words


def _ingest(url: str, settings, services, *paths: Path) -> Repository:  # type: ignore[no-untyped-def]
    repo = open_repository(url)
    ingest([str(p) for p in paths], settings, repo, services)
    return repo


def _strike(repo: Repository) -> Event:
    """The depot strike (the interception the reports mention over the region is its own event)."""
    (event,) = [e for e in repo.list_events() if e.mention.sub_event_type != "Disrupted weapons use"]
    return event


def _sources_by_outlet(repo: Repository) -> dict[str | None, str | None]:
    return {source.outlet: source.duplicate_of for source in _strike(repo).sources}


def _article_id(repo: Repository, outlet: str) -> str:
    return next(s.article_id for e in repo.list_events() for s in e.sources if s.outlet == outlet)


def test_wire_copy_is_linked_to_its_original_and_flagged(db_url, settings, services) -> None:  # type: ignore[no-untyped-def]
    repo = _ingest(db_url, settings, services, ORIGINAL, WIRE_COPY)
    flags = _sources_by_outlet(repo)
    assert flags == {"Harbour Post": None, "Valley Courier": _article_id(repo, "Harbour Post")}


def test_another_outlets_report_of_the_same_incident_is_not_a_copy(db_url, settings, services) -> None:  # type: ignore[no-untyped-def]
    repo = _ingest(db_url, settings, services, ORIGINAL, OTHER_REPORT)
    assert _sources_by_outlet(repo) == {"Harbour Post": None, "Plains Gazette": None}


def test_detection_is_incremental_across_runs(db_url, settings, services) -> None:  # type: ignore[no-untyped-def]
    first = _ingest(db_url, settings, services, ORIGINAL)
    first.engine.dispose()
    second = _ingest(db_url, settings, services, WIRE_COPY)
    assert _sources_by_outlet(second)["Valley Courier"] == _article_id(second, "Harbour Post")


def test_the_earliest_published_article_is_the_original_whatever_the_order(db_url, settings, services) -> None:  # type: ignore[no-untyped-def]
    repo = _ingest(db_url, settings, services, WIRE_COPY)
    _ingest(db_url, settings, services, ORIGINAL)
    original = _article_id(repo, "Harbour Post")
    assert _sources_by_outlet(repo) == {"Harbour Post": None, "Valley Courier": original}
    event = _strike(repo)
    history = [
        (v.kind, [(c.field, c.new) for c in v.changes if c.field == "duplicate_of"])
        for v in repo.event_history(event.id)
    ]
    assert history == [("created", []), ("field_changed", [("duplicate_of", original)]), ("source_added", [])]


def _article(path: Path, settings) -> Article:  # type: ignore[no-untyped-def]
    (article,) = read_sources([str(path)], settings)
    assert isinstance(article, Article)
    return article


def test_a_copy_joins_its_originals_event_even_when_its_fields_disagree(db_url, settings) -> None:  # type: ignore[no-untyped-def]
    """A copy whose extraction went astray (another date: no normal match) still adds a
    source to the original's event, never a second event, and leaves its fields alone."""
    repo = open_repository(db_url)
    original, copy = _article(ORIGINAL, settings), _article(WIRE_COPY, settings)
    with repo.transaction() as tx:
        tx.add_article(original)
        assert link_copy(tx, original, settings.duplicates) is None
        resolve_article(tx, original, [make_mention(original)], settings.resolve)
        tx.add_article(copy)
        linked = link_copy(tx, copy, settings.duplicates)
        astray = replace(make_mention(copy), event_date=date(2024, 3, 20), fatalities=9)
        resolve_article(tx, copy, [astray], settings.resolve)
    assert linked is not None and linked.original == original.id and linked.similarity >= 0.8
    event = _strike(repo)
    assert {s.article_id: s.duplicate_of for s in event.sources} == {original.id: None, copy.id: original.id}
    assert event.mention.event_date == date(2024, 3, 12) and event.mention.fatalities == 0


@pytest.mark.parametrize("path", [OTHER_REPORT, FIXTURES / "ridge-times-klintsy-depot.txt"])
def test_independent_reports_get_no_link(db_url, settings, path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = open_repository(db_url)
    with repo.transaction() as tx:
        for article in (_article(ORIGINAL, settings), _article(path, settings)):
            tx.add_article(article)
            assert link_copy(tx, article, settings.duplicates) is None
