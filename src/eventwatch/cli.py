"""The eventwatch command line: thin commands over importable functions.

Errors are translated only at this edge (cli_common.edge): one 'Error: …' line and a
non-zero exit. The `eval` sub-app is in cli_eval.py; the set-up commands (gazetteer, db,
classifier) in cli_setup.py.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from eventwatch import cli_filters as F
from eventwatch.cli_check import check
from eventwatch.cli_common import State, edge, err, known_total, out, print_json, repository, settings
from eventwatch.cli_eval import eval_app
from eventwatch.cli_setup import classifier_app, db_app, gazetteer_app
from eventwatch.cli_watch import register as register_watch
from eventwatch.errors import NotFound
from eventwatch.settings import load_settings

if TYPE_CHECKING:
    from eventwatch.records import Event, Site
    from eventwatch.store import Repository

app = typer.Typer(no_args_is_help=True, add_completion=False)
app.add_typer(eval_app, name="eval")
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(db_app, name="db")
app.add_typer(classifier_app, name="classifier")
app.command()(check)
register_watch(app)  # watch, sources, alerts

EventId = Annotated[str, typer.Argument(help="An event id, a unique prefix of it, or its event_id_cnty.")]
Reason = Annotated[str, typer.Option(help="Why (stored in the history).")]


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    geojson = "geojson"


def _print_version(wanted: bool) -> None:
    if wanted:
        from eventwatch import __version__

        out.print(f"eventwatch {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def main(
    db: Annotated[
        str | None, typer.Option("--db", envvar="EVENTWATCH_DB", help="Database URL (default sqlite:///eventwatch.db).")
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding defaults.toml.")] = None,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_print_version,
                                          help="Print the version and exit.")] = False,
) -> None:
    """eventwatch: news reports in, a sourced, deduplicated, geocoded database of conflict events out."""
    with edge():
        State.settings = load_settings(config).with_db(db)


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories or http(s) URLs.")],
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes (one writer stores in order).")] = 1,
    scheduler: Annotated[str | None, typer.Option(
        help="Extract on a Dask cluster: its scheduler (tcp://HOST:PORT), or 'local' for a local "
             "cluster of --workers processes.")] = None,
) -> None:
    """Read news documents, extract events, and merge them into the database."""
    from datetime import UTC, datetime

    from eventwatch.monitor.alerts import after_ingest
    from eventwatch.pipeline import ingest as run_ingest
    from eventwatch.scale import open_extractor

    with edge():
        store = repository()
        store.check()  # a damaged file fails here (exit 2), not after "0 new, N already stored"
        started = datetime.now(UTC)
        columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn())
        budget = settings().scale.document_seconds
        with open_extractor(workers, scheduler, budget=budget) as extract, Progress(
            *columns, console=err, transient=True, disable=not err.is_terminal
        ) as bar:
            task = bar.add_task("ingest", total=known_total(sources))
            report = run_ingest(sources, settings(), store, progress=lambda n: bar.advance(task, n), extract=extract)
        alerts = after_ingest(store, settings(), report.events, started)
    for item in report.rejected:
        err.print(f"rejected {item.origin}: {item.reason}", highlight=False, markup=False)
    out.print(
        f"{report.articles} new article(s) ({report.copies} wire copies or republications), "
        f"{report.duplicates} already stored, {report.mentions} "
        f"mention(s), {len(report.events)} event(s) touched, {len(report.rejected)} rejected"
        f"{f', {alerts} alert(s)' if alerts else ''} -> {store.url}",
        highlight=False,
    )
    if report.articles == 0 and report.duplicates == 0 and report.rejected:
        raise typer.Exit(code=1)


@app.command()
def events(
    ctx: typer.Context,
    since: F.Since = None,
    until: F.Until = None,
    type_: F.Type = None,
    country: F.Country = None,
    admin1: F.Admin1 = None,
    site: F.Site = None,
    bbox: F.Bbox = None,
    near: F.Near = None,
    actor: F.Actor = None,
    text: F.Text = None,
    min_sources: F.MinSources = None,
    stance: F.Stance = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List events, filtered, as a table, CSV, JSON or GeoJSON (date order, undated last)."""
    from eventwatch.cli_views import print_events

    with edge():
        wanted = F.query_of(ctx.params)  # the filter options above, by name
        found = list(repository(existing=True).iter_events(wanted, sort="event_date"))
    print_events(found, fmt.value, out, settings().export.source_scales)


class Counted(Iterator["Event"]):
    """An iterator of events that counts what it has handed out (export's row count)."""

    def __init__(self, events: Iterator[Event]) -> None:
        self._events = events
        self.count = 0

    def __next__(self) -> Event:
        event = next(self._events)
        self.count += 1
        return event


