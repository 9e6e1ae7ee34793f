"""The eventwatch command line: thin commands over importable functions.

Errors are translated here, and only here: one 'Error: …' line and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from eventwatch import cli_filters as F
from eventwatch.errors import EventwatchError, NotFound
from eventwatch.settings import Settings, load_settings

if TYPE_CHECKING:  # heavy modules load only when a command needs them
    from eventwatch.extract.assemble import Services
    from eventwatch.store import Repository

app = typer.Typer(no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(no_args_is_help=True, help="Measure quality against the shared data.")
gazetteer_app = typer.Typer(no_args_is_help=True, help="The offline GeoNames index.")
db_app = typer.Typer(no_args_is_help=True, help="The database schema (Alembic migrations).")
classifier_app = typer.Typer(no_args_is_help=True, help="The snippet classifier trained on the project's examples.")
app.add_typer(eval_app, name="eval")
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(db_app, name="db")
app.add_typer(classifier_app, name="classifier")
out = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    geojson = "geojson"


class _State:
    settings: Settings | None = None


def _settings() -> Settings:
    if _State.settings is None:
        _State.settings = load_settings()
    return _State.settings


def _fail(exc: EventwatchError) -> typer.Exit:
    err.print(f"[red]Error:[/red] {exc.message}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code=2)


@app.callback()
def main(
    db: Annotated[
        str | None, typer.Option("--db", envvar="EVENTWATCH_DB", help="Database URL (default sqlite:///eventwatch.db).")
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="A TOML file overriding defaults.toml.")] = None,
) -> None:
    """eventwatch: news reports in, a sourced, deduplicated, geocoded database of conflict events out."""
    try:
        _State.settings = load_settings(config).with_db(db)
    except EventwatchError as exc:
        raise _fail(exc) from exc


def _repo() -> Repository:
    from eventwatch.store import open_repository

    return open_repository(_settings().store.url)


def _services() -> Services:
    from eventwatch.extract.assemble import Services
    from eventwatch.gazetteer import Gazetteer

    return Services(gazetteer=Gazetteer.open())


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, directories or http(s) URLs.")],
    workers: Annotated[int, typer.Option(min=1, help="Extraction processes (one writer stores in order).")] = 1,
    scheduler: Annotated[str | None, typer.Option(
        help="Extract on a Dask cluster: its scheduler (tcp://HOST:PORT), or 'local' for a local "
             "cluster of --workers processes.")] = None,
) -> None:
    """Read news documents, extract events, and merge them into the database."""
    from eventwatch.pipeline import ingest as run_ingest
    from eventwatch.scale import open_extractor

    try:
        repo = _repo()
        columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn())
        with open_extractor(workers, scheduler) as extract, Progress(
            *columns, console=err, transient=True, disable=not err.is_terminal
        ) as bar:
            task = bar.add_task("ingest", total=None)
            report = run_ingest(sources, _settings(), repo, progress=lambda n: bar.advance(task, n), extract=extract)
    except EventwatchError as exc:
        raise _fail(exc) from exc
    for item in report.rejected:
        err.print(f"rejected {item.origin}: {item.reason}", highlight=False, markup=False)
    out.print(
        f"{report.articles} new article(s) ({report.copies} wire copies or republications), "
        f"{report.duplicates} already stored, {report.mentions} "
        f"mention(s), {len(report.events)} event(s) touched, {len(report.rejected)} rejected "
        f"-> {repo.url}",
        highlight=False,
    )
    if report.articles == 0 and report.duplicates == 0 and report.rejected:
        raise typer.Exit(code=1)


@app.command()
def events(
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

    try:
        wanted = F.event_query(since=since, until=until, type_=type_, country=country, admin1=admin1, site=site,
                               bbox=bbox, near=near, actor=actor, text=text, min_sources=min_sources, stance=stance)
        found = list(_repo().iter_events(wanted, sort="event_date"))
    except EventwatchError as exc:
        raise _fail(exc) from exc
    print_events(found, fmt.value, out)


class ExportFormat(StrEnum):
    csv = "csv"
    geojson = "geojson"
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def export(
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
    """Write the matching events as the API's /events.FORMAT would (newest first)."""
    from eventwatch.export.formats import export_chunks

    try:
        wanted = F.event_query(since=since, until=until, type_=type_, country=country, admin1=admin1, site=site,
                               bbox=bbox, near=near, actor=actor, text=text, min_sources=min_sources, stance=stance)
        chunks = export_chunks(fmt.value, _repo().iter_events(wanted))
        if output is None:
            for chunk in chunks:
                sys.stdout.buffer.write(chunk)
            sys.stdout.buffer.flush()
            return
        with output.open("wb") as sink:
            for chunk in chunks:
                sink.write(chunk)
    except OSError as exc:
        raise _fail(EventwatchError(f"cannot write {output}: {exc.strerror or exc}")) from exc
    except EventwatchError as exc:
        raise _fail(exc) from exc
    err.print(f"wrote {output}", highlight=False)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """Serve the HTTP API (and the dashboard, when installed) with uvicorn."""
    import uvicorn

    from eventwatch.api.app import create_app

    try:
        api = create_app(_settings())
    except EventwatchError as exc:
        raise _fail(exc) from exc
    uvicorn.run(api, host=host, port=port)


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(help="An event id or a unique prefix of it.")],
    history: Annotated[bool, typer.Option("--history", help="Print the event's versions instead.")] = False,
    fmt: Annotated[ShowFormat, typer.Option("--format")] = ShowFormat.table,
) -> None:
    """One event: its fields, sources, claims and evidence quotes (or, with --history, its versions)."""
    from eventwatch.cli_views import print_event, print_history

    try:
        repo = _repo()
        event = repo.get_event(event_id)
        if history:
            print_history(repo.event_history(event.id), fmt.value, out)
        elif fmt is ShowFormat.json:
            from eventwatch.export import event_record

            sys.stdout.write(json.dumps(event_record(event), indent=2, default=str) + "\n")
        else:
            print_event(event, repo.event_mentions(event.id), out)
    except EventwatchError as exc:
        raise _fail(exc) from exc


