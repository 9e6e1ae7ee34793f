"""The CLI end to end on the demo corpus: ingest, events in every format, show, sites,
idempotent re-ingest, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwatch.cli import app
from eventwatch.export import ACLED_COLUMNS
from eventwatch.store import open_repository
from eventwatch.store.migrate import head_revision

from .conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(db_url_factory: Callable[[], str]) -> str:
    url = db_url_factory()
    result = runner.invoke(app, ["--db", url, "ingest", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    return url


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_demo_ingest_finds_events_from_several_outlets(demo_db: str) -> None:
    events = json.loads(_run("--db", demo_db, "events", "--format", "json"))
    assert len(events) >= 15
    assert any(len(e["sources"]) >= 2 for e in events), "some incident should be merged across outlets"
    first = events[0]
    assert list(first)[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert {"id", "site", "sources"} <= set(first)


def test_reingest_changes_nothing(demo_db: str) -> None:
    repo = open_repository(demo_db)
    before = repo.snapshot()
    result = runner.invoke(app, ["--db", demo_db, "ingest", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    assert "0 new article(s)" in result.stdout
    assert repo.snapshot() == before


def test_filters_and_formats(demo_db: str) -> None:
    russia = json.loads(_run("--db", demo_db, "events", "--country", "russia", "--format", "json"))
    assert russia and all(e["country"] == "Russia" for e in russia)
    strikes = json.loads(_run("--db", demo_db, "events", "--type", "Air/drone strike", "--format", "json"))
    assert strikes and all(e["sub_event_type"] == "Air/drone strike" for e in strikes)
    rows = list(csv.DictReader(io.StringIO(_run("--db", demo_db, "events", "--format", "csv"))))
    assert rows and list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    geo = json.loads(_run("--db", demo_db, "events", "--format", "geojson"))
    assert geo["type"] == "FeatureCollection"
    points = [f for f in geo["features"] if f["geometry"]]
    assert points and all(-180 <= f["geometry"]["coordinates"][0] <= 180 for f in points)
    assert "event(s)" in _run("--db", demo_db, "events", "--since", "2024-01-01")


def test_show_prints_sources_claims_and_evidence(demo_db: str) -> None:
    events = json.loads(_run("--db", demo_db, "events", "--format", "json"))
    merged = max(events, key=lambda e: len(e["sources"]))
    shown = _run("--db", demo_db, "show", merged["id"][:8])
    assert "Sources (" in shown and "sub_event_type:" in shown and "“" in shown


def test_sites_lists_named_facilities(demo_db: str) -> None:
    shown = _run("--db", demo_db, "sites")
    assert "Novoshakhtinsk refinery" in shown and "Engels airbase" in shown


def test_unknown_event_is_a_one_line_error(demo_db: str) -> None:
    result = runner.invoke(app, ["--db", demo_db, "show", "ffffffffffff"])
    assert result.exit_code != 0
    assert result.stderr.startswith("Error:") and result.stderr.count("\n") == 1


def test_missing_path_fails_cleanly(tmp_path: Path, db_url: str) -> None:
    result = runner.invoke(app, ["--db", db_url, "ingest", str(tmp_path / "nope.html")])
    assert result.exit_code != 0
    assert "nope.html" in result.stderr


def test_bad_date_option_is_an_error(demo_db: str) -> None:
    result = runner.invoke(app, ["--db", demo_db, "events", "--since", "yesterday"])
    assert result.exit_code != 0 and "Error:" in result.stderr


def test_bad_documents_are_reported_and_nothing_stored_is_lost(demo_db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "junk.html").write_bytes(bytes(range(256)) * 40)
    (bad / "cut.html").write_text("<html><head><title>Cut</title></head><body><p>Only a few words and")
    (bad / "broken.xml").write_text("<?xml version='1.0'?><rss><channel><item><title>x</ti")
    (bad / "archive.warc.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    repo = open_repository(demo_db)
    before = repo.snapshot()
    result = runner.invoke(app, ["--db", demo_db, "ingest", str(bad)])
    assert result.exit_code == 1  # nothing in the batch could be read
    assert result.stderr.count("rejected") == 5
    after = repo.snapshot()
    assert {k: v for k, v in after.items() if k != "rejected"} == {k: v for k, v in before.items() if k != "rejected"}
    assert len(after["rejected"]) == len(before["rejected"]) + 5
    again = runner.invoke(app, ["--db", demo_db, "ingest", str(bad)])
    assert again.exit_code == 1 and repo.snapshot() == after


def test_classify_prints_label_and_sub_event_type() -> None:
    shown = json.loads(_run("classify", "Warplanes bombed a market in the town, killing nine people."))
    assert shown["label"] == "AIR_STRIKE" and shown["sub_event_type"] == "Air/drone strike"


def test_classify_refuses_empty_text() -> None:
    result = runner.invoke(app, ["classify", "  "])
    assert result.exit_code != 0 and result.stderr.startswith("Error:") and "empty" in result.stderr


def test_eval_case2021_on_a_small_file(tmp_path: Path) -> None:
    tsv = tmp_path / "mini.tsv"
    tsv.write_text("id\tEventSnippet\tSubType\n1\tGunmen abducted four aid workers on the road.\tABDUCT_DISSAP\n"
                   "2\tThousands marched peacefully through the capital.\tPEACE_PROTEST\n")
    report = json.loads(_run("eval", "case2021", str(tsv), "--json"))
    assert report["n"] == 2 and set(report) >= {"subtask1", "subtask2", "subtask3", "per_label"}
    result = runner.invoke(app, ["eval", "case2021", str(tmp_path / "missing.tsv")])
    assert result.exit_code != 0 and result.stderr.startswith("Error:")


def test_site_shows_one_sites_history(demo_db: str) -> None:
    shown = _run("--db", demo_db, "site", "novoshakhtinsk")
    assert "1 site(s)" in shown and "2024-05-11" in shown and "2024-05-29" in shown
    missing = runner.invoke(app, ["--db", demo_db, "site", "no such plant"])
    assert missing.exit_code != 0 and missing.stderr.startswith("Error:")


def test_db_current_and_upgrade(db_url: str) -> None:
    head = head_revision()
    assert f"current (none), head {head}" in _run("--db", db_url, "db", "current")
    assert f"is at revision {head}" in _run("--db", db_url, "db", "upgrade")
    assert "up to date" in _run("--db", db_url, "db", "current")



@pytest.mark.parametrize("command", ["gazetteer-build", "export"])
def test_a_file_that_cannot_be_written_is_a_one_line_error(tmp_path: Path, demo_db: str, command: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")  # a file where a folder should be
    args = {
        "gazetteer-build": ["gazetteer", "build", "--path", str(blocker / "index.sqlite")],
        "export": ["--db", demo_db, "export", "--format", "csv", "-o", str(blocker / "events.csv")],
    }[command]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: cannot write") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("command", [["serve"], ["events"], ["db", "current"], ["sites"]])
def test_an_unusable_database_url_is_a_one_line_error(command: list[str]) -> None:
    result = runner.invoke(app, ["--db", "not a database url", *command])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: cannot use database URL") and result.stderr.count("\n") == 1
