"""Opening a store: engine creation, SQLite connection pragmas, schema creation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from eventwatch.errors import StoreError
from eventwatch.store.repository import Repository
from eventwatch.store.schema import metadata
from eventwatch.store.search import ensure_fts

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return "<unparseable database URL>"


def create_store_engine(url: str) -> Engine:
    """An Engine for `url` with the schema created (SQLite: WAL, foreign keys, busy timeout)."""
    try:
        engine = create_engine(url)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {_safe(url)}: {exc}", detail=repr(exc)) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        metadata.create_all(engine)
    except SQLAlchemyError as exc:
        engine.dispose()
        orig = getattr(exc, "orig", None) or exc
        raise StoreError(f"cannot open database {_safe(url)}: {orig}", detail=str(exc)) from exc
    ensure_fts(engine)
    return engine


def open_repository(url: str) -> Repository:
    """The repository for a database URL such as `sqlite:///eventwatch.db`."""
    return Repository(create_store_engine(url))
