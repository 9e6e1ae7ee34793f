"""Which countries an article is about: the context the place stage picks namesakes with.

An article about an arrest in Lahore names Pakistan, or calls people Pakistani, long
before or after it names the town; knowing that keeps "Price" (a surname) from becoming
Price, Utah. Countries are counted from their names and aliases in the gazetteer
("Myanmar", "Burma", "Hong Kong"), from demonyms formed regularly from them
("Belarusian", "Pakistani", "Chinese", "Zimbabwean") or listed below when irregular, and
from the state names and metonyms the actor stage knows ("Kyiv", "the Kremlin").

The same article-wide reading gives the surnames of people it names in full (never towns),
the first naming of a country (evidence for an incident placed only by its country) and the
town of that country the article names most often.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

from eventwatch.extract.actors import countries_mentioned
from eventwatch.extract.places import (
    DATELINE,
    DOMINANCE,
    MAJOR_CITY,
    MIN_CITY_POPULATION,
    PLACE_POPULATION,
    PlaceMention,
    contains,
    towns,
)
from eventwatch.extract.scene import not_the_scene
from eventwatch.extract.sentences import Sentence
from eventwatch.extract.syntax import vocabulary
from eventwatch.gazetteer import Gazetteer
from eventwatch.records import Place

# A country named fewer than 1/MINOR_SHARE times as often as the article's main one is not
# context (HRDsAttack train, primary country right: 1/4 and 1/2 59.5 %, keeping all 58.8 %).
MINOR_SHARE = 4
# Runs of capitalised words, with the "of" in "Republic of the Congo".
_RUN = re.compile(r"\b[A-Z][\w'’.-]*\w(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w'’.-]*\w){0,3}")
_WORD = re.compile(r"[A-Z][\w'’.-]*\w")
_CALENDAR = frozenset(calendar.month_name[1:]) | frozenset(calendar.day_name)
_ARTICLE = re.compile(r"^(?:The|A|An|In|On)\s+")
# (suffix to strip, endings to try after it): Belarus-ian, Pakistan-i, Chin-ese+a, Mexic-an+o
# Shortest suffix first: "Nigerian" is Nigeria-n, not Niger-ian.
_DEMONYM_SUFFIXES = (("n", ("",)), ("i", ("",)), ("an", ("", "a", "o", "e")), ("ian", ("", "ia", "a", "e")),
                     ("ese", ("", "a", "e")))
# Demonyms no regular suffix rule reaches.
_IRREGULAR = {"British": "GB", "English": "GB", "Scottish": "GB", "Welsh": "GB", "Turkish": "TR",
              "Filipino": "PH", "Filipina": "PH", "Thai": "TH", "Uzbek": "UZ", "Kazakh": "KZ", "Kyrgyz": "KG",
              "Tajik": "TJ", "Turkmen": "TM", "French": "FR", "Dutch": "NL", "Swiss": "CH", "Saudi": "SA",
              "Emirati": "AE", "Bahraini": "BH", "Omani": "OM", "Kuwaiti": "KW", "Qatari": "QA",
              "Polish": "PL", "Spanish": "ES", "Irish": "IE", "Greek": "GR", "Congolese": "CD",
              "Salvadoran": "SV", "Peruvian": "PE", "Malagasy": "MG", "Rohingya": "MM", "Uyghur": "CN",
              "Tibetan": "CN", "Kashmiri": "IN", "Afghan": "AF", "Lao": "LA", "Burundian": "BI"}


@lru_cache(maxsize=50_000)
def _country_code(gazetteer: Gazetteer, name: str) -> str | None:
    """ISO2 of the country a capitalised word or run names or is the demonym of."""
    if name in _IRREGULAR:
        return _IRREGULAR[name]
    if len(name) < 4 or name.isupper():
        return None  # codes and acronyms ("US", "UN", "CNN") are left to the actor patterns
    found = gazetteer.country(name)
    if found is not None:
        return found.iso2
    if " " in name:
        return None
    for suffix, endings in _DEMONYM_SUFFIXES:
        stem = name[: -len(suffix)]
        if name.endswith(suffix) and len(stem) >= 3:
            for ending in endings:
                found = gazetteer.country(stem + ending)
                if found is not None:
                    return found.iso2
    return None


def _names(text: str, gazetteer: Gazetteer) -> Counter[str]:
    """Countries named by capitalised runs, counted; a run that is no country is read word
    by word ("Belarusian Association of Journalists")."""
    runs = Counter(_ARTICLE.sub("", m.group(0).rstrip(".")) for m in _RUN.finditer(text))
    counts: Counter[str] = Counter()
    for run, hits in runs.items():
        iso2 = _country_code(gazetteer, _strip_possessive(run))
        words = [iso2] if iso2 is not None or " " not in run else [
            _country_code(gazetteer, _strip_possessive(w)) for w in run.split() if w[:1].isupper()]
        for code in words:
            if code is not None:
                counts[code] += hits
    return counts


@lru_cache(maxsize=1)
def _force() -> re.Pattern[str]:
    """A country's name or demonym before a force or weapon, perhaps with up to two words
    between ("Russian drones", "Russia's guided bombs"): the side acting from outside."""
    nouns = "|".join(sorted(vocabulary().forces, key=len, reverse=True))
    return re.compile(rf"\b[A-Z][\w'’-]*\w(?=(?:['’]s)?\s+(?:[a-z][\w-]*\s+){{0,2}}?(?:{nouns})\b)")


def _acting(text: str, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Spans of the names of countries that act from outside (`_force`)."""
    return [m.span() for m in _force().finditer(text) if _country_code(gazetteer, _strip_possessive(m.group(0)))]


