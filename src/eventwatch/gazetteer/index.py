"""The Gazetteer service: read-only lookups against the prebuilt SQLite index.

Opening maps nothing into Python but the ~250 country rows; every lookup is an index seek.
"""

from __future__ import annotations

import math
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Final, cast

from eventwatch.errors import GazetteerError
from eventwatch.gazetteer.build import build_index
from eventwatch.gazetteer.common_words import is_common_word
from eventwatch.gazetteer.normalise import lookup_key as normalise_name
from eventwatch.gazetteer.normalise import strip_region_words
from eventwatch.gazetteer.paths import default_index_path
from eventwatch.gazetteer.schema import ADMIN1, CITY, COUNTRY, FEATURES, PRIMARY, SCHEMA_VERSION
from eventwatch.records import Place

MAX_RESULTS: Final = 20
# ranking prior, added to log10(population + 10): see Gazetteer.lookup
PRIMARY_BONUS: Final = 1.0
FEATURE_BONUS: Final = {0: 100.0, 1: -1.0, 2: -1.5, 3: 0.0}

_MAX_ANSWERS: Final = 100_000  # kept query answers per open index (a few tens of MB at most)
_PLACE_COLUMNS: Final = "p.id, p.feature, p.name, p.iso2, p.admin1, p.admin2, p.lat, p.lon, p.geonames_id, p.population"
_Row = tuple[int, int, str, str, str | None, str | None, float | None, float | None, int | None, int]


@dataclass(frozen=True)
class Match:
    """A lookup result with what it matched: its own name (primary) or an alternate name."""

    place: Place
    primary: bool
    score: float


@dataclass(frozen=True)
class _Country:
    iso2: str
    iso3: str
    iso: int
    name: str
    place_id: int


