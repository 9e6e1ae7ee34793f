"""Every document is isolated (issue 15, item 1): a document that makes a reader, a decoder or
extraction fail becomes one Rejected record with a short reason, and the rest of its batch is
stored. Each class of bad document the issue lists has a case here."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwatch.cli import app
from eventwatch.records import MAX_REASON_CHARS
from eventwatch.store import Repository, open_repository

runner = CliRunner()
GOOD = (
    "Drone strike on a depot\n\nA drone struck a fuel depot in Belgorod on Tuesday, the regional governor "
    "said, adding that nobody was hurt. Firefighters put out the blaze within two hours and the depot's "
    "operator said the damage was limited to one storage tank. Officials gave no further details."
)


def _good(folder: Path, name: str) -> None:
    (folder / name).write_text(f"---\npublished: 2025-05-06\n---\n{GOOD} ({name})\n")


def _texts(repo: Repository) -> list[str]:
    rows = (" ".join(map(str, row)) for row in repo.snapshot()["articles"])
    return [row for row in rows if "A drone struck a fuel depot" in row]


def _bad_documents(folder: Path) -> list[str]:
    """Bad documents of the classes issue 15 names; returns their file names."""
    deep = "[" * 10_000 + "]" * 10_000
    (folder / "huge-int.jsonl").write_text(json.dumps({"text": GOOD})[:-1] + ', "n": ' + "9" * 5000 + "}\n")
    (folder / "deep.jsonl").write_text('{"text": "x", "nested": ' + deep + "}\n")
    (folder / "surrogate.jsonl").write_text(json.dumps({"text": GOOD + " \\ud800 end"}).replace("\\\\ud800", "\\ud800"))
    (folder / "sidecar.txt").write_text(GOOD)
    (folder / "sidecar.txt.meta.json").write_text('{"title": ' + "7" * 5000 + "}")
    warc = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999\r\n\r\nHTTP/1.1 200 OK\r\n"
    (folder / "mutated.warc").write_bytes(warc)
    (folder / "bomb.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\n" + b"A" * 5_000_000))
    return ["huge-int.jsonl", "deep.jsonl", "sidecar.txt", "mutated.warc", "bomb.warc.gz"]


def test_bad_documents_are_rejected_one_by_one_and_the_batch_is_stored(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    _good(folder, "a-first.txt")
    bad = _bad_documents(folder)
    _good(folder, "z-last.txt")
    result = runner.invoke(app, ["--db", db_url, "ingest", str(folder)])
    assert "Traceback" not in result.output
    repo = open_repository(db_url)
    rejected = repo.list_rejected()
    for name in bad:
        assert any(name in item.origin for item in rejected), (name, rejected)
    assert all(len(item.reason) <= MAX_REASON_CHARS for item in rejected)
    texts = _texts(repo)
    assert any("(a-first.txt)" in t for t in texts) and any("(z-last.txt)" in t for t in texts)
    assert any("\ufffd" in t for t in texts)  # the lone surrogate became U+FFFD, the article kept


@pytest.mark.skipif(os.name != "posix", reason="file names that are not UTF-8 exist only on POSIX")
def test_a_file_name_that_is_not_utf8_is_read_or_rejected_without_a_crash(tmp_path: Path, db_url: str) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(f"---\npublished: 2025-05-06\n---\n{GOOD}\n")
    result = runner.invoke(app, ["--db", db_url, "ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert len(_texts(open_repository(db_url))) == 1


def test_a_failure_inside_extraction_rejects_only_that_article(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eventwatch.extract.assemble as assemble

    real = assemble.extract_mentions

    def flaky(article, services):  # type: ignore[no-untyped-def]
        if "(boom.txt)" in article.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(article, services)

    monkeypatch.setattr(assemble, "extract_mentions", flaky)
    folder = tmp_path / "extract"
    folder.mkdir()
    for name in ("a.txt", "boom.txt", "c.txt"):
        _good(folder, name)
    runner.invoke(app, ["--db", db_url, "ingest", str(folder)])
    repo = open_repository(db_url)
    assert len(_texts(repo)) == 2
    [item] = [r for r in repo.list_rejected() if r.stage == "extract"]
    assert item.code == "internal_error" and "RecursionError" in item.reason
