"""Events in ACLED's column names and order, plus eventwatch's own columns after them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from eventwatch.conventions import civilian_targeting, event_id_cnty, interaction, region
from eventwatch.records import Event

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
EXTRA_COLUMNS = (
    "id",
    "geonames_id",
    "geonames_name",
    "site",
    "sources",
    "injuries",
    "size_reported",
    "weapon",
    "launched",
    "intercepted",
    "undated",
)


def source_scale(event: Event, scales: Mapping[str, str] | None) -> str | None:
    """ACLED's source_scale: the scales of the event's outlets ("National-International")."""
    outlets = {s.outlet for s in event.sources if s.outlet}
    found = sorted({scales[outlet] for outlet in outlets if scales and outlet in scales})
    return "-".join(found) or None


def outlet_scales(events: Iterable[Event]) -> dict[str, str]:
    """Where each outlet reports from, as a default source scale: an outlet whose events are in
    one country is "National", one reporting several countries "International"."""
    countries: dict[str, set[str]] = {}
    for event in events:
        for source in event.sources:
            if source.outlet and event.mention.country:
                countries.setdefault(source.outlet, set()).add(event.mention.country)
    return {outlet: "National" if len(found) == 1 else "International" for outlet, found in countries.items()}


def event_record(
    event: Event, scales: Mapping[str, str] | None = None, sites: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """One event as a flat dict: ACLED's fields, then eventwatch's. Missing inter codes are 0,
    as ACLED writes an absent actor's code. `scales`: each outlet's source scale; `sites`:
    site id -> the site's canonical name (as the API and the dashboard show it)."""
    m = event.mention
    outlets = sorted({s.outlet or "unknown" for s in event.sources})
    timestamp = int(event.last_updated.timestamp()) if event.last_updated else None
    record: dict[str, Any] = {
        "event_id_cnty": event_id_cnty(m.iso, event.id),
        "event_date": m.event_date.isoformat() if m.event_date else None,
        "year": m.event_date.year if m.event_date else None,
        "time_precision": m.time_precision,
        "disorder_type": m.disorder_type,
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "actor1": m.actor1,
        "assoc_actor_1": m.assoc_actor_1,
        "inter1": m.inter1 or 0,
        "actor2": m.actor2,
        "assoc_actor_2": m.assoc_actor_2,
        "inter2": m.inter2 or 0,
        "interaction": interaction(m.inter1, m.inter2) or 0,
        "civilian_targeting": "Civilian targeting" if civilian_targeting(m) else None,
        "iso": m.iso,
        "region": region(m.iso),
        "country": m.country,
        "admin1": m.admin1,
        "admin2": m.admin2,
        "admin3": None,
        "location": m.location,
        "latitude": m.latitude,
        "longitude": m.longitude,
        "geo_precision": m.geo_precision,
        "source": "; ".join(outlets),
        "source_scale": source_scale(event, scales),
        "notes": m.notes,
        "fatalities": m.fatalities,
        "tags": f"crowd size={m.size_reported}" if m.size_reported else None,
        "timestamp": timestamp,
        "id": event.id,
        "geonames_id": m.geonames_id,
        "geonames_name": m.geonames_name,
        "site": (sites or {}).get(event.site_id, m.site) if event.site_id else m.site,
        "sources": list(dict.fromkeys(s.article_id for s in event.sources)),  # one per article, as n_sources
        "injuries": m.injuries,
        "size_reported": m.size_reported,
        "weapon": m.weapon.kind if m.weapon else None,
        "launched": m.weapon.launched if m.weapon else None,
        "intercepted": m.weapon.intercepted if m.weapon else None,
        "undated": m.event_date is None,
    }
    return record


def csv_row(
    event: Event, scales: Mapping[str, str] | None = None, sites: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """event_record with the source article ids joined by ';' (one CSV cell) and booleans as
    1/0 (ACLED's CSV has no True/False)."""
    row = event_record(event, scales, sites)
    row["sources"] = ";".join(row["sources"])
    row["undated"] = int(row["undated"])
    return row
