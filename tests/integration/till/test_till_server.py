"""Till items pushed to the server: the chain is checked on every push, tampering is named."""

from __future__ import annotations

import io
import sqlite3
import threading
from argparse import Namespace

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from till_helpers import APPROVAL, RULES, gbp, new_device, opening, payment, push_pending

from frontdesk.domain.money import Currency
from frontdesk.domain.till import CashCount
from frontdesk.server.commands import run
from frontdesk.server.till.models import TillPayment, TillRefund, TillRegister
from frontdesk.server.till.verify import public_keys, verify_register
from frontdesk.services import till


def _shift(uow, *, register: str = "SHOP1", payments: int = 4) -> list:
    till.open_shift(uow, opening(register), rules=RULES)
    return [
        till.record_payment(
            uow, payment(f"{n + 1}.25", register=register, tender="card" if n % 2 else "cash"),
            rules=RULES,
        )
        for n in range(payments)
    ]  # fmt: skip


def test_a_pushed_shift_lands_whole_and_verifies(api, server_factory, till_uow) -> None:
    device = new_device(api)
    paid = _shift(till_uow)
    till.refund(till_uow, till.Refund(paid[0].receipt_no, gbp("0.25"), "cat", APPROVAL),
                rules=RULES)  # fmt: skip
    till.void(till_uow, till.Void(paid[1].id, "cat", APPROVAL))
    counted = CashCount.of({"50": 1}, Currency.of("GBP"))
    till.close_shift(till_uow, till.CloseShift("SHOP1", counted, APPROVAL))
    results = push_pending(api, device, till_uow)
    assert [r["status"] for r in results] == ["applied"] * 8
    with server_factory() as session:
        report = verify_register(session, "SHOP1", public_keys(session)[0])
        head = session.get_one(TillRegister, "SHOP1")
        refunded = session.get_one(TillPayment, paid[0].id).refunded_minor
        voided = session.get_one(TillPayment, paid[1].id).refunded_minor
    assert report.ok and report.checked == 8 and head.head_seq == 8
    assert (refunded, voided) == (25, 225)
    # Every transaction is closed now: the shift closes without an override.
    with till_uow:
        assert till_uow.outbox.counts().pending == 0


def test_an_entry_that_does_not_follow_the_head_is_rejected(api, till_uow) -> None:
    device = new_device(api)
    _shift(till_uow, payments=1)
    with till_uow:
        items = till_uow.outbox.pending(limit=10)
    first_two = list(reversed(items))  # the payment before the shift it belongs to
    body = [
        {"key": e.key, "kind": e.kind, "seq": e.seq, "created_at": e.created_at.isoformat(),
         "payload": e.payload}
        for e in first_two
    ]  # fmt: skip
    results = api.post("/api/v1/sync/push", json={"device_id": device, "items": body}).json()
    assert results["results"][0]["status"] == "rejected"
    assert "entry 2 is not next (1)" in results["results"][0]["detail"]


def test_a_register_pushes_from_its_own_device_only(api, till_uow) -> None:
    _shift(till_uow, payments=1)
    push_pending(api, new_device(api), till_uow)
    till.record_payment(till_uow, payment("1"), rules=RULES)
    results = push_pending(api, new_device(api), till_uow)
    assert results[0]["status"] == "rejected" and "another device" in results[0]["detail"]


@pytest.mark.parametrize(
    ("tamper", "named"),
    [
        ("UPDATE till_journal SET content = replace(content, '2.25', '0.25') WHERE seq = 3",
         "SHOP1 entry 3: edited"),
        ("DELETE FROM till_journal WHERE seq = 3", "SHOP1 entry 3: deleted"),
        ("DELETE FROM till_journal WHERE seq >= 4", "SHOP1 entries 4-5: cut off"),
        ("UPDATE till_journal SET seq = -seq WHERE seq IN (2, 3);"
         "UPDATE till_journal SET seq = 5 + seq WHERE seq IN (-2, -3)",
         "SHOP1 entry 2: reordered"),
    ],
)  # fmt: skip
def test_verify_journal_names_the_tampered_entry(
    api, migrated_url: str, till_uow, tamper: str, named: str
) -> None:
    _shift(till_uow)
    push_pending(api, new_device(api), till_uow)
    status, output = _verify(migrated_url)
    assert status == 0 and output.startswith("SHOP1: 5 entries, ok\nsignature counter 5;"), output
    _tamper(migrated_url, tamper)
    status, output = _verify(migrated_url, register="SHOP1")
    assert status == 1 and named in output, output


def _tamper(url: str, statements: str) -> None:
    """Change the stored journal behind the server's back, with the database's own driver.

    SQLite's file is edited with the sqlite3 module, PostgreSQL through psycopg: someone
    with database access, not the server. The statements are SQL both databases run.
    """
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            connection.executescript(statements)
        return
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as connection:
        connection.execute(statements)  # no parameters: several statements in one call


def _verify(
    url: str, register: str | None = None, trust: list[str] | None = None
) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    args = Namespace(command="verify-journal", db=url, register=register, trust=trust or [])
    status = run(args, stdin=io.StringIO(), stdout=out, stderr=err)
    return status, out.getvalue() + err.getvalue()


@pytest.mark.postgres
def test_two_tills_refunding_one_payment_at_once_never_exceed_it(
    postgres_url: str, tmp_path
) -> None:
    from frontdesk.server.db import make_engine, migrate, session_factory
    from frontdesk.server.push import ApplyContext
    from frontdesk.server.till.journal import _take_back

    migrate(postgres_url)
    engine = make_engine(postgres_url)
    factory: sessionmaker[Session] = session_factory(engine)
    try:
        with factory() as session, session.begin():
            session.add(_payment())
        outcomes: list[bool] = []
        barrier = threading.Barrier(2)

        def refund() -> None:
            with factory() as session, session.begin():
                barrier.wait()
                outcomes.append(_take_back(session, "p1", 700, whole=False))

        threads = [threading.Thread(target=refund) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        with factory() as session:
            refunded = session.get_one(TillPayment, "p1").refunded_minor
    finally:
        engine.dispose()
    assert sorted(outcomes) == [False, True] and refunded == 700
    assert ApplyContext and TillRefund and select  # the applier path uses these same rows


def _payment() -> TillPayment:
    from datetime import UTC, datetime

    return TillPayment(
        id="p1", register="A", receipt_no="A-1", shift_id="s", customer_id=None,
        purpose="purchase", currency="GBP", amount_minor=1000, refunded_minor=0,
        cashier="cat", occurred_at=datetime(2024, 3, 1, tzinfo=UTC),
    )  # fmt: skip


def test_push_fixture_sanity(api: TestClient) -> None:
    assert api.get("/api/v1/health").status_code in (200, 503)


def test_a_refund_the_wire_would_refuse_is_refused_at_the_desk(till_uow) -> None:
    """A reason longer than the wire allows (typed at the command line, say) is refused by
    the use case with the field named; nothing is recorded or queued."""
    till.open_shift(till_uow, opening(), rules=RULES)
    paid = till.record_payment(till_uow, payment("10.00"), rules=RULES)
    with till_uow:
        queued = len(till_uow.outbox.pending(limit=100))
    asked = till.Refund(paid.id, gbp("2.00"), "cat", APPROVAL, reason="x" * 501)
    with pytest.raises(till.TillRefused, match="reason: String should have at most 500 characters"):
        till.refund(till_uow, asked, rules=RULES)
    with till_uow:
        assert len(till_uow.outbox.pending(limit=100)) == queued
        assert till_uow.till.transaction("SHOP1-00000002") is None
