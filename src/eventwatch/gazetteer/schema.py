"""The SQLite layout of the gazetteer index, shared by the builder and the reader.

place: one row per country, admin1, admin2 and city, with the names a Place needs
  denormalised (admin1 short name, admin2 name) so a lookup reads one row per result.
name: (key, place_id) -> kind, keyed by normalise_name(); WITHOUT ROWID, so the key
  B-tree is the table and a lookup is one index seek.
country: ISO codes and the ACLED short name per country.
"""

from __future__ import annotations

from typing import Final, Literal

SCHEMA_VERSION: Final = "1"

FEATURES: Final[tuple[Literal["country", "admin1", "admin2", "city"], ...]] = (
    "country",
    "admin1",
    "admin2",
    "city",
)
COUNTRY, ADMIN1, ADMIN2, CITY = 0, 1, 2, 3

# name kinds: the place's own name (ACLED-style short name for regions and countries),
# or one of its alternate names / aliases
PRIMARY, ALTERNATE = 0, 1

DDL: Final = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE country (
    iso2 TEXT PRIMARY KEY, iso3 TEXT NOT NULL, iso INTEGER NOT NULL,
    name TEXT NOT NULL, place_id INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE place (
    id INTEGER PRIMARY KEY, feature INTEGER NOT NULL, name TEXT NOT NULL, iso2 TEXT NOT NULL,
    admin1_id INTEGER, admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, geonames_id INTEGER,
    population INTEGER NOT NULL, type TEXT
);
CREATE TABLE name (
    key TEXT NOT NULL, place_id INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, place_id)
) WITHOUT ROWID;
"""

INDEXES: Final = """
CREATE INDEX place_geonames ON place (geonames_id);
"""
