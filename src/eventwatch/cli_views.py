"""How the CLI prints events, one event and sites (tables for people, JSON/CSV for tools)."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table

from eventwatch.cli_common import print_json
from eventwatch.export import event_record, feature_collection
from eventwatch.export.acled import outlet_scales
from eventwatch.export.formats import export_chunks
from eventwatch.records import Article, Event, EventVersion, Mention, Site
from eventwatch.resolve.corroboration import corroborate
from eventwatch.resolve.merge import disagreements
from eventwatch.store import Repository


def print_events(
    events: Sequence[Event], fmt: str, console: Console, scales: Mapping[str, str] | None = None
) -> None:
    """`scales`: the outlets' source scales set in settings ([export] source_scales)."""
    if fmt == "json":
        print_json([event_record(e, {**outlet_scales(events), **(scales or {})}) for e in events])
    elif fmt == "geojson":
        print_json(feature_collection(events))
    elif fmt == "csv":
        sys.stdout.write(b"".join(export_chunks("csv", events, scales)).decode())  # as `eventwatch export`
    else:
        console.print(_table(events, console.width))


# Table columns, and the narrowest terminal that shows each (the rest fold into 80 columns).
COLUMNS = (
    ("id", 0), ("date", 0), ("p", 120), ("type", 0), ("location", 0), ("admin1", 120), ("country", 0),
    ("actor1", 100), ("site", 100), ("fat", 0), ("src", 0),
)  # fmt: skip


def _cells(event: Event) -> dict[str, str]:
    m = event.mention
    return {
        "id": event.id[:8],
        "date": m.event_date.isoformat() if m.event_date else "undated",
        "p": str(m.time_precision),
        "type": m.sub_event_type,
        "location": m.location or "",
        "admin1": m.admin1 or "",
        "country": m.country or "",
        "actor1": m.actor1 or "",
        "site": m.site or "",
        "fat": str(m.fatalities),
        "src": str(len({s.article_id for s in event.sources})),  # articles, as the API's n_sources
    }


def _table(events: Sequence[Event], width: int = 200) -> Table:
    shown = [name for name, narrowest in COLUMNS if width >= narrowest]
    table = Table(title=f"{len(events)} event(s)", show_lines=False)
    for column in shown:
        table.add_column(column, overflow="fold")
    for event in events:
        cells = _cells(event)
        table.add_row(*(cells[name] for name in shown))
    return table


# The fields `eventwatch show` prints, in this order (empty ones are left out).
SHOWN_FIELDS = (
    "event_date", "time_precision", "event_type", "sub_event_type", "disorder_type", "actor1", "inter1",
    "actor2", "inter2", "location", "admin1", "admin2", "country", "latitude", "longitude", "geo_precision",
    "site", "weapon", "launched", "intercepted", "fatalities", "injuries", "size_reported", "notes",
)  # fmt: skip


def print_event(event: Event, sources: Sequence[tuple[Article, Mention]], console: Console) -> None:
    record = event_record(event)
    console.print(f"[bold]Event {event.id}[/bold] (version {event.version})")
    for name in SHOWN_FIELDS:
        if record.get(name) not in (None, ""):
            console.print(f"  {name}: {record[name]}", highlight=False)
    _print_sources(event, sources, console)
    _print_claims(sources, console)
    _print_corroboration(event, sources, console)
    _print_disagreements(event, sources, console)


def _print_sources(event: Event, sources: Sequence[tuple[Article, Mention]], console: Console) -> None:
    console.print(f"[bold]Sources ({len(sources)})[/bold]")
    copies = {s.article_id: s.duplicate_of for s in event.sources if s.duplicate_of}
    for article, mention in sources:
        published = article.published_at.date().isoformat() if article.published_at else "undated"
        copy = f" (copy of {copies[article.id][:8]}: not independent)" if article.id in copies else ""
        console.print(
            f"  - {article.outlet or 'unknown outlet'}, {published}: {article.title or article.id}{copy}",
            highlight=False,
        )
        if article.url:
            console.print(f"    {article.url}", highlight=False)
        for field, ev in sorted(mention.evidence.items()):
            console.print(f"    {field}: “{ev.quote}” [{ev.start}:{ev.end}]", highlight=False)


