"""Whether a mention and a stored event can be one incident, and how well they agree.

`explain` returns the score with the reasons for it (kept in the event's version history):
0 with the rule that vetoes the pair, else 0.4 plus the agreements. A pair is vetoed unless
the type is compatible (the same, or kindred types in one town: see `_kin`), the place is
compatible (same country; a region contains its towns; two named towns within town_km;
else within max_km), the date is compatible (within the slack of the coarser precision; a
night may straddle midnight) and the sites are one site (`same_site`). Rules and measured
scores: docs/resolution.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from eventwatch.extract.sites import kind_of_name
from eventwatch.records import Mention
from eventwatch.resolve.evidence import agreements, day_apart, neighbour, repeated
from eventwatch.resolve.merge import same_night
from eventwatch.resolve.nights import one_night
from eventwatch.resolve.sites import alias_key, fold, part_and_whole, part_kinds, proper_name, similar
from eventwatch.settings import ResolveSettings
from eventwatch.taxonomy import BATTLES, EVENT_TYPE_OF, EXPLOSIONS, PROTESTS, RIOTS, STRATEGIC, VAC

# Families whose sub-types are different kinds of happening (an arrest is never an
# interception): there only the same sub-type can be the same incident.
_SAME_SUB_TYPE = {STRATEGIC, PROTESTS, RIOTS, VAC}
ATTACK = "Attack"
DEMONSTRATION = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                 "Violent demonstration"}  # fmt: skip
# Violence against people that sources call by different names: an attack on villagers, a
# "clash" with them, a mob killing them. One incident when place, day and victims agree.
_VIOLENCE = {ATTACK, "Armed clash", "Mob violence"}
_DESTRUCTION = "Looting/property destruction"  # the looting or burning during an attack
_VIOLENT_FAMILIES = {BATTLES, EXPLOSIONS, VAC, RIOTS}


@dataclass(frozen=True)
class Match:
    score: float
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return f"score {self.score:.2f}: " + ", ".join(self.reasons)


def km(a: Mention, b: Mention) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def same_place(a: Mention, b: Mention) -> bool:
    """The same place at the same precision ("Kherson" the region is not the city); spellings
    that differ only by accents or case are one name."""
    return bool(a.location) and a.geo_precision == b.geo_precision and fold(a.location) == fold(b.location)


def same_town(a: Mention, b: Mention, settings: ResolveSettings) -> bool:
    """Both name a town (geo_precision 1), the same one or two within town_km."""
    if not (a.geo_precision == b.geo_precision == 1):
        return False
    distance = km(a, b)
    return same_place(a, b) or (distance is not None and distance <= settings.town_km)


def one_place(a: Mention, b: Mention, settings: ResolveSettings) -> bool:
    """Both placed at least near a town (geo_precision 1 or 2: "near Kstovo" is Kstovo's
    facility), the same name or within town_km: where a facility's kind names it."""
    if a.geo_precision not in (1, 2) or b.geo_precision not in (1, 2):
        return False
    distance = km(a, b)
    return (bool(a.location) and fold(a.location) == fold(b.location)) or (
        distance is not None and distance <= settings.town_km)  # fmt: skip


def _in_region(a: Mention, b: Mention) -> bool:
    """One place is a region only (geo_precision 3) and the other lies in it."""
    return 3 in (a.geo_precision, b.geo_precision) and bool(a.admin1) and a.admin1 == b.admin1


def place_problem(a: Mention, b: Mention, settings: ResolveSettings) -> str | None:
    """Why the two places cannot be one, or None. Same country; a region-only place contains
    any place of its region; two town-precise places are one place only if they carry the
    same name or lie within town_km (ACLED codes events per day and place: shelling of Kherson
    and a drone strike on Bilozerka, 15 km away, the same morning are two events); other
    places must lie within max_km."""
    if a.country and b.country and a.country != b.country:
        return "different countries"
    if a.geo_precision == 3 or b.geo_precision == 3:
        same = a.admin1 is None or b.admin1 is None or a.admin1 == b.admin1
        return None if same else "a region and a place outside it"
    distance = km(a, b)
    if distance is None:
        return None
    if a.geo_precision == 1 and b.geo_precision == 1 and not same_place(a, b):
        return None if distance <= settings.town_km else f"two towns {distance:.0f} km apart"
    return None if distance <= settings.max_km else f"places {distance:.0f} km apart"


def place_ok(a: Mention, b: Mention, settings: ResolveSettings) -> bool:
    return place_problem(a, b, settings) is None


