from __future__ import annotations

import json
from datetime import UTC, datetime

from eventwatch.ingest.jsonl import parse_jsonl
from eventwatch.records import Article, Rejected
from eventwatch.settings import IngestSettings

from .samples import BODY

SETTINGS = IngestSettings()


def test_lines_become_articles_and_bad_lines_are_rejected() -> None:
    good = {
        "text": BODY,
        "title": "Depot fire",
        "outlet": "The Weekly Courier",
        "url": "https://courier.example/a",
        "published": "2024-03-12",
    }
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({"title": "no text here"}),
        "",
        json.dumps({"text": BODY + " Updated with a second statement from the council."}),
        json.dumps(["a", "list"]),
        json.dumps({"text": "too short"}),
    ]
    records = list(parse_jsonl("\n".join(lines), SETTINGS, "feed.jsonl"))
    articles = [r for r in records if isinstance(r, Article)]
    rejected = {r.origin: r.code for r in records if isinstance(r, Rejected)}
    assert len(articles) == 2
    first = articles[0]
    assert (first.title, first.outlet, first.url) == (
        "Depot fire",
        "The Weekly Courier",
        "https://courier.example/a",
    )
    assert first.published_at == datetime(2024, 3, 12, tzinfo=UTC)
    assert first.source_kind == "jsonl" and first.origin == "feed.jsonl#1"
    assert articles[1].title is None
    assert rejected == {
        "feed.jsonl#2": "malformed",
        "feed.jsonl#3": "malformed",
        "feed.jsonl#6": "malformed",
        "feed.jsonl#7": "not_news",
    }
