"""Every error path returns the one JSON shape {"ok": false, "status", "error", "errors"}."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from eventwatch.api import errors
from eventwatch.errors import ClusterError, EventwatchError, StoreConflict, StoreError
from eventwatch.settings import Settings
from eventwatch.store import open_repository

from .conftest import TOKEN, make_client


def assert_error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"ok", "status", "error", "errors"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert all(set(problem) == {"loc", "msg"} for problem in body["errors"])
    return body


@pytest.mark.parametrize("path", ["/events/ffffffffffffffff", "/sites/nope", "/articles/nope", "/no/such/route"])
def test_404(client: TestClient, path: str) -> None:
    assert_error(client.get(path), 404)


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("limit=0", "limit"),
        ("limit=51", "limit"),  # above the configured max_page_size
        ("limit=ten", "limit"),
        ("start=yesterday", "start"),
        ("end=0", "end"),  # not read as a Unix timestamp
        ("stance=praises", "stance"),
        ("sort=location", "sort"),
        ("min_sources=-1", "min_sources"),
    ],
)
def test_422_validation(client: TestClient, query: str, param: str) -> None:
    body = assert_error(client.get(f"/events?{query}"), 422)
    assert ["query", param] in [problem["loc"] for problem in body["errors"]]


@pytest.mark.parametrize(
    ("query", "param"),
    [
        ("bbox=30,40,50", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("bbox=0,0,200,10", "bbox"),
        ("near=50,36", "near"),
        ("cursor=garbage", "cursor"),
    ],
)
def test_400_bad_filter(client: TestClient, query: str, param: str) -> None:
    for path in ("/events", "/stats", "/events.csv"):
        if param == "cursor" and path != "/events":
            continue
        body = assert_error(client.get(f"{path}?{query}"), 400)
        assert body["errors"][0]["loc"] == ["query", param]


def test_400_cursor_of_another_sort(client: TestClient) -> None:
    cursor = client.get("/events?limit=2").json()["next_cursor"]
    assert_error(client.get("/events", params={"limit": 2, "sort": "fatalities", "cursor": cursor}), 400)


def test_405(client: TestClient) -> None:
    response = client.delete("/events")
    assert_error(response, 405)
    assert "GET" in response.headers["allow"]


def test_403_when_writes_are_off(client: TestClient) -> None:
    assert_error(client.post("/articles", json={"text": "anything"}), 403)
    assert_error(client.post("/articles", json={"text": "x"}, headers={"Authorization": "Bearer guess"}), 403)


def test_401_bad_or_missing_token(settings: Settings, demo_url: str) -> None:
    with make_client(settings, demo_url, token=TOKEN) as api:
        response = api.post("/articles", json={"text": "anything"}, headers={"Authorization": "Bearer wrong"})
        assert_error(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"
        assert_error(api.post("/articles", json={"text": "anything"}), 401)


def test_422_bad_body_with_a_good_token(settings: Settings, demo_url: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with make_client(settings, demo_url, token=TOKEN) as api:
        assert_error(api.post("/articles", json={}, headers=auth), 422)
        assert_error(api.post("/articles", json={"text": "a", "url": "https://x.example/"}, headers=auth), 422)
        naive = {"text": "a", "published_at": "2024-05-01T10:00:00"}
        assert_error(api.post("/articles", json=naive, headers=auth), 422)


def test_500_store_error(settings: Settings, db_url: str) -> None:
    repo = open_repository(db_url)
    with make_client(settings, db_url) as api:
        assert api.get("/events").status_code == 200
        with repo.engine.begin() as conn:
            conn.execute(text("DROP TABLE claims"))
        body = assert_error(api.get("/events?stance=confirms"), 500)
        assert "database" in body["error"]


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (StoreConflict("database error while saving an event: database is locked"), 503),
        (StoreError("database error while reading events: disk I/O error"), 500),
        (ClusterError("cannot reach the Dask scheduler"), 500),  # any other typed error
    ],
)
def test_typed_errors_raised_by_any_route_have_the_one_shape(error: EventwatchError, status: int) -> None:
    app = FastAPI()
    errors.install(app)

    @app.get("/boom")
    def boom() -> None:
        raise error

    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert assert_error(response, status)["error"] == error.message
    assert response.headers.get("retry-after") == ("1" if status == 503 else None)