def _without_acting(text: str, gazetteer: Gazetteer) -> str:
    """The text with the names of acting countries blanked (offsets kept)."""
    for start, end in _acting(text, gazetteer):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def article_countries(text: str, gazetteer: Gazetteer) -> list[str]:
    """ISO2 codes of the countries an article is about, most often named first (ties: first
    named). A country named far less often than the main one (a foreign ministry's reaction,
    a comparison) is left out, so that its small towns do not outrank the article's; one
    named only as the side whose forces or weapons acted ("a Russian drone hit Kupiansk")
    is not what the article is about (one also named otherwise keeps all its namings:
    "Iraqi forces" in a report from Iraq)."""
    counts = _counts(text, gazetteer)
    without = _without_acting(text, gazetteer)
    otherwise = counts if without == text else _counts(without, gazetteer)
    counts = Counter({iso2: hits for iso2, hits in counts.items() if otherwise[iso2]})
    if not counts:
        counts = _by_places(text, gazetteer)
    ranked = counts.most_common()
    return [iso2 for iso2, hits in ranked if hits * MINOR_SHARE >= ranked[0][1]]


@dataclass(frozen=True)
class ArticleContext:
    """The article-wide reading the place stage needs, made once per article."""

    countries: tuple[str, ...]  # article_countries
    surnames: frozenset[str]  # people's names, never towns
    regions: frozenset[tuple[str, str]]  # article_regions


def article_context(text: str, gazetteer: Gazetteer) -> ArticleContext:
    countries = tuple(article_countries(text, gazetteer))
    return ArticleContext(countries, surnames(text, gazetteer), article_regions(text, gazetteer, countries))


def _counts(text: str, gazetteer: Gazetteer) -> Counter[str]:
    counts = _names(text, gazetteer)
    for iso2 in countries_mentioned(text):
        counts[iso2] = max(counts[iso2], 1)
    return counts


def _by_places(text: str, gazetteer: Gazetteer) -> Counter[str]:
    """Countries of the large regions and major cities an article names, for an article that
    names no country (a report from Texas names "Houston" and "Texas", seldom "the United
    States"; one from Toronto names "Toronto")."""
    runs = Counter(_ARTICLE.sub("", m.group(0).rstrip(".")) for m in _RUN.finditer(text))
    counts: Counter[str] = Counter()
    for run, hits in runs.items():
        if run in _CALENDAR or gazetteer.is_common_word(run):
            continue
        best = next(iter(gazetteer.lookup_matches(run, limit=1)), None)
        if best is not None and best.primary and best.place.feature in ("admin1", "city") and (
                best.place.population >= MAJOR_CITY):
            counts[best.place.iso2] += hits
    return counts


def article_regions(text: str, gazetteer: Gazetteer, context: Sequence[str]) -> frozenset[tuple[str, str]]:
    """(ISO2, admin1) of the first-level regions of the article's main countries that it names
    ("Texas", "Kano State"): they pick among same-named towns of those countries."""
    found: set[tuple[str, str]] = set()
    runs = {_ARTICLE.sub("", m.group(0).rstrip(".")) for m in _RUN.finditer(text)}
    for run in runs:
        if run in _CALENDAR or gazetteer.is_common_word(run) or _country_code(gazetteer, run) is not None:
            continue
        for iso2 in context[:2]:
            region = _region_named(gazetteer, run, iso2)
            if region is not None and region.admin1 is not None:
                found.add((iso2, region.admin1))
    return frozenset(found)


@lru_cache(maxsize=50_000)
def _region_named(gazetteer: Gazetteer, name: str, iso2: str) -> Place | None:
    return gazetteer.region(name, country_iso2=iso2)


