"""Query parameters shared by /events, the exports and /stats, turned into a store EventQuery."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Query
from pydantic import BeforeValidator

from eventwatch.records import Stance
from eventwatch.store.query import EventQuery, parse_bbox, parse_near

NO_NUL = r"^[^\x00]*$"  # databases refuse NUL characters in text
_LAT = r"-?(90(\.0+)?|[0-8]?\d(\.\d+)?)"
_LON = r"-?(180(\.0+)?|(1[0-7]\d|\d{1,2})(\.\d+)?)"
BBOX_PATTERN = rf"^{_LON},{_LAT},{_LON},{_LAT}$"
NEAR_PATTERN = rf"^{_LAT},{_LON},\d{{1,5}}(\.\d+)?$"


def _iso_date(value: object) -> object:
    """Only YYYY-MM-DD (pydantic alone would also take a number as a Unix timestamp)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _text(description: str) -> object:
    return Query(description=description, max_length=200, pattern=NO_NUL)


async def event_query(  # async: no worker thread for pure parsing (see routes.repo_of)
    start: Annotated[IsoDate | None, Query(description="Earliest event_date (YYYY-MM-DD, inclusive)")] = None,
    end: Annotated[IsoDate | None, Query(description="Latest event_date (YYYY-MM-DD, inclusive)")] = None,
    event_type: Annotated[str | None, _text("ACLED event type (case-insensitive)")] = None,
    sub_event_type: Annotated[str | None, _text("ACLED sub-event type (case-insensitive)")] = None,
    country: Annotated[str | None, _text("Country name (case-insensitive)")] = None,
    admin1: Annotated[str | None, _text("First-level region (case-insensitive)")] = None,
    bbox: Annotated[
        str | None,
        Query(
            description="minlon,minlat,maxlon,maxlat (minlon > maxlon crosses the antimeridian); malformed: 400",
            max_length=200,
            json_schema_extra={"pattern": BBOX_PATTERN},
        ),
    ] = None,
    near: Annotated[
        str | None,
        Query(
            description="lat,lon,km: events within km of the point (great-circle); malformed: 400",
            max_length=200,
            json_schema_extra={"pattern": NEAR_PATTERN},
        ),
    ] = None,
    actor: Annotated[str | None, _text("Part of actor1, actor2 or an associated actor")] = None,
    site: Annotated[str | None, _text("A site id, or part of a site's name or alias")] = None,
    text: Annotated[str | None, _text("Words that must all occur in the notes or evidence quotes")] = None,
    min_sources: Annotated[
        int | None, Query(ge=0, le=10_000, description="Reported by at least this many articles")
    ] = None,
    stance: Annotated[Stance | None, Query(description="Events having a claim with this stance")] = None,
) -> EventQuery:
    return EventQuery(
        start=start,
        end=end,
        event_type=event_type,
        sub_event_type=sub_event_type,
        country=country,
        admin1=admin1,
        bbox=parse_bbox(bbox) if bbox is not None else None,
        near=parse_near(near) if near is not None else None,
        actor=actor,
        site=site,
        text=text,
        min_sources=min_sources,
        stance=stance,
    )
