"""``0030_baskets``: a cache with till transactions from before keeps them (no lines) and
their append-only triggers; the new tables and columns match their models; the downgrade
takes them away again."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, create_engine, exc, inspect, text

from frontdesk.adapters.cache.database import MIGRATIONS, open_cache
from frontdesk.adapters.cache.tables import Base
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork

NEW_TABLES = {"till_baskets", "till_basket_lines"}


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def test_older_transactions_keep_no_lines_and_stay_append_only(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(_config(connection), "0029_orders")
        connection.execute(text(
            "INSERT INTO till_transactions (id, kind, register, receipt_no, shift_id, currency,"
            " amount_minor, change_minor, tenders, occurred_at, cashier, purpose, reason)"
            " VALUES ('t1', 'payment', 'SHOP1', 'SHOP1-00000001', 's1', 'GBP', 500, 0,"
            " '[{\"tender\": \"card\", \"minor\": 500}]', '2024-01-01 10:00:00', 'cat',"
            " 'purchase', '')"
        ))  # fmt: skip
    engine.dispose()
    database = open_cache(path)  # migrates to the head
    try:
        uow = SqlAlchemyTillUnitOfWork(database.writer)
        with uow:
            tx = uow.till.transaction("SHOP1-00000001")
        assert tx is not None and (tx.lines, tx.returned, tx.amount.minor) == ((), (), 500)
        with database.writer() as session, pytest.raises(exc.DatabaseError):
            session.execute(text("UPDATE till_transactions SET lines = '[]'"))
    finally:
        database.dispose()


def test_the_tables_match_their_models_and_the_downgrade_removes_them(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    open_cache(path).dispose()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        modelled = ("till_baskets", "till_basket_lines", "till_transactions", "till_pulled")
        assert [d for d in diff if any(t in repr(d) for t in modelled)] == []
        assert set(inspect(connection).get_table_names()) >= NEW_TABLES
        command.downgrade(_config(connection), "0029_orders")
        tables = set(inspect(connection).get_table_names())
        tx_columns = {c["name"] for c in inspect(connection).get_columns("till_transactions")}
        pulled_columns = {c["name"] for c in inspect(connection).get_columns("till_pulled")}
        command.upgrade(_config(connection), "head")  # and back up again
    engine.dispose()
    assert not NEW_TABLES & tables
    assert "lines" not in tx_columns and not {"lines", "returned"} & pulled_columns
