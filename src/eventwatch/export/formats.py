"""Every export format as a stream of bytes: CSV (ACLED columns), GeoJSON, JSON Lines, Parquet.

The API streams these chunks; `eventwatch export` writes them to a file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from itertools import islice
from typing import Any

from eventwatch.export.acled import ACLED_COLUMNS, EXTRA_COLUMNS, csv_row, event_record, outlet_scales
from eventwatch.export.geojson import feature
from eventwatch.records import Event

FORMATS: tuple[str, ...] = ("csv", "geojson", "jsonl", "parquet")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}
BATCH = 1000  # events per chunk written

_INT_COLUMNS = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
                "timestamp", "geonames_id", "injuries", "size_reported", "launched", "intercepted"}  # fmt: skip
_FLOAT_COLUMNS = {"latitude", "longitude"}
# A spreadsheet takes a cell starting with one of these for a formula (OWASP "CSV injection"):
# such text cells get a leading apostrophe, which spreadsheets show as text and do not evaluate.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_formula(value: Any) -> Any:
    """`value` with a leading apostrophe if it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_csv_row(event: Event, scales: dict[str, str], sites: Mapping[str, str] | None = None) -> dict[str, Any]:
    """csv_row with every text cell (numbers are left alone) neutralised against formulas."""
    return {
        key: value if key in _INT_COLUMNS or key in _FLOAT_COLUMNS else neutralise_formula(value)
        for key, value in csv_row(event, scales, sites).items()
    }


def _batches(events: Iterable[Event]) -> Iterator[list[Event]]:
    iterator = iter(events)
    while batch := list(islice(iterator, BATCH)):
        yield batch


SiteNames = Callable[[set[str]], Mapping[str, str]]  # site ids -> canonical names (Repository.site_names)


def _lookups(
    batch: list[Event], known: Mapping[str, str], names: SiteNames | None
) -> tuple[dict[str, str], Mapping[str, str]]:
    """A batch's outlet scales (where the outlets report, then what settings say) and its
    sites' canonical names."""
    sites = names({e.site_id for e in batch if e.site_id}) if names else {}
    return {**outlet_scales(batch), **known}, sites


def _csv(events: Iterable[Event], known: Mapping[str, str], names: SiteNames | None) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*ACLED_COLUMNS, *EXTRA_COLUMNS], lineterminator="\n")
    writer.writeheader()
    for batch in _batches(events):
        scales, sites = _lookups(batch, known, names)
        writer.writerows(safe_csv_row(event, scales, sites) for event in batch)
        yield buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue().encode()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _geojson(events: Iterable[Event], known: Mapping[str, str], names: SiteNames | None) -> Iterator[bytes]:
    yield b'{"type":"FeatureCollection","features":['
    separator = ""
    for batch in _batches(events):
        scales, sites = _lookups(batch, known, names)
        yield (separator + ",".join(_dumps(feature(event, scales, sites)) for event in batch)).encode()
        separator = ","
    yield b"]}\n"


def _jsonl(events: Iterable[Event], known: Mapping[str, str], names: SiteNames | None) -> Iterator[bytes]:
    for batch in _batches(events):
        scales, sites = _lookups(batch, known, names)
        yield "".join(_dumps(event_record(event, scales, sites)) + "\n" for event in batch).encode()


def parquet_schema() -> Any:
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name in _INT_COLUMNS:
            return pa.int64()
        if name in _FLOAT_COLUMNS:
            return pa.float64()
        return {"event_date": pa.date32(), "undated": pa.bool_(), "sources": pa.list_(pa.string())}.get(
            name, pa.string()
        )

    names = (*ACLED_COLUMNS, *EXTRA_COLUMNS)
    return pa.schema([(name, kind(name)) for name in names], metadata={"pandas": _pandas_metadata(names)})


def _pandas_metadata(names: tuple[str, ...]) -> str:
    """pandas' own Parquet metadata, so that pandas reads the integer columns as integers
    (nullable Int64) rather than floats where a value is missing."""
    columns = [
        {"name": n, "field_name": n, "pandas_type": "int64", "numpy_type": "Int64", "metadata": None}
        for n in names
        if n in _INT_COLUMNS
    ]
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": columns, "pandas_version": "2.0.0"})


def _parquet(events: Iterable[Event], known: Mapping[str, str], names: SiteNames | None) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        for batch in _batches(events):
            scales, sites = _lookups(batch, known, names)
            rows = [event_record(event, scales, sites) for event in batch]
            for row in rows:
                row["event_date"] = date.fromisoformat(row["event_date"]) if row["event_date"] else None
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    yield sink.getvalue()


def export_chunks(
    fmt: str, events: Iterable[Event], scales: Mapping[str, str] | None = None, site_names: SiteNames | None = None
) -> Iterator[bytes]:
    """The export of `events` in `fmt` (one of FORMATS), as consecutive byte chunks; `scales`:
    the source scale of outlets the user knows (settings [export] source_scales); `site_names`:
    reads the sites' canonical names (so the site column is spelled as the API and the sites
    list spell it)."""
    writers = {"csv": _csv, "geojson": _geojson, "jsonl": _jsonl, "parquet": _parquet}
    return writers[fmt](events, scales or {}, site_names)
