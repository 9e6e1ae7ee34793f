"""The store: SQLAlchemy Core schema, the repository that holds all of eventwatch's SQL, and
the Alembic migrations that bring any database to the schema."""

from eventwatch.store.codec import normalise_alias
from eventwatch.store.engine import create_store_engine, database_url, open_repository, revision_info
from eventwatch.store.repository import Repository, Tx

__all__ = [
    "Repository",
    "Tx",
    "create_store_engine",
    "database_url",
    "normalise_alias",
    "open_repository",
    "revision_info",
]
