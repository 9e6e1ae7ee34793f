"""A demo database (the examples/ corpus, ingested once per session) and API clients over it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwatch.api.app import create_app
from eventwatch.pipeline import ingest
from eventwatch.settings import ApiSettings, Settings
from eventwatch.store import open_repository

from ..conftest import EXAMPLES

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def demo_url(db_url_factory: Any, settings: Settings, services: Any) -> str:
    url: str = db_url_factory()
    repo = open_repository(url)
    report = ingest([str(EXAMPLES)], settings, repo, services)
    assert len(report.events) >= 15
    repo.engine.dispose()
    return url


def make_client(settings: Settings, url: str, token: str = "") -> TestClient:
    configured = settings.with_db(url).model_copy(update={"api": ApiSettings(token=token, max_page_size=50)})
    return TestClient(create_app(configured), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(settings: Settings, demo_url: str) -> Iterator[TestClient]:
    """Read-only client over the demo database (write endpoints off, page size capped at 50)."""
    with make_client(settings, demo_url) as api:
        yield api


def all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    """Every page of /events with these filters."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = client.get("/events", params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
