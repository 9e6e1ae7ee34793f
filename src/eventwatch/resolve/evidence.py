"""Near misses that the facts outweigh: two reports of one incident that disagree by a day or
by a neighbouring town, let through only when enough independent facts agree.

Sources date an incident by their own reading of "on Monday", "yesterday" or "last night"
(relative to when each was published) and geocode "near Sévaré" or "outside Mopti" to
different towns of one district. The strict rules (scoring.py) veto such pairs; here a
pair one day apart, or in two towns of one region (or within neighbour_km), is still one
incident when the sub-type agrees and at least `*_evidence` of these facts agree
(`agreements`): the same site, the same number killed, the same number injured, the same
target or victims (actor2). The attacker (actor1) is not counted: one army shells many
towns a day. A day apart also needs a date that does not name its month ("on Monday",
"yesterday": read against a publication date) on at least one side; two calendar dates a
day apart are two days. Thresholds and how they were chosen: defaults.toml [resolve],
docs/resolution.md.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from functools import cache
from importlib import resources

from eventwatch.extract.dates import DateGuess, names_month
from eventwatch.records import Article, Mention
from eventwatch.resolve.merge import same_night
from eventwatch.resolve.nights import date_sentence
from eventwatch.resolve.sites import fold, proper_name
from eventwatch.settings import ResolveSettings

REPEAT = "(a repeat)"  # added to the date phrase of a report that tells a repeated incident

def calendar_date(mention: Mention) -> bool:
    """The mention's date was written as a calendar date naming its month ("10 June",
    "2025-06-10"); other day-precise phrases ("on Monday", "yesterday", "last night") are
    read against the publication date, which outlets (and their time zones) differ on."""
    phrase = (mention.date_phrase or "").partition("(")[0]
    return names_month(DateGuess(mention.event_date, mention.time_precision, phrase, None, "explicit"))


@cache
def _repeat_words() -> re.Pattern[str]:
    data = tomllib.loads(resources.files("eventwatch").joinpath("lexicon/en/repeat.toml").read_text())
    return re.compile(rf"\b(?:{'|'.join(data['patterns'])})(?!\w)", re.IGNORECASE)


def with_repeat(article: Article, mention: Mention) -> Mention:
    """The mention with REPEAT added to its date phrase when its headline or its date's
    sentence tells that the incident repeats an earlier one ("hit again", "for a second day",
    lexicon/en/repeat.toml)."""
    if mention.time_precision != 1 or REPEAT in (mention.date_phrase or ""):
        return mention
    where = f"{article.title or ''}\n{date_sentence(article, mention) or ''}"
    if not _repeat_words().search(where):
        return mention
    return replace(mention, date_phrase=f"{mention.date_phrase or ''} {REPEAT}".strip())


def repeated(mention: Mention) -> bool:
    return REPEAT in (mention.date_phrase or "")


def agreements(a: Mention, b: Mention, same_site: bool | None) -> tuple[str, ...]:
    """The facts beyond type, place and date on which both mentions agree (`same_site`:
    whether their named sites are one facility, scoring.same_site)."""
    found = []
    if same_site:
        found.append("same site")
    if a.fatalities and a.fatalities == b.fatalities:
        found.append(f"same toll ({a.fatalities} killed)")
    if a.injuries and a.injuries == b.injuries:
        found.append(f"same injured ({a.injuries})")
    if a.actor2 and a.actor2 == b.actor2:
        found.append("same victims or target")
    return tuple(found)


def day_apart(a: Mention, b: Mention, facts: tuple[str, ...], settings: ResolveSettings,
              kindred: bool = False) -> str | None:  # fmt: skip
    """Why two day-precise dates one day apart can still be one incident, or None: at least
    one is not a calendar date, neither report tells a repeated incident ("again"), the
    tolls do not differ, the sub-types agree (or are `kindred`: kindred types at one named
    site, "a drone strike" and "an attack" on one market) and enough facts agree."""
    if not (a.event_date and b.event_date and a.time_precision == b.time_precision == 1):
        return None
    if abs((a.event_date - b.event_date).days) != 1 or (calendar_date(a) and calendar_date(b)):
        return None
    if repeated(a) or repeated(b):
        return None  # "hit again": two strikes a day apart
    if a.fatalities and b.fatalities and a.fatalities != b.fatalities:
        return None
    if (a.sub_event_type != b.sub_event_type and not kindred) or len(facts) < settings.day_apart_evidence:
        return None
    return f"a day apart, a date read against its publication, but {', '.join(facts)}"


def _named_for(a: Mention, b: Mention) -> bool:
    """One of the sites is named after the town one of the sources names ("the Kstovo
    refinery" placed by one source in Kstovo, by another in the city next to it); not an
    operator's name ("Rosneft refinery": one company's refineries in two towns of a region)
    nor a generic one ("the central market")."""
    towns = {fold(m.location) for m in (a, b) if m.location}
    return any(fold(proper_name(m.site)) in towns for m in (a, b) if proper_name(m.site))


def neighbour(a: Mention, b: Mention, distance: float | None, facts: tuple[str, ...],
              settings: ResolveSettings) -> str | None:  # fmt: skip
    """Why two places named differently (towns over town_km apart) can still be one
    incident's, or None: both placed at least near a town, in one region or within
    neighbour_km, the same day (or night), the same sub-type, the same site named after
    one of the towns (`_named_for`: a facility is one place whichever town a source names
    for it) and enough facts agree.
    Without a site, two towns' tolls and victims agree by chance too often (shelling of two
    towns of one region the same day)."""
    if settings.neighbour_km <= 0 or not (a.country == b.country and a.geo_precision in (1, 2)
                                          and b.geo_precision in (1, 2)):  # fmt: skip
        return None
    one_region = bool(a.admin1) and a.admin1 == b.admin1
    if not (one_region or (distance is not None and distance <= settings.neighbour_km)):
        return None
    same_day = a.event_date is not None and (a.event_date == b.event_date or same_night(a, b))
    if not same_day or a.sub_event_type != b.sub_event_type or "same site" not in facts or not _named_for(a, b):
        return None
    if len(facts) < settings.neighbour_evidence:
        return None
    where = "one region" if one_region else f"{distance:.0f} km apart"
    return f"{where}, the same day, but {', '.join(facts)}"
