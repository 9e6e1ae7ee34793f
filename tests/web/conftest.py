"""Fixtures for the dashboard tests: the demo database and the real app served on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def demo_settings(db_url_factory, settings, services):  # type: ignore[no-untyped-def]
    """Settings pointing at a database built by ingesting examples/ (the demo corpus)."""
    from eventwatch.pipeline import ingest
    from eventwatch.store import open_repository

    demo = settings.with_db(db_url_factory())
    report = ingest([str(EXAMPLES)], demo, open_repository(demo.store.url), services)
    assert report.articles > 0
    return demo


@pytest.fixture(scope="module")
def live_url(demo_settings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The real app (create_app) served by uvicorn in a thread on a free loopback port."""
    import uvicorn
    from eventwatch.api.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(demo_settings), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()
