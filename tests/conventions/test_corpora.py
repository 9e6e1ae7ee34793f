"""`eventwatch check` reports zero violations on the demo and on every corpus the project owns
(built from their seed texts; the tests read only the violation counts), and the demo export
read back with pandas has ACLED's columns typed and filled."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventwatch.cli import app
from eventwatch.export import ACLED_COLUMNS
from eventwatch.settings import Settings

from ..conftest import EXAMPLES

ROOT = EXAMPLES.parent
CORPORA = {
    "demo": EXAMPLES,
    "resolution": EXAMPLES / "resolution",
    "blind-resolution1": ROOT / "quality" / "blind" / "resolution1",
    **{f"blind-{p.name}": p / "seeds" for p in sorted((ROOT / "quality" / "blind").glob("*/"))
       if (p / "seeds").is_dir() and not (p / "HELDOUT").exists()},  # a held-out set is never built here
    **{f"paraphrase-{p.name}": p / "seeds" for p in sorted((ROOT / "quality" / "paraphrase").glob("*/"))},
}
runner = CliRunner()


def _ingest(url: str, folder: Path) -> None:
    result = runner.invoke(app, ["--db", url, "ingest", str(folder)])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def demo_db(db_url_factory: Callable[[], str]) -> str:
    url = db_url_factory()
    _ingest(url, EXAMPLES)
    return url


@pytest.mark.parametrize("name", [n for n in CORPORA if n != "demo"])
def test_check_finds_no_violation_on_each_corpus(name: str, db_url_factory: Callable[[], str]) -> None:
    folder = CORPORA[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not in this checkout")
    url = db_url_factory()
    _ingest(url, folder)
    result = runner.invoke(app, ["check", "--db", url, "--json"])
    report = json.loads(result.stdout)
    assert report["violations"] == 0, report["by_rule"]
    assert result.exit_code == 0


def test_check_finds_no_violation_on_the_demo(demo_db: str) -> None:
    result = runner.invoke(app, ["--db", demo_db, "check", "--json"])
    report = json.loads(result.stdout)
    assert report["events"] > 0 and report["violations"] == 0, report["by_rule"]
    assert set(report["sections"]) == set(report["by_rule"])


# Where ACLED fills each of its columns (codebook), as a test over the demo export:
ALWAYS = ("event_id_cnty", "time_precision", "disorder_type", "event_type", "sub_event_type", "inter1", "inter2",
          "interaction", "iso", "region", "country", "latitude", "longitude", "geo_precision", "source",
          "source_scale", "notes", "fatalities", "timestamp")  # fmt: skip
NEVER_EMPTY_ACTOR1 = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots")


def _export(url: str, tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"e.{fmt}"
    result = runner.invoke(app, ["--db", url, "export", "--format", fmt, "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_demo_export_has_every_acled_column_filled_where_acled_fills_it(demo_db: str, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(_export(demo_db, tmp_path, "csv"))
    assert list(frame.columns[: len(ACLED_COLUMNS)]) == list(ACLED_COLUMNS)
    for column in ALWAYS:
        assert frame[column].notna().all(), column
    dated = frame["undated"] == 0  # eventwatch's own column: no source gives a date
    assert frame.loc[dated, ["event_date", "year"]].notna().all().all()
    assert frame.loc[~dated, "time_precision"].eq(3).all()
    violent = frame["event_type"].isin(NEVER_EMPTY_ACTOR1)
    assert frame.loc[violent, "actor1"].notna().all()
    for n in ("1", "2"):  # an inter code exactly where there is an actor (0 for none, as ACLED)
        assert (frame[f"inter{n}"].gt(0) == frame[f"actor{n}"].notna()).all(), n
    targeted = frame["civilian_targeting"].notna()
    assert (frame.loc[targeted, "inter2"] == 7).all() and (frame.loc[targeted, "event_type"] != "Battles").all()
    located = frame["location"].notna()  # an event placed below its country
    assert frame.loc[located, "admin1"].notna().all()
    assert (frame.loc[~located, "geo_precision"] == 3).all()
    towns = located & frame["location"].ne(frame["admin1"]) & frame["geo_precision"].lt(3)
    # admin2 for every town GeoNames (as the packages ship it) puts in a district; the towns
    # without one are those whose admin1 is the city itself (Moscow, Kyiv) or whose admin1
    # has no districts in the data (docs/conventions.md, "Admin2 and admin3")
    assert frame.loc[towns, "admin2"].notna().mean() >= 0.9, frame.loc[towns & frame["admin2"].isna(), "location"]
    assert frame["admin3"].isna().all()  # no package ships a GeoNames level below admin2
    crowd = frame["size_reported"].notna()
    assert (frame.loc[crowd, "tags"] == "crowd size=" + frame.loc[crowd, "size_reported"].astype(int).astype(str)).all()
    assert frame["event_id_cnty"].str.fullmatch(r"[A-Z]{3}\d+").all()
    assert frame["notes"].str.match(r"[A-Z][A-Z ]+(?:, \w+ \d+)? \(").sum() == 0


def test_demo_export_types_read_back_with_pandas(demo_db: str, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(_export(demo_db, tmp_path, "csv"))
    parquet = pd.read_parquet(_export(demo_db, tmp_path, "parquet"))
    for column in ("inter1", "inter2", "interaction", "iso", "fatalities", "geo_precision", "undated"):
        assert frame[column].dtype.kind == "i", column
    for column in ("year", "inter1", "inter2", "interaction", "fatalities", "timestamp"):
        assert str(parquet[column].dtype) in {"int64", "Int64"}, column
    assert set(frame["undated"]) <= {0, 1}


def test_one_spelling_per_place_in_events_exports_api_and_sites(
    demo_db: str, tmp_path: Path, settings: Settings
) -> None:
    """A GeoNames place has one name in the events, the CSV export, the API (the dashboard's
    source) and the site names; GeoNames' own spelling stays only in geonames_name."""
    pd = pytest.importorskip("pandas")
    from ..api.conftest import all_events, make_client

    events = json.loads(runner.invoke(app, ["--db", demo_db, "events", "--format", "json"]).stdout)
    exported = pd.read_csv(_export(demo_db, tmp_path, "csv")).to_dict("records")
    with make_client(settings, demo_db) as api:
        served = all_events(api)

    def spelled(row: dict[str, Any]) -> tuple[object, ...]:
        return tuple(row[c] if isinstance(row[c], str) else None for c in ("location", "admin1", "admin2"))

    by_event = {row["id"]: spelled(row) for row in events}
    for rows in (exported, served):  # the same event spelled the same in every output
        assert {row["id"]: spelled(row) for row in rows} == by_event
    site_of = {row["id"]: row["site"] if isinstance(row["site"], str) else None for row in exported}
    assert site_of == {row["id"]: row["site"] for row in served}  # the site's canonical name, as the dashboard
    by_place: dict[object, set[tuple[object, ...]]] = {}
    for row in events:  # the same GeoNames place spelled one way in every event
        if row["location"]:
            by_place.setdefault(row["geonames_id"], set()).add(spelled(row)[:2])
    assert all(len(found) == 1 for found in by_place.values()), by_place
    plain = {str(row["location"]) for row in events if row["location"]}
    geonames = {row["geonames_name"] for row in events if row["location"] and row["geonames_name"]} - plain
    sites = runner.invoke(app, ["--db", demo_db, "sites"]).stdout
    assert not any(name in sites for name in geonames), geonames
    assert not any("’" in (row["location"] or "") + (row["admin1"] or "") + (row["admin2"] or "") for row in events)
