"""What every eventwatch command shares: the settings built by the `--db` / `--config`
callback, the consoles, and the one place errors are translated (`edge`): an
EventwatchError becomes one 'Error: …' line on standard error and exit code 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from eventwatch.errors import EventwatchError
from eventwatch.settings import Settings, load_settings

if TYPE_CHECKING:  # heavy modules load only when a command needs them
    from eventwatch.extract.assemble import Services
    from eventwatch.store import Repository

out = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True)

AsJson = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


class State:
    settings: Settings | None = None


def settings() -> Settings:
    if State.settings is None:
        State.settings = load_settings()
    return State.settings


def fail(exc: EventwatchError) -> typer.Exit:
    err.print(f"[red]Error:[/red] {exc.message}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code=2)


@contextmanager
def edge(writing: object = None) -> Iterator[None]:
    """Turn an EventwatchError raised in the block into one 'Error: …' line and exit 2; with
    `writing` (the file the block writes), an OSError too ('cannot write FILE: why')."""
    try:
        yield
    except EventwatchError as exc:
        raise fail(exc) from exc
    except OSError as exc:
        if writing is None:
            raise
        raise fail(EventwatchError(f"cannot write {writing}: {exc.strerror or exc}")) from exc


def repository(*, existing: bool = False) -> Repository:
    """The store of --db; with `existing` (read-only commands), a SQLite file that does not
    exist is an error rather than a new empty database."""
    from eventwatch.store import open_repository

    url = settings().store.url
    if existing:
        require_existing(url)
    return open_repository(url)


def require_existing(url: str) -> None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from eventwatch.errors import StoreError

    try:
        parsed = make_url(url)
    except ArgumentError:
        return  # open_repository says what is wrong with it
    path = parsed.database if parsed.drivername.startswith("sqlite") else None
    if path and path != ":memory:" and not path.startswith("file:") and not Path(path).exists():
        raise StoreError(
            f"no database at {path}: nothing has been ingested there yet "
            "(check --db / EVENTWATCH_DB, or create it with 'eventwatch ingest FILES')"
        )


def services() -> Services:
    from eventwatch.scale.pool import default_services

    return default_services()


def known_total(sources: list[str]) -> int | None:
    """How many records `ingest` will read from these sources, when that is known without
    reading them: one per plain file; None with a URL, a feed, a JSONL or a WARC file."""
    from eventwatch.ingest import is_url
    from eventwatch.ingest.walk import iter_files, kind_of

    total = 0
    for source in sources:
        path = Path(source)
        if is_url(source):
            return None
        files = [f for f in iter_files(path) if isinstance(f, Path)] if path.is_dir() else [path]
        if any(f.exists() and kind_of(f) in ("feed", "jsonl", "warc") for f in files):
            return None
        total += len(files)
    return total


def print_json(value: object) -> None:
    """`value` as indented JSON on standard output (dates and other values as text)."""
    sys.stdout.write(json.dumps(value, indent=2, default=str) + "\n")
