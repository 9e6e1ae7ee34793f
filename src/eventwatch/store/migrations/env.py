"""Alembic environment for eventwatch: always run programmatically (see store/migrate.py),
on a connection handed over in config.attributes["connection"]."""

from __future__ import annotations

from alembic import context

from eventwatch.store.migrate import modelled
from eventwatch.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("eventwatch migrations run through `eventwatch db upgrade` or open_repository()")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, include_name=modelled)
with context.begin_transaction():
    context.run_migrations()
