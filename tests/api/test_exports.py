"""Exports over HTTP and from the CLI: ACLED-column CSV read back with pandas, RFC 7946
GeoJSON, JSON Lines and Parquet; all honour the /events filters."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eventwatch.cli import app
from eventwatch.errors import StoreError
from eventwatch.export import ACLED_COLUMNS, EXTRA_COLUMNS
from eventwatch.settings import Settings

from .conftest import all_events, make_client


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def check_rfc7946(doc: dict[str, Any]) -> None:
    """The RFC 7946 rules eventwatch's output can break: object types, geometry types,
    [longitude, latitude] numbers in range, no 'crs' member, properties an object or null."""
    assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
    assert "crs" not in doc
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature.get("id"), str | int)
        assert feature["properties"] is None or isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        if geometry is None:
            continue
        assert geometry["type"] == "Point" and set(geometry) == {"type", "coordinates"}
        position = geometry["coordinates"]
        assert isinstance(position, list) and len(position) in (2, 3) and all(_number(v) for v in position)
        assert -180 <= position[0] <= 180 and -90 <= position[1] <= 90


def test_csv_reads_back_with_pandas_in_acled_columns(client: TestClient) -> None:
    response = client.get("/events.csv")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    frame = pd.read_csv(io.StringIO(response.text))
    assert list(frame.columns) == [*ACLED_COLUMNS, *EXTRA_COLUMNS]
    events = all_events(client)
    assert len(frame) == len(events)
    assert set(frame["id"]) == {e["id"] for e in events}
    assert frame["fatalities"].dtype.kind == "i" and frame["latitude"].dtype.kind == "f"
    assert frame["event_id_cnty"].str.fullmatch(r"[A-Z]{3}\d+").all()  # ISO alpha-3 + digits, as ACLED


def test_csv_export_takes_the_source_scales_set_in_settings(settings: Settings, demo_url: str) -> None:
    """The API's export uses settings [export] source_scales, as `eventwatch export` does."""
    from eventwatch.settings import ExportSettings

    with make_client(settings, demo_url) as api:
        default = pd.read_csv(io.StringIO(api.get("/events.csv").text))
    outlet = default["source"].str.split("; ").explode().value_counts().index[0]
    configured = settings.model_copy(update={"export": ExportSettings(source_scales={outlet: "Subnational"})})
    with make_client(configured, demo_url) as api:
        frame = pd.read_csv(io.StringIO(api.get("/events.csv").text))
    alone = frame["source"] == outlet
    assert alone.any() and (frame.loc[alone, "source_scale"] == "Subnational").all()
    assert (default.loc[default["source"] == outlet, "source_scale"] != "Subnational").all()


def test_geojson_is_rfc7946_with_lon_lat_order(client: TestClient) -> None:
    doc = client.get("/events.geojson").json()
    check_rfc7946(doc)
    by_id = {e["id"]: e for e in all_events(client)}
    assert len(doc["features"]) == len(by_id)
    placed = [f for f in doc["features"] if f["geometry"]]
    assert placed
    for feature in placed:
        event = by_id[feature["id"]]
        assert feature["geometry"]["coordinates"] == [event["longitude"], event["latitude"]]


def test_jsonl_and_parquet_hold_the_same_events(client: TestClient) -> None:
    ids = {e["id"] for e in all_events(client, country="Russia")}
    lines = client.get("/events.jsonl", params={"country": "Russia"}).text.splitlines()
    assert {json.loads(line)["id"] for line in lines} == ids
    response = client.get("/events.parquet", params={"country": "Russia"})
    assert response.headers["content-type"] == "application/vnd.apache.parquet"
    frame = pd.read_parquet(io.BytesIO(response.content))
    assert list(frame.columns) == [*ACLED_COLUMNS, *EXTRA_COLUMNS]
    assert set(frame["id"]) == ids and set(frame["country"]) == {"Russia"}


def test_empty_exports_are_well_formed(client: TestClient) -> None:
    none = {"start": "1900-01-01", "end": "1900-01-02"}
    header = pd.read_csv(io.StringIO(client.get("/events.csv", params=none).text)).columns
    assert list(header) == [*ACLED_COLUMNS, *EXTRA_COLUMNS]
    check_rfc7946(client.get("/events.geojson", params=none).json())
    assert client.get("/events.jsonl", params=none).text == ""
    assert len(pd.read_parquet(io.BytesIO(client.get("/events.parquet", params=none).content))) == 0


@pytest.mark.parametrize("fmt", ["csv", "geojson", "jsonl", "parquet"])
def test_cli_export_writes_the_same_file(client: TestClient, demo_url: str, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"events.{fmt}"
    result = CliRunner().invoke(
        app, ["--db", demo_url, "export", "--format", fmt, "--country", "russia", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == client.get(f"/events.{fmt}", params={"country": "russia"}).content


def test_cli_export_that_fails_midway_leaves_the_old_file(
    demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(fmt: str, events: Any, *_scales: Any) -> Iterator[bytes]:
        yield b"event_id_cnty,event_date\n"
        raise StoreError("reading events failed: disk I/O error")

    monkeypatch.setattr("eventwatch.export.formats.export_chunks", failing)
    target = tmp_path / "events.csv"
    target.write_bytes(b"yesterday's export\n")
    result = CliRunner().invoke(app, ["--db", demo_url, "export", "--format", "csv", "-o", str(target)])
    assert result.exit_code != 0 and result.stderr.startswith("Error:") and "disk I/O" in result.stderr
    assert target.read_bytes() == b"yesterday's export\n" and sorted(tmp_path.iterdir()) == [target]


def test_cli_bad_filter_is_an_error(demo_url: str) -> None:
    for command in ("export", "events"):
        result = CliRunner().invoke(app, ["--db", demo_url, command, "--format", "csv", "--bbox", "1,2"])
        assert result.exit_code != 0 and result.stderr.startswith("Error:") and "bbox" in result.stderr
