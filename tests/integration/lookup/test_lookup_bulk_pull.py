"""A new desk's first pull indexes its customers once, at the end; one cut short and resumed
still ends with every customer in the index, exactly as a rebuild from scratch has it."""

from __future__ import annotations

import pytest
from lookup_rows import bought, person

from frontdesk.adapters.cache.database import CacheDatabase
from frontdesk.adapters.cache.search_index import rebuild_index
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import PullPage
from frontdesk.services.errors import ServerUnreachable
from frontdesk.sync.pull import AbstractPullTransport, pull_all

PAGES = [
    PullPage(
        cursor=3,
        has_more=True,
        customers=[
            person(1, "Olga Smirnova"),
            person(2, "Boris Vorontsov"),
            person(3, "Anna Berg"),
        ],
    ),
    PullPage(
        cursor=5,
        has_more=True,
        customers=[person(4, "Anna Berg", phones=("+44 7911 123456",))],
        purchases=[bought(5, "c3", days=3)],
    ),
    PullPage(cursor=7, has_more=False, customers=[person(6, "Олег Щукин"), person(7, "Ivy Lee")]),
]


class Server(AbstractPullTransport):
    """Serves ``PAGES`` by cursor; unreachable once ``fail_after`` pages were served."""

    def __init__(self, *, fail_after: int | None = None) -> None:
        self.fail_after, self.served = fail_after, 0

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        if self.served == self.fail_after:
            raise ServerUnreachable("cannot reach the server")
        self.served += 1
        return next(page for page in PAGES if page.cursor > cursor)


def ids(queries, query: str) -> list[str]:
    return [m.id for m in queries.search(query)]


def _docs(connection) -> list[tuple]:
    return connection.exec_driver_sql("SELECT * FROM lookup_docs ORDER BY doc").all()


def test_a_first_pull_cut_short_and_resumed_ends_with_a_complete_index(
    cache_db: CacheDatabase, queries
) -> None:
    uow = SqlAlchemyUnitOfWork(cache_db.writer)
    with pytest.raises(ServerUnreachable):
        pull_all(Server(fail_after=2), uow)

    # Mid-load the desk finds none of the load's customers (lookup is the only way to one).
    assert queries.sync_status().cursor == 5
    assert ids(queries, "berg") == ids(queries, "smirnova") == []
    with uow:
        assert uow.replica.bulk_load_due()

    assert pull_all(Server(), uow).cursor == 7

    assert ids(queries, "berg") == ["c3", "c4"]  # c3 bought something: most recent first
    assert ids(queries, "shchukin") == ["c6"]
    assert ids(queries, "7911123456") == ["c4"]
    assert ids(queries, "vorontsov") == ["c2"]
    with cache_db.engine.connect() as connection:
        resumed = _docs(connection)
        rebuild_index(connection)
        assert _docs(connection) == resumed
        connection.rollback()
    with uow:
        assert not uow.replica.bulk_load_due()


def test_a_pull_onto_an_indexed_cache_indexes_page_by_page(cache_db: CacheDatabase, queries):
    uow = SqlAlchemyUnitOfWork(cache_db.writer)
    first = PAGES[0]  # applied as an ordinary page: the index is complete
    with uow:
        uow.replica.apply(first)
        uow.sync_state.advance(first.cursor, pulled_at=person(1, "x").created_at)
        uow.commit()
    with uow:
        assert not uow.replica.bulk_load_due()

    with pytest.raises(ServerUnreachable):
        pull_all(Server(fail_after=1), uow)

    assert queries.sync_status().cursor == 5
    assert ids(queries, "berg") == ["c3", "c4"]