class Gazetteer:
    """Offline GeoNames lookups (cities500, admin1/admin2 regions, countries)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self._connection = connection
        self._lock = threading.Lock()
        # the index is immutable: an answer, once read, is kept (bounded; cleared when full)
        self._answers: dict[tuple[str, tuple[object, ...]], list[tuple[object, ...]]] = {}
        self._admin1: frozenset[str] | None = None
        rows = connection.execute("SELECT iso2, iso3, iso, name, place_id FROM country").fetchall()
        self._countries = {row[0]: _Country(*row) for row in rows}
        self._iso3 = {c.iso3: c for c in self._countries.values()}

    # ----- opening -----

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the index read-only, building it first if the file does not exist."""
        target = path if path is not None else default_index_path()
        if not target.exists():
            build_index(target)
        uri = target.resolve().as_uri() + "?mode=ro&immutable=1"
        try:
            connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
            connection.execute("PRAGMA cache_size = -2048")
            version = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(
                f"The gazetteer index at {target} is unreadable; rebuild it with `eventwatch gazetteer build`.",
                detail=str(exc),
            ) from exc
        if version is None or version[0] != SCHEMA_VERSION:
            connection.close()
            raise GazetteerError(
                f"The gazetteer index at {target} has another schema version; rebuild it with "
                "`eventwatch gazetteer build`."
            )
        return cls(connection, target)

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    # ----- queries -----

    def _query(self, sql: str, params: tuple[object, ...]) -> list[tuple[object, ...]]:
        found = self._answers.get((sql, params))
        if found is not None:
            return found
        with self._lock:
            found = self._connection.execute(sql, params).fetchall()
            if len(self._answers) >= _MAX_ANSWERS:
                self._answers.clear()
            self._answers[(sql, params)] = found
        return found

    def _matches(self, key: str, country_iso2: str | None, feature: int | None = None) -> list[tuple[_Row, int]]:
        sql = f"SELECT {_PLACE_COLUMNS}, n.kind FROM name n JOIN place p ON p.id = n.place_id WHERE n.key = ?"
        params: list[object] = [key]
        if country_iso2:
            sql += " AND p.iso2 = ?"
            params.append(country_iso2.upper())
        if feature is not None:
            sql += " AND p.feature = ?"
            params.append(feature)
        rows = self._query(sql, tuple(params))
        return [(cast(_Row, row[:10]), cast(int, row[10])) for row in rows]

    def _place(self, row: _Row) -> Place:
        _id, feature, name, iso2, admin1, admin2, lat, lon, geonames_id, population = row
        country = self._countries.get(iso2)
        return Place(
            name=name,
            country=country.name if country else iso2,
            iso=country.iso if country else 0,
            iso2=iso2,
            feature=FEATURES[feature],
            admin1=admin1,
            admin2=admin2,
            latitude=lat,
            longitude=lon,
            geonames_id=geonames_id,
            population=population,
        )

    def _place_by_id(self, place_id: int) -> Place | None:
        rows = self._query(f"SELECT {_PLACE_COLUMNS} FROM place p WHERE p.id = ?", (place_id,))
        return self._place(cast(_Row, rows[0])) if rows else None

    @staticmethod
    def _score(row: _Row, kind: int) -> float:
        feature, population = row[1], row[9]
        bonus = PRIMARY_BONUS if kind == PRIMARY else 0.0
        return math.log10(population + 10) + bonus + FEATURE_BONUS[feature]

    def lookup_matches(self, name: str, *, country_iso2: str | None = None, limit: int = MAX_RESULTS) -> list[Match]:
        """Like lookup(), with whether each place matched on its own name and its ranking score."""
        key = normalise_name(name)
        if not key:
            return []
        scored = [
            Match(self._place(row), kind == PRIMARY, self._score(row, kind))
            for row, kind in self._matches(key, country_iso2)
        ]
        scored.sort(key=lambda m: (-m.score, m.place.name, m.place.geonames_id or 0))
        return scored[:limit]

    def lookup(self, name: str, *, country_iso2: str | None = None) -> list[Place]:
        """Every place whose name or alternate name equals `name` after normalisation, best first.

        Ranking prior: a matching country first; then log10(population) plus 1 when `name` is the
        place's own name rather than an alternate, with regions set back (admin1 -1, admin2 -1.5)
        so that "Kursk", "Moscow" or "Donetsk" give the city before the region named after it,
        while a name only a region has ("Tatarstan", "Crimea") gives that region.
        """
        return [m.place for m in self.lookup_matches(name, country_iso2=country_iso2)]

    def region(self, name: str, *, country_iso2: str | None = None) -> Place | None:
        """The admin1 region named by `name`, with or without its type word ("Kursk Oblast",
        "the Moscow region", "Republic of Tatarstan", "Crimea")."""
        key = normalise_name(name)
        stripped, typed = strip_region_words(key)
        if not typed and key not in self._admin1_keys():
            return None  # no region has this name (most capitalised words: asked first, for speed)
        best: tuple[tuple[int, int, int], _Row] | None = None
        for candidate_key, exact in ((key, 0), (stripped, 1)):
            if not candidate_key:
                continue
            for row, kind in self._matches(candidate_key, country_iso2, ADMIN1):
                city_type = typed and self._is_city_region(row[0])
                rank = (int(city_type), exact + kind, -row[9])
                if best is None or rank < best[0]:
                    best = (rank, row)
        if best is not None:
            return self._place(best[1])
        return self._region_of_seat(stripped, country_iso2) if typed else None

    def _admin1_keys(self) -> frozenset[str]:
        """Every name key of a first-level region (about 13,000), read once."""
        if self._admin1 is None:
            with self._lock:
                rows = self._connection.execute(
                    "SELECT DISTINCT n.key FROM name n JOIN place p ON p.id = n.place_id WHERE p.feature = ?",
                    (ADMIN1,)).fetchall()
            self._admin1 = frozenset(str(row[0]) for row in rows)
        return self._admin1

    def _region_of_seat(self, key: str, country_iso2: str | None) -> Place | None:
        """ "Orenburg region" when GeoNames has no such alias: the admin1 whose seat (the city its
        coordinates come from) is the largest city called `key`."""
        cities = [row for row, kind in self._matches(key, country_iso2, CITY) if kind == PRIMARY]
        if not cities:
            return None
        city = self._place(max(cities, key=lambda row: row[9]))
        region = self.containing_admin1(city)
        if region is None or (region.latitude, region.longitude) != (city.latitude, city.longitude):
            return None
        return region

    def _is_city_region(self, place_id: int) -> bool:
        rows = self._query("SELECT type FROM place WHERE id = ?", (place_id,))
        kind = str(rows[0][0] or "") if rows else ""
        return "city" in kind.lower()

    def country(self, name: str) -> Place | None:
        """A country by name, alias ("Russian Federation", "DRC") or ISO alpha-2/alpha-3 code ("US")."""
        key = normalise_name(name)
        rows = self._matches(key, None, COUNTRY) if key else []
        if rows:
            row, _kind = min(rows, key=lambda item: (item[1], -item[0][9]))
            return self._place(row)
        code = name.strip().upper().replace(".", "")
        country = self._countries.get(code) or self._iso3.get(code)
        return self._place_by_id(country.place_id) if country else None

    def country_by_iso2(self, iso2: str) -> Place | None:
        country = self._countries.get(iso2.strip().upper())
        return self._place_by_id(country.place_id) if country else None

    def is_name(self, name: str) -> bool:
        """Whether any place has this name or alternate name (after normalisation)."""
        key = normalise_name(name)
        return bool(key) and bool(self._query("SELECT 1 FROM name WHERE key = ? LIMIT 1", (key,)))

    def is_common_word(self, name: str) -> bool:
        """Whether `name` is an everyday English word that is also a GeoNames name ("More", "Drone")."""
        return is_common_word(name)

    def containing_admin1(self, place: Place) -> Place | None:
        """The admin1 region a city or admin2 lies in; an admin1 is its own; None for a country."""
        if place.feature == "country":
            return None
        feature = FEATURES.index(place.feature)
        rows: list[tuple[object, ...]] = []
        if place.geonames_id is not None:
            rows = self._query(
                "SELECT admin1_id FROM place WHERE geonames_id = ? AND feature = ?", (place.geonames_id, feature)
            )
        if not rows and place.admin1:
            rows = self._query(
                "SELECT id FROM place WHERE feature = ? AND iso2 = ? AND name = ? ORDER BY population DESC",
                (ADMIN1, place.iso2, place.admin1),
            )
        admin1_id = cast(int | None, rows[0][0]) if rows else None
        return self._place_by_id(admin1_id) if admin1_id is not None else None