# Two or three capitalised words standing alone, perhaps with a middle initial: a person's
# name ("James Holt", "George W. Bush") or a place's.
_PAIR = re.compile(r"(?<![\w’'-])([A-Z][a-z][\w’'-]*)((?:\s+[A-Z]\.?(?=\s))?(?:\s+[A-Z][a-z][\w’'-]*){1,2})\b"
                   r"(?!\s+[A-Z])")
# A title before a name ("State Department Spokesperson Ned Price", "Attorney David L.
# Anderson"): the words after it are a person's name even inside a longer run of capitals.
_TITLED = re.compile(r"\b(?:Spokes(?:person|man|woman)|Attorney|Secretary|Minister|President|Senator|Sen\.|"
                     r"Representative|Rep\.|Governor|Mayor|Judge|Justice|Ambassador|Commissioner|Director|"
                     r"Chairman|Chairwoman|Professor|Prof\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|General|Gen\.|Colonel|"
                     r"Captain|Sergeant|Officer|Inspector|Detective|Prosecutor|Lawyer|Journalist|Activist)"
                     r"\s+([A-Z][a-z][\w’'-]*(?:\s+[A-Z]\.?(?=\s))?(?:\s+[A-Z][a-z][\w’'-]*){0,2})\b")
# Last words that make a run an institution, a building or a place ("Ogden Police Department").
_INSTITUTION = frozenset({"Department", "District", "Police", "School", "University", "College", "Court", "Council",
                          "Church", "Hospital", "Office", "Ministry", "Committee", "Commission", "Party", "Agency",
                          "Institute", "Association", "Union", "Foundation", "Centre", "Center", "Prison", "Jail",
                          "Airport", "Station", "Square", "Street", "Road", "Avenue", "Park", "County", "City",
                          "Region", "Province", "State", "Times", "Post", "News", "Press", "Herald", "Tribune"})
_AFTER_NAME = re.compile(r"(?<![\w’'.-])(?=[\w’'.-]*?[A-Z])[\w’'.-]+\s+$")  # a capital in the last word
# First words that make a run a part of a place ("Central Minsk", "Greater Manchester").
_PLACE_PREFIX = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                           "Greater", "Upper", "Lower", "New", "Old", "Downtown", "Metropolitan", "Lake", "Mount",
                           "Port", "Saint", "San", "Santa", "Fort", "Cape", "Gulf", "Al", "El"})


def surnames(text: str, gazetteer: Gazetteer) -> frozenset[str]:
    """First and last words of the two- and three-word names an article gives people ("Price"
    and "Daniel" once the article has named "Daniel Price"): either alone later is that
    person, not a town ("Ana" is not Anna, Texas, once "Ana Quispe" was named).
    A run that is itself a place, starts with an everyday word, a direction, a demonym or a
    large town's name, or ends with a region's or large town's name, names no person."""
    found: set[str] = set(_titled_names(text, gazetteer))
    for match in _PAIR.finditer(text):
        first, last = match.group(1), match.group(2).split()[-1]
        if _AFTER_NAME.search(text[max(0, match.start() - 40) : match.start()]):
            continue  # part of a longer run of capitals (a headline, an organisation)
        if first in _PLACE_PREFIX or last in found or _country_code(gazetteer, first) is not None:
            continue
        if _strip_possessive(last) in _INSTITUTION:
            continue  # "Ogden Police Department": an institution of a town
        place_word = _is_region_word if _INITIAL.search(match.group(2)) else _is_place_word
        if gazetteer.is_common_word(first) or place_word(gazetteer, first) or place_word(gazetteer, last):
            continue  # "In Belgorod", "Kharkiv Governor", "Governor Luhansk": not a person's name
        if gazetteer.lookup(match.group(0)):
            continue
        found.add(_strip_possessive(last))
        found.add(first)  # "George" once the article has named "George Floyd"
    return frozenset(found)


def _titled_names(text: str, gazetteer: Gazetteer) -> set[str]:
    """First and last words of the names that follow a title ("Secretary Blinken", "Spokesperson
    Ned Price"), unless a word of it names a region, a major city or a country ("Governor
    Luhansk", "Minister Kenya")."""
    found: set[str] = set()
    for match in _TITLED.finditer(text):
        words = [_strip_possessive(w) for w in match.group(1).split() if len(w.rstrip(".")) > 1]
        if any(_is_region_word(gazetteer, w) or _country_code(gazetteer, w) is not None for w in words):
            continue
        found.update({words[0], words[-1]})
    return found


@lru_cache(maxsize=50_000)
def _is_region_word(gazetteer: Gazetteer, word: str) -> bool:
    return any(p.feature == "admin1" or p.population >= MAJOR_CITY for p in gazetteer.lookup(word))


_INITIAL = re.compile(r"^\s+[A-Z]\.?\s")  # "W." in "George W. Bush": a person's middle initial


