"""`eventwatch watch`, `eventwatch sources` and the `eventwatch alerts` sub-app: thin
commands over monitor/."""

from __future__ import annotations

import signal
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eventwatch import cli_filters as F
from eventwatch.cli_common import AsJson, edge, out, print_json, repository, services, settings
from eventwatch.errors import BadFilter

if TYPE_CHECKING:
    from eventwatch.monitor.watch import PollResult

alerts_app = typer.Typer(no_args_is_help=True, help="Saved searches and the alerts they send.")


def _print_result(result: PollResult) -> None:
    if result.error:
        out.print(f"{result.source}: failed: {result.error}", highlight=False, markup=False)
    elif result.not_modified:
        out.print(f"{result.source}: not modified", highlight=False, markup=False)
    else:
        out.print(
            f"{result.source}: {result.new_items} new item(s), {result.articles} new article(s), "
            f"{result.events} event(s) touched, {result.alerts} alert(s)",
            highlight=False, markup=False,
        )  # fmt: skip


def watch(
    sources: Annotated[Path, typer.Option("--sources", help="A TOML file of [[source]] tables (url, name, every, "
                                          "outlet, scale).")],
    once: Annotated[bool, typer.Option("--once", help="Poll every source once (except those backing off) and exit; "
                                       "for cron.")] = False,
) -> None:
    """Poll feeds, pages and folders, ingest what is new, and deliver alerts; SIGTERM stops cleanly."""
    from eventwatch.monitor.sources import load_sources
    from eventwatch.monitor.watch import Watcher

    with edge():
        specs = load_sources(sources)
        watcher = Watcher(specs, settings(), repository(), services())
    previous = signal.getsignal(signal.SIGTERM)

    def stop(_signum: int, _frame: FrameType | None) -> None:
        out.print("stopping after the chunk in flight ...", highlight=False)
        watcher.stop()

    signal.signal(signal.SIGTERM, stop)
    try:
        with edge():
            if once:
                for result in watcher.run_once():
                    _print_result(result)
            else:
                watcher.run_forever(_print_result)
    except KeyboardInterrupt:
        watcher.stop()
    finally:
        signal.signal(signal.SIGTERM, previous)
        watcher.close()


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else ""


def sources_command(as_json: AsJson = False) -> None:
    """The state of every watched source: last fetch and success, failures, items, articles."""
    from dataclasses import asdict

    from rich.table import Table

    from eventwatch.store.monitor import MonitorStore

    with edge():
        states = MonitorStore(repository(existing=True).engine).list_sources()
    if as_json:
        print_json([asdict(state) for state in states])
        return
    table = Table(title=f"{len(states)} source(s)")
    for column in ("name", "health", "last fetch", "last success", "fail", "items", "articles", "error"):
        table.add_column(column, overflow="fold")
    for s in states:
        health = "ok" if s.healthy else "UNHEALTHY"
        table.add_row(s.name, health, _when(s.last_fetch), _when(s.last_success), str(s.failures),
                      str(s.items_seen), str(s.articles_added), s.last_error)  # fmt: skip
    out.print(table)


def register(app: typer.Typer) -> None:
    app.command()(watch)
    app.command("sources")(sources_command)
    app.add_typer(alerts_app, name="alerts")


# --- alerts ------------------------------------------------------------------------------


def _check_targets(webhook: str | None, email: str | None) -> None:
    if webhook and not webhook.lower().startswith(("http://", "https://")):
        raise BadFilter(f"--webhook must be an http(s) URL, got {webhook!r}")
    if email and ("@" not in email or any(c.isspace() for c in email)):
        raise BadFilter(f"--email must be an e-mail address, got {email!r}")


