"""Running counts behind `/stats` with no filter (SQLite), so the overview of a large store
does not scan every event: counts by (event_date, event_type) and by (country, admin1).

Kept like the full-text index: `stats_keys` remembers under which keys each event is
counted; at the end of each write transaction the touched events are subtracted under their
old keys and added under their new ones. `ensure_rollup` creates and back-fills the tables.
Other backends (and filtered stats) aggregate the events table directly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, text

from eventwatch.store.loading import chunks
from eventwatch.store.ops import setup_side_tables

_DDL = (
    "CREATE TABLE IF NOT EXISTS stats_keys (event_id VARCHAR(64) PRIMARY KEY, event_date DATE,"
    " event_type VARCHAR(64) NOT NULL, country TEXT, admin1 TEXT)",
    "CREATE TABLE IF NOT EXISTS stats_day_type (event_date DATE NOT NULL, event_type VARCHAR(64) NOT NULL,"
    " n INTEGER NOT NULL, PRIMARY KEY (event_date, event_type))",
    "CREATE TABLE IF NOT EXISTS stats_admin1 (country TEXT, admin1 TEXT, n INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_stats_admin1 ON stats_admin1 (country, admin1)",
)
_KEYS = "SELECT event_date, event_type, country, admin1 FROM {table} WHERE {id} IN :ids"
_DAY_DELTA = (
    "UPDATE stats_day_type SET n = n + :n WHERE event_date = :d AND event_type = :t",
    "INSERT INTO stats_day_type (event_date, event_type, n) VALUES (:d, :t, :n)",
)
_ADMIN1_DELTA = (
    "UPDATE stats_admin1 SET n = n + :n WHERE country IS :c AND admin1 IS :a",
    "INSERT INTO stats_admin1 (country, admin1, n) VALUES (:c, :a, :n)",
)
_REBUILD = (
    "DELETE FROM stats_keys",
    "DELETE FROM stats_day_type",
    "DELETE FROM stats_admin1",
    "INSERT INTO stats_keys SELECT id, event_date, event_type, country, admin1 FROM events",
    "INSERT INTO stats_day_type SELECT event_date, event_type, count(*) FROM events"
    " WHERE event_date IS NOT NULL GROUP BY event_date, event_type",
    "INSERT INTO stats_admin1 SELECT country, admin1, count(*) FROM events GROUP BY country, admin1",
)


def ensure_rollup(engine: Engine) -> None:
    """Create the count tables (SQLite) and rebuild them when they miss events."""
    setup_side_tables(engine, _DDL, "the stats counts", _rebuild_if_stale)


def _rebuild_if_stale(conn: Connection) -> None:
    counted = conn.execute(text("SELECT count(*) FROM stats_keys")).scalar_one()
    if counted != conn.execute(text("SELECT count(*) FROM events")).scalar_one():
        for statement in _REBUILD:
            conn.execute(text(statement))


def _keys(conn: Connection, table: str, id_column: str, ids: list[str]) -> list[Any]:
    stmt = text(_KEYS.format(table=table, id=id_column)).bindparams(bindparam("ids", expanding=True))
    return list(conn.execute(stmt, {"ids": ids}))


def _apply(
    conn: Connection, deltas: Counter[tuple[Any, ...]], statements: tuple[str, str], names: tuple[str, str]
) -> None:
    update, insert = (text(statement) for statement in statements)
    for key, n in deltas.items():
        if n == 0:
            continue
        values = dict(zip(names, key, strict=True)) | {"n": n}
        if conn.execute(update, values).rowcount == 0:
            conn.execute(insert, values)


def refresh(conn: Connection, event_ids: Collection[str]) -> None:
    """Move the touched events' counts from their old keys to their current ones (SQLite)."""
    if conn.dialect.name != "sqlite" or not event_ids:
        return
    days: Counter[tuple[Any, ...]] = Counter()
    regions: Counter[tuple[Any, ...]] = Counter()
    for chunk in chunks(sorted(event_ids)):
        ids = list(chunk)
        for sign, rows in ((-1, _keys(conn, "stats_keys", "event_id", ids)), (1, _keys(conn, "events", "id", ids))):
            for event_date, event_type, country, admin1 in rows:
                if event_date is not None:
                    days[(event_date, event_type)] += sign
                regions[(country, admin1)] += sign
        delete = text("DELETE FROM stats_keys WHERE event_id IN :ids").bindparams(bindparam("ids", expanding=True))
        conn.execute(delete, {"ids": ids})
        copy = "INSERT INTO stats_keys SELECT id, event_date, event_type, country, admin1 FROM events WHERE id IN :ids"
        conn.execute(text(copy).bindparams(bindparam("ids", expanding=True)), {"ids": ids})
    _apply(conn, days, _DAY_DELTA, ("d", "t"))
    _apply(conn, regions, _ADMIN1_DELTA, ("c", "a"))
    conn.execute(text("DELETE FROM stats_day_type WHERE n = 0"))
    conn.execute(text("DELETE FROM stats_admin1 WHERE n = 0"))


def rollup_stats(conn: Connection) -> tuple[list[tuple[date, str, int]], list[tuple[str | None, str | None, int]]]:
    """(by day and type, by country and admin1), ordered as query.stats_queries orders them."""
    day_rows = conn.execute(
        text("SELECT event_date, event_type, n FROM stats_day_type ORDER BY event_date, event_type")
    )
    days = [(date.fromisoformat(str(d)), t, int(n)) for d, t, n in day_rows]
    region_rows = conn.execute(text("SELECT country, admin1, n FROM stats_admin1 ORDER BY n DESC, country, admin1"))
    return days, [(c, a, int(n)) for c, a, n in region_rows]
