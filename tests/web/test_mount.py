"""mount_dashboard on a bare FastAPI app: the page, its configuration and its files."""

from __future__ import annotations

import re
from types import SimpleNamespace

from fastapi import FastAPI
from fastapi.testclient import TestClient

from eventwatch import web


def _client(settings: object = None) -> TestClient:
    app = FastAPI()
    app.state.settings = settings
    web.mount_dashboard(app)
    return TestClient(app)


def test_serves_the_page_and_its_own_scripts() -> None:
    client = _client()
    page = client.get("/")
    assert page.status_code == 200
    assert 'data-testid="map"' in page.text
    script = client.get("/static/js/main.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]


def test_page_loads_scripts_and_styles_only_from_the_app() -> None:
    page = _client().get("/").text
    loaded = re.findall(r'<script[^>]* src="([^"]+)"', page) + re.findall(r'<link[^>]* href="([^"]+)"', page)
    assert len(loaded) >= 8
    assert all(url.startswith("/static/") for url in loaded)


def test_config_has_no_tile_url_by_default_and_reads_the_api_settings() -> None:
    config = _client().get("/config").json()
    assert config["tile_url"] == "" and config["page_size"] == 1000
    assert "Air/drone strike" in config["sub_event_types"]["Explosions/Remote violence"]
    tiles = "http://tiles.local/{z}/{x}/{y}.png"
    settings = SimpleNamespace(api=SimpleNamespace(tile_url=tiles, max_page_size=200))
    config = _client(settings).get("/config").json()
    assert config["tile_url"] == tiles and config["page_size"] == 200


def test_missing_vendored_assets_give_a_503_that_says_how_to_fix_it(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(web, "VENDOR", tmp_path)
    response = _client().get("/")
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False and body["status"] == 503
    assert "make install" in body["error"]
