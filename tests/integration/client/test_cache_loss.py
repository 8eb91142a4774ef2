"""A deleted cache is made again; a damaged one is moved aside, never deleted, and refused
while it may hold unsent outbox items (the message names the file they are in)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from frontdesk import cli
from frontdesk.adapters.cache.database import CacheSetAside, open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import CustomerPublic, InteractionRecord, PullPage
from frontdesk.sync.pull import AbstractPullTransport, pull_all

T0 = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
CUSTOMERS = 3000


def _customer(seq: int) -> CustomerPublic:
    return CustomerPublic(
        id=f"c{seq}",
        account_number=f"A{seq:06d}",
        full_name=f"Customer number {seq} with a longish name",
        phones=[],
        emails=[],
        loyalty_card=None,
        branch="Leeds",
        notes="x" * 200,
        created_at=T0,
        updated_at=T0,
        seq=seq,
    )


class Server(AbstractPullTransport):
    """Serves the same customers to any desk that pulls from cursor 0."""

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        rows = [_customer(n) for n in range(cursor + 1, min(cursor + limit, CUSTOMERS) + 1)]
        return PullPage(
            cursor=cursor + len(rows), has_more=cursor + len(rows) < CUSTOMERS, customers=rows
        )


def _desk(path: Path, *, unsent: int) -> None:
    """A pulled cache with ``unsent`` outbox items queued before the replica rows."""
    database = open_cache(path)
    uow = SqlAlchemyUnitOfWork(database.writer)
    with uow:
        for n in range(unsent):
            uow.outbox.add(queued_contact(n))
        uow.commit()
    pull_all(Server(), uow, page_size=1000)
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()


def _damage_replica(path: Path) -> bytes:
    """Overwrite most of the file after the outbox's first pages: the pulled rows and their
    lookup index (built after them, at the end of the bulk load); the outbox stays readable."""
    data = bytearray(path.read_bytes())
    start, end = int(len(data) * 0.3), int(len(data) * 0.9)
    data[start:end] = b"\xa5" * (end - start)
    path.write_bytes(bytes(data))
    return bytes(data)


def _aside(path: Path) -> list[Path]:
    found = path.parent.glob(f"{path.name}.damaged-*")
    return sorted(p for p in found if not p.name.endswith(("-wal", "-shm")))


def test_a_deleted_cache_is_made_again_and_rebuilt_from_the_server(tmp_path) -> None:
    path = tmp_path / "cache.sqlite3"
    _desk(path, unsent=0)
    for part in path.parent.glob("cache.sqlite3*"):
        part.unlink()
    database = open_cache(path)
    result = pull_all(Server(), SqlAlchemyUnitOfWork(database.writer), page_size=1000)
    assert result.customers == CUSTOMERS
    database.dispose()


def test_damaged_cache_with_unsent_items_is_kept_aside_and_refused(tmp_path) -> None:
    path = tmp_path / "cache.sqlite3"
    _desk(path, unsent=4)
    damaged = _damage_replica(path)
    with pytest.raises(CacheSetAside) as refused:
        open_cache(path)
    moved = refused.value.moved_to
    message = str(refused.value)
    assert "is damaged and holds 4 unsent change(s)" in message
    assert f"kept, not deleted, as {moved}" in message
    assert _aside(path) == [moved] and moved.read_bytes() == damaged
    assert not path.exists()
    database = open_cache(path)  # the next start makes a new cache
    assert database.set_aside is None
    database.dispose()


def test_unreadable_file_may_hold_unsent_items_so_it_is_refused_too(tmp_path) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"this is not a SQLite database at all" * 100)
    with pytest.raises(CacheSetAside, match="may hold unsent changes"):
        open_cache(path)
    assert len(_aside(path)) == 1


def test_damaged_cache_with_nothing_unsent_is_replaced(tmp_path) -> None:
    path = tmp_path / "cache.sqlite3"
    _desk(path, unsent=0)
    _damage_replica(path)
    database = open_cache(path)
    assert database.set_aside == _aside(path)[0]
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM customers")).scalar_one() == 0
    database.dispose()


def test_the_cli_says_where_the_unsent_items_are(tmp_path) -> None:
    path = tmp_path / "cache.sqlite3"
    _desk(path, unsent=2)
    _damage_replica(path)
    err = io.StringIO()
    code = cli.main(["--data-dir", str(tmp_path), "status"], stdout=io.StringIO(), stderr=err)
    assert code == 1
    assert "holds 2 unsent change(s)" in err.getvalue()
    assert str(_aside(path)[0]) in err.getvalue()


def queued_contact(n: int) -> InteractionRecord:
    """A contact write as a desk queues it; only its place in the outbox matters here."""
    return InteractionRecord(
        customer_id=f"c{n}", channel="call", occurred_at=datetime(2024, 3, 1, tzinfo=UTC),
        reason=f"call {n}",
    )  # fmt: skip
