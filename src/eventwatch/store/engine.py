"""Opening a store: URL normalisation, engine creation, SQLite connection set-up, migrations."""

from __future__ import annotations

import os
import random
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from eventwatch.errors import StoreError
from eventwatch.store import migrate
from eventwatch.store.repository import Repository
from eventwatch.store.rollup import ensure_rollup
from eventwatch.store.search import ensure_fts

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    # A 64 MB page cache (default 2 MB): once the store outgrows the cache, every write touches
    # index pages that must be read back, and the cost per mention creeps up (bench/resolve.py).
    "PRAGMA cache_size=-65536",
)
_PG_DRIVERS = {"postgres": "postgresql+psycopg", "postgresql": "postgresql+psycopg"}


def _sqlite_connect(dbapi_connection: Any, _record: Any, pragmas: tuple[str, ...] = SQLITE_PRAGMAS) -> None:
    # SQLAlchemy, not the sqlite3 module, emits BEGIN (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in pragmas:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _sqlite_connect_read_only(dbapi_connection: Any, record: Any) -> None:
    _sqlite_connect(dbapi_connection, record, tuple(p for p in SQLITE_PRAGMAS if "journal_mode" not in p))


# SQLite file: a read connection for every request thread (anyio runs the API's endpoints on up
# to 40 threads; SQLAlchemy's default of 5 + 10 made the rest queue for a connection), kept open
# for the 8 most concurrent. Reads in WAL mode never wait for the writer.
SQLITE_POOL = {"pool_size": 8, "max_overflow": 32}


# How long an opener waits for another one to finish migrating or setting up the side tables.
# A write waits at most busy_timeout (5 s) for SQLite's lock, but a first migration holds it for
# as long as creating the schema takes, which on a loaded machine can pass 5 s: the waiting
# opener then failed with "database is locked" (tests/store/test_migrations.py, concurrent
# openers). Opening retries lock errors until this deadline; every step is idempotent.
OPEN_WAIT_SECONDS = 120.0


def _locked(exc: Exception) -> bool:
    return "database is locked" in f"{exc} {getattr(exc, 'detail', '')}"


def _prepare(engine: Engine, url: str) -> None:
    """Migrate to head and set up the SQLite side tables (idempotent, safe to run again)."""
    try:
        migrate.upgrade(engine)
    except migrate.NewerRevision as exc:
        raise StoreError(str(exc)) from exc
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None) or exc
        raise StoreError(f"cannot open database {_safe(url)}: {orig}", detail=str(exc)) from exc
    ensure_fts(engine)  # SQLite side tables, not modelled in schema.py (idempotent)
    ensure_rollup(engine)


def _prepare_waiting(engine: Engine, url: str, wait: float = OPEN_WAIT_SECONDS) -> None:
    """_prepare, again while another opener holds the lock (SQLite), up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        try:
            _prepare(engine, url)
            return
        except StoreError as exc:
            if engine.dialect.name != "sqlite" or not _locked(exc) or time.monotonic() >= deadline:
                engine.dispose()
                raise
        time.sleep(random.uniform(0.05, 0.25))  # jittered: openers do not retry in step


def _pool_options(url: URL) -> dict[str, int]:
    in_memory = not url.database or url.database == ":memory:" or "mode=memory" in str(url)
    return SQLITE_POOL if url.get_backend_name() == "sqlite" and not in_memory else {}


def _writable(path: Path) -> bool:
    """Whether SQLite can write `path` and create its -wal and -shm files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def read_only_file(url: URL) -> Path | None:
    """The SQLite file behind `url` when it exists and cannot be written (a read-only
    filesystem or permissions); None for any other database."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database.startswith((":memory:", "file:")):
        return None
    path = Path(url.database)
    return path if path.is_file() and not _writable(path) else None


def read_only_url(path: Path) -> URL:
    """Open `path` read-only. Without a pending write-ahead log the file alone is the database
    (immutable: SQLite then needs no -shm file, which it could not create)."""
    wal = path.with_name(path.name + "-wal")
    pending = wal.is_file() and wal.stat().st_size > 0
    options = "mode=ro&uri=true" + ("" if pending else "&immutable=1")
    return make_url(f"sqlite:///file:{quote(str(path.resolve()))}?{options}")


def _open_read_only(url: str, path: Path) -> Engine:
    """An Engine that reads a database it cannot write: no migration (it must already be at
    the newest revision); every write fails with SQLite's 'attempt to write a readonly database'."""
    engine = create_engine(read_only_url(path))
    event.listen(engine, "connect", _sqlite_connect_read_only)
    event.listen(engine, "begin", _sqlite_begin)
    try:
        with engine.connect() as conn:
            current = migrate.current_revision(conn)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {_safe(url)} (read-only): {getattr(exc, 'orig', None) or exc}") from exc
    if current != migrate.head_revision():
        engine.dispose()
        if not migrate.known_revision(current):
            raise StoreError(str(migrate.NewerRevision(str(current))))
        raise StoreError(
            f"cannot open database {_safe(url)}: it is read-only and at schema revision {current}, "
            f"older than this eventwatch's {migrate.head_revision()}; open it once where it can be written"
        )
    return engine


