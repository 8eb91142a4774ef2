"""A real client cache (SQLite file, migrated) in the test's tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
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
def uow(cache_db: CacheDatabase) -> SqlAlchemyUnitOfWork:
    return SqlAlchemyUnitOfWork(cache_db.writer)


@pytest.fixture
def queries(cache_db: CacheDatabase) -> SqlAlchemyCustomerQueries:
    return SqlAlchemyCustomerQueries(cache_db.reader)


@pytest.fixture
def apply(uow: SqlAlchemyUnitOfWork):
    """Apply one page and its cursor, as the pull engine does."""
    from datetime import UTC, datetime

    def _apply(page: PullPage) -> None:
        with uow:
            uow.replica.apply(page)
            uow.sync_state.advance(page.cursor, pulled_at=datetime.now(UTC))
            uow.commit()

    return _apply
