"""The process pool: a worker's failure on one article rejects that article only; every other
article of the batch, before and after it, is stored (however far ahead the workers were)."""

from __future__ import annotations

import pytest

import eventwatch.extract.assemble as assemble
import eventwatch.pipeline as pipeline
from eventwatch.extract.assemble import Services
from eventwatch.ingest import read_sources
from eventwatch.records import Article, Mention
from eventwatch.scale import open_extractor
from eventwatch.settings import Settings
from eventwatch.store import open_repository

from ..conftest import EXAMPLES

FAILING = 7  # the 8th article: in the third chunk of three


def test_a_worker_error_rejects_only_its_article(
    settings: Settings, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = settings.with_db(db_url)
    items = [item for item in read_sources([str(EXAMPLES / "text")], settings) if isinstance(item, Article)]
    failing = items[FAILING].id

    def extract(article: Article, _services: Services) -> list[Mention]:  # no NER: mentionless
        if article.id == failing:
            raise RuntimeError("extraction failed")
        return []

    monkeypatch.setattr(pipeline, "CHUNK", 3)
    monkeypatch.setattr(assemble, "extract_mentions", extract)  # forked workers inherit it
    repo = open_repository(db_url)
    with open_extractor(workers=2) as run:
        report = pipeline.ingest_items(items, settings, repo, extract=run)
    stored = repo.stored_article_ids([item.id for item in items])
    assert stored == {item.id for item in items} - {failing}
    [rejected] = report.rejected
    assert (rejected.stage, rejected.code) == ("extract", "internal_error")
    assert "RuntimeError: extraction failed" in rejected.reason
