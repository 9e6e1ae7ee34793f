"""The event audit trail through the CLI: versions, show --history, split, edit."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventwatch.cli import app
from eventwatch.ingest import read_sources
from eventwatch.records import Article
from eventwatch.resolve import resolve_article
from eventwatch.settings import load_settings
from eventwatch.store import open_repository

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "audit"
HARBOUR = FIXTURES / "harbour-post-klintsy-depot.txt"
PLAINS = FIXTURES / "plains-gazette-klintsy-depot.txt"  # another outlet's report of the incident
RIDGE = FIXTURES / "ridge-times-klintsy-depot.txt"  # a third report, ingested later
PLAINS_COPY = FIXTURES / "lowland-herald-klintsy-depot-copy.txt"  # republishes Plains Gazette


def _run(db: str, *args: str) -> str:
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _events(db: str) -> list[dict[str, Any]]:
    """The depot strike's events (the interceptions the reports mention over the region are
    events of their own, not what these tests correct)."""
    found: list[dict[str, Any]] = json.loads(_run(db, "events", "--format", "json"))
    return [e for e in found if e["sub_event_type"] != "Disrupted weapons use"]


def _history(db: str, event_id: str) -> list[dict[str, Any]]:
    return json.loads(_run(db, "show", event_id, "--history", "--format", "json"))  # type: ignore[no-any-return]


def _article_id(path: Path) -> str:
    (article,) = read_sources([str(path)], load_settings(env={}))
    assert isinstance(article, Article)
    return article.id


@pytest.fixture
def merged(db_url: str) -> tuple[str, str]:
    """Two outlets' reports of one incident, merged into one event: (db, event id)."""
    _run(db_url, "ingest", str(HARBOUR), str(PLAINS))
    (event,) = _events(db_url)
    return db_url, event["id"]


def test_each_change_is_a_version_with_what_changed(merged: tuple[str, str]) -> None:
    db, event_id = merged
    history = _history(db, event_id)
    assert [(v["version"], v["kind"]) for v in history] == [(1, "created"), (2, "source_added")]
    assert [v["article_id"] for v in history] == [_article_id(HARBOUR), _article_id(PLAINS)]
    created = {c["field"]: c["new"] for c in history[0]["changes"]}
    assert created["location"] == "Klintsy" and created["event_date"] == "2024-08-14"
    assert all(c["old"] is None for c in history[0]["changes"])
    table = _run(db, "show", event_id[:8], "--history")
    assert "created" in table and "source_added" in table


def test_split_undoes_a_merge_and_survives_reingestion(merged: tuple[str, str]) -> None:
    db, event_id = merged
    plains = _article_id(PLAINS)
    _run(db, "split", event_id[:8], "--article", plains[:10], "--reason", "two different depots")
    events = {e["id"]: e for e in _events(db)}
    assert len(events) == 2 and events[event_id]["sources"] == [_article_id(HARBOUR)]
    (new_id,) = set(events) - {event_id}
    assert events[new_id]["sources"] == [plains]
    for eid in (event_id, new_id):
        last = _history(db, eid)[-1]
        assert last["kind"] == "split" and "two different depots" in last["reason"]
    _run(db, "ingest", str(HARBOUR), str(PLAINS))  # re-ingestion changes nothing
    _run(db, "ingest", str(PLAINS_COPY))  # a copy of the split-off report follows it
    _run(db, "ingest", str(RIDGE))  # a new report joins one of the two
    after = {e["id"]: e for e in _events(db)}
    assert set(after) == {event_id, new_id}
    assert _article_id(PLAINS_COPY) in after[new_id]["sources"]
    assert len(after[event_id]["sources"]) + len(after[new_id]["sources"]) == 4


def test_the_matcher_honours_a_do_not_merge_constraint(merged: tuple[str, str]) -> None:
    db, event_id = merged
    repo = open_repository(db)
    (_, reported), _ = repo.event_mentions(event_id)
    placed: dict[bool, str] = {}
    for blocked in (False, True):
        other = Article.build(f"Another report of the Klintsy depot fire (blocked: {blocked}).", "text")
        mention = replace(reported, article_id=other.id, index=0, claims=(), evidence={})
        with repo.transaction() as tx:
            tx.add_article(other)
            if blocked:
                tx.block_merge(other.id, [_article_id(HARBOUR)], "kept apart by hand")
            (placed[blocked],) = resolve_article(tx, other, [mention], load_settings(env={}).resolve)
    assert placed == {False: event_id, True: placed[True]} and placed[True] != event_id


