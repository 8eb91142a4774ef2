"""``0028_catalogue`` on a cache that already holds products: they are findable by name at
once, the new tables and columns match their models, and the downgrade takes them away."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect, text

from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.adapters.cache.database import MIGRATIONS, open_cache
from frontdesk.adapters.cache.tables import Base

NEW_TABLES = {"product_barcodes", "categories", "prices", "stock", "product_docs",
              "product_fts", "product_words"}  # fmt: skip


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def test_an_older_caches_products_are_found_by_name_after_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(_config(connection), "0027_case_bulk")
        connection.execute(text(
            "INSERT INTO products (sku, name, category, unit_price_scaled, currency, seq)"
            " VALUES ('MUG-1', 'Enamel Mug', 'Kitchen', 255000, 'GBP', 3)"
        ))  # fmt: skip
    engine.dispose()
    database = open_cache(path)  # migrates to the head
    try:
        port = SqlAlchemyCatalogue(database.reader)
        assert port.search("enamel", category=None, limit=5) == ["MUG-1"]
        assert port.search("эмаль", category=None, limit=5) == []  # no such word: no match
        assert port.search("енамел", category=None, limit=5) == ["MUG-1"]  # Cyrillic spelling
        [mug] = port.products(["MUG-1"])
        assert (mug.status, mug.unit, mug.names, mug.literature) == ("active", "piece", {}, ())
    finally:
        database.dispose()


def test_the_tables_match_their_models_and_the_downgrade_removes_them(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    open_cache(path).dispose()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        modelled = ("product_barcodes", "categories", "prices", "stock", "'products'")
        ours = [d for d in diff if any(t in repr(d) for t in modelled)]
        assert ours == []
        assert set(inspect(connection).get_table_names()) >= NEW_TABLES
        command.downgrade(_config(connection), "0027_case_bulk")
        tables = set(inspect(connection).get_table_names())
        columns = {c["name"] for c in inspect(connection).get_columns("products")}
    engine.dispose()
    assert not NEW_TABLES & tables
    assert columns == {"sku", "name", "category", "unit_price_scaled", "currency", "seq"}