def slack(precision: int, settings: ResolveSettings) -> int:
    """Days either side a date of this time_precision may be off by."""
    return {1: 0, 2: settings.week_slack_days}.get(precision, settings.month_slack_days)


def date_ok(a: Mention, b: Mention, settings: ResolveSettings) -> bool:
    if a.event_date is None or b.event_date is None:
        return False
    days = max(slack(a.time_precision, settings), slack(b.time_precision, settings))
    if days == 0 and settings.night_slack_days and one_night(a, b) and repeated(a) == repeated(b):
        return True  # one night told either side of midnight (not a repeat of the night before)
    return abs((a.event_date - b.event_date).days) <= days


def _victims_agree(a: Mention, b: Mention) -> bool:
    """The same toll, or the same named victims."""
    return bool(a.fatalities and a.fatalities == b.fatalities) or bool(a.actor2 and a.actor2 == b.actor2)


def same_toll_next_day(a: Mention, b: Mention, settings: ResolveSettings) -> bool:
    """Two day-precise dates a day apart in one town with the same number killed: one
    incident that sources date by their own clock or night (a toll of injured alone is too
    common to tell two days' shelling apart)."""
    if not (a.event_date and b.event_date and a.time_precision == b.time_precision == 1):
        return False
    toll = bool(a.fatalities and a.fatalities == b.fatalities)
    apart = abs((a.event_date - b.event_date).days)
    return toll and apart <= settings.night_slack_days and same_town(a, b, settings)


def kin(a: Mention, b: Mention) -> str | None:
    """Why two different types can be one incident in one place, or None: a remote attack one
    source calls an attack on civilians (Shelling vs Attack); a demonstration one source calls
    peaceful and another violent or repressed; an attack, clash or mob killing of the same
    victims; an attack and the looting or burning during it."""
    subs = {a.sub_event_type, b.sub_event_type}
    families = {EVENT_TYPE_OF[a.sub_event_type], EVENT_TYPE_OF[b.sub_event_type]}
    if families == {VAC, EXPLOSIONS} and ATTACK in subs:
        return "a remote attack and an attack on civilians"
    if subs <= DEMONSTRATION:
        return "one demonstration told as calm or violent"
    if subs <= _VIOLENCE and _victims_agree(a, b):
        return "an attack, clash or mob violence against the same victims"
    if _DESTRUCTION in subs and len(families & _VIOLENT_FAMILIES) == 1 and a.event_date == b.event_date:
        return "an attack and the looting or burning during it"
    return None


def _one_family(a: Mention, b: Mention, settings: ResolveSettings) -> str | None:
    """Two sub-types of one family told of one town ("a drone strike" and "a missile attack"
    on a town the same day: combined raids are told by the weapon each source saw)."""
    one = EVENT_TYPE_OF[a.sub_event_type] == EVENT_TYPE_OF[b.sub_event_type]
    return "one family, other sub-types, in one town" if one and same_town(a, b, settings) else None


def types_ok(a: Mention, b: Mention, settings: ResolveSettings) -> bool:
    """Same event type (and, where sub-types are different happenings, the same sub-type),
    or kindred types (see kin) in one town."""
    family_a, family_b = EVENT_TYPE_OF[a.sub_event_type], EVENT_TYPE_OF[b.sub_event_type]
    if family_a == family_b and (family_a not in _SAME_SUB_TYPE or a.sub_event_type == b.sub_event_type):
        return True
    return same_town(a, b, settings) and kin(a, b) is not None


def same_site(a: Mention, b: Mention, settings: ResolveSettings) -> bool | None:
    """Whether two named sites are one facility: True for the same name (fuzzy) or the same
    kind of facility in one town (`one_place`) where at most one name is more than the town's
    ("Lukoil oil refinery" and "Kstovo oil refinery" in Kstovo: an operator's name joins only
    within one town); None (no bonus, no veto) for a part and its whole ("the grain terminal"
    of "Odesa port"), two kinds in one town, one named only by its kind or of a kind the
    lexicon does not know ("Izmail port" and "a grain terminal", "the industrial site"), or
    one kind (or a part of it) at most one name apart, one source placing it only in the
    region the other's town lies in ("Lukoil refinery" in the region, "Kstovo refinery");
    False for two facilities: in two places, each with a name of its own, or two kinds each
    named ("Kherson port" and "Kherson railway station")."""
    if similar(alias_key(a), alias_key(b)):
        return True
    if part_and_whole(a, b):
        return None
    here = one_place(a, b, settings)
    if not (here or _in_region(a, b)):
        return False
    names = {fold(proper_name(m.site)) for m in (a, b)} - {"", fold(a.location), fold(b.location)}
    kinds = (kind_of_name(a.site or ""), kind_of_name(b.site or ""))
    if kinds[0] is not None and kinds[0] == kinds[1]:
        return (len(names) <= 1) if here else (None if len(names) <= 1 else False)
    if part_kinds(*kinds) and len(names) <= 1:  # "Sheskharis oil terminal" of "Novorossiysk port"
        return None
    if not here:
        return False
    return None if None in kinds or not (proper_name(a.site) and proper_name(b.site)) else False


