"""The API under abuse (issue 15, item 5): crafted cursors, spreadsheet formulas in stored
text, security headers on every response, and request bodies over the limit refused before
they are read and before the token is checked."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwatch.api.app import create_app
from eventwatch.api.guard import content_security_policy
from eventwatch.export.formats import neutralise_formula
from eventwatch.settings import ApiSettings, Settings
from eventwatch.web import STATIC

from .conftest import EXAMPLES, TOKEN, make_client

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _cursor(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("sort", "cursor"),
    [
        ("-fatalities", _cursor(["-fatalities", 10**30, "x"])),  # was OverflowError -> 500
        ("-fatalities", _cursor(["-fatalities", -(10**19), "x"])),
        ("-fatalities", _cursor(["-fatalities", "99999999999999999999999", "x"])),
        ("-fatalities", _cursor(["-fatalities", True, "x"])),
        ("-event_date", _cursor(["-event_date", "2024-01-01", "a\x00b"])),
        ("-event_date", _cursor(["-event_date", "not a date", "x"])),
        ("-event_date", _cursor(["-event_date", [1], "x"])),
        ("-event_date", _cursor({"sort": 1})),
        ("-event_date", "!!!not-base64!!!"),
        ("-event_date", base64.urlsafe_b64encode(b"\xff\xfe\x00").decode()),
        ("-event_date", _cursor(["-event_date", "9" * 5000, "x"])[:500]),
    ],
)
def test_crafted_cursors_are_400_never_500(client: TestClient, sort: str, cursor: str) -> None:
    response = client.get("/events", params={"sort": sort, "cursor": cursor})
    assert response.status_code in (400, 422), response.text
    assert response.json()["ok"] is False


def test_formula_prefixes_are_neutralised_only_in_text_cells() -> None:
    assert neutralise_formula('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert [neutralise_formula(v) for v in ("+1", "-2+3", "@SUM(A1)", "\tx")] == ["'+1", "'-2+3", "'@SUM(A1)", "'\tx"]
    assert neutralise_formula("Kherson") == "Kherson" and neutralise_formula(-33.5) == -33.5


def test_csv_export_neutralises_a_formula_in_an_outlet(settings: Settings, db_url: str) -> None:
    text = sorted((EXAMPLES / "text").glob("*.txt"))[0].read_text()
    with make_client(settings, db_url, token=TOKEN) as api:
        body = {"text": text, "outlet": '=HYPERLINK("http://evil.example","x")', "title": "@cmd|' /C calc'!A0"}
        assert api.post("/articles", json=body, headers=AUTH).status_code == 200
        rows = list(csv.reader(io.StringIO(api.get("/events.csv").text)))
    cells = [cell for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert all(not cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)
    header = rows[0]
    numeric = {header.index(name) for name in ("latitude", "longitude", "fatalities")}
    text_cells = [cell for row in rows[1:] for i, cell in enumerate(row) if i not in numeric]
    assert all(not cell.startswith("-") for cell in text_cells)


@pytest.mark.parametrize("path", ["/", "/events", "/events/nope", "/static/js/main.js", "/health"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    script = next(part for part in policy.split(";") if "script-src" in part)
    assert "unsafe-inline" not in script and "unsafe-eval" not in script


def test_the_page_has_no_inline_script_and_the_policy_allows_a_configured_tile_server() -> None:
    page = (STATIC / "index.html").read_text()
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", page))
    assert not re.search(r"\son[a-z]+\s*=", page)  # no inline event handlers
    policy = content_security_policy("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tile.openstreetmap.org" in policy


def test_map_tooltips_are_elements_never_html_strings() -> None:
    """Leaflet puts a string tooltip or popup in as HTML: the dashboard passes elements."""
    for script in (STATIC / "js").glob("*.js"):
        source = script.read_text()
        for call in re.finditer(r"\.(bindTooltip|bindPopup|setContent|setTooltipContent)\(\s*(.)", source):
            assert call.group(2) not in "`'\"", f"{script.name}: {call.group(1)} with a string"
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", source)


@pytest.fixture
def small_body_api(settings: Settings, db_url: str) -> Iterator[TestClient]:
    configured = settings.with_db(db_url).model_copy(update={"api": ApiSettings(token=TOKEN, max_body_bytes=2000)})
    with TestClient(create_app(configured), raise_server_exceptions=False) as api:
        yield api


def test_a_body_over_the_limit_is_413_before_the_token(small_body_api: TestClient) -> None:
    big = json.dumps({"text": "x" * 5000})
    declared = small_body_api.post("/articles", content=big, headers={"Content-Type": "application/json"})
    assert declared.status_code == 413, declared.text  # not 401: refused before authentication
    assert declared.json()["ok"] is False and "max_body_bytes" in declared.json()["error"]
    assert declared.headers["x-content-type-options"] == "nosniff"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(10):
            yield b"x" * 1000

    streamed = small_body_api.post("/articles", content=chunks(), headers={"Content-Type": "application/json", **AUTH})
    assert streamed.status_code == 413, streamed.text
    small = small_body_api.post("/articles", json={"text": "short"})
    assert small.status_code == 401  # under the limit, the token is still required
