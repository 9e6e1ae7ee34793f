"""Alembic migrations: head equals schema.py, every open upgrades (once, also when several
processes open at the same moment), and databases from before migrations are adopted."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.queues import Queue
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from eventwatch.records import Article
from eventwatch.store import create_store_engine, database_url, open_repository, revision_info
from eventwatch.store.migrate import BASELINE, UNMODELLED_TABLE_PREFIXES, alembic_config, head_revision, modelled
from eventwatch.store.schema import metadata


def test_head_revision_matches_schema_py(db_url: str) -> None:
    """A change to schema.py without a new revision in store/migrations/versions fails here."""
    engine = create_store_engine(db_url)
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts={"include_name": modelled}), metadata)
    engine.dispose()
    assert differences == []


def test_open_creates_the_schema_at_head_and_reopening_changes_nothing(db_url: str) -> None:
    engine = create_store_engine(db_url)
    assert revision_info(engine) == {"current": head_revision(), "head": head_revision()}
    tables = {name for name in inspect(engine).get_table_names() if not name.startswith(UNMODELLED_TABLE_PREFIXES)}
    assert set(metadata.tables) | {"alembic_version"} == tables
    engine.dispose()
    again = create_store_engine(db_url)
    assert revision_info(again)["current"] == head_revision()
    again.dispose()


def test_unmigrated_database_reports_no_revision(db_url: str) -> None:
    engine = create_store_engine(db_url, upgrade=False)
    assert revision_info(engine) == {"current": None, "head": head_revision()}
    engine.dispose()


def test_database_from_before_migrations_is_adopted(db_url: str, article_a: Article) -> None:
    old = create_store_engine(db_url, upgrade=False)
    with old.begin() as conn:  # what eventwatch created before it had migrations: 0001's schema, unstamped
        command.upgrade(alembic_config(conn), "0001")
        conn.execute(text("DROP TABLE alembic_version"))
    old.dispose()
    first = open_repository(db_url)
    with first.transaction() as tx:
        tx.add_article(article_a)
    assert revision_info(first.engine)["current"] == head_revision()
    first.engine.dispose()
    assert open_repository(db_url).get_article(article_a.id) == article_a


def test_concurrent_openers_of_a_new_database_all_succeed(db_url: str) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        repos = list(pool.map(lambda _: open_repository(db_url), range(4)))
    assert all(repo.counts()["articles"] == 0 for repo in repos)
    for repo in repos:
        repo.engine.dispose()


def _open_and_count(url: str, said: Queue[str]) -> None:
    """In a child process: say it is about to open, open, then say what it found."""
    said.put("opening")
    try:
        repo = open_repository(url)
        said.put(f"articles={repo.counts()['articles']}")
        repo.engine.dispose()
    except Exception as exc:  # reported to the test, which fails on it
        said.put(f"{type(exc).__name__}: {exc}")


def test_openers_in_other_processes_wait_out_a_migration_longer_than_busy_timeout(sqlite_db_url: str) -> None:
    """The flaky concurrent-openers failure ("database is locked"): a first opener migrating a
    new database holds SQLite's write lock for as long as the schema takes to create, which on
    a loaded machine passed busy_timeout (5 s), and the openers waiting behind it gave up. Here
    the lock is held for 6 s while three processes open a database that needs migrating."""
    old = create_store_engine(sqlite_db_url, upgrade=False)
    with old.begin() as conn:  # an old revision: each opener has migrations to run
        command.upgrade(alembic_config(conn), BASELINE)
    old.dispose()
    holder = sqlite3.connect(Path(database_url(sqlite_db_url).database or ""), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # as a first opener busy migrating
    context = multiprocessing.get_context("spawn")
    said: Queue[str] = context.Queue()
    openers = [context.Process(target=_open_and_count, args=(sqlite_db_url, said)) for _ in range(3)]
    for process in openers:
        process.start()
    try:
        assert [said.get(timeout=120) for _ in openers] == ["opening"] * 3
        time.sleep(6.0)  # past busy_timeout: every opener is waiting for the lock
        holder.execute("COMMIT")
        assert sorted(said.get(timeout=120) for _ in openers) == ["articles=0"] * 3
    finally:
        holder.close()
        for process in openers:
            process.join(timeout=60)
    assert revision_info(create_store_engine(sqlite_db_url, upgrade=False))["current"] == head_revision()


def test_downgrade_to_base_then_upgrade(db_url: str) -> None:
    engine = create_store_engine(db_url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    left = {name for name in inspect(engine).get_table_names() if not name.startswith(UNMODELLED_TABLE_PREFIXES)}
    assert left <= {"alembic_version"}
    engine.dispose()
    assert open_repository(db_url).counts()["events"] == 0


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgresql://u@localhost/ew", "postgresql+psycopg"),
        ("postgres://u@localhost/ew", "postgresql+psycopg"),
        ("postgresql+psycopg://u@localhost/ew", "postgresql+psycopg"),
        ("sqlite:///ew.db", "sqlite"),
    ],
)
def test_plain_postgresql_urls_use_psycopg(given: str, driver: str) -> None:
    assert database_url(given).drivername == driver
