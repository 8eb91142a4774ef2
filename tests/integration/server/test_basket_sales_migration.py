"""``0025_basket_sales`` on a server that holds purchases, and the desk's
``0031_purchase_quantity`` on a cache that does: whole quantities become thousandths (returns
stay negative), and the downgrade brings the whole numbers back. SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, inspect, text

from frontdesk.adapters.cache.database import MIGRATIONS, open_cache
from frontdesk.server.db import alembic_config, make_engine, migrate

_ROWS = (
    "INSERT INTO products (sku, name, category, unit_price_scaled, currency, change_seq)"
    " VALUES ('MUG', 'Mug', 'Home', 499000, 'GBP', 1)",
    "INSERT INTO purchases (id, number, customer_id, purchased_at, branch, currency, is_return,"
    " original_number, total_minor, change_seq) VALUES"
    " ('p1', '536365', NULL, '2024-03-01 09:30:00', '', 'GBP', false, NULL, 998, 2),"
    " ('p2', 'C536365', NULL, '2024-03-02 09:30:00', '', 'GBP', true, '536365', -499, 3)",
    "INSERT INTO purchase_lines (purchase_id, line_no, sku, description, quantity,"
    " unit_price_scaled, line_total_minor) VALUES ('p1', 1, 'MUG', 'Mug', 2, 499000, 998),"
    " ('p2', 1, 'MUG', 'Mug', -1, 499000, -499)",
)
_QUANTITIES = "SELECT purchase_id, {column} FROM purchase_lines ORDER BY purchase_id"


def test_the_servers_purchase_quantities_become_thousandths_and_back(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0024_orders")
            for statement in _ROWS:
                connection.execute(text(statement))
        migrate(db_url)
        with engine.connect() as connection:
            upgraded = connection.execute(text(_QUANTITIES.format(column="quantity_milli")))
            assert [tuple(row) for row in upgraded] == [("p1", 2000), ("p2", -1000)]
            assert {"till_sale_lines"} <= set(inspect(connection).get_table_names())
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0024_orders")
            downgraded = connection.execute(text(_QUANTITIES.format(column="quantity")))
            assert [tuple(row) for row in downgraded] == [("p1", 2), ("p2", -1)]
            assert "till_sale_lines" not in inspect(connection).get_table_names()
    finally:
        engine.dispose()


def test_the_desks_purchase_quantities_become_thousandths(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "0029_orders")
        connection.execute(text(
            "INSERT INTO purchases (id, number, customer_id, purchased_at, branch, currency,"
            " is_return, original_number, total_minor, seq, item_count) VALUES"
            " ('p1', 'N1', 'c1', '2024-03-01 09:30:00', '', 'GBP', 0, NULL, 998, 1, 2)"
        ))  # fmt: skip
        connection.execute(text(
            "INSERT INTO purchase_lines (purchase_id, line_no, sku, description, quantity,"
            " unit_price_scaled, line_total_minor) VALUES ('p1', 1, 'MUG', 'Mug', 2, 499000, 998)"
        ))  # fmt: skip
    engine.dispose()
    database = open_cache(path)  # migrates to the head
    try:
        with database.engine.connect() as connection:
            rows = connection.execute(text(_QUANTITIES.format(column="quantity_milli")))
            assert [tuple(row) for row in rows] == [("p1", 2000)]
    finally:
        database.dispose()
