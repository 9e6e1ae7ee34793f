"""The eventwatch command line: thin commands over importable functions.

Errors are translated here, and only here: one 'Error: …' line and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

from eventwatch.errors import EventwatchError, NotFound
from eventwatch.settings import Settings, load_settings

if TYPE_CHECKING:  # heavy modules load only when a command needs them
    from eventwatch.extract.assemble import Services
    from eventwatch.store import Repository

app = typer.Typer(no_args_is_help=True, add_completion=False)
eval_app = typer.Typer(no_args_is_help=True, help="Measure quality against the shared data.")
gazetteer_app = typer.Typer(no_args_is_help=True, help="The offline GeoNames index.")
classifier_app = typer.Typer(no_args_is_help=True, help="The snippet classifier trained on the project's examples.")
app.add_typer(eval_app, name="eval")
app.add_typer(gazetteer_app, name="gazetteer")
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
    err.print(f"[red]Error:[/red] {exc.message}", highlight=False, markup=True)
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
) -> None:
    """Read news documents, extract events, and merge them into the database."""
    from eventwatch.pipeline import ingest as run_ingest

    try:
        repo, services = _repo(), _services()
        columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("ingest", total=None)
            report = run_ingest(
                sources, _settings(), repo, services, progress=lambda n: bar.advance(task, n), workers=workers
            )
    except EventwatchError as exc:
        raise _fail(exc) from exc
    for item in report.rejected:
        err.print(f"rejected {item.origin}: {item.reason}", highlight=False, markup=False)
    out.print(
        f"{report.articles} new article(s), {report.duplicates} already stored, {report.mentions} "
        f"mention(s), {len(report.events)} event(s) touched, {len(report.rejected)} rejected "
        f"-> {repo.url}",
        highlight=False,
    )
    if report.articles == 0 and report.duplicates == 0 and report.rejected:
        raise typer.Exit(code=1)


@app.command()
def events(
    since: Annotated[str | None, typer.Option(help="Earliest event date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Latest event date (YYYY-MM-DD).")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Event type or sub-event type.")] = None,
    country: Annotated[str | None, typer.Option()] = None,
    admin1: Annotated[str | None, typer.Option()] = None,
    site: Annotated[str | None, typer.Option(help="Part of a site name.")] = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List events, filtered, as a table, CSV, JSON or GeoJSON."""
    from eventwatch.cli_views import print_events

    try:
        found = _repo().list_events(
            since=_date(since), until=_date(until), event_type=type_, country=country, admin1=admin1, site=site
        )
    except EventwatchError as exc:
        raise _fail(exc) from exc
    print_events(found, fmt.value, out)


def _date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _fail(EventwatchError(f"not a date (YYYY-MM-DD): {value!r}")) from exc


@app.command()
def show(event_id: Annotated[str, typer.Argument(help="An event id or a unique prefix of it.")]) -> None:
    """One event: its fields, sources, claims and evidence quotes."""
    from eventwatch.cli_views import print_event

    try:
        repo = _repo()
        event = repo.get_event(event_id)
        print_event(event, repo.event_mentions(event.id), out)
    except EventwatchError as exc:
        raise _fail(exc) from exc


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


@eval_app.command("gate")
def eval_gate(
    shared: Annotated[Path, typer.Option(help="The shared folder with acceptance/ and data/.")] = Path("../shared"),
    baseline: Annotated[Path, typer.Option(help="The pinned floors.")] = Path("quality/baseline.json"),
    update: Annotated[bool, typer.Option("--update", help="Pin the current scores as the new floors.")] = False,
    allow_lower: Annotated[bool, typer.Option("--allow-lower", help="Let --update lower a floor.")] = False,
) -> None:
    """Measure seeds, CASE 2021 dev and HRDsAttack dev; fail when a score drops below its floor."""
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
