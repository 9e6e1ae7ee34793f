"""Storage faults (issue 15, item 6): a database written by a newer eventwatch, a database on
a read-only filesystem, a corrupted file. Each gives one clear error (never a traceback), and
nothing stored before the fault is lost."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from eventwatch.cli import app
from eventwatch.errors import StoreError
from eventwatch.records import Rejected
from eventwatch.store import Repository, engine, open_repository

runner = CliRunner()


def _filled(url: str, rows: int = 5) -> Repository:
    repo = open_repository(url)
    with repo.transaction() as tx:
        for n in range(rows):
            tx.add_rejected(Rejected(stage="ingest", reason=f"reason {n} " + "x" * 300, origin=f"doc-{n}"))
    return repo


def test_a_newer_schema_revision_is_one_clear_line(db_url: str) -> None:
    repo = _filled(db_url)
    with repo.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    repo.engine.dispose()
    message = "this database was written by a newer eventwatch (revision 9999_future); upgrade eventwatch"
    with pytest.raises(StoreError, match=r"newer eventwatch \(revision 9999_future\)"):
        open_repository(db_url)
    result = runner.invoke(app, ["--db", db_url, "events"])
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {message}"
    assert "Traceback" not in result.output


def test_a_read_only_database_is_read_and_a_write_is_one_error(
    sqlite_db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _filled(sqlite_db_url).engine.dispose()
    monkeypatch.setattr(engine, "_writable", lambda _path: False)  # what a read-only mount reports
    repo = open_repository(sqlite_db_url)
    assert repo.counts()["rejected"] == 5
    assert "mode=ro" in str(repo.engine.url)
    with pytest.raises(StoreError, match="readonly database"), repo.transaction() as tx:
        tx.add_rejected(Rejected(stage="ingest", reason="new", origin="doc-new"))
    listed = runner.invoke(app, ["--db", sqlite_db_url, "events"])
    assert listed.exit_code == 0, listed.output
    ingest = runner.invoke(app, ["--db", sqlite_db_url, "ingest", "/nonexistent/file.txt"])
    assert ingest.exit_code != 0
    assert ingest.output.count("Error:") == 1 and "readonly database" in ingest.output
    assert "Traceback" not in ingest.output
    monkeypatch.undo()
    assert open_repository(sqlite_db_url).counts()["rejected"] == 5  # nothing lost


def _corrupt(path: Path) -> None:
    """Overwrite the last third of the file's pages (the rejected table's rows) with noise."""
    data = bytearray(path.read_bytes())
    page = 4096
    pages = len(data) // page
    noise = random.Random(7)
    for number in range(pages - pages // 3, pages):
        start = number * page + 8
        data[start : start + page - 8] = bytes(noise.randrange(256) for _ in range(page - 8))
    path.write_bytes(bytes(data))


def test_a_corrupted_file_fails_ingest_and_health(sqlite_db_url: str) -> None:
    from fastapi.testclient import TestClient

    from eventwatch.api.app import create_app
    from eventwatch.settings import Settings

    _filled(sqlite_db_url, rows=1000).engine.dispose()  # rows fill well over the last third of the pages
    path = Path(sqlite_db_url.removeprefix("sqlite:///"))
    _corrupt(path)
    result = runner.invoke(app, ["--db", sqlite_db_url, "ingest", "/nonexistent/file.txt"])
    assert result.exit_code != 0
    assert "Error: the database is damaged or unreadable" in result.output
    assert "Traceback" not in result.output
    with TestClient(create_app(Settings().with_db(sqlite_db_url)), raise_server_exceptions=False) as api:
        health = api.get("/health")
        assert health.status_code == 503
        assert health.json()["ok"] is False and "cannot be read" in health.json()["error"]
