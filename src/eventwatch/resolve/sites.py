"""The Site registry: each named facility once, with aliases and spelling variants.

A site's key is its proper name folded ("Kremniy EL plant" and "Kremniy EL
microelectronics plant" -> "kremniy el"); unnamed sites ("main railway station") are
keyed with their town so two towns' stations stay apart. Variants such as "Kremny-El"
meet an existing site of the same country by fuzzy match (rapidfuzz).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from eventwatch.extract.sites import kind_of_name, site_key
from eventwatch.records import Mention, Site, normalise_text

FUZZY_MIN = 88.0  # rapidfuzz ratio; "kremniy el plant" vs "kremny el plant" scores 97, vs "kristall plant" 60


_PROPER = re.compile(r"^((?:[A-Z0-9][\w’'-]*)(?:[ -][A-Z0-9][\w’'-]*)*)")


def fold(name: str | None) -> str:
    """A place name without accents and case ("Ménaka" -> "menaka")."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def proper_name(site: str | None) -> str:
    """The capitalised words a site's name starts with ("Lukoil" of "Lukoil oil refinery");
    empty for a generic name ("main railway station")."""
    found = _PROPER.match(site or "")
    return found.group(1) if found else ""


def alias_key(mention: Mention) -> str:
    """The registry key of the mention's site: its proper name and kind, so spelling and
    wording variants meet ("Kremniy EL plant", "Kremniy EL microelectronics plant" ->
    "kremniy el plant"; "Novoshakhtinsk oil refinery" -> "novoshakhtinsk refinery")."""
    name = mention.site or ""
    proper = proper_name(name)
    return site_key(f"{proper} {kind_of_name(name) or ''}") if proper else site_key(name)


# Facilities reported as the site of one strike at a larger one ("the grain terminal" of
# "Odesa port"): a mention naming the part and one naming the whole can be one incident.
_PARTS_OF = {
    "port": {"terminal", "depot", "shipyard"},
    "airport": {"terminal"},
    "airbase": {"depot", "headquarters"},
    "military base": {"depot", "headquarters"},
}


def part_and_whole(a: Mention, b: Mention) -> bool:
    """Whether the two sites have one proper name and one is a part of the other's kind."""
    names = [proper_name(m.site) for m in (a, b)]
    if not names[0] or not names[1] or not similar(site_key(names[0]), site_key(names[1])):
        return False
    return part_kinds(kind_of_name(a.site or ""), kind_of_name(b.site or ""))


# Kinds by which sources name one facility: a refinery is an (oil) plant, a power station a
# plant or station, an oil depot an oil terminal, a military airfield an airport.
_NAMED_AS = {
    "plant": {"refinery", "power facility"},
    "station": {"railway station", "power facility", "pipeline"},
    "depot": {"terminal"},
    "airport": {"airbase"},
}


def part_kinds(kind_a: str | None, kind_b: str | None) -> bool:
    """Whether one kind of facility is a part of the other (a terminal of a port), or a name
    sources use for the other (a refinery called a plant)."""
    return any(kind_b in table.get(kind_a or "", ()) or kind_a in table.get(kind_b or "", ())
               for table in (_PARTS_OF, _NAMED_AS))  # fmt: skip


def site_id(key: str, country: str | None) -> str:
    return hashlib.sha256(f"{country or ''}|{key}".encode()).hexdigest()[:16]


def similar(key: str, other: str) -> bool:
    return fuzz.ratio(key, other, processor=default_process) >= FUZZY_MIN


def new_site(mention: Mention, key: str) -> Site:
    """A registry entry; its aliases hold the display name and the key it is found by."""
    name = mention.site or key
    return Site(
        id=site_id(key, mention.country),
        name=name,
        kind=kind_of_name(name),
        aliases=tuple(dict.fromkeys((name, key))),
        location=mention.location if mention.geo_precision != 3 else None,
        admin1=mention.admin1,
        country=mention.country,
    )


def matches(site: Site, key: str) -> bool:
    return any(similar(key, site_key(alias)) for alias in site.aliases)


def owned_aliases(site: Site, owner_of: Callable[[str], Site | None]) -> Site:
    """The site without aliases another site already holds (an alias names one site)."""
    kept = tuple(a for a in site.aliases if (owner := owner_of(normalise_text(a))) is None or owner.id == site.id)
    return replace(site, aliases=kept)


def with_alias(site: Site, mention: Mention, key: str) -> Site:
    """The site with this mention's spelling added, and its town once a source names it."""
    aliases = tuple(dict.fromkeys((*site.aliases, mention.site or key, key)))
    location = site.location or (mention.location if mention.geo_precision != 3 else None)
    return replace(
        site,
        aliases=aliases,
        location=location,
        admin1=site.admin1 or mention.admin1,
        country=site.country or mention.country,
    )


def canonical(site: Site) -> Site:
    """The site named and keyed the same whatever order its spellings came in: its id from
    the first of its normalised aliases, its name the first capitalised spelling, aliases in
    order."""
    aliases = tuple(sorted(set(site.aliases), key=lambda a: (normalise_text(a), a)))
    name = min(aliases, key=lambda a: (a == a.lower(), normalise_text(a), a)) if aliases else site.name
    first = min(normalise_text(a) for a in aliases) if aliases else normalise_text(site.name)
    return replace(site, id=site_id(first, site.country), name=name, kind=kind_of_name(name) or site.kind,
                   aliases=aliases)  # fmt: skip
