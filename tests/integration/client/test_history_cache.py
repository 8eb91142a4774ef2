"""The history's questions to the cache: each purchase's item count stored with it when the
replica applies it (cache revision 0016_history_order) and filled in for purchases already in a
cache from before that revision; totals and spend per month from one pass, equal to the
port's own sums over the rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from cache_pages import customer, line, purchase
from sqlalchemy import create_engine, text

from frontdesk.adapters.cache.database import MIGRATIONS, open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.protocol import PullPage
from frontdesk.services.queries import ALL_PURCHASES, AbstractCustomerQueries, HistoryFilter


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
            info = text("PRAGMA index_info('ix_purchases_customer_date')")
            indexed = [row[2] for row in connection.execute(info)]
    finally:
        database.dispose()

    assert counts == {"p1": 3, "p2": 0}
    assert indexed == ["customer_id", "purchased_at", "id"]  # ids by date from the index alone


def _mixed() -> PullPage:
    return _page(
        purchase(1, days=0),
        purchase(2, days=3, currency="EUR"),
        purchase(3, days=31, lines=[line(1, 3, "2.55", "7.65")], total="7.65"),
        purchase(4, days=32, lines=[line(1, -1, "2.55", "-2.55")], total="-2.55", is_return=True),
        purchase(5, days=70, lines=[line(1, 1, "1.00", "1.00", "SKU9")], total="1.00"),
    )


@pytest.mark.parametrize(
    "where",
    [ALL_PURCHASES, HistoryFilter(product="sku9"), HistoryFilter(since=date(2024, 3, 2))],
    ids=["all", "product", "since"],
)
def test_totals_and_months_in_one_pass_equal_the_sums_over_the_rows(
    apply, queries: SqlAlchemyCustomerQueries, where: HistoryFilter
) -> None:
    apply(_mixed())

    totals, months = queries.history_summary("c1", where=where)

    assert totals == AbstractCustomerQueries.history_totals(queries, "c1", where=where)
    assert months == AbstractCustomerQueries.monthly_spend(queries, "c1", where=where)
    assert (totals, months) == (
        queries.history_totals("c1", where=where),
        queries.monthly_spend("c1", where=where),
    )
    if where == ALL_PURCHASES:
        assert (totals.purchases, totals.returns, len(months)) == (4, 1, 4)
