"""Alembic migrations: head equals schema.py, every open upgrades (once, also when several
processes open at the same moment), and databases from before migrations are adopted."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from eventwatch.records import Article
from eventwatch.store import create_store_engine, database_url, open_repository, revision_info
from eventwatch.store.migrate import UNMODELLED_TABLE_PREFIXES, alembic_config, head_revision, modelled
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