def _print_claims(sources: Sequence[tuple[Article, Mention]], console: Console) -> None:
    claims = [(a, c) for a, m in sources for c in m.claims]
    if claims:
        console.print("[bold]Claims[/bold]")
    for article, claim in claims:
        about = f" → {claim.subject}" if claim.subject else ""
        console.print(
            f"  - {claim.speaker}: {claim.stance}{about} ({article.outlet or article.id[:8]}): "
            f"“{claim.evidence.quote}”",
            highlight=False,
        )


def _print_disagreements(event: Event, sources: Sequence[tuple[Article, Mention]], console: Console) -> None:
    differing = disagreements(event.values_by_source)
    outlets = {article.id: article.outlet or article.id[:8] for article, _ in sources}
    if differing:
        console.print("[bold]Sources disagree[/bold]")
    for source, values in differing.items():
        shown = ", ".join(f"{name}={value}" for name, value in values.items())
        console.print(f"  {outlets.get(source, source[:8])}: {shown}", highlight=False)


def _print_corroboration(event: Event, sources: Sequence[tuple[Article, Mention]], console: Console) -> None:
    summary = corroborate(event, sources)
    console.print("[bold]Corroboration[/bold]")
    console.print(
        f"  {len(summary.outlets)} independent outlet(s) in {summary.reports} report(s): {', '.join(summary.outlets)}",
        highlight=False,
    )
    for outlet, origin in summary.copies:
        console.print(f"  {outlet} republished {origin}'s story (counted once)", highlight=False)
    if summary.fatalities and summary.fatalities[0] != summary.fatalities[1]:
        low, high = summary.fatalities
        console.print(f"  fatalities reported: {low} to {high} (the event keeps the lowest)", highlight=False)
    for side in summary.sides:
        console.print(
            f"  {side.side}: {side.verdict} ({', '.join(side.stances)}; {'; '.join(side.speakers)})", highlight=False
        )


def _version_record(version: EventVersion) -> dict[str, object]:
    return {
        "version": version.version,
        "at": version.at.isoformat() if version.at else None,
        "kind": version.kind,
        "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in version.changes],
        "reason": version.reason,
        "article_id": version.article_id,
    }


def event_json(store: Repository, event: Event) -> dict[str, object]:
    """`show --format json`: the ACLED record and everything GET /events/ID gives (sources,
    claims, evidence, links, versions, corroboration)."""
    from eventwatch.api import views

    sources = store.event_mentions(event.id)
    linked = store.mention_events({article.id for article, mention in sources if mention.links})
    names = store.site_names([event.site_id] if event.site_id else [])
    detail = views.event_detail(event, sources, names, linked, store.event_history(event.id))
    return {**event_record(event), **detail.model_dump(mode="json")}


def print_history(versions: Sequence[EventVersion], fmt: str, console: Console) -> None:
    if fmt == "json":
        print_json([_version_record(v) for v in versions])
        return
    table = Table(title=f"{len(versions)} version(s)")
    for column in ("v", "at", "kind", "article", "changes", "reason"):
        table.add_column(column, overflow="fold")
    for v in versions:
        changes = "\n".join(f"{c.field}: {c.old} → {c.new}" for c in v.changes)
        at = v.at.strftime("%Y-%m-%d %H:%M:%S") if v.at else ""
        table.add_row(str(v.version), at, v.kind, (v.article_id or "")[:8], changes, v.reason)
    console.print(table)


def print_sites(sites: Sequence[Site], events: dict[str, Event], console: Console) -> None:
    table = Table(title=f"{len(sites)} site(s)")
    for column in ("site", "kind", "place", "events (date: type)", "counts reported by sources"):
        table.add_column(column, overflow="fold")
    for site in sites:
        history = [events[i] for i in site.event_ids if i in events]
        lines = [f"{e.mention.event_date or 'undated'}: {e.mention.sub_event_type} [{e.id[:8]}]" for e in history]
        counts = [f"{c.count} ({c.what}, {c.evidence.article_id[:8]})" for c in site.reported_counts]
        place = ", ".join(p for p in (site.location, site.admin1, site.country) if p)
        table.add_row(site.name, site.kind or "", place, "\n".join(lines), "\n".join(counts))
    console.print(table)
