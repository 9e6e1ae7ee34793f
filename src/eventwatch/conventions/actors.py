"""Actors named and coded as ACLED does (codebook, "Actors": actor names and inter codes).

`actor_name("military", "Mali")` gives "Military Forces of Mali" for every country; `inter_code`
reads an actor's kind back from its name, and codes a state's forces 8 (external forces)
outside their own country. Extraction can call `state_actor("Malian soldiers")` (demonyms
and force nouns in lexicon/en/demonyms.toml) or `actor_name` with a country it found.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from eventwatch.conventions.data import actors

DEMONYMS_PATH = Path(__file__).resolve().parent.parent / "lexicon" / "en" / "demonyms.toml"
EXTERNAL = 8  # codebook, "Inter codes": External/Other forces
_REGIME = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)$")  # "Military Forces of Russia (2000-)"


class ActorKind(NamedTuple):
    kind: str  # a key of actors.toml [patterns], or "named"
    inter: int
    country: str | None  # the country the name carries
    state: bool  # a state's own forces (coded 8 abroad)


def _pattern(template: str) -> re.Pattern[str]:
    head, tail = template.split("{country}")
    return re.compile("^" + re.escape(head) + r"(?P<country>.+?)" + re.escape(tail) + "$")


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str], dict[str, Any]], ...]:
    return tuple((kind, _pattern(spec["name"]), spec) for kind, spec in actors()["patterns"].items())


def actor_name(kind: str, country: str) -> str:
    """ACLED's name for an actor kind of a country: ("military", "Mali") -> "Military Forces of Mali"."""
    template: str = actors()["patterns"][kind]["name"]
    return template.format(country=country)


def actor_kind(actor: str) -> ActorKind | None:
    """What an actor's name says it is; None for a name the tables do not know."""
    name = _REGIME.sub("", actor.strip())
    for kind, pattern, spec in _patterns():
        hit = pattern.match(name)
        if hit:
            return ActorKind(kind, int(spec["inter"]), hit.group("country"), bool(spec.get("state")))
    if name in actors()["generic"]:
        return ActorKind(
            actors()["generic"][name], int(actors()["patterns"][actors()["generic"][name]]["inter"]), None, False
        )
    named = actors()["named"].get(name)
    if named is not None:
        return ActorKind("named", int(named["inter"]), named.get("state"), "state" in named)
    return None


def inter_code(actor: str | None, country: str | None, iso2: str | None, current: int | None) -> int | None:
    """The inter code of `actor` in an event in `country` (`iso2`): from its name, with a
    state's forces abroad coded 8; a name the tables do not know keeps `current` (or 3, a
    political militia, when no source coded it)."""
    if actor is None:
        return None
    found = actor_kind(actor)
    if found is None:
        return current if current is not None else 3
    if found.state:
        if found.kind == "named":
            abroad = iso2 is not None and found.country != iso2
        else:
            abroad = country is not None and found.country != country
        return EXTERNAL if abroad else found.inter
    return found.inter


def with_country(actor: str | None, country: str | None) -> str | None:
    """A generic actor with its country ("Protesters" in Kenya -> "Protesters (Kenya)")."""
    kind = actors()["generic"].get(actor) if actor is not None else None
    return actor_name(kind, country) if kind is not None and country is not None else actor


def default_actor1(event_type: str, country: str | None) -> str | None:
    """The actor1 of an event no source names an actor for: None where ACLED leaves it empty."""
    kind = actors()["default_actor1"].get(event_type)
    if kind is None:
        return None
    if country is None:
        return (
            "Unidentified Armed Group"
            if kind == "unidentified"
            else actors()["patterns"][kind]["name"].split(" ({country})")[0]
        )
    return actor_name(kind, country)


@cache
def _lexicon() -> dict[str, Any]:
    return tomllib.loads(DEMONYMS_PATH.read_text("utf-8"))


@cache
def _demonyms() -> dict[str, str]:
    table = _lexicon()["demonyms"]
    return {word.casefold(): country for country, words in table.items() for word in [country, *words]}


@cache
def _forces() -> dict[str, str]:
    return {noun.casefold(): kind for kind, nouns in _lexicon()["forces"].items() for noun in nouns}


def state_of_demonym(word: str) -> str | None:
    """The country a demonym or state name names ("Malian", "Somali", "Mali") -> "Mali"."""
    text = re.sub(r"['’]s$", "", word.strip())
    return _demonyms().get(text.casefold())


def state_actor(phrase: str) -> str | None:
    """ACLED's name for a state's forces named by a demonym and a force noun: "Malian soldiers"
    -> "Military Forces of Mali", "Myanmar's military", "Colombian police" -> "Police Forces of
    Colombia". For extraction to call on an actor phrase it found; None when it is not one."""
    words = phrase.split()
    for size in (3, 2, 1):
        country = state_of_demonym(" ".join(words[:size])) if len(words) > size else None
        kind = _forces().get(" ".join(words[size:]).casefold()) if country else None
        if country and kind:
            return actor_name(kind, country)
    return None
