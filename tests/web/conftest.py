"""Fixtures for the dashboard tests: databases built by ingesting documents, and the real app
(create_app) served by uvicorn on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES


def ingested(sources: list[Path], db_url: str, settings: Any, services: Any) -> Any:
    """Settings for a new database holding the events of `sources`."""
    from eventwatch.pipeline import ingest
    from eventwatch.store import open_repository

    built = settings.with_db(db_url)
    report = ingest([str(source) for source in sources], built, open_repository(built.store.url), services)
    assert report.articles > 0
    return built


@contextmanager
def serving(settings: Any) -> Iterator[str]:
    """The app for these settings on http://127.0.0.1:PORT, for the duration of the block."""
    import uvicorn

    from eventwatch.api.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="module")
def live_url(db_url_factory, settings, services) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The dashboard over the demo database (examples/ ingested)."""
    with serving(ingested([EXAMPLES], db_url_factory(), settings, services)) as url:
        yield url
