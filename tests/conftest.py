"""Shared fixtures. Tests never touch the network; the real gazetteer and spaCy model are
used (both come from installed packages)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def shared_dir() -> Path | None:
    candidate = Path(os.environ.get("EVENTWATCH_SHARED", ROOT.parent / "shared")).resolve()
    return candidate if (candidate / "acceptance" / "seeds.json").exists() else None


@pytest.fixture(scope="session")
def shared() -> Path:
    found = shared_dir()
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("../shared is missing: CI must run the acceptance tests")
        pytest.skip("../shared (seeds and acceptance) is not beside this checkout")
    return found


@pytest.fixture(scope="session")
def services():  # type: ignore[no-untyped-def]
    from eventwatch.extract.assemble import Services
    from eventwatch.gazetteer import Gazetteer

    return Services(gazetteer=Gazetteer.open())


@pytest.fixture(scope="session")
def settings():  # type: ignore[no-untyped-def]
    from eventwatch.settings import load_settings

    return load_settings(env={})


POSTGRES_SERVER = os.environ.get("EVENTWATCH_TEST_POSTGRES")  # e.g. postgresql://postgres@/postgres?host=/tmp/x


@pytest.fixture
def db_url(db_url_factory) -> str:  # type: ignore[no-untyped-def]
    """A fresh, empty database URL for one test: a SQLite file, or a new PostgreSQL database
    when EVENTWATCH_TEST_POSTGRES names a server."""
    return db_url_factory()


@pytest.fixture
def sqlite_db_url(tmp_path: Path) -> str:
    """A SQLite file URL whatever the backend under test: only for tests about SQLite itself."""
    return f"sqlite:///{tmp_path / 'sqlite-only.db'}"


@pytest.fixture(scope="session")
def db_url_factory(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Call it for each fresh, empty database URL a test needs. Every test that opens a store
    gets its URL here, so the whole suite can run against another backend."""
    if not POSTGRES_SERVER:
        yield lambda: f"sqlite:///{tmp_path_factory.mktemp('db') / 'eventwatch.db'}"
        return
    from sqlalchemy import create_engine, text

    from eventwatch.store import database_url

    server = database_url(POSTGRES_SERVER)
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    created: list[str] = []

    def make() -> str:
        name = f"ewtest_{os.getpid()}_{len(created)}"
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return server.set(database=name).render_as_string(hide_password=False)

    yield make
    with admin.connect() as conn:
        for name in created:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