class ExportFormat(StrEnum):
    csv = "csv"
    geojson = "geojson"
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="File format.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    since: F.Since = None,
    until: F.Until = None,
    type_: F.Type = None,
    country: F.Country = None,
    admin1: F.Admin1 = None,
    site: F.Site = None,
    bbox: F.Bbox = None,
    near: F.Near = None,
    actor: F.Actor = None,
    text: F.Text = None,
    min_sources: F.MinSources = None,
    stance: F.Stance = None,
) -> None:
    """Write the matching events as the API's /events.FORMAT would (newest first); a file only when complete."""
    from eventwatch.export.formats import export_chunks

    with edge(writing=output or "standard output"):
        wanted = F.query_of(ctx.params)  # the filter options above, by name
        repo = repository(existing=True)
        rows = Counted(repo.iter_events(wanted))
        chunks = export_chunks(fmt.value, rows, settings().export.source_scales, repo.site_names)
        if output is None:
            for chunk in chunks:
                sys.stdout.buffer.write(chunk)
            sys.stdout.buffer.flush()
            err.print(f"wrote {rows.count} event(s)", highlight=False)
            return
        partial = output.with_name(f".{output.name}.partial")
        try:
            with partial.open("wb") as sink:  # renamed only when complete: a failed export leaves no file
                for chunk in chunks:
                    sink.write(chunk)
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    err.print(f"wrote {rows.count} event(s) to {output}", highlight=False, soft_wrap=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the HTTP API (and the dashboard, when installed) with uvicorn."""
    import uvicorn

    from eventwatch.api.app import create_app

    with edge():
        api = create_app(settings())
    uvicorn.run(api, host=host, port=port)


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def show(
    event_id: EventId,
    history: Annotated[bool, typer.Option("--history", help="Print the event's versions instead.")] = False,
    fmt: Annotated[ShowFormat, typer.Option("--format")] = ShowFormat.table,
) -> None:
    """One event: its fields, sources, claims and evidence quotes (or, with --history, its versions)."""
    from eventwatch.cli_views import event_json, print_event, print_history

    with edge():
        store = repository(existing=True)
        event = store.get_event(F.event_id_of(event_id, store))
        if history:
            print_history(store.event_history(event.id), fmt.value, out)
        elif fmt is ShowFormat.json:
            print_json(event_json(store, event))
        else:
            print_event(event, store.event_mentions(event.id), out)


@app.command()
def split(
    event_id: EventId,
    article: Annotated[str, typer.Option("--article", help="The source article (id or unique prefix) to detach.")],
    reason: Reason = "",
) -> None:
    """Undo a merge: move one article's mentions into a new event, and keep them apart from now on."""
    from eventwatch.resolve.corrections import split_article

    with edge():
        kept, new = split_article(repository(), event_id, article, reason)
    out.print(f"event {kept.id} keeps {len(kept.values_by_source)} source(s); the article's mention(s) "
              f"are now event {new.id}", highlight=False)


@app.command()
def merge(
    event_id: EventId,
    other: Annotated[str, typer.Argument(help="The event (id or unique prefix) to merge into EVENT_ID.")],
    reason: Reason = "",
) -> None:
    """Join two events the resolver kept apart: OTHER's sources move into EVENT_ID."""
    from eventwatch.resolve.corrections import merge_events

    with edge():
        event = merge_events(repository(), event_id, other, reason)
    out.print(f"event {event.id} is now version {event.version} with {len(event.values_by_source)} source(s)",
              highlight=False)


@app.command()
def edit(
    event_id: EventId,
    assignments: Annotated[list[str], typer.Argument(help="FIELD=VALUE corrections (empty VALUE clears).")],
    reason: Reason = "",
) -> None:
    """Correct an event's fields by hand; kept through re-ingestion and new sources."""
    from eventwatch.resolve.corrections import edit_event

    with edge():
        event = edit_event(repository(), event_id, assignments, reason)
    out.print(f"event {event.id} is now version {event.version}", highlight=False)


@app.command()
def sites() -> None:
    """Named sites with their events in time order and the counts sources report."""
    with edge():
        store = repository(existing=True)
        _print_sites(store, store.list_sites())


@app.command()
def site(name: Annotated[str, typer.Argument(help="Part of a site's name or of one of its aliases.")]) -> None:
    """One site (or every site matching NAME): its events in time order and reported counts."""
    from eventwatch.records import normalise_text

    with edge():
        store = repository(existing=True)
        needle = normalise_text(name)
        found = [s for s in store.list_sites() if any(needle in normalise_text(a) for a in (s.name, *s.aliases))]
        if not found:
            raise NotFound(f"no site matches {name!r}; 'eventwatch sites' lists them")
        _print_sites(store, found)


def _print_sites(store: Repository, found: list[Site]) -> None:
    """The sites with their events (read by id: only those the sites hold)."""
    from eventwatch.cli_views import print_sites

    history = store.get_events([event_id for s in found for event_id in s.event_ids])
    print_sites(found, {event.id: event for event in history}, out)


@app.command()
def classify(text: Annotated[str, typer.Argument(help="A news snippet (one to a few sentences).")]) -> None:
    """The CASE-style label and ACLED sub-event type of a snippet, with a score."""
    from eventwatch.evaluate.case2021 import classify_report

    with edge():
        report = classify_report(text)
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    app()
