"""POST /articles reads and extracts in the write process (api/writer.py), under the budget per
document (scale.document_seconds), and stores in the server; a write process that dies is
replaced by the next write."""

from __future__ import annotations

import os
import signal

from fastapi.testclient import TestClient

from eventwatch.api import writer
from eventwatch.api.app import create_app
from eventwatch.settings import ApiSettings, ScaleSettings, Settings

from .conftest import EXAMPLES, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _client(settings: Settings, url: str, budget: float = 600.0) -> TestClient:
    configured = settings.with_db(url).model_copy(
        update={"api": ApiSettings(token=TOKEN), "scale": ScaleSettings(document_seconds=budget)}
    )
    return TestClient(create_app(configured), raise_server_exceptions=False)


def _text(n: int) -> str:
    return sorted((EXAMPLES / "text").glob("*.txt"))[n].read_text()


def test_a_document_over_its_budget_is_refused_and_nothing_is_stored(settings: Settings, db_url: str) -> None:
    with _client(settings, db_url, budget=0.001) as api:  # far less than any extraction takes
        response = api.post("/articles", json={"text": _text(1)}, headers=AUTH)
        assert response.status_code == 422, response.text
        assert "time budget exceeded" in response.json()["error"]
        assert api.get("/health").json()["articles"] == 0


def test_a_dead_write_process_is_replaced(settings: Settings, db_url: str) -> None:
    with _client(settings, db_url) as api:
        first = api.post("/articles", json={"text": _text(2)}, headers=AUTH)
        assert first.status_code == 200, first.text
        for pid in list(writer._POOL[0]._processes):  # the write process, killed as the OOM killer would
            os.kill(pid, signal.SIGKILL)
        second = api.post("/articles", json={"text": _text(3)}, headers=AUTH)
        assert second.status_code == 200, second.text
        assert api.get(f"/articles/{second.json()['article_id']}").status_code == 200
        assert api.get("/health").json()["articles"] == 2
