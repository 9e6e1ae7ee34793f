"""Fields ACLED derives from others, recomputed from the merged event (never copied from one
source): inter codes from the actors and the country, interaction, civilian targeting, region,
event_id_cnty; and the repairs that make a stored event follow the codebook (see codebook.py
for each rule and its section). Pure functions: Mention in, Mention out.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

from eventwatch.conventions.actors import actor_kind, default_actor1, inter_code, with_country
from eventwatch.conventions.data import countries_by_iso, region_of_iso3
from eventwatch.conventions.names import iso2_of, plain_places
from eventwatch.conventions.notes import plain_notes
from eventwatch.records import Article, Mention
from eventwatch.taxonomy import BATTLES, POLITICAL_VIOLENCE

CIVILIANS = 7
PEACEFUL_PROTEST = "Peaceful protest"


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """Codebook, "Interaction": the two inter codes, lower first; X0 for one actor alone."""
    codes = sorted(code for code in (inter1, inter2) if code is not None)
    if not codes:
        return None
    return codes[0] * 10 + (codes[1] if len(codes) == 2 else 0)


def civilian_targeting(mention: Mention) -> bool:
    """Codebook, "Civilian targeting": political violence whose target (actor2) is civilians."""
    return POLITICAL_VIOLENCE in mention.disorder_type and mention.event_type != BATTLES and mention.inter2 == CIVILIANS


def iso3_of(iso: int | None) -> str | None:
    country = countries_by_iso().get(iso) if iso is not None else None
    return country.iso3 if country else None


def region(iso: int | None) -> str | None:
    """Codebook, "Region": the region of the event's country."""
    iso3 = iso3_of(iso)
    return region_of_iso3().get(iso3) if iso3 else None


def event_id_cnty(iso: int | None, event_id: str) -> str:
    """Codebook, "Event ID": the country's ISO alpha-3 code and digits (here derived from the
    stable event id, so an event keeps its number; XXX when no country is known)."""
    digits = int(hashlib.sha256(event_id.encode("utf-8")).hexdigest()[:12], 16) % 10**8
    return f"{iso3_of(iso) or 'XXX'}{digits}"


def _actors(m: Mention) -> dict[str, Any]:
    """Actor1 filled where the codebook wants one; no civilians in a battle; inter codes from
    the names."""
    actor1, actor2, inter2 = with_country(m.actor1, m.country), with_country(m.actor2, m.country), m.inter2
    if actor2 is not None and m.event_type == BATTLES and _is_civilians(actor2, inter2):
        actor2, inter2 = None, None
    if m.sub_event_type == PEACEFUL_PROTEST:
        actor2, inter2 = None, None
    if actor1 is None:
        actor1 = default_actor1(m.event_type, m.country)
    iso2 = iso2_of(m)
    return {
        "actor1": actor1,
        "actor2": actor2,
        "inter1": inter_code(actor1, m.country, iso2, m.inter1),
        "inter2": inter_code(actor2, m.country, iso2, inter2),
    }


def _is_civilians(actor: str, inter: int | None) -> bool:
    kind = actor_kind(actor)
    return (kind.inter if kind is not None else inter) == CIVILIANS


def _precision(m: Mention) -> dict[str, Any]:
    """Codebook, "Time precision" and "Geo-precision": an undated event is month-precise (3);
    a location that is the country itself is no town (region level, 3), nor a site's town; a
    located event has a geo-precision."""
    changes: dict[str, Any] = {}
    if m.event_date is None and m.time_precision != 3:
        changes["time_precision"] = 3
    if m.location is not None and m.country is not None and m.location == m.country:
        changes.update(location=m.admin1, geo_precision=3)
    if _country_site(m):
        changes["site"] = None  # "Ukraine warehouse": a facility named after a country is no site
    if (changes.get("location", m.location) is not None) and m.geo_precision not in (1, 2, 3):
        changes["geo_precision"] = 3
    return changes


def _country_site(m: Mention) -> bool:
    """A site named after the event's country ("Ukraine warehouse"): no site (codebook,
    "Location": a country is never a location, nor a facility's town)."""
    return m.site is not None and m.country is not None and m.site.startswith(m.country + " ")


def conform(mention: Mention) -> Mention:
    """The mention with every derived field recomputed and the codebook's rules applied."""
    m = plain_places(mention)
    changes: dict[str, Any] = {**_precision(m), **_actors(m)}
    if m.sub_event_type == PEACEFUL_PROTEST and m.fatalities:
        changes["fatalities"] = 0
    notes = plain_notes(m.notes)
    if notes != m.notes:
        changes["notes"] = notes
    changed = {k: v for k, v in changes.items() if getattr(m, k) != v}
    return replace(m, **changed) if changed else m


def article_mentions(article: Article, mentions: list[Mention]) -> list[Mention]:
    """An article's mentions as resolution should see them: places in their plain names (so a
    place is spelled one way in mentions, events and sites), generic actors with their country,
    notes without the article's dateline, outlet or headline, and no site named after the
    country; GeoNames' own name of the place stays in geonames_name. Derived fields wait for
    the merged event (`conform`)."""
    result = []
    for mention in mentions:
        original = mention.geonames_name or (mention.location if mention.geonames_id is not None else None)
        plain = plain_places(mention)
        named: dict[str, Any] = {
            "site": None if _country_site(plain) else plain.site,
            "notes": plain_notes(plain.notes, article.title),
            "geonames_name": original,
            "actor1": with_country(plain.actor1, plain.country),
            "actor2": with_country(plain.actor2, plain.country),
        }
        if any(getattr(plain, name) != value for name, value in named.items()):
            plain = replace(plain, **named)
        result.append(plain)
    return result