@app.command()
def split(
    event_id: Annotated[str, typer.Argument(help="An event id or a unique prefix of it.")],
    article: Annotated[str, typer.Option("--article", help="The source article (id or unique prefix) to detach.")],
    reason: Annotated[str, typer.Option(help="Why (stored in the history).")] = "",
) -> None:
    """Undo a merge: move one article's mentions into a new event, and keep them apart from now on."""
    from eventwatch.resolve.corrections import split_article

    try:
        kept, new = split_article(_repo(), event_id, article, reason)
    except EventwatchError as exc:
        raise _fail(exc) from exc
    out.print(f"event {kept.id} keeps {len(kept.values_by_source)} source(s); the article's mention(s) "
              f"are now event {new.id}", highlight=False)


@app.command()
def edit(
    event_id: Annotated[str, typer.Argument(help="An event id or a unique prefix of it.")],
    assignments: Annotated[list[str], typer.Argument(help="FIELD=VALUE corrections (empty VALUE clears).")],
    reason: Annotated[str, typer.Option(help="Why (stored in the history).")] = "",
) -> None:
    """Correct an event's fields by hand; kept through re-ingestion and new sources."""
    from eventwatch.resolve.corrections import edit_event

    try:
        event = edit_event(_repo(), event_id, assignments, reason)
    except EventwatchError as exc:
        raise _fail(exc) from exc
    out.print(f"event {event.id} is now version {event.version}", highlight=False)


@app.command()
def sites() -> None:
    """Named sites with their events in time order and the counts sources report."""
    from eventwatch.cli_views import print_sites

    try:
        repo = _repo()
        print_sites(repo.list_sites(), {e.id: e for e in repo.list_events()}, out)
    except EventwatchError as exc:
        raise _fail(exc) from exc


