"""POST /articles with the bearer token: ingest a document, get the events it touched."""

from __future__ import annotations

from eventwatch.settings import Settings

from .conftest import EXAMPLES, TOKEN, make_client

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _example_text() -> str:
    return sorted((EXAMPLES / "text").glob("*.txt"))[0].read_text()


def test_post_text_creates_events_and_is_idempotent(settings: Settings, db_url: str) -> None:
    with make_client(settings, db_url, token=TOKEN) as api:
        body = {"text": _example_text(), "outlet": "Test Wire", "published_at": "2024-05-12T08:00:00+00:00"}
        first = api.post("/articles", json=body, headers=AUTH)
        assert first.status_code == 200, first.text
        result = first.json()
        assert result["ok"] is True and result["events"]
        stored = api.get(f"/articles/{result['article_id']}").json()["article"]
        assert stored["outlet"] == "Test Wire"
        assert {e["id"] for e in result["events"]} == {e["event_id"] for e in stored["evidence"]}
        again = api.post("/articles", json=body, headers=AUTH).json()
        assert again["article_id"] == result["article_id"]
        assert {e["id"] for e in again["events"]} == {e["id"] for e in result["events"]}
        assert api.get("/health").json()["articles"] == 1


def test_refused_documents_are_422(settings: Settings, db_url: str) -> None:
    with make_client(settings, db_url, token=TOKEN) as api:
        short = api.post("/articles", json={"text": "Too short to be news."}, headers=AUTH)
        assert short.status_code == 422 and short.json()["ok"] is False
        private = api.post("/articles", json={"url": "http://127.0.0.1:9/story"}, headers=AUTH)
        assert private.status_code == 422 and "refused" in private.json()["error"]
