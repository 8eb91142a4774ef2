"""Two tills of one branch on their own caches and one server: a payment taken at till A is
refundable at till B once B has pulled it, capped by what B knows and by the server.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from till_helpers import APPROVAL, PASSWORD, RULES, add_register, new_device, push_pending

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.domain.money import Money
from frontdesk.domain.till import Purpose, Tender
from frontdesk.protocol import PullPage
from frontdesk.server import cli as server_cli
from frontdesk.server.commands import run
from frontdesk.server.db import make_engine
from frontdesk.server.users import add_user
from frontdesk.services import till
from frontdesk.services.till.desk import TillDesk
from frontdesk.services.till.ports import AbstractSupervisorCheck, Approval, TillTransaction
from frontdesk.sync.pull import AbstractPullTransport, pull_all


class HttpPull(AbstractPullTransport):
    """Pages from the server's pull endpoint, as the signed-in cashier."""

    def __init__(self, api: TestClient) -> None:
        self.api = api

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        answer = self.api.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": limit})
        assert answer.status_code == 200, answer.text
        return PullPage.model_validate(answer.json())


class NoSupervisor(AbstractSupervisorCheck):
    """These tests hand the use cases an approval; nobody signs in."""

    def approve(self, username: str, password: str) -> Approval:
        raise till.ApprovalRefused("supervisor: nobody signs in in these tests")


@pytest.fixture
def other_uow(tmp_path: Path) -> Iterator[SqlAlchemyTillUnitOfWork]:
    database = open_cache(tmp_path / "desk-b" / "cache.sqlite3")
    try:
        yield SqlAlchemyTillUnitOfWork(database.writer)
    finally:
        database.dispose()


def _cashier(
    api: TestClient,
    server_factory: sessionmaker[Session],
    name: str,
    branch: str,
    role: str = "cashier",
):
    add_user(server_factory, username=name, password=PASSWORD, role=role, branch=branch)
    client = TestClient(api.app)
    login = client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
    return client


def _desk(uow: SqlAlchemyTillUnitOfWork, register: str, cashier: str) -> TillDesk:
    desk = TillDesk(
        uow, register=register, cashier=cashier, rules=RULES, supervisor_check=NoSupervisor
    )
    desk.open_shift(Money.of("0", "GBP"))
    return desk


def _gbp(text: str) -> Money:
    return Money.of(text, "GBP")


@dataclass
class Branch:
    a: TillDesk
    b: TillDesk
    paid: TillTransaction
    api_a: TestClient
    api_b: TestClient
    devices: dict[str, str]

    def push(self, till_name: str) -> dict:
        """Push a till's outbox; the result of its last item."""
        api = self.api_a if till_name == "a" else self.api_b
        desk = self.a if till_name == "a" else self.b
        return push_pending(api, self.devices[till_name], desk.uow)[-1]

    def pull(self, till_name: str) -> None:
        api, desk = (self.api_a, self.a) if till_name == "a" else (self.api_b, self.b)
        pull_all(HttpPull(api), desk.uow)


@pytest.fixture
def tills(api, server_factory, till_uow, other_uow) -> Branch:
    """Till A (cat, Leeds) has taken 10.00 and pushed it; till B (dan, Leeds) has pulled."""
    dan = _cashier(api, server_factory, "dan", "Leeds")
    add_register(server_factory, "SHOPA"), add_register(server_factory, "SHOPB")
    a, b = _desk(till_uow, "SHOPA", "cat"), _desk(other_uow, "SHOPB", "dan")
    paid = a.pay(amount=_gbp("10.00"), tenders=[(Tender.CASH, _gbp("10.00"))], customer_id=None,
                 purpose=Purpose.PURCHASE, key="00000000-0000-4000-8000-00000000000a")  # fmt: skip
    devices = {"a": new_device(api), "b": new_device(dan, "dan")}
    push_pending(api, devices["a"], till_uow)
    pull_all(HttpPull(dan), other_uow)
    return Branch(a, b, paid, api, dan, devices)


def _refund(desk: TillDesk, receipt: str, amount: str, key: str):
    return desk.refund(receipt, amount=_gbp(amount), tender=Tender.CASH, reason="returned",
                       approval=APPROVAL, key=key)  # fmt: skip


