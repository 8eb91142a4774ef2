"""The client cache on a real SQLite file: schema, atomic pages, money, queries."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cache_pages import T0, customer, line, product, purchase

from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.protocol import PullPage
from frontdesk.services.errors import ProtocolError


def _sqlite(cache_db: CacheDatabase) -> sqlite3.Connection:
    return sqlite3.connect(cache_db.engine.url.database or "")


# --- schema ---------------------------------------------------------------------------


def test_opening_creates_a_migrated_wal_database(cache_db: CacheDatabase) -> None:
    with _sqlite(cache_db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        heads = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}

    assert {"customers", "products", "purchases", "purchase_lines", "sync_state"} <= tables
    assert mode == "wal"
    assert len(heads) == 1  # the schema's branches off 0001 all apply, joined in one head


def test_sessions_have_foreign_keys_on(cache_db: CacheDatabase) -> None:
    with cache_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_no_column_is_real_or_float(cache_db: CacheDatabase) -> None:
    with _sqlite(cache_db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        types = {
            (table, row[1]): row[2].upper()
            for table in tables
            for row in conn.execute(f"PRAGMA table_info('{table}')")
        }

    floating = {col: t for col, t in types.items() if any(f in t for f in ("REAL", "FLOA", "DOUB"))}
    assert floating == {}
    assert types[("purchases", "total_minor")] == "BIGINT"
    assert types[("purchase_lines", "unit_price_scaled")] == "BIGINT"


def test_opening_again_keeps_the_data(tmp_path: Path, apply, cache_db: CacheDatabase) -> None:
    apply(PullPage(cursor=1, has_more=False, customers=[customer(1)]))
    again = open_cache(Path(cache_db.engine.url.database or ""))
    try:
        assert SqlAlchemyCustomerQueries(again.reader).sync_status().customers == 1
    finally:
        again.dispose()


# --- applying pages -------------------------------------------------------------------


def test_a_page_is_stored_with_money_as_integers(apply, cache_db: CacheDatabase) -> None:
    lines = [line(1, 3, "0.125", "0.38"), line(2, 1, "10", "10.00", sku="SKU2")]
    apply(
        PullPage(
            cursor=4,
            has_more=False,
            customers=[customer(1)],
            products=[product(2, price="0.125")],
            purchases=[purchase(4, lines=lines, total="10.38")],
        )
    )

    with _sqlite(cache_db) as conn:
        # Unit prices in units of 10^-(2 + 3) GBP, totals in pence.
        assert conn.execute("SELECT unit_price_scaled FROM products").fetchone() == (12500,)
        assert conn.execute("SELECT total_minor FROM purchases").fetchone() == (1038,)
        stored = conn.execute(
            "SELECT unit_price_scaled, line_total_minor FROM purchase_lines ORDER BY line_no"
        ).fetchall()
    assert stored == [(12500, 38), (1000000, 1000)]


def test_upserts_replace_rows_and_lines_by_key(apply, queries: SqlAlchemyCustomerQueries):
    apply(PullPage(cursor=2, has_more=False, customers=[customer(1)], purchases=[purchase(2)]))
    renamed = customer(5, name="Ann Jones").model_copy(update={"id": "c1", "account_number": "A1"})
    relined = purchase(6, lines=[line(1, 1, "7.00", "7.00")], total="7.00").model_copy(
        update={"id": "p2", "number": "N2"}
    )

    apply(PullPage(cursor=6, has_more=False, customers=[renamed], purchases=[relined]))

    assert queries.sync_status().customers == 1
    assert queries.profile("c1").full_name == "Ann Jones"  # type: ignore[union-attr]
    lines = queries.purchase_lines("p2")
    assert [(ln.quantity, ln.total) for ln in lines] == [(1, Money.of("7.00", "GBP"))]


def test_an_older_overlapping_page_never_undoes_a_newer_one(apply, queries) -> None:
    # Two pulls on one cache (the window and `frontdesk sync`) may commit out of order.
    newer = customer(8, name="Ann Jones").model_copy(update={"id": "c1"})
    newer_purchase = purchase(9, lines=[line(1, 1, "7.00", "7.00")], total="7.00")
    apply(PullPage(cursor=9, has_more=False, customers=[newer], purchases=[newer_purchase]))
    older_purchase = purchase(3).model_copy(update={"id": "p9", "number": "N9"})

    apply(PullPage(cursor=3, has_more=False, customers=[customer(1)], purchases=[older_purchase]))

    assert queries.profile("c1").full_name == "Ann Jones"
    assert [ln.total for ln in queries.purchase_lines("p9")] == [Money.of("7.00", "GBP")]
    assert queries.sync_status().cursor == 9


@pytest.mark.parametrize(
    "bad_purchase",
    [
        purchase(3, currency="ZZZ"),
        purchase(3, lines=[line(1, 2, "2.5555555", "5.11")], total="5.11"),
        purchase(3, total="99.99"),
    ],
    ids=["unknown-currency", "over-precise-price", "total-not-sum-of-lines"],
)
def test_a_bad_row_rolls_back_the_whole_page_and_the_cursor(
    apply, queries: SqlAlchemyCustomerQueries, bad_purchase
) -> None:
    apply(PullPage(cursor=1, has_more=False, customers=[customer(1)]))
    page = PullPage(
        cursor=3, has_more=False, customers=[customer(2)], purchases=[purchase(2), bad_purchase]
    )

    with pytest.raises(ProtocolError, match="purchase N3"):
        apply(page)

    status = queries.sync_status()
    assert (status.cursor, status.customers, status.purchases) == (1, 1, 0)


def test_a_purchase_may_arrive_before_its_customer(apply, queries: SqlAlchemyCustomerQueries):
    # The customer was edited after buying, so their row carries a later sequence number.
    apply(PullPage(cursor=2, has_more=True, purchases=[purchase(2, customer_id="c9")]))
    apply(PullPage(cursor=9, has_more=False, customers=[customer(9)]))

    assert [p.number for p in queries.purchases("c9")] == ["N2"]


def test_clear_and_reset_forget_the_replica(apply, uow: SqlAlchemyUnitOfWork, queries):
    apply(PullPage(cursor=2, has_more=False, customers=[customer(1)], purchases=[purchase(2)]))

    with uow:
        uow.replica.clear()
        uow.sync_state.reset_cursor()
        uow.commit()

    status = queries.sync_status()
    assert (status.cursor, status.customers, status.purchases) == (0, 0, 0)


def test_leaving_the_unit_of_work_without_commit_undoes_it(uow: SqlAlchemyUnitOfWork, queries):
    with uow:
        uow.sync_state.set_login("http://hq:1", "ann")

    assert queries.sync_status().username is None


# --- queries --------------------------------------------------------------------------


@pytest.fixture
def people(apply) -> None:
    apply(
        PullPage(
            cursor=20,
            has_more=False,
            customers=[
                customer(1, name="Анна Иванова", phones=("+79161234567",), emails=("anna@x.ru",)),
                customer(2, name="Joan 100% O'Brien", emails=("joan_ob@example.com",)),
                customer(3, name="Joan 100 OXBrien", emails=("joanxob@example.com",)),
                customer(4, name="Bob Annand", account="12347", card="6006123412341234"),
                customer(5, name="Lee", phones=("+44 7911 123456",)),
                customer(6, name="", account="17850"),
            ],
            purchases=[
                purchase(10, customer_id="c1", days=0),
                purchase(11, customer_id="c1", days=30, currency="EUR"),
                purchase(12, customer_id="c1", days=10),
                purchase(
                    13,
                    customer_id="c1",
                    days=20,
                    is_return=True,
                    lines=[line(1, -1, "2.55", "-2.55")],
                    total="-2.55",
                ),
                purchase(14, customer_id="c4", days=40),
                purchase(15, customer_id=None, days=50),  # a walk-in sale, the latest of all
            ],
        )
    )


def _found(queries: SqlAlchemyCustomerQueries, text: str) -> list[tuple[str, str]]:
    return [(m.id, m.matched_field) for m in queries.search(text)]


@pytest.mark.usefixtures("people")
def test_blank_queries_find_nothing(queries: SqlAlchemyCustomerQueries) -> None:
    assert queries.search("") == queries.search("   ") == []


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12347", [("c4", "account_number")]),
        ("6006 1234 1234 1234", [("c4", "loyalty_card")]),
        ("+7 916 123-45-67", [("c1", "phone")]),
        ("447911123456", [("c5", "phone")]),
        ("иванова", [("c1", "name")]),
        ("АННА", [("c1", "name"), ("c4", "name")]),  # Anna exactly, then Annand by prefix
        ("178", [("c6", "account_number")]),
        ("1234567", [("c1", "phone")]),
    ],
)
def test_search_by_each_kind_of_key(queries, text: str, expected: list[tuple[str, str]]):
    assert _found(queries, text) == expected


@pytest.mark.usefixtures("people")
def test_exact_matches_come_before_substrings(queries: SqlAlchemyCustomerQueries) -> None:
    # "ann" starts Bob Annand's and Анна's names alike: the more recent buyer comes first.
    assert _found(queries, "ann") == [("c4", "name"), ("c1", "name")]
    assert _found(queries, "anna")[0] == ("c1", "name")


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("100%", ["c3", "c2"]),  # % is no wildcard: the word 100 is in both names
        ("joan_ob@", ["c2"]),  # _ is no wildcard (joanxob would match)
        ("O'Brien", ["c2"]),
        ('"', []),
        ("\\", []),
        ("%", []),
        ("_", []),
    ],
)
def test_search_takes_like_wildcards_and_quotes_literally(queries, text: str, expected):
    assert [m.id for m in queries.search(text)] == expected


@pytest.mark.usefixtures("people")
def test_matches_carry_the_span_to_highlight(queries: SqlAlchemyCustomerQueries) -> None:
    by_name = queries.search("ивано")[0]
    by_phone = queries.search("7911")[0]
    by_email = queries.search("joan_ob@exa")[0]

    assert by_name.display_name[slice(*by_name.span)] == "Ивано"  # type: ignore[misc]
    assert by_phone.phone[slice(*by_phone.span)] == "7911"  # type: ignore[misc]
    assert by_email.email[slice(*by_email.span)] == "joan_ob@exa"  # type: ignore[misc]


@pytest.mark.usefixtures("people")
def test_search_respects_the_limit(queries: SqlAlchemyCustomerQueries) -> None:
    assert len(queries.search("o", limit=2)) == 2


@pytest.mark.usefixtures("people")
def test_profile_sums_spend_per_currency_net_of_returns(queries: SqlAlchemyCustomerQueries):
    profile = queries.profile("c1")

    assert profile is not None
    assert profile.lifetime_spend == (Money.of("5.10", "EUR"), Money.of("7.65", "GBP"))
    assert profile.purchase_count == 3
    assert profile.first_purchase == T0
    assert profile.last_purchase == T0.replace(day=31)
    assert profile.phones == ("+79161234567",)


@pytest.mark.usefixtures("people")
def test_a_customer_without_purchases_and_an_unknown_one(queries) -> None:
    empty = queries.profile("c6")

    assert empty.display_name == "Account 17850"
    assert (empty.purchase_count, empty.lifetime_spend, empty.first_purchase) == (0, (), None)
    assert queries.profile("nobody") is None


@pytest.mark.usefixtures("people")
def test_purchases_newest_first_with_lines(queries: SqlAlchemyCustomerQueries) -> None:
    rows = queries.purchases("c1")

    assert [r.number for r in rows] == ["N11", "N13", "N12", "N10"]
    ret = rows[1]
    assert ret.is_return and ret.total == Money.of("-2.55", "GBP") and ret.item_count == 1
    (only,) = queries.purchase_lines(ret.id)
    assert only.unit_price == UnitPrice.of("2.55", "GBP") and only.quantity == -1
    assert queries.purchase_lines("nothing") == []


@pytest.mark.usefixtures("people")
def test_first_customer_is_the_latest_purchaser(queries: SqlAlchemyCustomerQueries) -> None:
    assert queries.first_customer_id() == "c4"  # the walk-in sale after it has no customer


def test_an_empty_cache(queries: SqlAlchemyCustomerQueries) -> None:
    status = queries.sync_status()

    assert queries.first_customer_id() is None
    assert (status.server_url, status.cursor, status.customers) == (None, 0, 0)
    assert queries.search("anything") == []


@pytest.mark.usefixtures("people")
def test_sync_status_counts_and_cursor(queries: SqlAlchemyCustomerQueries) -> None:
    status = queries.sync_status()

    assert (status.cursor, status.customers, status.purchases) == (20, 6, 6)
    assert status.last_pull_at is not None and status.last_pull_at.tzinfo is not None
