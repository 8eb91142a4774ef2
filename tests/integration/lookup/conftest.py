"""A real cache filled through the replica, as sync fills it, for lookup tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import PullPage


@pytest.fixture
def cache_db(tmp_path: Path) -> Iterator[CacheDatabase]:
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def queries(cache_db: CacheDatabase) -> SqlAlchemyCustomerQueries:
    return SqlAlchemyCustomerQueries(cache_db.reader)


@pytest.fixture
def apply(cache_db: CacheDatabase) -> Callable[[PullPage], None]:
    def _apply(pulled: PullPage) -> None:
        uow = SqlAlchemyUnitOfWork(cache_db.writer)
        with uow:
            uow.replica.apply(pulled)
            uow.commit()

    return _apply
