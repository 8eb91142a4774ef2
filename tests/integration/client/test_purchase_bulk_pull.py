"""A new desk's first pull of purchases: the same rows a page-by-page pull stores, the
purchases' secondary indexes built once at the load's end (as migrated), a load cut short
and resumed ending the same, and a bad line still refused by name."""

from __future__ import annotations

from datetime import timedelta

import pytest
from cache_pages import T0, customer, line, purchase

from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.purchase_pull import drop_purchase_indexes
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import PullPage, PurchasePublic
from frontdesk.services.errors import ProtocolError, ServerUnreachable
from frontdesk.sync.pull import AbstractPullTransport, pull_all

WEIGHED = line(2, 1, "3.20", "1.46", sku="SKU2").model_copy(update={"quantity": "0.455"})
PAGES = [
    PullPage(
        cursor=3,
        has_more=True,
        customers=[customer(1), customer(2, name="Борис Петров")],
        purchases=[purchase(3, lines=[line(1, 2, "2.55", "5.10"), WEIGHED], total="6.56")],
    ),
    PullPage(
        cursor=6,
        has_more=True,
        purchases=[
            purchase(4, customer_id="c2", days=3),
            purchase(5, customer_id=None, currency="EUR"),
            # A later version of the first page's receipt: its lines are replaced whole.
            purchase(6, lines=[line(1, 1, "2.55", "2.55")], total="2.55").model_copy(
                update={"id": "p3", "number": "R3"}
            ),
        ],
    ),
    PullPage(
        cursor=8,
        has_more=False,
        purchases=[
            purchase(7, customer_id="c2", is_return=True, lines=[line(1, -1, "2.55", "-2.55")],
                     total="-2.55"),
            purchase(8, days=40),
        ],
    ),
]  # fmt: skip


class Server(AbstractPullTransport):
    """Serves ``PAGES`` by cursor; unreachable after ``fail_after`` pages."""

    def __init__(self, pages: list[PullPage] = PAGES, *, fail_after: int | None = None) -> None:
        self.pages, self.fail_after, self.served = pages, fail_after, 0

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        if self.served == self.fail_after:
            raise ServerUnreachable("cannot reach the server")
        self.served += 1
        return next(page for page in self.pages if page.cursor > cursor)


def _rows(cache_db: CacheDatabase) -> dict[str, list[tuple]]:
    with cache_db.engine.connect() as connection:
        return {
            table: connection.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1, 2").all()
            for table in ("purchases", "purchase_lines")
        }


def _indexes(cache_db: CacheDatabase) -> list[tuple]:
    with cache_db.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            " AND tbl_name = 'purchases' ORDER BY name"
        ).all()


def _page_by_page(cache_db: CacheDatabase) -> None:
    """The pages applied as a desk already indexed applies them: each with its index."""
    uow = SqlAlchemyUnitOfWork(cache_db.writer)
    for page in PAGES:
        with uow:
            uow.replica.apply(page, index=True)
            uow.commit()


@pytest.fixture
def other_cache(tmp_path):
    database = open_cache(tmp_path / "other" / "cache.sqlite3")
    yield database
    database.dispose()


def test_a_bulk_load_stores_the_rows_a_page_by_page_pull_stores(
    cache_db: CacheDatabase, other_cache: CacheDatabase
) -> None:
    pull_all(Server(), SqlAlchemyUnitOfWork(cache_db.writer))
    _page_by_page(other_cache)

    bulk = _rows(cache_db)
    assert bulk == _rows(other_cache)
    by_id = {row[0]: row for row in bulk["purchases"]}
    assert by_id["p3"][3] == (T0).strftime("%Y-%m-%d %H:%M:%S.%f")  # as UTCDateTime stores
    assert by_id["p3"][-1] == 1 and by_id["p7"][6] == 1  # one piece; a return
    assert by_id["p8"][3] == (T0 + timedelta(days=40)).strftime("%Y-%m-%d %H:%M:%S.%f")
    assert [ln[:2] for ln in bulk["purchase_lines"] if ln[0] == "p3"] == [("p3", 1)]


def test_a_first_pull_cut_short_and_resumed_ends_with_the_indexes_as_migrated(
    cache_db: CacheDatabase, other_cache: CacheDatabase
) -> None:
    migrated = _indexes(cache_db)
    assert len(migrated) == 6  # the primary key's and five more
    uow = SqlAlchemyUnitOfWork(cache_db.writer)
    with pytest.raises(ServerUnreachable):
        pull_all(Server(fail_after=2), uow)
    assert [name for name, _ in _indexes(cache_db)] == ["sqlite_autoindex_purchases_1"]

    pull_all(Server(fail_after=1), uow)

    assert _indexes(cache_db) == migrated
    _page_by_page(other_cache)
    assert _rows(cache_db) == _rows(other_cache)


def test_a_pull_after_the_first_builds_the_indexes_that_are_missing(
    cache_db: CacheDatabase,
) -> None:
    migrated = _indexes(cache_db)
    uow = SqlAlchemyUnitOfWork(cache_db.writer)
    pull_all(Server(), uow)
    with cache_db.engine.begin() as connection:
        drop_purchase_indexes(connection)

    later = PullPage(cursor=9, has_more=False, purchases=[purchase(9)])
    pull_all(Server([*PAGES, later]), uow)

    assert _indexes(cache_db) == migrated


def _with_line(bad: dict) -> PurchasePublic:
    return purchase(3).model_copy(update={"lines": [line(1, 2, "2.55", "5.10").model_copy(
        update=bad)]})  # fmt: skip


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"quantity": "0.000"}, "purchase N3 line 1: quantity '0.000' is zero"),
        ({"unit_price": "2.5x"}, "purchase N3 line 1: "),
        ({"line_total": "5.101"}, "purchase N3 line 1: "),
    ],
)
def test_a_bad_line_in_a_bulk_load_is_refused_by_name_and_nothing_of_its_page_is_kept(
    cache_db: CacheDatabase, bad: dict, message: str
) -> None:
    page = PullPage(cursor=3, has_more=False, customers=[customer(1)], purchases=[_with_line(bad)])
    with pytest.raises(ProtocolError, match=f"^{message}"):
        pull_all(Server([page]), SqlAlchemyUnitOfWork(cache_db.writer))
    assert _rows(cache_db) == {"purchases": [], "purchase_lines": []}
