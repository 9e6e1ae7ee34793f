"""The analyst's CLI habits (issue 13, item 4): --version, read-only commands on a missing
database, show by event_id_cnty and complete JSON, did-you-mean, narrow tables, export counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from eventwatch import __version__
from eventwatch.cli import app
from eventwatch.cli_views import print_events
from eventwatch.store import open_repository
from tests.monitor.servers import article_html
from tests.monitor.test_watch_alerts import FIRST

runner = CliRunner()


@pytest.fixture(scope="module")
def one_event_db(db_url_factory, tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    url = db_url_factory()
    page = tmp_path_factory.mktemp("news") / "a.html"
    page.write_bytes(article_html(*FIRST))
    result = runner.invoke(app, ["--db", url, "ingest", str(page)])
    assert result.exit_code == 0, result.output
    return str(url)


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"eventwatch {__version__}"


@pytest.mark.parametrize("command", [["events"], ["show", "abcdef12"], ["sites"], ["export", "--format", "csv"]])
def test_read_only_commands_refuse_a_missing_database(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.db"
    result = runner.invoke(app, ["--db", f"sqlite:///{missing}", *command])
    assert result.exit_code == 2
    assert "no database at" in result.stderr and str(missing) in result.stderr
    assert not missing.exists()


def test_show_by_event_id_cnty_and_complete_json(one_event_db: str) -> None:
    (event,) = json.loads(runner.invoke(app, ["--db", one_event_db, "events", "--format", "json"]).stdout)
    result = runner.invoke(app, ["--db", one_event_db, "show", event["event_id_cnty"], "--format", "json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["id"] == event["id"] and shown["event_id_cnty"] == event["event_id_cnty"]
    assert shown["sources"][0]["article_id"] and shown["evidence"] and shown["evidence"][0]["quote"]
    assert {"claims", "links", "versions", "corroboration"} <= set(shown)
    table = runner.invoke(app, ["--db", one_event_db, "show", event["event_id_cnty"].lower()])
    assert table.exit_code == 0 and event["id"] in table.stdout


def test_did_you_mean(one_event_db: str) -> None:
    typo = runner.invoke(app, ["--db", one_event_db, "events", "--type", "air drone strke"])
    assert typo.exit_code == 2 and "did you mean 'Air/drone strike'" in typo.stderr
    code = runner.invoke(app, ["--db", one_event_db, "events", "--country", "UKR"])
    assert code.exit_code == 2 and "did you mean 'Ukraine'" in code.stderr
    fine = runner.invoke(app, ["--db", one_event_db, "events", "--type", "explosions/remote violence"])
    assert fine.exit_code == 0 and "1 event(s)" in fine.stdout


def test_export_says_how_many_rows(one_event_db: str, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = runner.invoke(app, ["--db", one_event_db, "export", "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0 and f"wrote 1 event(s) to {target}" in result.stderr


@pytest.mark.parametrize("width", [80, 100])
def test_event_table_fits_the_terminal(one_event_db: str, width: int) -> None:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    print_events(open_repository(one_event_db).list_events(), "table", console)
    lines = console.export_text().splitlines()
    assert lines and max(len(line) for line in lines) <= width
    assert any("Kharkiv" in line for line in lines)


def test_ingest_knows_its_total_for_plain_files(tmp_path: Path) -> None:
    from eventwatch.cli_common import known_total

    (tmp_path / "a.html").write_bytes(article_html(*FIRST))
    (tmp_path / "b.txt").write_text(FIRST[1])
    (tmp_path / "c.jsonl").write_text("{}\n")
    assert known_total([str(tmp_path / "a.html"), str(tmp_path / "b.txt")]) == 2
    assert known_total([str(tmp_path)]) is None  # a JSONL file holds any number of documents
    assert known_total(["https://example.org/story"]) is None
