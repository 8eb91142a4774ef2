"""Two tills return the same line at the same moment, in two real transactions on
PostgreSQL (SQLite serialises its writers: no race to run there). A third session holds the
sold line's row so both pushes are inside their transactions, waiting, before either goes
on: one takes 2 of the 3 mugs back, the other finds 1 left and is declined with the reason.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi.testclient import TestClient
from server_basket_helpers import Register, add_products
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker
from till_helpers import add_register, new_device

from frontdesk.server.app import create_app
from frontdesk.server.models import Purchase
from frontdesk.server.settings import Settings
from frontdesk.server.till.models import TillPayment, TillSaleLine


@pytest.fixture
def postgres_only(migrated_url: str) -> str:
    if not migrated_url.startswith("postgresql"):
        pytest.skip("SQLite serialises its writers: there is no race to run")
    return migrated_url


@contextmanager
def held(factory: sessionmaker[Session], query: Any) -> Iterator[None]:
    with factory() as session, session.begin():
        session.execute(query.with_for_update()).all()
        yield


def _both(factory: sessionmaker[Session], *calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads; return once both wait on a lock (the caller releases it)."""
    results: list[Any] = [None] * len(calls)

    def run(n: int) -> None:
        try:
            results[n] = calls[n]()
        except Exception as error:  # reported by the assertion on the results
            results[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    waiting = text("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                   "AND datname = current_database()")  # fmt: skip
    deadline = time.monotonic() + 20
    with factory() as session:
        while session.scalar(waiting) < len(calls):
            assert time.monotonic() < deadline, "the pushes never met at the lock"
            time.sleep(0.02)
            session.rollback()
    return [results, threads]


def test_two_tills_returning_one_line_at_once_never_take_back_more_than_was_sold(
    postgres_only: str, api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    add_products(server_factory)
    add_register(server_factory, "SHOP2", branch="Leeds")
    one = Register(api, new_device(api))
    one.open()
    paid = one.sell([("MUG", "3")])
    one.push()
    second = TestClient(create_app(Settings(database_url=postgres_only)))
    two = Register(second, "", code="SHOP2", token="-")
    with second:
        two.device, two.token = new_device(second), second.headers["Authorization"]
        two.open()
        two.push()
        entries = [(one, one.refund(paid, [(1, "MUG", "2", "9.98")])),
                   (two, two.refund(paid, [(1, "MUG", "2", "9.98")]))]  # fmt: skip
        line = select(TillSaleLine).where(TillSaleLine.payment_id == paid.key)
        with held(server_factory, line):
            calls = [lambda r=r, e=e: r.push_one(e) for r, e in entries]
            results, threads = _both(server_factory, *calls)
        for thread in threads:
            thread.join(30)
    assert not [r for r in results if isinstance(r, Exception)], results
    outcomes = sorted((r["accepted"], r.get("reason")) for r in results)
    assert outcomes == [
        (False, "line 1 of SHOP1-00000002: 2 is more than the 1 left of the 3 sold"),
        (True, None),
    ]
    with server_factory() as session:
        sold = session.scalars(line).one()
        payment = session.get_one(TillPayment, paid.key)
        returns = session.scalars(select(Purchase.number).where(Purchase.is_return)).all()
    assert (sold.returned_milli, sold.returned_minor, payment.refunded_minor) == (2000, 998, 998)
    assert len(returns) == 1
