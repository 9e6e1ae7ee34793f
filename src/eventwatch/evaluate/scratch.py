"""A throw-away database for the scorers: the articles ingested into a temporary SQLite file,
and the stored mentions of each article with the event each joined."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from eventwatch.extract.assemble import Services
from eventwatch.pipeline import ingest_items
from eventwatch.records import Article, Event, Mention
from eventwatch.settings import Settings
from eventwatch.store import Repository, open_repository


@contextmanager
def scratch_store(articles: Sequence[Article], settings: Settings, services: Services) -> Iterator[Repository]:
    """A temporary database holding `articles`, ingested as `eventwatch ingest` would; removed on exit."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = open_repository(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        try:
            ingest_items(articles, settings, repo, services)
            yield repo
        finally:
            repo.engine.dispose()


def mentions_by_article(repo: Repository) -> dict[str, list[tuple[Mention, Event]]]:
    """Article id -> its stored mentions, each with the event it joined (events in date order)."""
    found: dict[str, list[tuple[Mention, Event]]] = {}
    for event in repo.list_events():
        for _, mention in repo.event_mentions(event.id):
            found.setdefault(mention.article_id, []).append((mention, event))
    return found