@alerts_app.command("add")
def alerts_add(
    name: Annotated[str, typer.Argument(help="A name for the saved search (letters, digits, - and _).")],
    type_: F.Type = None,
    sub_event_type: Annotated[str | None, typer.Option(help="ACLED sub-event type.")] = None,
    country: F.Country = None,
    admin1: F.Admin1 = None,
    site: F.Site = None,
    text: F.Text = None,
    actor: F.Actor = None,
    min_fatalities: Annotated[int | None, typer.Option(min=0, help="At least this many fatalities.")] = None,
    bbox: F.Bbox = None,
    webhook: Annotated[str | None, typer.Option(help="POST each alert as signed JSON to this URL.")] = None,
    email: Annotated[str | None, typer.Option(help="Send each alert to this address (alerts.smtp_* settings).")] = None,
) -> None:
    """Save a search; every ingest then alerts on the new or materially changed events it matches."""
    import re

    from eventwatch.monitor.alerts import search_query
    from eventwatch.records import SavedSearch
    from eventwatch.store.monitor import MonitorStore

    with edge():
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,100}", name):
            raise BadFilter(f"a saved search name is 1-100 letters, digits, - or _, got {name!r}")
        _check_targets(webhook, email)
        for kind in (type_, sub_event_type):
            F.check_type(kind)
        F.check_country(country)
        filters: dict[str, object] = {
            "type": type_, "sub_event_type": sub_event_type, "country": country, "admin1": admin1, "site": site,
            "text": text, "actor": actor, "min_fatalities": min_fatalities, "bbox": bbox,
        }  # fmt: skip
        filters = {key: value for key, value in filters.items() if value is not None}
        search_query(filters)  # a malformed filter fails now, not at the first ingest
        MonitorStore(repository().engine).add_search(SavedSearch(name, filters, webhook, email))
    out.print(f"saved search {name}: {filters or 'every event'}", highlight=False, markup=False)


@alerts_app.command("list")
def alerts_list(as_json: AsJson = False) -> None:
    """The saved searches with their filters, targets and Atom feed path."""
    from eventwatch.store.monitor import MonitorStore

    with edge():
        searches = MonitorStore(repository(existing=True).engine).list_searches()
    rows = [{"name": s.name, "filters": s.filters, "webhook": s.webhook, "email": s.email,
             "atom": f"/alerts/{s.name}.atom"} for s in searches]  # fmt: skip
    if as_json:
        print_json(rows)
        return
    for row in rows:
        targets = ", ".join(str(row[k]) for k in ("webhook", "email") if row[k]) or "Atom feed only"
        out.print(f"{row['name']}: {row['filters'] or 'every event'} -> {targets}; {row['atom']}",
                  highlight=False, markup=False)  # fmt: skip
    if not rows:
        out.print("no saved searches; add one with 'eventwatch alerts add NAME --country ...'", highlight=False)


@alerts_app.command("remove")
def alerts_remove(name: Annotated[str, typer.Argument(help="The saved search to remove.")]) -> None:
    """Remove a saved search with its matches and deliveries."""
    from eventwatch.store.monitor import MonitorStore

    with edge():
        MonitorStore(repository().engine).remove_search(name)
    out.print(f"removed saved search {name}", highlight=False, markup=False)


@alerts_app.command("test")
def alerts_test(name: Annotated[str, typer.Argument(help="The saved search to try.")], as_json: AsJson = False) -> None:
    """The stored events the search matches now, and its recent matches and deliveries (nothing is sent)."""
    from eventwatch.monitor.alerts import matching_ids
    from eventwatch.store.monitor import MonitorStore

    with edge():
        repo = repository(existing=True)
        store = MonitorStore(repo.engine)
        hits = sorted(matching_ids(repo, store.get_search(name), None))
        deliveries = store.deliveries(name)
    if as_json:
        print_json({"search": name, "matching_events": hits, "matches": len(store.matches(name, 10_000)),
                    "deliveries": [{"match_id": d.match_id, "channel": d.channel, "status": d.status,
                                    "attempts": d.attempts, "last_error": d.last_error} for d in deliveries]})
        return
    out.print(f"{name} matches {len(hits)} stored event(s): {', '.join(h[:8] for h in hits[:20])}",
              highlight=False, markup=False)  # fmt: skip
    for d in deliveries[-20:]:
        out.print(f"  match {d.match_id} {d.channel} -> {d.target}: {d.status} after {d.attempts} attempt(s) "
                  f"{d.last_error}", highlight=False, markup=False)  # fmt: skip
