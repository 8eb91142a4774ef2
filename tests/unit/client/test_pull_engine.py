"""The pull engine against a fake transport and a fake cache (no database, no network)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from client_fakes import FakeTransport, FakeUnitOfWork, customer, product, purchase

from frontdesk.protocol import PullPage, PullPageEnd
from frontdesk.services.errors import ProtocolError, ServerUnreachable
from frontdesk.services.ports import FetchedPage
from frontdesk.sync.pull import PullCancelled, PullProgress, PullResult, pull_all

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def _pull(transport: FakeTransport, cache: FakeUnitOfWork, **kwargs: object) -> PullResult:
    return pull_all(transport, cache, clock=lambda: NOW, **kwargs)  # type: ignore[arg-type]


def test_pulls_every_page_until_has_more_is_false() -> None:
    cache = FakeUnitOfWork()
    transport = FakeTransport(
        [
            PullPage(cursor=2, has_more=True, customers=[customer(1)], products=[product(2)]),
            PullPage(cursor=3, has_more=False, purchases=[purchase(3)]),
        ]
    )

    result = _pull(transport, cache, page_size=2)

    assert result == PullResult(pages=2, customers=1, products=1, purchases=1, cursor=3)
    assert transport.asked == [(0, 2), (2, 2)]
    assert set(cache.committed.customers) == {"c1"}
    assert set(cache.committed.purchases) == {"p3"}
    assert cache.committed.state.cursor == 3
    assert cache.committed.state.last_pull_at == NOW


def test_each_page_is_its_own_commit_once_the_desk_is_loaded() -> None:
    cache = FakeUnitOfWork()
    _pull(FakeTransport([PullPage(cursor=1, has_more=False, customers=[customer(1)])]), cache)
    pages = [PullPage(cursor=n, has_more=n < 4, customers=[customer(n)]) for n in (2, 3, 4)]

    _pull(FakeTransport(pages), cache, bulk_commit_seconds=3600)

    assert cache.commits == 1 + 3


def test_a_bulk_load_commits_its_pages_together_for_a_while() -> None:
    pages = [PullPage(cursor=n, has_more=n < 3, customers=[customer(n)]) for n in (1, 2, 3)]
    together, apart = FakeUnitOfWork(), FakeUnitOfWork()

    _pull(FakeTransport(pages), together, bulk_commit_seconds=3600)
    _pull(FakeTransport(pages), apart, bulk_commit_seconds=0)

    assert (together.commits, apart.commits) == (1, 3)
    assert together.committed == apart.committed


def test_a_page_that_fails_in_a_bulk_commit_keeps_the_pages_before_it() -> None:
    class FailingThirdTime(FakeTransport):
        def pull(self, cursor: int, *, limit: int) -> PullPage:
            if len(self.asked) == 2:
                raise ServerUnreachable("cannot reach the server")
            return super().pull(cursor, limit=limit)

    back = PullPage(cursor=1, has_more=False, customers=[customer(9)])  # a protocol error
    for transport in (FailingThirdTime(_customer_pages(1, 2, 3)),
                      FakeTransport([*_customer_pages(1, 2, 3)[:2], back])):  # fmt: skip
        cache = FakeUnitOfWork()
        with pytest.raises((ServerUnreachable, ProtocolError)):
            _pull(transport, cache, bulk_commit_seconds=3600)
        assert (cache.committed.state.cursor, set(cache.committed.customers)) == (2, {"c1", "c2"})


def test_resumes_from_the_committed_cursor() -> None:
    cache = FakeUnitOfWork()
    _pull(FakeTransport([PullPage(cursor=5, has_more=False, customers=[customer(5)])]), cache)
    transport = FakeTransport([PullPage(cursor=5, has_more=False)])

    result = _pull(transport, cache)

    assert transport.asked[0][0] == 5
    assert result == PullResult(pages=1, customers=0, products=0, purchases=0, cursor=5)


def test_a_failure_mid_pull_keeps_the_pages_already_applied() -> None:
    class FailingSecondTime(FakeTransport):
        def pull(self, cursor: int, *, limit: int) -> PullPage:
            if self.asked:
                raise ServerUnreachable("cannot reach the server")
            return super().pull(cursor, limit=limit)

    cache = FakeUnitOfWork()
    transport = FailingSecondTime([PullPage(cursor=1, has_more=True, customers=[customer(1)])])

    with pytest.raises(ServerUnreachable):
        _pull(transport, cache)

    assert cache.committed.state.cursor == 1
    assert set(cache.committed.customers) == {"c1"}


def test_a_cursor_moving_back_is_a_protocol_error_and_applies_nothing() -> None:
    cache = FakeUnitOfWork()
    _pull(FakeTransport([PullPage(cursor=9, has_more=False)]), cache)

    with pytest.raises(ProtocolError, match="back from 9 to 4"):
        _pull(FakeTransport([PullPage(cursor=4, has_more=False, customers=[customer(4)])]), cache)

    assert cache.committed.state.cursor == 9
    assert not cache.committed.customers


def test_more_pages_without_progress_stop_instead_of_looping() -> None:
    cache = FakeUnitOfWork()
    stuck = [PullPage(cursor=0, has_more=True)] * 3

    with pytest.raises(ProtocolError, match="did not advance"):
        _pull(FakeTransport(stuck), cache)


def _customer_pages(*seqs: int) -> list[PullPage]:
    return [PullPage(cursor=n, has_more=n != seqs[-1], customers=[customer(n)]) for n in seqs]


def test_a_first_pull_indexes_once_in_the_last_pages_commit() -> None:
    cache = FakeUnitOfWork()

    _pull(FakeTransport(_customer_pages(1, 2, 3)), cache)

    assert cache.committed.rebuilds == 1
    assert cache.committed.indexed == {"c1", "c2", "c3"}
    assert cache.committed.state.cursor == 3


def test_a_first_pull_cut_short_resumes_in_bulk_and_ends_indexed() -> None:
    class FailingThirdTime(FakeTransport):
        def pull(self, cursor: int, *, limit: int) -> PullPage:
            if len(self.asked) == 2:
                raise ServerUnreachable("cannot reach the server")
            return super().pull(cursor, limit=limit)

    cache = FakeUnitOfWork()
    with pytest.raises(ServerUnreachable):
        _pull(FailingThirdTime(_customer_pages(1, 2, 3)), cache)
    assert (cache.committed.state.cursor, cache.committed.indexed) == (2, set())

    _pull(FakeTransport(_customer_pages(3, 4)), cache)

    assert cache.committed.rebuilds == 1
    assert cache.committed.indexed == {"c1", "c2", "c3", "c4"}


def test_a_pull_onto_a_complete_index_indexes_each_page() -> None:
    cache = FakeUnitOfWork()
    _pull(FakeTransport(_customer_pages(1)), cache)

    _pull(FakeTransport(_customer_pages(2, 3)), cache)

    assert cache.committed.rebuilds == 1  # the first pull's only
    assert cache.committed.indexed == {"c1", "c2", "c3"}


def test_progress_after_each_page_and_a_cancel_between_pages_keeps_the_cursor() -> None:
    cache = FakeUnitOfWork()
    pages = [
        PullPage(cursor=n, has_more=n < 4, customers=[customer(n)], head=4) for n in (1, 2, 3, 4)
    ]
    heard: list[PullProgress] = []

    with pytest.raises(PullCancelled) as stopped:
        _pull(FakeTransport(pages), cache, on_page=heard.append, cancelled=lambda: len(heard) == 2)

    assert [p.result.customers for p in heard] == [1, 2]
    assert [p.fraction for p in heard] == [0.25, 0.5]
    assert stopped.value.result.cursor == 2
    assert cache.committed.state.cursor == 2  # the next pull resumes after page 2

    transport = FakeTransport(pages[2:])
    resumed = _pull(transport, cache, on_page=heard.append)
    assert transport.asked[0][0] == 2
    assert resumed.cursor == 4 and heard[-1].started_at == 2 and heard[-1].fraction == 1.0


def test_progress_without_a_head_has_no_fraction() -> None:
    heard: list[PullProgress] = []
    _pull(
        FakeTransport([PullPage(cursor=1, has_more=False)]), FakeUnitOfWork(), on_page=heard.append
    )
    assert heard[0].fraction is None


class SlowToValidate(FakeTransport):
    """Pages whose first validation waits (up to 5 s) for the next page to be asked for."""

    def __init__(self, pages: list[PullPage]) -> None:
        super().__init__(pages)
        self.asked_for = {cursor: threading.Event() for cursor in [0, *(p.cursor for p in pages)]}
        self.waited: list[bool] = []

    def fetch(self, cursor: int, *, limit: int) -> FetchedPage:
        page = self.pull(cursor, limit=limit)
        self.asked_for[cursor].set()

        def validated() -> PullPage:
            if page.has_more and not self.waited:
                self.waited.append(self.asked_for[page.cursor].wait(timeout=5))
            return page

        return FetchedPage(PullPageEnd(cursor=page.cursor, has_more=page.has_more), validated)


def test_the_next_page_is_asked_for_while_this_one_is_validated() -> None:
    cache = FakeUnitOfWork()
    transport = SlowToValidate(_customer_pages(1, 2, 3, 4))
    assert _pull(transport, cache).cursor == 4
    assert transport.waited == [True]
    assert [cursor for cursor, _ in transport.asked] == [0, 1, 2, 3]
    assert cache.committed.state.cursor == 4 and set(cache.committed.customers) == {
        "c1",
        "c2",
        "c3",
        "c4",
    }


def test_a_page_failing_validation_after_the_next_was_asked_for_keeps_the_pages_before() -> None:
    class BadSecond(SlowToValidate):
        def fetch(self, cursor: int, *, limit: int) -> FetchedPage:
            fetched = super().fetch(cursor, limit=limit)
            if cursor != 1:
                return fetched
            return FetchedPage(fetched.end, _refused)

    def _refused() -> PullPage:
        raise ProtocolError("the server's answer is not a valid PullPage")

    cache = FakeUnitOfWork()
    with pytest.raises(ProtocolError):
        _pull(BadSecond(_customer_pages(1, 2, 3)), cache)
    assert cache.committed.state.cursor == 1 and set(cache.committed.customers) == {"c1"}
