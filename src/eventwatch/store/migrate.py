"""Alembic migrations, run programmatically: every opened store is upgraded to head.

The revisions live in store/migrations/versions/. Upgrading is idempotent and safe with
concurrent openers: it runs in one write transaction that holds the writer lock
(PostgreSQL: a transaction-level advisory lock; SQLite: BEGIN IMMEDIATE), and the current
revision is read again under that lock. A database made by eventwatch before migrations
existed (tables, no alembic_version) is stamped with the first revision, whose schema it has.
"""

from __future__ import annotations

import functools

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, func, inspect, select

SCRIPT_LOCATION = "eventwatch.store:migrations"
BASELINE = "0001"  # the schema eventwatch created before it had migrations
WRITE_OPTION = "eventwatch_write"  # execution option: this connection's transactions write
MIGRATION_LOCK = 0x6576_6D69  # advisory lock key ("evmi") held while upgrading
WRITER_LOCK = 0x6576_7772  # advisory lock key ("evwr") held by every write transaction


# Tables made by revisions with raw SQL and not modelled in schema.py (e.g. an FTS5 virtual
# table and its shadow tables): name prefixes that the schema comparison leaves out.
UNMODELLED_TABLE_PREFIXES: tuple[str, ...] = ("events_fts", "stats_")  # store/search.py, store/rollup.py


def modelled(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic `include_name` hook: False for tables schema.py does not declare on purpose."""
    return not (type_ == "table" and name is not None and name.startswith(UNMODELLED_TABLE_PREFIXES))


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "eventwatch ships at least one migration"
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def writer_lock(conn: Connection, key: int = WRITER_LOCK) -> None:
    """Serialise writers. PostgreSQL: an advisory lock released at commit/rollback. SQLite
    needs nothing here: a write transaction begins with BEGIN IMMEDIATE (see engine.py)."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(key)))


def _upgrade_locked(conn: Connection) -> None:
    writer_lock(conn, MIGRATION_LOCK)
    config = alembic_config(conn)
    if current_revision(conn) is None and inspect(conn).has_table("articles"):
        command.stamp(config, BASELINE)
    command.upgrade(config, "head")


class NewerRevision(Exception):
    """The database carries a revision this eventwatch does not know: a newer one wrote it."""

    def __init__(self, revision: str) -> None:
        super().__init__(f"this database was written by a newer eventwatch (revision {revision}); upgrade eventwatch")
        self.revision = revision


def known_revision(revision: str | None) -> bool:
    if revision is None:
        return True
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except Exception:  # alembic raises its own CommandError / ResolutionError for unknown ids
        return False


def upgrade(engine: Engine) -> bool:
    """Bring the database to the head revision; False when it already was there. Raises
    NewerRevision for a database stamped with a revision this version does not have."""
    with engine.connect() as conn:
        current = current_revision(conn)
        if current == head_revision():
            return False
        if not known_revision(current):
            raise NewerRevision(str(current))
    with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn, conn.begin():
        _upgrade_locked(conn)
    return True


def revision_info(engine: Engine) -> dict[str, str | None]:
    with engine.connect() as conn:
        return {"current": current_revision(conn), "head": head_revision()}
