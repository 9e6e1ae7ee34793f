"""`eventwatch check` reports zero violations on the demo and on every corpus the project owns
(built from their seed texts; the tests read only the violation counts), and the demo export
read back with pandas has ACLED's columns typed and filled."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwatch.cli import app
from eventwatch.export import ACLED_COLUMNS

from ..conftest import EXAMPLES

ROOT = EXAMPLES.parent
CORPORA = {
    "demo": EXAMPLES,
    "resolution": EXAMPLES / "resolution",
    "blind-b1": ROOT / "quality" / "blind" / "b1" / "seeds",
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


def test_demo_export_has_acled_columns_filled_and_typed(demo_db: str, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    for fmt in ("csv", "parquet"):
        result = runner.invoke(app, ["--db", demo_db, "export", "--format", fmt, "-o", str(tmp_path / f"e.{fmt}")])
        assert result.exit_code == 0, result.output
    frame = pd.read_csv(tmp_path / "e.csv")
    parquet = pd.read_parquet(tmp_path / "e.parquet")
    for column in ("inter1", "inter2", "interaction", "iso", "fatalities", "geo_precision", "undated"):
        assert frame[column].dtype.kind == "i", column
    for column in ("year", "inter1", "inter2", "interaction", "fatalities", "timestamp"):
        assert str(parquet[column].dtype) in {"int64", "Int64"}, column
    assert set(frame["undated"]) <= {0, 1}
    filled = ("event_id_cnty", "event_type", "sub_event_type", "iso", "region", "country", "source", "source_scale",
              "notes", "fatalities", "timestamp")  # fmt: skip
    for column in filled:
        assert frame[column].notna().all(), column
    assert frame["event_id_cnty"].str.fullmatch(r"[A-Z]{3}\d+").all()
    assert frame["notes"].str.match(r"[A-Z][A-Z ]+(?:, \w+ \d+)? \(").sum() == 0
    assert list(frame.columns[: len(ACLED_COLUMNS)]) == list(ACLED_COLUMNS)


def test_one_spelling_per_place(demo_db: str) -> None:
    """A GeoNames place has one name in every event, and sites use the same names."""
    events = json.loads(runner.invoke(app, ["--db", demo_db, "events", "--format", "json"]).stdout)
    names: dict[tuple[float, float], set[str]] = {}
    for event in events:
        if event["location"] and event["geo_precision"] == 1:
            names.setdefault((event["latitude"], event["longitude"]), set()).add(event["location"])
    assert all(len(found) == 1 for found in names.values()), names
    assert not any("’" in (event["location"] or "") + (event["admin1"] or "") for event in events)
    sites = runner.invoke(app, ["--db", demo_db, "sites"]).stdout
    assert "’" not in sites and io.StringIO(sites).read()