@app.command()
def site(name: Annotated[str, typer.Argument(help="Part of a site's name or of one of its aliases.")]) -> None:
    """One site (or every site matching NAME): its events in time order and reported counts."""
    from eventwatch.cli_views import print_sites
    from eventwatch.records import normalise_text

    try:
        repo = _repo()
        needle = normalise_text(name)
        found = [s for s in repo.list_sites() if any(needle in normalise_text(a) for a in (s.name, *s.aliases))]
        if not found:
            raise NotFound(f"no site matches {name!r}; 'eventwatch sites' lists them")
        print_sites(found, {e.id: e for e in repo.list_events()}, out)
    except EventwatchError as exc:
        raise _fail(exc) from exc


@eval_app.command("seeds")
def eval_seeds(
    shared: Annotated[Path, typer.Option(help="The shared folder with seeds/ and acceptance/.")] = Path("../shared"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Check the seed reports against ../shared/acceptance/seeds.json (exit 0 only if all pass)."""
    from eventwatch.evaluate.seeds import run_seeds

    try:
        result = run_seeds(shared, _settings(), _services())
    except EventwatchError as exc:
        raise _fail(exc) from exc
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        out.print(f"{result['passed']}/{result['checks']} checks passed")
        for failure in result["failed"]:
            out.print(f"  FAIL {failure['article']} {failure['key']}: {failure['why']}", highlight=False)
    if result["failed"]:
        raise typer.Exit(code=1)


@app.command()
def classify(text: Annotated[str, typer.Argument(help="A news snippet (one to a few sentences).")]) -> None:
    """The CASE-style label and ACLED sub-event type of a snippet, with a score."""
    from eventwatch.evaluate.case2021 import classify_report

    sys.stdout.write(json.dumps(classify_report(text)) + "\n")


@eval_app.command("case2021")
def eval_case2021(
    path: Annotated[Path, typer.Argument(help="A CASE 2021 Task 2 TSV (id, EventSnippet, SubType).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Classify every snippet and score subtasks 1-3 (weighted, micro and macro F1)."""
    from eventwatch.evaluate.case2021 import evaluate_case2021

    try:
        result = evaluate_case2021(path)
    except EventwatchError as exc:
        raise _fail(exc) from exc
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    for name in ("subtask1", "subtask2", "subtask3"):
        sub = result[name]
        out.print(f"{name}: n={sub['n']} weighted F1 {sub['weighted_f1']:.4f}, micro {sub['micro_f1']:.4f}, "
                  f"macro {sub['macro_f1']:.4f}", highlight=False)


@eval_app.command("hrdsattack")
def eval_hrdsattack(
    path: Annotated[Path, typer.Argument(help="A HRDsAttack JSON file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Run the pipeline on each article and score the primary event's country, admin1, city and date."""
    from eventwatch.evaluate.hrdsattack import evaluate_hrdsattack

    try:
        result = evaluate_hrdsattack(path, _services(), _settings())
    except EventwatchError as exc:
        raise _fail(exc) from exc
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    for field in ("country", "admin1", "city", "date"):
        out.print(f"{field}: {result[field + '_acc']:.3f} (n={result['n_' + field]})", highlight=False)


@eval_app.command("resolution")
def eval_resolution(
    folder: Annotated[Path, typer.Argument(help="A labelled corpus: articles and a gold.json (examples/resolution).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Ingest FOLDER into a temporary database; score the events against its gold incidents."""
    from eventwatch.evaluate.resolution import evaluate_resolution

    try:
        result = evaluate_resolution(folder, _settings(), _services())
    except EventwatchError as exc:
        raise _fail(exc) from exc
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    for name in ("pairwise", "bcubed"):
        sub = result[name]
        out.print(f"{name}: P {sub['precision']:.4f} R {sub['recall']:.4f} F1 {sub['f1']:.4f}", highlight=False)
    out.print(f"same-site different-day merges: {result['same_site_different_day_merges']}", highlight=False)


@eval_app.command("gate")
def eval_gate(
    shared: Annotated[Path, typer.Option(help="The shared folder with acceptance/ and data/.")] = Path("../shared"),
    baseline: Annotated[Path, typer.Option(help="The pinned floors.")] = Path("quality/baseline.json"),
    update: Annotated[bool, typer.Option("--update", help="Pin the current scores as the new floors.")] = False,
    allow_lower: Annotated[bool, typer.Option("--allow-lower", help="Let --update lower a floor.")] = False,
) -> None:
    """Measure seeds, examples/resolution, CASE 2021 dev and HRDsAttack dev; fail when a score drops below its floor."""
    from eventwatch.evaluate import gate

    try:
        scores, sums = gate.measure_all(shared, gate.standard_corpora(_services(), _settings()))
        pinned = gate.load_baseline(baseline) if baseline.exists() else {}
        if update:
            new = gate.updated(scores, sums, pinned, allow_lower=allow_lower)
            baseline.parent.mkdir(parents=True, exist_ok=True)
            baseline.write_text(json.dumps(new, indent=2, sort_keys=True) + "\n")
        failures = gate.check(scores, sums, gate.load_baseline(baseline))
    except EventwatchError as exc:
        raise _fail(exc) from exc
    for metric, value in sorted(scores.items()):
        out.print(f"{metric}: {value:.4f}", highlight=False)
    for failure in failures:
        err.print(f"FAIL {failure}", highlight=False)
    if failures:
        raise typer.Exit(code=1)


@gazetteer_app.command("build")
def gazetteer_build(
    path: Annotated[Path | None, typer.Option(help="Where to write the index.")] = None,
) -> None:
    """Build the compact GeoNames index from the installed packages (once, at install)."""
    from eventwatch.gazetteer import build_index, default_index_path

    target = path or default_index_path()
    try:
        stats = build_index(target)
    except EventwatchError as exc:
        raise _fail(exc) from exc
    out.print(f"gazetteer index written to {target}: {stats}", highlight=False)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Migrate the database to the newest schema (every command also does this on open)."""
    from eventwatch.store import create_store_engine, revision_info

    try:
        engine = create_store_engine(_settings().store.url)
        info = revision_info(engine)
    except EventwatchError as exc:
        raise _fail(exc) from exc
    out.print(f"{engine.url.render_as_string(hide_password=True)} is at revision {info['current']}", highlight=False)


@db_app.command("current")
def db_current() -> None:
    """Print the database's schema revision and the newest one, without migrating."""
    from eventwatch.store import create_store_engine, revision_info

    try:
        info = revision_info(create_store_engine(_settings().store.url, upgrade=False))
    except EventwatchError as exc:
        raise _fail(exc) from exc
    state = "up to date" if info["current"] == info["head"] else "needs `eventwatch db upgrade`"
    out.print(f"current {info['current'] or '(none)'}, head {info['head']}: {state}", highlight=False)


@classifier_app.command("build")
def classifier_build() -> None:
    """Train the snippet classifier from the bundled examples and cache it (once, at install)."""
    import time

    from eventwatch.classify.cache import model_path, save
    from eventwatch.classify.examples import load_examples
    from eventwatch.classify.model import train

    try:
        examples = load_examples()
        start = time.perf_counter()
        model = train(examples)
        took = time.perf_counter() - start
        target = model_path(examples)
        save(model, target)
    except EventwatchError as exc:
        raise _fail(exc) from exc
    except OSError as exc:
        raise _fail(EventwatchError(f"cannot write the classifier: {exc}")) from exc
    out.print(f"classifier trained on {len(examples)} examples in {took:.1f}s, written to {target}", highlight=False)


if __name__ == "__main__":
    app()
