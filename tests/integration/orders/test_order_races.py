"""Two real transactions at once on PostgreSQL (SQLite serialises its writers, so there is no
race to run there): two PATCHes from the same old status, and two desks' phone orders for
the last pieces. A third session holds the contested row so both writers are inside their
transaction, waiting, before either goes on."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient
from order_helpers import admin_headers, line, order_in, sign_in
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.app import create_app
from frontdesk.server.catalogue.models import Stock
from frontdesk.server.orders.models import Order, OrderEvent
from frontdesk.server.settings import Settings


@pytest.fixture
def postgres_only(migrated_url: str) -> str:
    if not migrated_url.startswith("postgresql"):
        pytest.skip("SQLite serialises its writers: there is no race to run")
    return migrated_url


@contextmanager
def held(factory: sessionmaker[Session], query: Any) -> Iterator[Session]:
    """``query`` locked FOR UPDATE in a session of its own until the block ends."""
    with factory() as session, session.begin():
        session.execute(query.with_for_update()).all()
        yield session


def run_both(factory: sessionmaker[Session], *calls: Callable[[], Any]) -> list[Any]:
    """Start every call in a thread, wait until each waits on a lock, then return."""
    results: list[Any] = [None] * len(calls)

    def run(n: int) -> None:
        try:
            results[n] = calls[n]()
        except Exception as error:
            results[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    _wait_for_waiters(factory, len(calls))
    return [results, threads]


def joined(threads: list[threading.Thread]) -> None:
    for thread in threads:
        thread.join(30)
        assert not thread.is_alive()


def _wait_for_waiters(factory: sessionmaker[Session], count: int) -> None:
    query = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                 "AND datname = current_database()")  # fmt: skip
    deadline = time.monotonic() + 20
    with factory() as session:
        while session.scalar(query) < count:
            assert time.monotonic() < deadline, "the writers never met at the lock"
            time.sleep(0.02)
            session.rollback()


def test_two_patches_from_one_status_exactly_one_wins(
    postgres_only: str, api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    admin = admin_headers(api)
    assert api.post("/api/v1/orders", json=order_in("WEB-1"), headers=admin).status_code == 201
    second = TestClient(create_app(Settings(database_url=postgres_only)))
    at = "2025-03-04T10:00:00+00:00"

    def move(client: TestClient, status: str) -> Any:
        body = {"old_status": "placed", "status": status, "at": at}
        return client.patch("/api/v1/orders/WEB-1", json=body, headers=admin)

    with second:
        with held(server_factory, select(Order).where(Order.number == "WEB-1")):
            results, threads = run_both(server_factory, lambda: move(api, "confirmed"),
                                        lambda: move(second, "cancelled"))  # fmt: skip
        joined(threads)
    assert not [r for r in results if isinstance(r, Exception)], results
    codes = sorted(response.status_code for response in results)
    assert codes == [200, 409], [r.text for r in results]
    (won,) = [r.json()["status"] for r in results if r.status_code == 200]
    (lost,) = [r.json() for r in results if r.status_code == 409]
    assert lost["status"] == won
    with server_factory() as session:
        order = session.scalars(select(Order).where(Order.number == "WEB-1")).one()
        moves = session.scalars(select(OrderEvent.status).where(
            OrderEvent.order_id == order.id, OrderEvent.kind == "status")).all()  # fmt: skip
    assert (order.status, moves) == (won, [won])


def test_two_phone_orders_for_the_last_pieces_one_is_refused(
    postgres_only: str, api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    # 85123A: 2 free at Leeds (main). Two desks each ask for both, at the same moment.
    ann, bob = sign_in(api, "ann"), sign_in(api, "bob")
    second = TestClient(create_app(Settings(database_url=postgres_only)))
    bob.api = second
    items = [(desk, desk.place(lines=[line(1, "85123A", "2", "2.45")])) for desk in (ann, bob)]
    contested = select(Stock).where(Stock.sku == "85123A", Stock.branch == "Leeds")
    with second:
        with held(server_factory, contested):
            pushes = [lambda d=d, i=i: d.push_one(i) for d, i in items]
            results, threads = run_both(server_factory, *pushes)
        joined(threads)
    assert not [r for r in results if isinstance(r, Exception)], results
    accepted = sorted(r["result"]["accepted"] for r in results)
    assert accepted == [False, True], results
    (refused,) = [r["result"] for r in results if not r["result"]["accepted"]]
    assert refused["refused_reason"] == "stock: SKU 85123A has 0 at Leeds, 2 asked"
    with server_factory() as session:
        (row,) = session.scalars(contested).all()
    assert (row.on_hand_milli, row.reserved_milli) == (2000, 2000)
