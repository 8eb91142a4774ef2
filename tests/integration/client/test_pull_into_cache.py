"""The pull engine writing into a real SQLite cache, pages served by a fake transport."""

from __future__ import annotations

import pytest
from cache_pages import customer, product, purchase

from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import PullPage
from frontdesk.services.errors import ProtocolError
from frontdesk.sync.pull import AbstractPullTransport, PullResult, pull_all


class FakeTransport(AbstractPullTransport):
    def __init__(self, pages: list[PullPage]) -> None:
        self.pages = list(pages)
        self.asked: list[int] = []

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        self.asked.append(cursor)
        return self.pages.pop(0)


def test_pulls_all_pages_into_the_cache(uow: SqlAlchemyUnitOfWork, queries) -> None:
    transport = FakeTransport(
        [
            PullPage(cursor=2, has_more=True, customers=[customer(1)], products=[product(2)]),
            PullPage(cursor=3, has_more=False, purchases=[purchase(3)]),
        ]
    )

    result = pull_all(transport, uow, page_size=2)

    assert result == PullResult(pages=2, customers=1, products=1, purchases=1, cursor=3)
    assert transport.asked == [0, 2]
    assert [p.number for p in queries.purchases("c1")] == ["N3"]
    assert queries.sync_status().cursor == 3


def test_a_bad_page_keeps_the_pages_before_it_and_resumes_there(
    uow: SqlAlchemyUnitOfWork, queries: SqlAlchemyCustomerQueries
) -> None:
    good = PullPage(cursor=1, has_more=True, customers=[customer(1)])
    bad = PullPage(
        cursor=3, has_more=False, customers=[customer(2)], purchases=[purchase(3, total="1.00")]
    )

    with pytest.raises(ProtocolError):
        pull_all(FakeTransport([good, bad]), uow)

    status = queries.sync_status()
    assert (status.cursor, status.customers) == (1, 1)
    retry = FakeTransport([PullPage(cursor=3, has_more=False, customers=[customer(2)])])
    assert pull_all(retry, uow).cursor == 3
    assert retry.asked == [1]
    assert queries.sync_status().customers == 2
