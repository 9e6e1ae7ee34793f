"""`eventwatch check`: the stored events against ACLED's coding conventions (conventions/)."""

from __future__ import annotations

from typing import Annotated

import typer

from eventwatch.cli_common import AsJson, State, edge, out, print_json, repository, settings


def check(
    db: Annotated[str | None, typer.Option("--db", help="Database URL (default: the global --db).")] = None,
    as_json: AsJson = False,
) -> None:
    """Report every stored event that breaks one of ACLED's coding rules, with the rule's name
    and codebook section; exit 1 when there is any."""
    from eventwatch.conventions.check import check_events
    from eventwatch.store.query import EventQuery

    with edge():
        if db is not None:
            State.settings = settings().with_db(db)
        report = check_events(repository().iter_events(EventQuery(), sort="event_date"))
    if as_json:
        print_json(report.as_dict())
    else:
        for item in report.violations:
            out.print(f"{item.event_id}\t{item.rule}\t{item.section}", highlight=False, markup=False)
        out.print(f"{report.events} events, {len(report.violations)} violations", highlight=False)
        for rule, count in report.counts().items():
            if count:
                out.print(f"  {rule}: {count}", highlight=False, markup=False)
    if report.violations:
        raise typer.Exit(code=1)
