"""A real client cache with two customers, and a server app with a registered device."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import CustomerPublic, PullPage

T0 = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


def wire_customer(seq: int, *, name: str = "Ann Smith", phones: tuple[str, ...] = ()):
    return CustomerPublic(
        id=f"c{seq}",
        account_number=f"A{seq:05d}",
        full_name=name,
        phones=list(phones),
        emails=[],
        loyalty_card=None,
        branch="Leeds",
        notes="",
        created_at=T0,
        updated_at=T0,
        seq=seq,
    )


@pytest.fixture
def cache_db(tmp_path: Path) -> Iterator[CacheDatabase]:
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def uow(cache_db: CacheDatabase) -> SqlAlchemyUnitOfWork:
    work = SqlAlchemyUnitOfWork(cache_db.writer)
    page = PullPage(
        cursor=2,
        has_more=False,
        customers=[wire_customer(1), wire_customer(2, name="Bob Jones", phones=("0113 496 0000",))],
    )
    with work:
        work.replica.apply(page)
        work.commit()
    return work