def test_edits_are_versioned_and_survive_new_sources_and_reingestion(merged: tuple[str, str]) -> None:
    db, event_id = merged
    why = "hospital later confirmed a death"
    _run(db, "edit", event_id[:8], "fatalities=1", "actor2=Civilians (Russia)", "--reason", why)
    last = _history(db, event_id)[-1]
    assert last["kind"] == "edited" and last["reason"] == why
    assert {c["field"]: (c["old"], c["new"]) for c in last["changes"]}["fatalities"] == (0, 1)
    _run(db, "ingest", str(RIDGE))
    _run(db, "ingest", str(HARBOUR), str(PLAINS), str(RIDGE))
    (event,) = _events(db)
    assert event["fatalities"] == 1 and event["actor2"] == "Civilians (Russia)" and len(event["sources"]) == 3
    assert [v["kind"] for v in _history(db, event_id)] == ["created", "source_added", "edited", "source_added"]


def test_editing_the_sub_event_type_brings_its_event_type(merged: tuple[str, str]) -> None:
    db, event_id = merged
    _run(db, "edit", event_id, "sub_event_type=Shelling/artillery/missile attack", "event_date=2024-08-13")
    (event,) = _events(db)
    assert (event["event_type"], event["sub_event_type"], event["event_date"]) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        "2024-08-13",
    )


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["edit", "ffffffffffff", "fatalities=1"], "no event"),
        (["edit", "{id}", "casualties=3"], "unknown field"),
        (["edit", "{id}", "sub_event_type=Skirmish"], "not one of"),
        (["edit", "{id}", "event_date=2024-13-40"], "not a valid date"),
        (["edit", "{id}", "fatalities=many"], "not a valid int"),
        (["edit", "{id}", "fatalities=-2"], "out of range"),
        (["edit", "{id}", "event_type=Protests"], "set sub_event_type too"),
        (["edit", "{id}", "fatalities"], "FIELD=VALUE"),
        (["split", "{id}", "--article", "0000000000"], "sources"),
    ],
)
def test_bad_corrections_are_one_line_errors(merged: tuple[str, str], args: list[str], needle: str) -> None:
    db, event_id = merged
    before = _history(db, event_id)
    result = runner.invoke(app, ["--db", db, *(a.format(id=event_id) for a in args)])
    assert result.exit_code != 0
    assert result.stderr.startswith("Error:") and result.stderr.count("\n") == 1 and needle in result.stderr
    assert _history(db, event_id) == before


def test_the_only_source_cannot_be_split_off(db_url: str) -> None:
    _run(db_url, "ingest", str(HARBOUR))
    (event,) = _events(db_url)
    result = runner.invoke(app, ["--db", db_url, "split", event["id"], "--article", _article_id(HARBOUR)])
    assert result.exit_code != 0 and "only source" in result.stderr


def test_merge_joins_two_events_and_lifts_their_split(merged: tuple[str, str]) -> None:
    db, event_id = merged
    plains = _article_id(PLAINS)
    _run(db, "split", event_id, "--article", plains, "--reason", "looked like two depots")
    _run(db, "edit", event_id, "fatalities=2", "--reason", "from the governor")
    (other,) = {e["id"] for e in _events(db)} - {event_id}
    _run(db, "edit", other, "injuries=4", "fatalities=9", "--reason", "hospital figure")
    _run(db, "merge", event_id[:8], other[:8], "--reason", "one depot after all")
    (event,) = _events(db)
    assert event["id"] == event_id and sorted(event["sources"]) == sorted([_article_id(HARBOUR), plains])
    assert event["fatalities"] == 2 and event["injuries"] == 4  # the kept event's corrections win
    last = _history(db, event_id)[-1]
    assert last["kind"] == "merged" and "one depot after all" in last["reason"] and other in last["reason"]
    result = runner.invoke(app, ["--db", db, "show", other])
    assert result.exit_code != 0 and "no event" in result.stderr
    _run(db, "ingest", str(PLAINS_COPY))  # the split's constraint is gone: the copy joins the event
    (after,) = _events(db)
    assert _article_id(PLAINS_COPY) in after["sources"]


def test_an_event_cannot_be_merged_into_itself(merged: tuple[str, str]) -> None:
    db, event_id = merged
    result = runner.invoke(app, ["--db", db, "merge", event_id, event_id[:8]])
    assert result.exit_code != 0 and "same event" in result.stderr
    assert len(_history(db, event_id)) == 2