def explain(event: Mention, mention: Mention, settings: ResolveSettings) -> Match:
    """The score of a mention against an event's merged values, with its reasons."""
    if not types_ok(event, mention, settings):
        return Match(0.0, (f"types incompatible ({event.sub_event_type} / {mention.sub_event_type})",))
    site = same_site(event, mention, settings) if event.site and mention.site else None
    facts = agreements(event, mention, site)
    near: list[str] = []
    if problem := place_problem(event, mention, settings):
        if not (why := neighbour(event, mention, km(event, mention), facts, settings)):
            return Match(0.0, (f"places incompatible ({problem})",))
        near.append(f"places {problem}: {why}")
    if not (date_ok(event, mention, settings) or same_toll_next_day(event, mention, settings)):
        if not (why := day_apart(event, mention, facts, settings, bool(site) and kin(event, mention) is not None)):
            return Match(0.0, (f"dates incompatible ({event.event_date} / {mention.event_date}, precision "
                               f"{event.time_precision} / {mention.time_precision})",))
        near.append(f"dates {event.event_date} / {mention.event_date}: {why}")
    reasons = ["compatible type, place and date +0.4", *near]
    total = 0.4
    if event.sub_event_type == mention.sub_event_type:
        total, reasons = total + 0.2, [*reasons, "same sub-type +0.2"]
    elif why := kin(event, mention) or _one_family(event, mention, settings):
        total, reasons = total + 0.1, [*reasons, f"kindred types ({why}) +0.1"]
    if site is False and not (problem and kind_of_name(event.site or "") == kind_of_name(mention.site or "")):
        return Match(0.0, (f"different sites ({event.site!r}, {mention.site!r})",))
    if site:
        total, reasons = total + 0.3, [*reasons, "same site +0.3"]
    if 3 in (event.time_precision, mention.time_precision) and not (site or same_place(event, mention)):
        return Match(0.0, ("a month-precise date needs the same place or site",))
    for agrees, what in (
        (event.event_date == mention.event_date or same_night(event, mention), "same day or night"),
        (same_place(event, mention), "same place"),
        (bool(event.actor1) and event.actor1 == mention.actor1, "same actor1"),
    ):
        if agrees:
            total, reasons = total + 0.1, [*reasons, f"{what} +0.1"]
    return Match(round(min(total, 1.0), 4), tuple(reasons))


def score(event: Mention, mention: Mention, settings: ResolveSettings) -> float:
    """0 when the two cannot be one incident; else 0.4, +0.2 same sub-type (+0.1 kindred
    types), +0.3 same site, +0.1 each for the same day (or night), place and actor1."""
    return explain(event, mention, settings).score


def as_reported(merged: Mention, values: dict[str, object]) -> Mention:
    """The event's merged values with one source's own date, type, place name, site, toll and
    actors (values_by_source) in their place."""
    changes: dict[str, object] = {k: values[k] for k in ("time_precision", "date_phrase", "location", "admin1", "site",
                                                         "fatalities", "actor1", "actor2") if k in values}  # fmt: skip
    if isinstance(values.get("event_date"), str):
        changes["event_date"] = date.fromisoformat(str(values["event_date"]))
    sub = values.get("sub_event_type")
    if isinstance(sub, str) and sub in EVENT_TYPE_OF:
        changes.update(sub_event_type=sub, event_type=EVENT_TYPE_OF[sub])
    return replace(merged, **changes)  # type: ignore[arg-type]


def explain_event(merged: Mention, by_source: dict[str, dict[str, object]], mention: Mention,
                  settings: ResolveSettings) -> Match:  # fmt: skip
    """The best of the mention's scores against the event's merged values and against each
    source's own values (one source may tell the incident as this mention does)."""
    best = explain(merged, mention, settings)
    for source, values in by_source.items():
        match = explain(as_reported(merged, values), mention, settings)
        if match.score > best.score:
            best = Match(match.score, (*match.reasons, f"as source {source} reports it"))
    return best
