"""The one name normalisation shared by the index builder and the lookups.

casefold, strip diacritics, drop apostrophes, and turn hyphens, dots and other punctuation
into single spaces: "Rostov-on-Don" == "Rostov on Don", "Khar'kov" == "Kharkov",
"Zaporizhzhia" == "ZAPORIZHZHIA", "Kyïv" == "Kyiv".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# apostrophes, primes and transliteration marks for the soft sign: dropped, not spaced
_APOSTROPHES = dict.fromkeys(map(ord, "'`´‘’‛′″ʹʺʻʼʽˈ"), None)
_NON_WORD = re.compile(r"[\W_]+")

# type words that follow or precede a region's own name ("Kursk region", "Republic of Tatarstan")
_REGION_SUFFIXES = (
    "autonomous republic",
    "autonomous okrug",
    "autonomous oblast",
    "autonomous district",
    "oblast",
    "oblasts",
    "region",
    "regions",
    "province",
    "governorate",
    "state",
    "krai",
    "kray",
    "republic",
    "okrug",
    "district",
    "county",
    "prefecture",
    "territory",
    "city",
    "area",
)
_REGION_PREFIXES = (
    "the ",
    "autonomous republic of ",
    "republic of ",
    "province of ",
    "state of ",
    "governorate of ",
    "region of ",
    "estado de ",
)


def normalise_name(name: str) -> str:
    """The key every name is indexed and looked up by."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_APOSTROPHES).casefold()
    return _NON_WORD.sub(" ", text).strip()


# The same key, remembered: lookups ask for the same few thousand names again and again.
lookup_key = lru_cache(maxsize=65_536)(normalise_name)


def strip_region_words(key: str) -> tuple[str, bool]:
    """A normalised region phrase without its type words, and whether any were removed.

    "the moscow region" -> ("moscow", True); "republic of tatarstan" -> ("tatarstan", True).
    """
    stripped = key
    changed = True
    while changed:
        changed = False
        for prefix in _REGION_PREFIXES:
            if stripped.startswith(prefix) and len(stripped) > len(prefix):
                stripped = stripped[len(prefix) :]
                changed = True
        for suffix in _REGION_SUFFIXES:
            if stripped.endswith(" " + suffix):
                stripped = stripped[: -len(suffix) - 1]
                changed = True
    return stripped, stripped != key
