"""The event filter options shared by `eventwatch events` and `eventwatch export` (the same
filters as the API's, built into the same store EventQuery)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eventwatch.errors import BadFilter
from eventwatch.store.query import EventQuery, parse_bbox, parse_near, with_type
from eventwatch.taxonomy import ALL_SUB_EVENT_TYPES, EVENT_TYPES

if TYPE_CHECKING:
    from eventwatch.store import Repository

Since = Annotated[str | None, typer.Option("--since", "--start", help="Earliest event date (YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option("--until", "--end", help="Latest event date (YYYY-MM-DD).")]
Type = Annotated[str | None, typer.Option("--type", help="Event type or sub-event type.")]
Country = Annotated[str | None, typer.Option(help="Country (any case).")]
Admin1 = Annotated[str | None, typer.Option(help="First-level region (any case).")]
Site = Annotated[str | None, typer.Option(help="A site id, or part of a site name or alias.")]
Bbox = Annotated[str | None, typer.Option(help="minlon,minlat,maxlon,maxlat.")]
Near = Annotated[str | None, typer.Option(help="lat,lon,km.")]
Actor = Annotated[str | None, typer.Option(help="Part of an actor's name.")]
Text = Annotated[str | None, typer.Option(help="Words in the notes or evidence quotes.")]
MinSources = Annotated[int | None, typer.Option(min=0, help="Reported by at least this many articles.")]
Stance = Annotated[str | None, typer.Option(help="Events with a claim of this stance (e.g. claims_responsibility).")]


# conventions/derive.py: event_id_cnty is the country's ISO alpha-3 code (XXX: none) and digits
_EVENT_ID_CNTY = re.compile(r"^[A-Z]{3}[0-9]{1,8}$", re.IGNORECASE)


def event_id_of(value: str, store: Repository) -> str:
    """An event id or prefix from what `show` is given: an id, a prefix, or an event_id_cnty
    (found among the events of that country: the digits are derived from the id)."""
    wanted = value.strip().upper()
    if not _EVENT_ID_CNTY.match(wanted):
        return value
    from eventwatch.conventions.data import countries_by_iso
    from eventwatch.conventions.derive import event_id_cnty

    isos = [iso for iso, country in countries_by_iso().items() if country.iso3 == wanted[:3]]
    for event_id, iso in store.event_ids_and_isos(isos[0] if isos else None):
        if event_id_cnty(iso, event_id) == wanted:
            return event_id
    return value


def check_type(value: str | None) -> None:
    """An unknown --type is an error that suggests the nearest event or sub-event type."""
    names = (*EVENT_TYPES, *ALL_SUB_EVENT_TYPES)
    if value is None or value.lower() in {name.lower() for name in names}:
        return
    from rapidfuzz import fuzz, process, utils

    best = process.extractOne(value, names, scorer=fuzz.WRatio, processor=utils.default_process)
    hint = f"; did you mean {best[0]!r}?" if best and best[1] >= 60 else ""
    raise BadFilter(f"unknown event or sub-event type {value!r}{hint}", param="type")


def check_country(value: str | None) -> None:
    """--country takes a name; a three-letter code ("UKR") is an error naming the country."""
    if value is None or len(value.strip()) != 3 or not value.strip().isalpha():
        return
    from eventwatch.gazetteer import Gazetteer

    place = Gazetteer.open().country(value)
    if place is not None and place.country.lower() != value.strip().lower():
        raise BadFilter(f"--country takes a country name, not a code: did you mean {place.country!r}?", param="country")


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise BadFilter(f"not a date (YYYY-MM-DD): {value!r}") from exc


def event_query(
    *,
    since: str | None = None,
    until: str | None = None,
    type_: str | None = None,
    country: str | None = None,
    admin1: str | None = None,
    site: str | None = None,
    bbox: str | None = None,
    near: str | None = None,
    actor: str | None = None,
    text: str | None = None,
    min_sources: int | None = None,
    stance: str | None = None,
) -> EventQuery:
    """The EventQuery of the CLI options (raises BadFilter on a malformed value)."""
    check_type(type_)
    check_country(country)
    wanted = EventQuery(
        start=parse_date(since),
        end=parse_date(until),
        country=country,
        admin1=admin1,
        site=site,
        bbox=parse_bbox(bbox) if bbox else None,
        near=parse_near(near) if near else None,
        actor=actor,
        text=text,
        min_sources=min_sources,
        stance=stance,
    )
    return with_type(wanted, type_)


FILTERS = tuple(inspect.signature(event_query).parameters)  # since, until, type_, ... stance


def query_of(params: Mapping[str, Any]) -> EventQuery:
    """The EventQuery of a command's filter options, given its parameters (`ctx.params`)."""
    return event_query(**{name: params.get(name) for name in FILTERS})
