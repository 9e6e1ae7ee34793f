"""A per-document wall-clock budget (issue 15, item 2): a document whose extraction is stuck is
rejected as "time budget exceeded" and every other article of the run is stored, in this
process and in the worker pool. The slow extractor is injected; nothing here asserts a speed."""

from __future__ import annotations

import time

import pytest

import eventwatch.extract.assemble as assemble
import eventwatch.pipeline as pipeline
from eventwatch.errors import ConfigError
from eventwatch.extract.assemble import Services
from eventwatch.ingest import read_sources
from eventwatch.records import Article, Mention
from eventwatch.scale import open_extractor
from eventwatch.settings import Settings, load_settings
from eventwatch.store import open_repository

from ..conftest import EXAMPLES

STUCK = 4  # the 5th article: in the second chunk of three


def _stuck_extractor(stuck_id: str, how: str):  # type: ignore[no-untyped-def]
    def extract(article: Article, _services: Services) -> list[Mention]:  # no NER: mentionless
        if article.id == stuck_id:
            if how == "sleep":
                time.sleep(3600)
            while True:  # a busy loop, as a runaway regex or parser would be
                pass
        return []

    return extract


@pytest.mark.parametrize(("workers", "how"), [(1, "busy"), (2, "sleep"), (2, "busy")])
def test_a_stuck_document_is_rejected_and_the_run_goes_on(
    settings: Settings, db_url: str, monkeypatch: pytest.MonkeyPatch, workers: int, how: str
) -> None:
    settings = settings.with_db(db_url)
    items = [item for item in read_sources([str(EXAMPLES / "text")], settings) if isinstance(item, Article)]
    stuck = items[STUCK].id
    monkeypatch.setattr(pipeline, "CHUNK", 3)
    monkeypatch.setattr(assemble, "extract_mentions", _stuck_extractor(stuck, how))  # forked workers inherit it
    repo = open_repository(db_url)
    with open_extractor(workers=workers, budget=1.0) as run:
        report = pipeline.ingest_items(items, settings, repo, extract=run)
    assert repo.stored_article_ids([item.id for item in items]) == {item.id for item in items} - {stuck}
    [rejected] = report.rejected
    assert (rejected.stage, rejected.code) == ("extract", "time_budget")
    assert rejected.reason.startswith("time budget exceeded")
    assert [r.code for r in repo.list_rejected()] == ["time_budget"]


def test_the_default_extractor_takes_the_budget_from_settings(
    settings: Settings, services: Services, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [item for item in read_sources([str(EXAMPLES / "text")], settings) if isinstance(item, Article)][:3]
    monkeypatch.setattr(assemble, "extract_mentions", _stuck_extractor(items[1].id, "busy"))
    configured = load_settings(env={"EVENTWATCH_SCALE_DOCUMENT_SECONDS": "0.5"}).with_db(db_url)
    assert configured.scale.document_seconds == 0.5
    report = pipeline.ingest_items(items, configured, open_repository(db_url), services)
    assert report.articles == 2 and [r.code for r in report.rejected] == ["time_budget"]


@pytest.mark.parametrize("value", ["0", "-5", "nan", "soon"])
def test_a_bad_budget_stops_start_up_with_the_key(value: str) -> None:
    with pytest.raises(ConfigError, match=r"scale\.document_seconds"):
        load_settings(env={"EVENTWATCH_SCALE_DOCUMENT_SECONDS": value})
