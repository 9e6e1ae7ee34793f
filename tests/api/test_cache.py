"""Read answers kept until the next write (api/cache.py), through the HTTP client: the same
bytes while nothing changed; a commit from another connection (as another process makes)
is seen at once."""

from __future__ import annotations

from fastapi.testclient import TestClient

from eventwatch.records import Article
from eventwatch.settings import Settings
from eventwatch.store import open_repository

from ..store.builders import TEXT_A, make_event, make_mention
from .conftest import make_client

PATHS = ("/events?limit=5", "/events.csv", "/stats", "/sites")


def _store_event(url: str, event_id: str, fatalities: int) -> None:
    """One event written through a repository of its own (not the app's connections)."""
    repo = open_repository(url)
    article = Article.build(f"{TEXT_A} ({event_id})", "text", outlet="Cache Test")
    mention = make_mention(article, fatalities=fatalities)
    with repo.transaction() as tx:
        tx.add_article(article)
        tx.save_event(make_event(event_id, mention))
        tx.add_mention(mention, event_id)
    repo.engine.dispose()


def _bodies(client: TestClient) -> dict[str, bytes]:
    found = {}
    for path in PATHS:
        response = client.get(path)
        assert response.status_code == 200, response.text
        found[path] = response.content
    return found


def test_a_repeated_read_is_the_same_answer_until_another_connection_writes(settings: Settings, db_url: str) -> None:
    _store_event(db_url, "evt-cache-0001", fatalities=1)
    with make_client(settings, db_url) as client:
        first = _bodies(client)
        assert _bodies(client) == first
        assert client.get("/events/evt-cache-0001").json()["event"]["fatalities"] == 1
        _store_event(db_url, "evt-cache-0002", fatalities=7)
        after = _bodies(client)
        assert all(after[path] != first[path] for path in PATHS if path != "/sites")
        assert {e["id"] for e in client.get("/events").json()["items"]} == {"evt-cache-0001", "evt-cache-0002"}
        assert client.get("/events/evt-cache-0002").json()["event"]["fatalities"] == 7


def test_errors_and_other_queries_are_answered_afresh(settings: Settings, db_url: str) -> None:
    _store_event(db_url, "evt-cache-0003", fatalities=2)
    with make_client(settings, db_url) as client:
        assert client.get("/events/evt-cache-0004").status_code == 404
        _store_event(db_url, "evt-cache-0004", fatalities=3)
        assert client.get("/events/evt-cache-0004").status_code == 200
        assert client.get("/events?limit=0").status_code == 422
        assert client.get("/events?limit=0").status_code == 422
        listed = client.get("/events", params={"min_sources": 1}).json()["items"]
        assert [e["id"] for e in listed] == ["evt-cache-0004", "evt-cache-0003"]
        for _ in range(2):  # the kept answer carries the same headers as the first
            headers = client.get("/events?limit=1").headers
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["content-type"] == "application/json"
