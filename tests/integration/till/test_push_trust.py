"""Who may write to a register, and what another branch learns: only cashiers and
supervisors of the branch an admin set the register up for push till items (403 per item
otherwise), a refund or
void reaches only its own branch's payments (one of another branch reads as none), a receipt
is numbered on its own register, and a receipt number used twice never stalls the register.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker
from till_helpers import PASSWORD, add_register, new_device

from frontdesk.domain.till import JournalEntry, next_entry
from frontdesk.server.till.models import TillFeedRow, TillPayment, TillRegister
from frontdesk.server.till.registers import move_register
from frontdesk.server.users import add_user

AT = datetime(2024, 3, 1, 9, 30, tzinfo=UTC).isoformat()
# Offline: stands (unverified) for a supervisor of the branch; these tests are about branches.
SUE = {"supervisor": "sue", "method": "offline", "at": AT}


class Till:
    """A register's chain as a hostile desk builds it, pushed by one user from one device."""

    def __init__(self, api: TestClient, user: str, register: str) -> None:
        self.api, self.user, self.register = TestClient(api.app), user, register
        self.device = new_device(self.api, user)
        self.head: tuple[int, str] | None = None
        self.shift, self.receipts = str(uuid.uuid4()), 0

    def entry(self, kind: str, body: dict[str, Any]) -> JournalEntry:
        key = str(uuid.uuid4())
        return next_entry(register=self.register, head=self.head, kind=kind, key=key, at=AT,
                          body=body)  # fmt: skip

    def push(self, *entries: JournalEntry) -> list[dict[str, Any]]:
        items = [
            {"key": e.key, "kind": f"till.{e.kind}", "seq": n, "created_at": AT,
             "payload": {"entry": e.as_wire()}}
            for n, e in enumerate(entries, start=1)
        ]  # fmt: skip
        answer = self.api.post("/api/v1/sync/push", json={"device_id": self.device, "items": items})
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]

    def extend(self, entry: JournalEntry) -> JournalEntry:
        self.head = (entry.seq, entry.hash)
        return entry

    def open(self) -> dict[str, Any]:
        body = {"cashier": self.user, "currency": "GBP", "float": "50.00"}
        (result,) = self.push(self.extend(self.entry("shift_open", body)))
        return result

    def next_receipt(self) -> str:
        self.receipts += 1
        return f"{self.register}-{self.receipts:08d}"

    def payment(self, amount: str = "10.00", *, receipt: str | None = None) -> JournalEntry:
        return self.extend(self.entry("payment", self.body(amount, receipt=receipt)))

    def refund(
        self, payment_id: str, amount: str = "4.00", *, kind: str = "refund"
    ) -> JournalEntry:
        body = self.body(amount, links_to=payment_id, approval=SUE, reason="broken")
        return self.extend(self.entry(kind, body))

    def body(self, amount: str, *, receipt: str | None = None, **more: Any) -> dict[str, Any]:
        return {
            "shift_id": self.shift, "receipt": receipt or self.next_receipt(),
            "cashier": self.user, "customer_id": None, "purpose": "purchase", "currency": "GBP",
            "amount": amount, "tenders": [{"tender": "cash", "amount": amount}], "change": "0.00",
            "links_to": None, "reason": "",
        } | more  # fmt: skip


@pytest.fixture(autouse=True)
def registers(server_factory: sessionmaker[Session]) -> None:
    """The registers these tests push to, as an admin set them up."""
    for code in ("SHOP9", "SHOPL", "SHOPL2", "SHOPM"):
        add_register(server_factory, code, branch="Leeds")
    add_register(server_factory, "YORK1", branch="York")


@pytest.fixture
def staff(server_factory: sessionmaker[Session], api: TestClient) -> None:
    """Besides cashier cat and supervisor sue of Leeds: agent ann, admin ada, York's yve."""
    for name, role, branch in (("ann", "agent", "Leeds"), ("ada", "admin", "Leeds"),
                               ("yve", "cashier", "York")):  # fmt: skip
        add_user(server_factory, username=name, password=PASSWORD, role=role, branch=branch)


@pytest.mark.parametrize("user", ["ann", "ada"], ids=["agent", "admin"])
def test_only_cashiers_and_supervisors_push_till_items(
    api: TestClient, server_factory: sessionmaker[Session], staff: None, user: str
) -> None:
    till = Till(api, user, "SHOP9")
    refused = till.open()
    assert (refused["status"], refused["code"]) == ("rejected", 403), refused
    assert "only cashiers and supervisors" in refused["detail"]
    with server_factory() as session:
        assert session.get_one(TillRegister, "SHOP9").head_seq == 0
    assert Till(api, "sue", "SHOP9").open()["status"] == "applied"


