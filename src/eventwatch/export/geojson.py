"""Events as an RFC 7946 FeatureCollection (lon/lat order; undated or unplaced events have a
null geometry)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from eventwatch.export.acled import event_record
from eventwatch.records import Event


def feature(
    event: Event, scales: Mapping[str, str] | None = None, sites: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """One event as a Feature: a [lon, lat] Point, or a null geometry when it has no place."""
    props = event_record(event, scales, sites)
    lat, lon = props.pop("latitude"), props.pop("longitude")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": props}


def feature_collection(events: Iterable[Event]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [feature(event) for event in events]}
