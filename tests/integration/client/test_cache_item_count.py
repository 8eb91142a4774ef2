"""Each purchase's item count is stored with it when the replica applies it (cache revision
0016_item_count) and filled in for purchases already in a cache from before that revision."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from cache_pages import customer, line, purchase
from sqlalchemy import create_engine, text

from frontdesk.adapters.cache.database import MIGRATIONS, open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.protocol import PullPage


def _page(*purchases) -> PullPage:
    return PullPage(cursor=10, has_more=False, customers=[customer(1)], purchases=list(purchases))


def _items(queries: SqlAlchemyCustomerQueries) -> dict[str, int]:
    return {row.id: row.item_count for row in queries.purchases("c1")}


def test_applied_purchases_carry_their_items_returns_counted_too(apply, queries) -> None:
    three = purchase(2, lines=[line(1, 2, "2.55", "5.10"), line(2, 1, "0.00", "0.00", "SKU2")])
    back = purchase(3, lines=[line(1, -4, "2.55", "-10.20")], total="-10.20", is_return=True)

    apply(_page(purchase(1), three, back))

    assert _items(queries) == {"p1": 2, "p2": 3, "p3": 4}
    assert queries.purchase_ids("c1", sort="items", descending=False) == ["p1", "p2", "p3"]


def test_a_purchase_sent_again_with_other_lines_gets_their_count(apply, queries) -> None:
    apply(_page(purchase(1)))
    again = purchase(1, lines=[line(1, 7, "1.00", "7.00")], total="7.00")

    apply(_page(again.model_copy(update={"seq": 11})))

    assert _items(queries) == {"p1": 7}
    assert [row.item_count for row in queries.purchases_by_id("c1", ["p1"])] == [7]


def test_upgrading_an_older_cache_counts_the_items_of_its_purchases(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0015_timeline")
        connection.execute(
            text(
                "INSERT INTO purchases (id, number, customer_id, purchased_at, branch, currency,"
                " is_return, original_number, total_minor, seq) VALUES"
                " ('p1', 'N1', 'c1', '2024-03-01 09:30:00', 'Leeds', 'GBP', 0, NULL, 610, 1),"
                " ('p2', 'N2', 'c1', '2024-03-02 09:30:00', 'Leeds', 'GBP', 0, NULL, 0, 2)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO purchase_lines (purchase_id, line_no, sku, description, quantity,"
                " unit_price_scaled, line_total_minor) VALUES"
                " ('p1', 1, 'SKU1', 'Mug', 2, 25500, 510), ('p1', 2, 'SKU2', 'Box', -1, 0, 100)"
            )
        )
    engine.dispose()

    database = open_cache(path)  # migrates to the newest revision
    try:
        with database.engine.connect() as connection:
            counts = dict(connection.execute(text("SELECT id, item_count FROM purchases")).all())
    finally:
        database.dispose()

    assert counts == {"p1": 3, "p2": 0}
