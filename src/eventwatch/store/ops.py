"""Turning SQLAlchemy errors into StoreError or StoreConflict (shared by the repository and
its helpers)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from eventwatch.errors import StoreConflict, StoreError

P = ParamSpec("P")
R = TypeVar("R")

# PostgreSQL SQLSTATEs of a lost race: serialization failure, deadlock, lock not available.
_CONFLICT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def describe(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).splitlines()[0]


def store_error(message: str, exc: SQLAlchemyError) -> StoreError:
    """StoreConflict when `exc` says a concurrent writer got in the way, else StoreError."""
    orig = getattr(exc, "orig", None)
    sqlstate = getattr(orig, "sqlstate", None)
    locked = "database is locked" in str(orig) or "database table is locked" in str(orig)
    kind = StoreConflict if sqlstate in _CONFLICT_SQLSTATES or locked else StoreError
    return kind(f"{message}: {describe(exc)}", detail=str(exc))


def store_op(what: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Turn SQLAlchemy errors raised by the wrapped method into StoreError."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return fn(*args, **kwargs)
            except SQLAlchemyError as exc:
                raise store_error(f"database error while {what}", exc) from exc

        return wrapper

    return decorate


def setup_side_tables(engine: Engine, ddl: Sequence[str], what: str, fill: Callable[[Connection], None]) -> None:
    """SQLite only: create tables schema.py does not model (idempotent DDL), then let `fill`
    bring them up to date, in one transaction; a failure is a StoreError about `what`."""
    if engine.dialect.name != "sqlite":
        return
    try:
        with engine.begin() as conn:
            for statement in ddl:
                conn.execute(text(statement))
            fill(conn)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot set up {what}: {exc}", detail=str(exc)) from exc


def integrity_problem(engine: Engine) -> str | None:
    """What is wrong with the database file, or None. SQLite: `PRAGMA quick_check` (every page
    read once, ~1 s per few hundred MB); PostgreSQL keeps its own files sound: a query is enough."""
    try:
        with engine.connect() as conn:
            if conn.dialect.name != "sqlite":
                conn.execute(text("SELECT 1"))
                return None
            found = [str(row[0]) for row in conn.exec_driver_sql("PRAGMA quick_check(3)")]
    except SQLAlchemyError as exc:
        return describe(exc)
    return None if found == ["ok"] else " ".join(" ".join(found).split())