def test_a_payment_of_till_a_is_refunded_at_till_b_within_what_is_left(tills) -> None:
    a, b, paid = tills.a, tills.b, tills.paid
    with pytest.raises(till.TillRefused, match=r"only 10\.00 GBP of SHOPA-00000001 is left"):
        _refund(b, "SHOPA-00000001", "10.01", "00000000-0000-4000-8000-0000000000b1")
    refunded = _refund(b, "SHOPA-00000001", "4.00", "00000000-0000-4000-8000-0000000000b2")
    assert (refunded.register, refunded.receipt_no, refunded.links_to) == (
        "SHOPB",
        "SHOPB-00000001",
        paid.id,
    )
    with b.uow:
        assert till.refundable(b.uow, b.uow.till.pulled(paid.id).tx) == _gbp("6.00")
    result = tills.push("b")
    assert result["result"]["accepted"] is True
    # Till A learns of B's refund by pulling, and caps its own refunds by it.
    tills.pull("a")
    assert a.view().left_to_refund[paid.id] == _gbp("6.00")
    with pytest.raises(till.TillRefused, match=r"only 6\.00 GBP of SHOPA-00000001 is left"):
        _refund(a, paid.receipt_no, "6.01", "00000000-0000-4000-8000-0000000000a1")
    _refund(a, paid.receipt_no, "6.00", "00000000-0000-4000-8000-0000000000a2")
    assert a.view().left_to_refund[paid.id] == _gbp("0.00")


def test_a_refund_the_server_declines_is_shown_declined_at_its_till(tills, migrated_url) -> None:
    a, b, paid = tills.a, tills.b, tills.paid
    # Both tills refund while neither knows of the other's refund: 5 + 8 > 10.
    _refund(a, paid.receipt_no, "5.00", "00000000-0000-4000-8000-0000000000a3")
    late = _refund(b, paid.receipt_no, "8.00", "00000000-0000-4000-8000-0000000000b3")
    tills.push("a")
    result = tills.push("b")
    reason = "more than is left to refund of SHOPA-00000001 (5.00 GBP left, 8.00 GBP asked)"
    assert (result["status"], result["result"]["accepted"], result["result"]["reason"]) == (
        "applied",
        False,
        reason,
    )
    assert b.view().declined == {late.id: reason}
    # After pulling, B counts A's accepted refund and its own paid-out one: nothing left.
    tills.pull("b")
    with b.uow:
        assert till.refundable(b.uow, b.uow.till.pulled(paid.id).tx) == _gbp("0.00")
    # Till A sees B's refund declined in the pulled feed.
    tills.pull("a")
    with a.uow:
        assert a.uow.till.declined([late.id]) == {late.id: reason}
    # The back office lists it, with the reason, and only it.
    status, listed = _server(migrated_url, "declined-refunds")
    assert status == 0 and listed.splitlines()[-1] == "1 declined", listed
    at = late.occurred_at.isoformat()
    assert listed.startswith(f"SHOPB-00000001 refund of SHOPA-00000001: 8.00 GBP at {at} by dan")
    assert listed.splitlines()[0].endswith(f"declined: {reason}")
    status, listed = _server(migrated_url, "declined-refunds", "--register", "SHOPA", "--json")
    assert (status, listed) == (0, "")
    status, listed = _server(migrated_url, "declined-refunds", "--register", "SHOPB", "--json")
    assert json.loads(listed) | {"occurred_at": "-"} == {
        "receipt": "SHOPB-00000001", "kind": "refund", "payment": "SHOPA-00000001",
        "register": "SHOPB", "branch": "Leeds", "cashier": "dan", "amount": "8.00",
        "currency": "GBP", "occurred_at": "-", "reason": reason,
    }  # fmt: skip


def _server(url: str, command: str, *args: str) -> tuple[int, str]:
    """``frontdesk-server --db URL COMMAND ARGS``, parsed by its own parser."""
    out, err = io.StringIO(), io.StringIO()
    parsed = server_cli._parser().parse_args(["--db", url, command, *args])
    status = run(parsed, stdin=io.StringIO(), stdout=out, stderr=err)
    return status, out.getvalue() + err.getvalue()


