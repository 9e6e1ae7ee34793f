"""Place mentions in a sentence, geocoded with the offline gazetteer.

Candidates come from region phrases ("the Kursk region", "Bryansk Oblast"), from spaCy
entities (any label: the small model calls Kyiv a PERSON and Sumy an ORG) and from runs
of capitalised words; each is checked against the gazetteer. Single sentence-initial words
are skipped unless NER marks them as a place, so "More" or "Drone" never become towns.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial

from eventwatch.extract.scene import is_metonym, not_the_scene
from eventwatch.gazetteer import Gazetteer, normalise_name
from eventwatch.records import Place

_REGION_WORD = r"(?i:region|oblast|province|governorate|state|krai|republic|territory|district|raion|rayon|hromada)"
# Second-level areas named after their town: the incident is in that town's area (geo_precision 2).
_DISTRICT_WORDS = frozenset({"district", "raion", "rayon", "hromada"})
_REGION_NAME = r"[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+){0,2}"
_REGION = re.compile(rf"\b(?:the\s+)?(?P<name>{_REGION_NAME})\s+(?P<kind>{_REGION_WORD})\b")
# Regions named together before one plural type word: "the Mykolaiv and Odesa regions".
_REGIONS = re.compile(
    rf"\b(?P<names>{_REGION_NAME}(?:(?:,\s*|,?\s+and\s+){_REGION_NAME})+)\s+(?P<kind>{_REGION_WORD})s\b")
_NAME_IN_LIST = re.compile(_REGION_NAME)
_CAPS = re.compile(r"\b[A-Z][\w’'.-]*[\w](?:\s+(?:(?:al|el|de|del|da|do|dos|di|du|la|an|na|am|on|upon)\s+)?"
                   r"[A-Z][\w’'-]*\w)*")
_CONNECTED = re.compile(r"[A-Z][\w’'.-]*\w(?:\s+[A-Z][\w’'-]*\w)*")  # the names a _CAPS span connects
_NEAR = re.compile(
    r"\b(?:near|outside|outskirts of|close to|on the edge of|(?:north|south|east|west)(?:-?(?:east|west))? of|"
    r"\d+\s*(?:km|kilometres|kilometers|miles) (?:\w+ )?(?:of|from))\s+(?:the\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_STOP = {"The", "A", "An", "It", "In", "On", "At", "But", "And", "More", "One", "This", "That",
         "He", "She", "They", "We", "State", "President", "Prime", "Minister", "Regional", "Governor", "Drone",
         "Ukrainian", "Russian", "Meanwhile", "Despite", "According", "However", "Monday", "Tuesday",
         "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "West", "East", "North", "South"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_SOMEONE_LABELS = {"ORG", "PERSON"}
# After a country code, what makes it an adjective: a title or name, a hyphen, a role.
_MODIFIER = re.compile(r"-\w|(?<!\s)\s+(?:(?-i:[A-Z])|(?:troops|forces|officials?|government|embassy|consulate|"
                       r"military|army|navy|citizens?|nationals?|journalists?|reporters?|newspapers?|media|"
                       r"authorities|diplomats?|senators?|president|envoy|ambassador|intelligence|police|courts?|judges?|prosecutors?|"
                       r"soldiers|marines|department|administration|lawmakers|sanctions)\b)", re.IGNORECASE)
# A name given to a person or thing, not a town ("a woman named Elizabeth").
_NAMED = re.compile(r"(?<!town )(?<!city )(?<!village )(?<!place )(?<!area )\b(?:named|called)\s+$")
_PROSE_CODES = frozenset({"US", "USA", "UK", "UAE", "DRC", "PRC", "KSA", "DPRK", "ROK"})
MIN_CITY_POPULATION = 1000
# A town in a region the article names is meant over a namesake at most this many times larger.
REGION_SHARE = 10
# Countries GeoNames lists that are cities: a report placed there is placed in a town.
CITY_STATES = frozenset({"HK", "MO", "SG", "MC", "VA", "GI"})
PLACE_POPULATION = 100_000  # a town this large is a place people know by name
# A town outside every country the article names must be this large to be believed
# (stops acronyms and surnames such as "HUR" landing in a hamlet abroad).
MIN_FOREIGN_POPULATION = 100_000
# A namesake abroad this large, and this many times larger than the local one, is meant.
MAJOR_CITY = 1_000_000
DOMINANCE = 50
# GeoNames gives towns alternate names of every kind: spellings ("Kiev", "Termez" for Tirmiz),
# but also old, foreign, joke and translated names that are everyday words or names of people
# and organisations ("Turkey" for New Providence, "Google" for Topeka, "Julia" for Plovdiv,
# "Montgomery" for Sahiwal, "Hamas" for Hamm). An alternate name this unlike the town's own
# name is believed only for a large town (see `_known_as`).
SPELLING_SIMILARITY = 0.6
# ... and for a name NER gave an organisation or a person, only a close spelling ("Maidan Shar"
# of Maydanshakhr, 0.78; not "Hamas" of Hamm, 0.67), unless the town is large (`_known_as`).
CLOSE_SPELLING = 0.75
_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
_POSSESSED = re.compile(r"['’]s\s+(?=[A-Z])")
_NOT_PLACE_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


# A dateline opening a paragraph: "ISLAMABAD:", "LAGOS —", "CORPUS CHRISTI, Texas —",
# "Islamabad:", "Lagos, Nigeria -", "Beijing (AFP) -"; not "Myanmar - where ...".
_DASH = r"(?:[—–]|--|\s-\s)"
_NAME = r"[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2}"
DATELINE = re.compile(
    rf"^(?:[A-Z][A-Z.'’ -]{{1,40}}(?:,\s*[A-Z][\w.'’ ]{{1,30}}?)?\s*(?:{_DASH}|:)"
    rf"|{_NAME}(?::|,\s*{_NAME}\s*{_DASH}|\s*\([A-Z][\w.]*\)\s*{_DASH}))"
)
# A bare compass word is a direction or the geopolitical West, never a region by that name.
_COMPASS = frozenset({"West", "East", "North", "South"})


@dataclass(frozen=True)
class Entity:
    text: str
    label: str
    start: int  # offsets within the sentence
    end: int


@dataclass(frozen=True)
class PlaceMention:
    place: Place
    precision: int  # ACLED geo_precision
    start: int
    end: int
    text: str
    location: str  # the name to report as ACLED 'location'
    dateline: bool = False  # named in the sentence's dateline ("ISLAMABAD: ...", "LAGOS, Nigeria -")

    @property
    def national(self) -> bool:
        """Whether the place is a whole country (not a city-state such as Hong Kong, which
        places an incident as precisely as a town does)."""
        return self.place.feature == "country" and self.place.iso2 not in CITY_STATES


def _clean(name: str) -> str:
    """Drop a possessor and a trailing possessive: "Russia’s Bryansk" -> "Bryansk"."""
    name = re.sub(r"^.*['’]s\s+", "", name.strip(" ,.;:"))
    return re.sub(r"(?:['’]s|['’])$", "", name)


def _named_regions(sentence: str) -> list[tuple[str, str, int, int, str]]:
    """(name, type word, start of the name, end of the phrase, the phrase's words) of each
    region phrase, those of a plural phrase ("the Mykolaiv and Odesa regions") one by one."""
    found = []
    for match in _REGIONS.finditer(sentence):
        for name in _NAME_IN_LIST.finditer(sentence, match.start("names"), match.end("names")):
            found.append((name.group(0), match.group("kind"), name.start(), name.end(), name.group(0)))
    listed = [(start, end) for _, _, start, end, _ in found]
    for match in _REGION.finditer(sentence):
        if not any(s <= match.start("name") < e for s, e in listed):
            found.append((match.group("name"), match.group("kind"), match.start("name"), match.end(), match.group(0)))
    return found


def _regions(sentence: str, gazetteer: Gazetteer, context: Sequence[str]) -> list[PlaceMention]:
    found: list[PlaceMention] = []
    for raw, word, start, end, words in _named_regions(sentence):
        name, kind = _clean(raw), word.lower()
        if kind in _DISTRICT_WORDS:
            city = _city_of_district(gazetteer, raw, context)
            place = city or _best_city(towns(gazetteer, name, context), context)
            if place is not None:
                found.append(PlaceMention(place, 1 if city else 2, start, end, words, place.name))
            continue
        region = _region(gazetteer, name, context, kind=kind)
        if region is not None and not not_the_scene(sentence, start, end):
            found.append(PlaceMention(region, 3, start, end, words, region.name))
    return found


def _city_of_district(gazetteer: Gazetteer, name: str, context: Sequence[str]) -> Place | None:
    """The city whose district a possessive names ("Kyiv's Shevchenkivskyi district",
    "Mogadishu's Hodan district"): the incident is in that city, as precisely as a town."""
    owner = re.match(r"\A(.+?)['’]s\s", name)
    city = _best_city(towns(gazetteer, owner.group(1), context), context) if owner else None
    return city if city is not None and city.population >= PLACE_POPULATION else None


def _region(gazetteer: Gazetteer, name: str, context: Sequence[str], kind: str = "") -> Place | None:
    """The region called `name`; `kind`: the type word it was named with ("the Gomel region"),
    which prefers a region over a city of the same name that is a region of its own (the
    Moscow region, not the federal city) and also finds the region of the large town it is
    named after when GeoNames calls the region otherwise (Homyel' in "Gomelskaya")."""
    typed = f"{name} {kind}" if kind else name
    for iso2 in context:
        region = gazetteer.region(typed, country_iso2=iso2)
        if region is not None:
            return region
    region = gazetteer.region(typed)
    if region is not None or not kind:
        return region
    seat = _best_city(towns(gazetteer, name, context), context)
    return gazetteer.containing_admin1(seat) if seat is not None and seat.population >= PLACE_POPULATION else None


def towns(gazetteer: Gazetteer, name: str, context: Sequence[str] = (), country_iso2: str | None = None,
          own_names: bool = False) -> list[Place]:
    """The places called `name` (best first, as `Gazetteer.lookup`), without towns and districts
    that bear it only as an alternate name unlike their own, unless they are large: a major
    city anywhere, a large town in a country the article is about (context: ISO2 codes).
    `own_names`: a name NER gave an organisation or a person ("Hamas" is an alternate name
    of Hamm) is a town's only as its own name, a close spelling of it or a large town's (the
    small model calls Kiev a person)."""
    key = normalise_name(name)
    matches = gazetteer.lookup_matches(name, country_iso2=country_iso2)
    # a large town called so in its own right is meant over a city once called so ("Islamabad"
    # is not Chattogram, "Islamabad" of old)
    owned = any(m.primary and m.place.feature == "city" and m.place.population >= PLACE_POPULATION for m in matches)
    return [m.place for m in matches
            if m.primary or m.place.feature not in ("city", "admin2") or (_known_as(m.place, context) and not owned)
            or _spelling_of(key, normalise_name(m.place.name), CLOSE_SPELLING if own_names else SPELLING_SIMILARITY)]


def _known_as(place: Place, context: Sequence[str]) -> bool:
    """Whether a town is large enough for its former and foreign names to be in use (Bombay,
    Madras, Zagorsk for Sergiyev Posad in an article about Russia)."""
    if place.feature != "city":
        return False
    return place.population >= MAJOR_CITY or (place.iso2 in context and place.population >= PLACE_POPULATION)


def _spelling_of(key: str, own: str, similarity: float = SPELLING_SIMILARITY) -> bool:
    """Whether a normalised alternate name is a spelling or a short form of the place's own
    ("kiev" of "kyiv", "silao" of "silao de la victoria")."""
    return own.startswith(key + " ") or difflib.SequenceMatcher(None, key, own).ratio() >= similarity


def country_named(gazetteer: Gazetteer, text: str) -> Place | None:
    """The country `text` names in running prose: by name or alias, or by one of the codes
    news writes for countries ("US", "UK"); never by any other ISO code, which in prose is
    an acronym or an abbreviation ("SC" a court, "Rs" rupees, "S.D." South Dakota)."""
    code = text.replace(".", "").replace(" ", "")
    if len(code) <= 3 and code not in _PROSE_CODES:
        return None
    return gazetteer.country(text)


def _best_city(candidates: Iterable[Place], context: Sequence[str], feature: str = "city",
               regions: Collection[tuple[str, str]] = ()) -> Place | None:
    """The likeliest town: in a country the article is about (in a region it names, when one
    is: Springfield, Massachusetts in a report that names Massachusetts), unless a namesake
    elsewhere is a major city (Delhi, India, over Delhi, California); outside those countries
    only a large one. `regions`: (ISO2, admin1) of the regions the article names."""
    cities = [p for p in candidates if p.feature == feature and p.population >= MIN_CITY_POPULATION]
    if not cities:
        return None
    best = max(cities, key=lambda p: p.population)
    for iso2 in context:
        local = [p for p in cities if p.iso2 == iso2]
        if local:
            top = max(local, key=lambda p: p.population)
            named = [p for p in local if (p.iso2, p.admin1) in regions]
            in_region = max(named, key=lambda p: p.population) if named else None
            if in_region is not None and in_region.population * REGION_SHARE >= top.population:
                top = in_region  # not Austin, Minnesota for Austin, Texas
            dominant = best.population >= MAJOR_CITY and best.population >= DOMINANCE * top.population
            return best if dominant else top
    return best if not context or best.population >= MIN_FOREIGN_POPULATION else None


def _spans(sentence: str, entities: Sequence[Entity]) -> list[tuple[int, int, bool, str]]:
    """(start, end, named_by_ner, NER label of that very span or "") spans worth a lookup."""
    labels = {(e.start, e.end): e.label for e in entities}
    spans = [(e.start, e.end, e.label in _PLACE_LABELS, e.label) for e in entities if e.label not in _NOT_PLACE_LABELS]
    dates = [(e.start, e.end) for e in entities if e.label in _NOT_PLACE_LABELS]
    for match in _CAPS.finditer(sentence):
        if not any(s <= match.start() < e for s, e in dates):
            label = labels.get(match.span()) or next(  # "Red Sea" of NER's "the Red Sea"
                (name for (s, e), name in labels.items() if s <= match.start() and e == match.end()), "")
            spans.append((match.start(), match.end(), False, label))
            owned = _POSSESSED.search(match.group(0))  # "Yemen's Hodeidah": the town, also when NER took the country
            if owned is not None:
                spans.append((match.start() + owned.end(), match.end(), False, ""))
    return spans


def _lookup_span(
    sentence: str, start: int, end: int, by_ner: bool, gazetteer: Gazetteer, context: Sequence[str],
    not_places: Collection[str] = (), regions: Collection[tuple[str, str]] = (), label: str = "",
) -> PlaceMention | None:
    """The place a span names. A span NER calls a nationality or group ("the Chechen leader")
    names a country or nothing; one it calls an organisation or a person names a town only by
    a close spelling (`towns(own_names=True)`)."""
    text = _clean(re.sub(r"^(?:the|The)\s+", "", sentence[start:end]))
    start += sentence[start:end].find(text)
    if not text or (text[0].islower() and gazetteer.country(text) is None):
        return None  # "an unmarked van" (NER may tag it): not Van, Turkey; "eSwatini" is a country
    if text in _MONTHS or text in _COMPASS or (
            not by_ner and (text in _STOP or gazetteer.is_common_word(text))):
        return None
    if not by_ner and text in not_places:
        return None  # a surname the article gave a person ("Holt" after "James Holt")
    if start == 0 and " " not in text and "-" not in text and not by_ner:
        return None
    country = country_named(gazetteer, text)
    if text.isupper() and len(text) > 1 and country is None:
        return None  # an acronym (HUR, SBU) or a wire dateline (MOSCOW —), not the event's town
    if _used_otherwise(sentence, text, start, by_ner, country):
        return None
    if country is not None:
        precision = 1 if country.iso2 in CITY_STATES else 3
        return PlaceMention(country, precision, start, start + len(text), text, country.name)
    if label == "NORP" and not _large_town(gazetteer, text):
        return None  # a nationality or group, unless the small model mislabelled a city ("Sevastopol")
    candidates = towns(gazetteer, text, context, own_names=label in _SOMEONE_LABELS)
    place = _best_city(candidates, context, regions=regions)
    region = next((p for p in candidates if p.feature == "admin1"), None)
    if place is not None and region is not None and _region_meant(candidates, region, place):
        place = None
    if place is None:  # a region by its bare name ("Texas", "Tatarstan"), else a district
        region = region or (_region(gazetteer, text, context) if by_ner else None)
        if region is not None and label == "LOC" and context and region.iso2 not in context:
            return None  # a sea or a range abroad is no state of that name ("the Red Sea" in a report on Yemen)
        if region is not None:
            return PlaceMention(region, 3, start, start + len(text), text, region.name)
        place = _best_city(candidates, context, "admin2", regions)
        if place is None or _bare_county(text, place):
            return None
    if text in not_places and place.population < PLACE_POPULATION:
        return None  # NER calls "Pearl" a place, but the article named Daniel Pearl: not Pearl, Mississippi
    near = _NEAR.search(sentence[:start])
    return PlaceMention(place, 2 if near else 1, start, start + len(text), text, place.name)


def _used_otherwise(sentence: str, text: str, start: int, by_ner: bool, country: Place | None) -> bool:
    """Whether the name at `start` stands for something other than the scene: a country code
    as an adjective ("US Senator Jim Risch", "US officials"), a person ("an asylum seeker named
    Elizabeth"), a capital for its government, or a place `not_the_scene`."""
    end = start + len(text)
    if country is not None and text in _PROSE_CODES and _MODIFIER.match(sentence, end):
        return True
    if _NAMED.search(sentence, 0, start) and not by_ner:
        return True
    return is_metonym(sentence, start, end) or not_the_scene(sentence, start, end)


def find_places(
    sentence: str, entities: Sequence[Entity], gazetteer: Gazetteer, context: Sequence[str] = (),
    not_places: Collection[str] = (), regions: Collection[tuple[str, str]] = (),
) -> list[PlaceMention]:
    """Every place named in the sentence, in order; context = ISO2 codes of countries the
    article is about, used to pick among same-named places, as regions = (ISO2, admin1) of the
    regions it names; not_places = words the article uses as names of people, never read as
    towns unless NER calls them places and the town is a large one."""
    line = DATELINE.match(sentence)
    dateline_end = line.end() if line is not None else 0
    found = _regions(sentence, gazetteer, context)
    taken = [(p.start, p.end) for p in found]
    # a region named in the sentence tells which country its towns are in
    context = (*dict.fromkeys(p.place.iso2 for p in found), *context)
    for start, end, by_ner, label in sorted(_spans(sentence, entities)):
        if any(s <= start < e or s < end <= e for s, e in taken):
            continue
        whole = _lookup_span(sentence, start, end, by_ner, gazetteer, context, not_places, regions, label)
        lookup = partial(_lookup_span, sentence, by_ner=by_ner, gazetteer=gazetteer, context=context,
                         not_places=not_places, regions=regions)
        parts = [whole] if whole is not None else _pieces(sentence, start, end, lookup)
        for mention in parts:
            if mention is not None and not any(s < mention.end and mention.start < e for s, e in taken):
                found.append(mention)
                taken.append((mention.start, mention.end))
    if dateline_end:
        found = [replace(p, dateline=True) if p.end <= dateline_end else p for p in found]
    return sorted(found, key=lambda p: p.start)



def _pieces(sentence: str, start: int, end: int,
            lookup: Callable[[int, int], PlaceMention | None]) -> list[PlaceMention | None]:
    """For a span that names no place as a whole: the names it joins ("Odesa on Monday"), each
    one else the town of a facility's name it holds ("Karachi" in "Central Jail Karachi")."""
    found: list[PlaceMention | None] = []
    for s, e in _parts(sentence, start, end) or [(start, end)]:
        piece = None if (s, e) == (start, end) else lookup(s, e)
        found.extend([piece] if piece is not None else [lookup(fs, fe) for fs, fe in _town_in_facility(sentence, s, e)])
    return found


# Words of the name of a hospital, jail, airport or police station around the town it is in
# ("Kozhikode Medical College Hospital", "Central Jail Karachi", "the New York Police
# Department"); not courts, where a later trial is heard, nor universities and other
# institutions, whose staff are often named far from them.
_FACILITY = frozenset({"Hospital", "Clinic", "Jail", "Prison", "Airport", "Police", "Station"})
# ... and other words of such names, which are no town either.
_FACILITY_NAME = _FACILITY | {"Medical", "Teaching", "General", "College", "University", "School", "Institute",
                              "Central", "District", "Department", "Command", "Service", "Force", "State",
                              "National", "Regional", "City", "Municipal", "International"}


def _town_in_facility(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """The runs of words in a facility's name that are not facility words, when the name has
    some ("Kozhikode" in "Kozhikode Medical College Hospital"); none otherwise."""
    words = [(m.start() + start, m.end() + start, m.group(0)) for m in re.finditer(r"\S+", sentence[start:end])]
    if len(words) < 2 or not any(w in _FACILITY for _, _, w in words):
        return []
    pieces: list[tuple[int, int]] = []
    run: list[tuple[int, int, str]] = []
    for word in [*words, (end, end, "Hospital")]:
        if word[2] in _FACILITY_NAME:
            if run:
                pieces.append((run[0][0], run[-1][1]))
            run = []
        else:
            run.append(word)
    return pieces


@lru_cache(maxsize=10_000)
def _large_town(gazetteer: Gazetteer, name: str) -> bool:
    """Whether `name` is the own name of a town large enough to be known by it."""
    return any(m.primary and m.place.feature == "city" and m.place.population >= PLACE_POPULATION
               for m in gazetteer.lookup_matches(name))


def _region_meant(candidates: list[Place], region: Place, town: Place) -> bool:
    """Whether a name is the region's rather than the town's: the gazetteer ranks the region
    first (by population, see `Gazetteer.lookup`) and the town is small ("Indiana" is the
    state, not Indiana, Pennsylvania; "Kursk" is the city)."""
    return candidates.index(region) < candidates.index(town) and town.population < PLACE_POPULATION


def _bare_county(text: str, place: Place) -> bool:
    """A county named without the word ("Floyd" for Floyd County): far more often a surname
    ("George Floyd") or an everyday word than the county."""
    return " County" in place.name and "County" not in text


def _parts(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names a span joins with a connector that is not part of one name ("Odesa on
    Monday"; "Rostov on Don" is found whole); none when the span has no connector."""
    pieces = [(m.start() + start, m.end() + start) for m in _CONNECTED.finditer(sentence[start:end])]
    return pieces if len(pieces) > 1 else []


def precision_rank(mention: PlaceMention) -> tuple[int, int]:
    """Lower is more precise: a town before a district before a region before a country."""
    order = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
    return (order[mention.place.feature], mention.precision)


def most_precise(mentions: Sequence[PlaceMention]) -> PlaceMention | None:
    """The most precise place; of two as precise, one the sentence reports over the dateline's
    (where the report was filed: "Islamabad: ... was arrested in Peshawar")."""
    return min(mentions, key=lambda p: (precision_rank(p), p.dateline)) if mentions else None


def contains(outer: Place, inner: Place) -> bool:
    """Whether `outer` is, or contains, `inner` (country > admin1 > town)."""
    if outer.iso2 != inner.iso2:
        return False
    if outer.feature == "country":
        return True
    if outer.feature == "admin1":
        return inner.admin1 == outer.admin1
    return (outer.geonames_id is not None and outer.geonames_id == inner.geonames_id) or (
        outer.name == inner.name and outer.admin1 == inner.admin1
    )
