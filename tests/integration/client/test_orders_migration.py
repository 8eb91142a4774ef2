"""``0029_orders``: the order tables match their models, go with the downgrade (the rest of
the cache stays) and come back with the upgrade."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect, text

from frontdesk.adapters.cache.database import MIGRATIONS
from frontdesk.adapters.cache.tables import Base

ORDER_TABLES = {"orders", "order_lines", "order_events", "order_counters"}
ORDER_INDEXES = {"ix_orders_number", "ix_orders_tracking", "ix_orders_customer",
                 "ix_order_events_order"}  # fmt: skip


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _indexes(connection: Connection) -> set[str]:
    return set(connection.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'order%'"
        " AND name NOT LIKE 'sqlite_%'"
    )).scalars())  # fmt: skip


def test_the_order_tables_match_their_models(cache_db) -> None:
    with cache_db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert _indexes(connection) >= ORDER_INDEXES
    assert [d for d in diff if "order" in repr(d)] == []


def test_the_downgrade_drops_the_order_tables_and_the_upgrade_brings_them_back(cache_db) -> None:
    with cache_db.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO order_counters (prefix, last_seq) VALUES ('D7', 3)"))  # fmt: skip
        command.downgrade(_config(connection), "0028_catalogue")
        assert ORDER_TABLES.isdisjoint(inspect(connection).get_table_names())
        assert "cases" in inspect(connection).get_table_names()
        assert _indexes(connection) == set()
        command.upgrade(_config(connection), "heads")
        assert set(inspect(connection).get_table_names()) >= ORDER_TABLES
        assert _indexes(connection) == ORDER_INDEXES
        assert connection.execute(text("SELECT count(*) FROM order_counters")).scalar_one() == 0
