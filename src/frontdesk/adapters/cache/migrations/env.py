"""Alembic environment for the local cache: always run on a connection handed in by
``frontdesk.adapters.cache.database.migrate`` (no alembic.ini, no logging set-up)."""

from alembic import context

from frontdesk.adapters.cache.tables import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
