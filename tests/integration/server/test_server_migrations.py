"""The packaged Alembic migrations build exactly the schema the ORM models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Float, inspect, text

from frontdesk.server.db import make_engine, migrate
from frontdesk.server.models import Base


def test_migrated_schema_matches_the_models(migrated_url: str) -> None:
    engine = make_engine(migrated_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_change_counter_starts_at_zero_and_migrate_is_idempotent(migrated_url: str) -> None:
    migrate(migrated_url)
    engine = make_engine(migrated_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, value FROM change_counter")).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [(1, 0)]


def test_no_column_is_floating_point(migrated_url: str) -> None:
    engine = make_engine(migrated_url)
    try:
        inspector = inspect(engine)
        columns = [
            (table, column["name"], column["type"])
            for table in inspector.get_table_names()
            for column in inspector.get_columns(table)
        ]
    finally:
        engine.dispose()
    assert columns, "the migrated database has no columns"
    floating = [
        (table, name, kind)
        for table, name, kind in columns
        if isinstance(kind, Float)
        or any(w in str(kind).upper() for w in ("REAL", "FLOAT", "DOUBLE"))
    ]
    assert floating == []