def _sqlite_begin(conn: Connection) -> None:
    """Write transactions take SQLite's write lock up front (waiting up to busy_timeout), so
    they never read a snapshot they cannot later write over; reads begin deferred."""
    write = conn.get_execution_options().get(migrate.WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def database_url(url: str) -> URL:
    """The SQLAlchemy URL for `url`; plain postgresql:// (or postgres://) uses psycopg 3."""
    parsed = make_url(url)
    driver = _PG_DRIVERS.get(parsed.drivername)
    return parsed.set(drivername=driver) if driver else parsed


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return "<unparseable database URL>"


def create_store_engine(url: str, *, upgrade: bool = True) -> Engine:
    """An Engine for `url`, migrated to the newest schema unless `upgrade` is False."""
    try:
        read_only = read_only_file(database_url(url)) if upgrade else None
    except (ArgumentError, SQLAlchemyError):
        read_only = None  # an unusable URL: reported below
    if read_only is not None:
        return _open_read_only(url, read_only)
    try:
        parsed = database_url(url)
        engine = create_engine(parsed, **_pool_options(parsed))
    except (ArgumentError, SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {_safe(url)}: {exc}", detail=repr(exc)) from exc
    if engine.dialect.name not in ("sqlite", "postgresql"):
        engine.dispose()
        raise StoreError(f"cannot use database URL {_safe(url)}: eventwatch supports SQLite and PostgreSQL")
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    if upgrade:
        _prepare_waiting(engine, url)
    return engine


class ChangeProbe:
    """A token that changes whenever anything is committed to the database (SQLite: `PRAGMA
    data_version` on a connection of its own, which never writes, so every commit by any other
    connection, in this process or another, changes it). None when it cannot tell: another
    backend, an in-memory database, or the probe's connection busy or failing (it never waits:
    busy timeout 0). For caching what was read until the next write (api/cache.py)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._conn: Any = None
        self._generation = 0  # a new connection's counter may repeat an old one's values
        self._lock = threading.Lock()
        self._usable = _pool_options(engine.url) is SQLITE_POOL  # a SQLite file

    def __call__(self) -> tuple[int, int] | None:
        if not self._usable:
            return None
        dbapi = self._engine.dialect.loaded_dbapi
        with self._lock:
            try:
                if self._conn is None:
                    cargs, cparams = self._engine.dialect.create_connect_args(self._engine.url)
                    options = {**cparams, "timeout": 0, "check_same_thread": False, "isolation_level": None}
                    self._conn = dbapi.connect(*cargs, **options)
                    self._generation += 1
                return self._generation, int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            except dbapi.Error:
                self._close()
                return None

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def close(self) -> None:
        with self._lock:
            self._close()


def revision_info(engine: Engine) -> dict[str, str | None]:
    """The database's schema revision ('current', None before the first) and the newest ('head')."""
    try:
        return migrate.revision_info(engine)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the schema revision: {exc}", detail=str(exc)) from exc


def open_repository(url: str) -> Repository:
    """The repository for a database URL such as `sqlite:///eventwatch.db` or
    `postgresql://user@host/dbname`, with its schema migrated to the newest revision."""
    return Repository(create_store_engine(url))