def test_a_void_at_till_b_of_a_pulled_payment(tills) -> None:
    b, paid = tills.b, tills.paid
    voided = b.void(paid.receipt_no, reason="wrong basket", approval=APPROVAL,
                    key="00000000-0000-4000-8000-0000000000b4")  # fmt: skip
    assert (voided.register, voided.amount) == ("SHOPB", _gbp("10.00"))
    result = tills.push("b")
    assert result["result"]["accepted"] is True
    with pytest.raises(till.TillRefused, match="already refunded or voided"):
        b.void(paid.receipt_no, reason="again", approval=APPROVAL,
               key="00000000-0000-4000-8000-0000000000b5")  # fmt: skip


def test_tills_of_another_branch_pull_no_till_transactions(tills, server_factory) -> None:
    york = _cashier(tills.api_a, server_factory, "yve", "York")
    assert HttpPull(york).pull(0, limit=1000).till_transactions == []
    agent = _cashier(tills.api_a, server_factory, "ann", "Leeds", role="agent")
    assert HttpPull(agent).pull(0, limit=1000).till_transactions == []
    leeds = HttpPull(tills.api_b).pull(0, limit=1000)
    assert [(t.kind, t.receipt_no, t.amount, t.accepted) for t in leeds.till_transactions] == [
        ("payment", "SHOPA-00000001", "10.00", True)
    ]
    assert leeds.till_transactions[0].tenders[0].model_dump() == {
        "tender": "cash",
        "amount": "10.00",
    }


def test_the_migration_fills_the_feed_from_transactions_applied_before_it(
    tills, migrated_url
) -> None:
    paid = tills.paid
    _refund(tills.a, paid.receipt_no, "5.00", "00000000-0000-4000-8000-0000000000a6")
    _refund(tills.b, paid.receipt_no, "8.00", "00000000-0000-4000-8000-0000000000b6")
    tills.push("a")
    tills.push("b")
    engine = make_engine(migrated_url)
    try:
        fed = _feed(engine)
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM till_feed"))
            with Operations.context(MigrationContext.configure(connection)):
                import_module("frontdesk.server.migrations.versions.0009_till_pull")._backfill()
        refilled = _feed(engine)
    finally:
        engine.dispose()
    # The same rows, except that the reason of the declined one is no longer measured.
    assert [row[:-1] for row in refilled] == [row[:-1] for row in fed]
    assert [row[-1] for row in refilled] == [
        None, None, "more than was left to refund of SHOPA-00000001"]  # fmt: skip


def _feed(engine) -> list[tuple]:
    columns = (
        "kind, register, branch, receipt_no, links_to, currency, amount_minor, change_minor, "
        "tenders, customer_id, purpose, cashier, occurred_at, accepted"
    )
    query = f"SELECT id, {columns}, declined_reason FROM till_feed ORDER BY change_seq"
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


def test_a_receipt_of_the_branch_is_found_for_a_refund_or_refused_with_a_code(tills) -> None:
    a, b, paid = tills.a, tills.b, tills.paid
    found = b.receipt_to_refund(" shopa-00000001 ")
    assert (found.payment.id, found.left, found.pulled, found.paid_back) == (
        paid.id, _gbp("10.00"), True, [])  # fmt: skip
    refunded = _refund(b, "SHOPA-00000001", "4.00", "00000000-0000-4000-8000-0000000000b7")
    found = b.receipt_to_refund("SHOPA-00000001")
    assert [tx.id for tx in found.paid_back] == [refunded.id] and found.left == _gbp("6.00")
    assert a.receipt_to_refund(paid.receipt_no).pulled is False
    refusals = {
        "SHOPA-00000002": ("receipt_unknown", {"receipt": "SHOPA-00000002"}),
        "YORK1-00000001": ("receipt_other_branch", {"receipt": "YORK1-00000001",
                                                    "register": "YORK1"}),
        "SHOPA-1": ("receipt_malformed", {"receipt": "SHOPA-1"}),
        "SHOPB-00000001": ("receipt_not_payment", {"receipt": "SHOPB-00000001",
                                                   "kind": "refund"}),
    }  # fmt: skip
    for number, (code, params) in refusals.items():
        with pytest.raises(till.TillRefused) as refused:
            b.receipt_to_refund(number)
        assert (refused.value.code, refused.value.params) == (code, {"field": "receipt", **params})
    _refund(b, "SHOPA-00000001", "6.00", "00000000-0000-4000-8000-0000000000b8")
    with pytest.raises(till.TillRefused, match="SHOPA-00000001 is already paid back in full"):
        b.receipt_to_refund("SHOPA-00000001")
