"""The process pool: a worker's failure stops the ingest with that error, and everything
before the failing chunk is stored (however far ahead the workers were extracting)."""

from __future__ import annotations

import pytest

import eventwatch.pipeline as pipeline
import eventwatch.scale.pool as pool
from eventwatch.extract.assemble import Services
from eventwatch.ingest import read_sources
from eventwatch.records import Article, Mention
from eventwatch.scale import open_extractor
from eventwatch.settings import Settings
from eventwatch.store import open_repository

from ..conftest import EXAMPLES

FAILING = 7  # the 8th article: in the third chunk of three


def test_a_worker_error_stops_the_ingest_after_the_chunks_before_it(
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
    monkeypatch.setattr(pool, "extract_mentions", extract)  # forked workers inherit it
    repo = open_repository(db_url)
    with pytest.raises(RuntimeError, match="extraction failed"), open_extractor(workers=2) as run:
        pipeline.ingest_items(items, settings, repo, extract=run)
    assert repo.stored_article_ids([item.id for item in items]) == {item.id for item in items[:6]}
