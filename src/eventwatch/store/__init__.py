"""The store: SQLAlchemy Core schema and the repository that holds all of eventwatch's SQL."""

from eventwatch.store.codec import normalise_alias
from eventwatch.store.engine import create_store_engine, open_repository
from eventwatch.store.repository import Repository, Tx

__all__ = ["Repository", "Tx", "create_store_engine", "normalise_alias", "open_repository"]