@lru_cache(maxsize=50_000)
def _is_place_word(gazetteer: Gazetteer, word: str) -> bool:
    return any(p.feature != "city" or p.population >= PLACE_POPULATION for p in gazetteer.lookup(word))


def first_naming(
    sentences: Sequence[Sentence], iso2: str, gazetteer: Gazetteer
) -> tuple[Sentence, PlaceMention] | None:
    """The first sentence naming the country (by name or demonym), as a country-level place."""
    country = gazetteer.country_by_iso2(iso2)
    if country is None:
        return None
    for sentence in sentences:
        acting = _acting(sentence.text, gazetteer)
        for match in _RUN.finditer(sentence.text):
            if any(s <= match.start() < e for s, e in acting):
                continue  # "Russian drones": a side acting, not where it happened
            run = match.group(0).rstrip(".")
            words = [(run, match.start())] + [(m.group(0), match.start() + m.start()) for m in _WORD.finditer(run)]
            for name, start in words:
                if _country_code(gazetteer, _strip_possessive(name)) == iso2:
                    end = start + len(_strip_possessive(name))
                    if not_the_scene(sentence.text, start, end):
                        continue  # "fled his home in Bangladesh"
                    return sentence, PlaceMention(country, 3, start, end, sentence.text[start:end], country.name)
    return None


def main_town(
    sentences: Sequence[Sentence], iso2: str, gazetteer: Gazetteer, not_places: Collection[str] = ()
) -> tuple[Sentence, PlaceMention] | None:
    """The town of a country the article names most often (ties: first named), with its
    first naming; None when the article names none. An everyday word, a surname the article
    gave a person, a town named as someone's birthplace or a sentence's first word naming a
    small town ("Price said") is not read as a town; a large one starts sentences and
    datelines ("NAIROBI, Kenya -")."""
    counts: Counter[int] = Counter()
    first: dict[int, tuple[Sentence, PlaceMention]] = {}
    for sentence in sentences:
        for match in _RUN.finditer(sentence.text):
            name = _strip_possessive(_ARTICLE.sub("", match.group(0).rstrip(".")))
            start = match.start() + match.group(0).find(name)
            if name in not_places or name in _CALENDAR or gazetteer.is_common_word(name):
                continue
            if _country_code(gazetteer, name) is not None:
                continue  # a country or its people ("Iraq", "Thai"), never a town's other name
            if not_the_scene(sentence.text, start, start + len(name)):
                continue  # "raised in Gomel": someone's biography, not the article's town
            town = _town(gazetteer, name, iso2)
            if town is not None and town.population < PLACE_POPULATION and (
                    start == 0 or _THE.search(sentence.text, 0, start)):
                continue  # a capitalised first word or "the White House" is a town only when a large one
            if town is not None and town.geonames_id is not None:
                counts[town.geonames_id] += 1
                mention = PlaceMention(town, 2, start, start + len(name), name, town.name)
                first.setdefault(town.geonames_id, (sentence, mention))
    if not counts:
        return None
    best, hits = counts.most_common(1)[0]
    found = first[best]
    return found if hits > 1 or found[1].place.population >= PLACE_POPULATION else None


def dateline_town(
    sentences: Sequence[Sentence], gazetteer: Gazetteer, within: Place
) -> tuple[Sentence, PlaceMention] | None:
    """The town an article's dateline names ("CORPUS CHRISTI, Texas -", "Kano:") when it lies
    in `within`, the region its lead incident is placed in."""
    for sentence in sentences[:3]:
        line = DATELINE.match(sentence.text)
        name = _DATELINE_END.split(line.group(0))[0].strip() if line else ""
        town = _town(gazetteer, name, within.iso2) if name else None
        if town is not None and contains(within, town):
            return sentence, PlaceMention(town, 2, 0, len(name), name, town.name, dateline=True)
    return None


_THE = re.compile(r"\b[Tt]he\s+$")
_DATELINE_END = re.compile(r"[,(:—–]|--|\s-\s")


@lru_cache(maxsize=50_000)
def _town(gazetteer: Gazetteer, name: str, iso2: str) -> Place | None:
    """The largest town of the country called `name`, unless a major city elsewhere bears the
    name and dwarfs it ("Baghdad" is not Baghdadeh, Iran)."""
    found = [p for p in towns(gazetteer, name, (iso2,), country_iso2=iso2)
             if p.feature == "city" and p.iso2 == iso2 and p.population >= MIN_CITY_POPULATION]
    town = max(found, key=lambda p: p.population) if found else None
    abroad = max((p.population for p in gazetteer.lookup(name) if p.feature == "city" and p.iso2 != iso2), default=0)
    if town is not None and abroad >= MAJOR_CITY and abroad >= DOMINANCE * town.population:
        return None
    return town


def _strip_possessive(name: str) -> str:
    return re.sub(r"['’]s?$", "", name)