def test_a_register_belongs_to_the_branch_an_admin_set_it_up_for(
    api: TestClient, server_factory: sessionmaker[Session], staff: None
) -> None:
    refused = Till(api, "yve", "SHOPL").open()  # York's till pushes first: it claims nothing
    assert (refused["status"], refused["code"]) == ("rejected", 403), refused
    assert "another branch" in refused["detail"] and "Leeds" not in refused["detail"]
    assert Till(api, "cat", "SHOPL").open()["status"] == "applied"
    with server_factory() as session:
        assert session.get_one(TillRegister, "SHOPL").branch == "Leeds"


def test_a_register_of_no_known_branch_is_refused_until_an_admin_binds_it(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    till = Till(api, "cat", "SHOPL")
    assert till.open()["status"] == "applied"
    with server_factory() as session, session.begin():
        session.execute(update(TillRegister).values(branch=None))  # as migrated, unknown
    (refused,) = till.push(payment := till.payment())
    assert (refused["status"], refused["code"]) == ("rejected", 403), refused
    assert "belongs to no branch yet" in refused["detail"]
    move_register(server_factory, "SHOPL", branch="Leeds")
    assert till.push(payment)[0]["status"] == "applied"


@pytest.mark.parametrize("kind", ["refund", "void"])
def test_a_payment_of_another_branch_reads_as_no_payment(
    api: TestClient, server_factory: sessionmaker[Session], staff: None, kind: str
) -> None:
    leeds, york = Till(api, "cat", "SHOPL"), Till(api, "yve", "YORK1")
    leeds.open(), york.open()
    paid = leeds.payment("12.34")
    leeds.push(paid)
    theirs = york.push(york.entry(kind, york.body("12.34", links_to=paid.key, approval=SUE)))
    nobodys = york.push(york.entry(kind, york.body("12.34", links_to=str(uuid.uuid4()),
                                                   approval=SUE)))  # fmt: skip
    for (result,) in (theirs, nobodys):
        assert (result["status"], result["code"]) == ("rejected", 400), result
    missing = str(nobodys[0]["detail"]).replace(nobodys[0]["detail"].split("'")[1], paid.key)
    assert theirs[0]["detail"] == missing
    assert "SHOPL" not in theirs[0]["detail"] and "12.34" not in theirs[0]["detail"]
    with server_factory() as session:
        assert session.get_one(TillPayment, paid.key).refunded_minor == 0


def test_a_refund_of_the_branchs_own_payment_still_goes_through(
    api: TestClient, server_factory: sessionmaker[Session], staff: None
) -> None:
    leeds, other = Till(api, "cat", "SHOPL"), Till(api, "sue", "SHOPL2")
    leeds.open(), other.open()
    paid = leeds.payment("12.34")
    leeds.push(paid)
    (refunded,) = other.push(other.refund(paid.key))
    assert (refunded["status"], refunded["result"]["accepted"]) == ("applied", True), refunded


@pytest.mark.parametrize("receipt", ["SHOPX-00000001", "SHOPL-1-00000001", "SHOPL2-00000001"])
def test_a_receipt_of_another_register_is_malformed(
    api: TestClient, server_factory: sessionmaker[Session], receipt: str
) -> None:
    till = Till(api, "cat", "SHOPL")
    till.open()
    (refused,) = till.push(till.entry("payment", till.body("5.00", receipt=receipt)))
    assert (refused["status"], refused["code"]) == ("rejected", 422), refused
    assert "body.receipt" in refused["detail"], refused


def test_a_receipt_number_used_twice_is_declined_and_the_register_goes_on(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    till, beside = Till(api, "cat", "SHOPL"), Till(api, "cat", "SHOPM")
    till.open(), beside.open()
    first = till.payment("5.00")
    again = till.payment("7.00", receipt=first.body["receipt"])
    results = till.push(first, again, till.payment("9.00"), till.refund(first.key, "5.00"))
    assert [r["status"] for r in results] == ["applied"] * 4, results
    assert [r["result"]["accepted"] for r in results] == [True, False, True, True], results
    assert results[1]["result"]["reason"] == f"receipt {first.body['receipt']} is already used"
    (later,) = till.push(till.refund(first.key, "1.00"))
    assert later["result"]["accepted"] is False  # all of the first payment was paid back
    assert beside.push(beside.payment())[0]["result"]["accepted"] is True
    with server_factory() as session:
        assert session.get_one(TillRegister, "SHOPL").head_seq == 6
        assert session.get(TillPayment, again.key) is None
        assert session.get_one(TillFeedRow, again.key).accepted is False
