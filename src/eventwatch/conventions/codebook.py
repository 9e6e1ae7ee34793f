"""The rules of ACLED's public codebook that eventwatch follows, each named with the codebook
section it follows. `violations(event)` names every rule a stored event breaks;
`derive.conform` is the function that makes a mention follow them all, applied when the
merged event is stored (store/codec.py) and to each mention before resolution (pipeline.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eventwatch.conventions.actors import default_actor1, inter_code, with_country
from eventwatch.conventions.derive import CIVILIANS, PEACEFUL_PROTEST, region
from eventwatch.conventions.names import PLACE_COLUMNS, is_plain, iso2_of, plain_text
from eventwatch.conventions.notes import has_dateline
from eventwatch.records import Mention
from eventwatch.taxonomy import BATTLES


@dataclass(frozen=True)
class Rule:
    name: str
    section: str  # the section of ACLED's codebook the rule follows
    statement: str
    holds: Callable[[Mention], bool]


def _actor1_present(m: Mention) -> bool:
    return m.actor1 is not None or default_actor1(m.event_type, m.country) is None


def _generic_with_country(m: Mention) -> bool:
    return all(with_country(actor, m.country) == actor for actor in (m.actor1, m.actor2))


def _inter_matches(m: Mention) -> bool:
    iso2 = iso2_of(m)
    return all(
        inter == inter_code(actor, m.country, iso2, inter)
        for actor, inter in ((m.actor1, m.inter1), (m.actor2, m.inter2))
    )


def _coded_with_actor(m: Mention) -> bool:
    return (m.actor1 is None) == (m.inter1 is None) and (m.actor2 is None) == (m.inter2 is None)


def _no_civilians_in_battle(m: Mention) -> bool:
    return m.event_type != BATTLES or CIVILIANS not in (m.inter1, m.inter2)


def _time_precision(m: Mention) -> bool:
    return m.time_precision in (1, 2, 3) and (m.event_date is not None or m.time_precision == 3)


def _geo_precision(m: Mention) -> bool:
    located = m.location is not None
    country_site = m.site is not None and m.country is not None and m.site.startswith(m.country + " ")
    not_country = m.location is None or m.location != m.country
    return (not located or m.geo_precision in (1, 2, 3)) and not_country and not country_site


def _coordinates(m: Mention) -> bool:
    return (m.latitude is None) == (m.longitude is None)


def _region(m: Mention) -> bool:
    return m.iso is None or region(m.iso) is not None


def _plain_names(m: Mention) -> bool:
    iso2 = iso2_of(m)
    names_plain = all(is_plain(getattr(m, name), iso2) for name in PLACE_COLUMNS)
    return names_plain and (m.site is None or plain_text(m.site) == m.site)


RULES: tuple[Rule, ...] = (
    Rule("actor1_present", "Actors: Actor 1", "Political violence and demonstrations always have an actor1; an "
         "unnamed perpetrator is an unidentified armed group of the country, a crowd its protesters or rioters.",
         _actor1_present),
    Rule("actor_names", "Actors: Actor names", "Generic actors carry their country: \"Unidentified Armed Group "
         "(Mali)\", \"Protesters (Kenya)\", \"Civilians (Sudan)\".", _generic_with_country),
    Rule("inter_from_actor", "Actors: Inter codes (Actor type)", "Each actor's inter code (1-8) follows from what "
         "the actor is; a state's forces acting outside their own country are External/Other forces (8).",
         _inter_matches),
    Rule("inter_with_actor", "Interaction", "An inter code exactly where an actor is coded, so the interaction "
         "is the two codes, lower first, or X0 for one actor.", _coded_with_actor),
    Rule("no_civilians_in_battle", "Event types: Battles", "A battle is between two organised armed groups: "
         "civilians are never an actor of a battle (and so never its civilian targeting).",
         _no_civilians_in_battle),
    Rule("peaceful_protest_no_fatalities", "Event types: Protests (Peaceful protest); Fatalities",
         "A peaceful protest has no fatalities.",
         lambda m: m.sub_event_type != PEACEFUL_PROTEST or m.fatalities == 0),
    Rule("peaceful_protest_no_actor2", "Event types: Protests (Peaceful protest)", "A peaceful protest has no "
         "second actor: nobody engages the protesters.",
         lambda m: m.sub_event_type != PEACEFUL_PROTEST or m.actor2 is None),
    Rule("region_from_country", "Geography: Region", "Every country has its ACLED region.", _region),
    Rule("time_precision", "Time precision", "Time precision is 1 (day), 2 (week) or 3 (month); an event "
         "without a known date is month-precise.", _time_precision),
    Rule("geo_precision", "Geo-precision; Location", "A located event has geo-precision 1-3, and its location is "
         "a town or region, never the country itself (nor is a site named after the country).", _geo_precision),
    Rule("coordinates_pair", "Latitude/Longitude", "Latitude and longitude are given together.", _coordinates),
    Rule("plain_place_names", "Location; Admin1/Admin2/Admin3", "Place names in plain English forms, without "
         "transliteration marks, diacritics or administrative type words; site names spell their places "
         "the same way.", _plain_names),
    Rule("notes_without_dateline", "Notes", "Notes summarise the event; they do not start with the article's "
         "dateline or outlet.", lambda m: not has_dateline(m.notes)),
)  # fmt: skip
RULES_BY_NAME = {rule.name: rule for rule in RULES}


def violations(mention: Mention) -> list[str]:
    """The names of the rules the (merged) mention breaks, in RULES order."""
    return [rule.name for rule in RULES if not rule.holds(mention)]
