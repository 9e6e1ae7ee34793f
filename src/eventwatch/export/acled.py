"""Events in ACLED's column names and order, plus eventwatch's own columns after them."""

from __future__ import annotations

from typing import Any

from eventwatch.records import Event
from eventwatch.taxonomy import interaction

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
EXTRA_COLUMNS = ("id", "site", "sources", "injuries", "size_reported", "weapon", "launched", "intercepted", "undated")


def event_record(event: Event) -> dict[str, Any]:
    """One event as a flat dict: ACLED's fields, then eventwatch's."""
    m = event.mention
    outlets = sorted({s.outlet or "unknown" for s in event.sources})
    timestamp = int(event.last_updated.timestamp()) if event.last_updated else None
    record: dict[str, Any] = {
        "event_id_cnty": f"EW{event.id[:10].upper()}",
        "event_date": m.event_date.isoformat() if m.event_date else None,
        "year": m.event_date.year if m.event_date else None,
        "time_precision": m.time_precision,
        "disorder_type": m.disorder_type,
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "actor1": m.actor1,
        "assoc_actor_1": m.assoc_actor_1,
        "inter1": m.inter1,
        "actor2": m.actor2,
        "assoc_actor_2": m.assoc_actor_2,
        "inter2": m.inter2,
        "interaction": interaction(m.inter1, m.inter2),
        "civilian_targeting": "Civilian targeting" if m.inter2 == 7 else None,
        "iso": m.iso,
        "region": None,
        "country": m.country,
        "admin1": m.admin1,
        "admin2": m.admin2,
        "admin3": None,
        "location": m.location,
        "latitude": m.latitude,
        "longitude": m.longitude,
        "geo_precision": m.geo_precision,
        "source": "; ".join(outlets),
        "source_scale": None,
        "notes": m.notes,
        "fatalities": m.fatalities,
        "tags": None,
        "timestamp": timestamp,
        "id": event.id,
        "site": m.site,
        "sources": list(dict.fromkeys(s.article_id for s in event.sources)),  # one per article, as n_sources
        "injuries": m.injuries,
        "size_reported": m.size_reported,
        "weapon": m.weapon.kind if m.weapon else None,
        "launched": m.weapon.launched if m.weapon else None,
        "intercepted": m.weapon.intercepted if m.weapon else None,
        "undated": m.event_date is None,
    }
    return record


def csv_row(event: Event) -> dict[str, Any]:
    """event_record with the source article ids joined by ';' (one CSV cell)."""
    row = event_record(event)
    row["sources"] = ";".join(row["sources"])
    return row
