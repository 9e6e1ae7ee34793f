"""A chunk transaction that loses a race with another writer is run again, not lost."""

from __future__ import annotations

from typing import Any

import pytest

import eventwatch.pipeline as pipeline
from eventwatch.errors import StoreConflict
from eventwatch.store import open_repository

from .conftest import EXAMPLES


def test_conflicting_chunk_is_retried(
    db_url_factory: Any, settings: Any, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = open_repository(db_url_factory())
    pipeline.ingest([str(EXAMPLES)], settings, expected, services)
    real, calls = pipeline._write_chunk, [0]

    def flaky(*args: Any) -> pipeline.IngestReport:
        calls[0] += 1
        if calls[0] % 2:  # every chunk's first attempt fails (and is rolled back)
            raise StoreConflict("could not serialize access due to concurrent update")
        return real(*args)

    monkeypatch.setattr(pipeline, "_write_chunk", flaky)
    monkeypatch.setattr(pipeline.time, "sleep", lambda _: None)
    repo = open_repository(db_url_factory())
    report = pipeline.ingest([str(EXAMPLES)], settings, repo, services)
    assert report.articles == expected.counts()["articles"]
    assert repo.snapshot() == expected.snapshot()


def test_a_conflict_that_persists_is_raised(
    db_url: str, settings: Any, services: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def always(*_: Any) -> pipeline.IngestReport:
        raise StoreConflict("database is locked")

    monkeypatch.setattr(pipeline, "_write_chunk", always)
    monkeypatch.setattr(pipeline.time, "sleep", lambda _: None)
    with pytest.raises(StoreConflict):
        pipeline.ingest([str(EXAMPLES)], settings, open_repository(db_url), services)
