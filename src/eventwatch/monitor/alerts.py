"""Saved searches: their filters, and their evaluation after each ingest.

An event is worth an alert when a version made by this ingest is material: a new event, a
changed fatality count, a new independent source (a wire copy is not), a new claim, or a
merge. Each saved search whose filters the event now matches records one match for the
event's version ("new" the first time it matches that event, "changed" after), and one
pending delivery per channel; deliver.py sends them and the Atom feed lists them."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select, true

from eventwatch.errors import BadFilter
from eventwatch.export import event_record
from eventwatch.records import AlertMatch, Event, EventVersion, SavedSearch
from eventwatch.settings import Settings
from eventwatch.store import Repository
from eventwatch.store.loading import chunks
from eventwatch.store.monitor import MonitorStore
from eventwatch.store.query import EventQuery, conditions, parse_bbox, with_type
from eventwatch.store.schema import events

# The saved-search filters: `eventwatch events` option names (type may be an event type or a sub-event type).
FILTER_NAMES = ("type", "sub_event_type", "country", "admin1", "site", "text", "actor", "min_fatalities", "bbox")


def search_query(filters: dict[str, Any]) -> EventQuery:
    """The store query of a saved search's filters (min_fatalities is applied apart)."""
    unknown = set(filters) - set(FILTER_NAMES)
    if unknown:
        raise BadFilter(f"unknown saved-search filter(s): {', '.join(sorted(unknown))}")
    wanted = EventQuery(
        country=filters.get("country"),
        admin1=filters.get("admin1"),
        site=filters.get("site"),
        text=filters.get("text"),
        actor=filters.get("actor"),
        bbox=parse_bbox(filters["bbox"]) if filters.get("bbox") else None,
    )
    wanted = with_type(wanted, filters.get("type"))
    if filters.get("sub_event_type"):
        wanted = replace(wanted, sub_event_type=filters["sub_event_type"])
    return wanted


def matching_ids(repo: Repository, search: SavedSearch, event_ids: Collection[str] | None) -> set[str]:
    """Those of `event_ids` (None: of every stored event) the search's filters match now."""
    wanted = search_query(search.filters)
    least = search.filters.get("min_fatalities")
    found: set[str] = set()
    with repo.engine.connect() as conn:
        where = conditions(wanted, conn.dialect.name)
        if isinstance(least, int):
            where.append(events.c.fatalities >= least)
        if event_ids is None:
            return set(conn.execute(select(events.c.id).where(and_(true(), *where))).scalars())
        for chunk in chunks(sorted(event_ids)):
            stmt = select(events.c.id).where(and_(events.c.id.in_(chunk), *where))
            found.update(conn.execute(stmt).scalars())
    return found


def _source(event: Event, article_id: str | None) -> str:
    """The outlet and URL of the event's source from this article ("Outlet <https://...>")."""
    for source in event.sources:
        if source.article_id == article_id:
            name = source.outlet or article_id[:8]
            return f"{name} <{source.url}>" if source.url else name
    return (article_id or "")[:8]


def material_changes(repo: Repository, event: Event, versions: list[EventVersion]) -> list[str]:
    """What in these versions is worth an alert, in words; empty when nothing is."""
    said: list[str] = []
    claims_of: dict[str, list[str]] | None = None
    for version in versions:
        if version.kind == "created":
            said.append("new event")
            if version.article_id:
                said.append(f"source: {_source(event, version.article_id)}")
        elif version.kind == "merged":
            said.append("merged with another event")
        said += [f"fatalities {c.old} → {c.new}" for c in version.changes
                 if c.field == "fatalities" and c.old is not None]
        independent = version.article_id and not version.reason.startswith("copy of")
        if version.kind == "source_added" and independent:
            said.append(f"new independent source: {_source(event, version.article_id)}")
        if version.kind in ("created", "source_added") and independent:
            if claims_of is None:
                sources = repo.event_mentions(event.id)
                claims_of = {a.id: [f"{c.speaker} {c.stance}" for c in m.claims] for a, m in sources}
            said += [f"new claim: {claim}" for claim in claims_of.get(version.article_id or "", [])]
    return list(dict.fromkeys(said))


def _changed(repo: Repository, event_ids: Collection[str], since: datetime) -> list[tuple[Event, list[str]]]:
    found = []
    for event in repo.get_events(sorted(event_ids)):
        fresh = [v for v in repo.event_history(event.id) if v.at is None or v.at >= since]
        said = material_changes(repo, event, fresh)
        if said:
            found.append((event, said))
    return found


def targets(search: SavedSearch) -> list[tuple[str, str]]:
    return [(channel, target) for channel, target in (("webhook", search.webhook), ("email", search.email)) if target]


def evaluate(
    repo: Repository, store: MonitorStore, event_ids: Collection[str], since: datetime, settings: Settings
) -> list[int]:
    """Match every saved search against the events touched since `since`; the new match ids."""
    searches = store.list_searches() if event_ids else []
    changed = _changed(repo, event_ids, since) if searches else []
    made: list[int] = []
    for search in searches:
        hits = matching_ids(repo, search, [event.id for event, _ in changed])
        before = store.last_matched_versions(search.name, hits)
        for event, said in changed:
            if event.id not in hits or before.get(event.id, 0) >= event.version:
                continue
            match = AlertMatch(
                id=0, search=search.name, event_id=event.id, version=event.version,
                kind="changed" if event.id in before else "new", changes=tuple(said),
                event=event_record(event), matched_at=store.clock(),
            )  # fmt: skip
            match_id = store.add_match(match, targets(search))
            if match_id is not None:
                made.append(match_id)
    return made


def after_ingest(repo: Repository, settings: Settings, event_ids: Collection[str], since: datetime) -> int:
    """Evaluate the saved searches on an ingest's events and try their deliveries once (CLI
    ingest, POST /articles); the number of new matches."""
    from eventwatch.monitor.deliver import Deliverer

    store = MonitorStore(repo.engine)
    made = evaluate(repo, store, event_ids, since, settings)
    if made:
        deliverer = Deliverer(settings, store)
        try:
            deliverer.run_pass()
        finally:
            deliverer.close()
    return len(made)
