"""Alembic environment: runs on the connection handed over by ``db.migrate``.

Online mode only: the server always migrates a live database. ``render_as_batch`` lets
later revisions alter tables on SQLite, which has no ALTER COLUMN.
"""

from __future__ import annotations

from alembic import context

from frontdesk.server.db import make_engine
from frontdesk.server.models import Base


def _run(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


run_migrations_online()
