"""The till frauds of the trust issue, replayed against a real ``frontdesk-server serve``
process by a dishonest desk speaking raw HTTP with its own device token: each one is
refused or recorded as not accepted, and each refusal keeps other branches' data to itself.

(The other reproductions have their own end-to-end tests: registers claimed first,
test_register_e2e; an anchored journal, test_journal_signing_e2e; rotation and throttling,
test_token_rotation_e2e; access taken back, test_device_revoke_e2e and
test_access_taken_back_window_e2e; approvals issued by the server, test_till_approvals_e2e.)
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import requests

from frontdesk.server.db import make_engine, migrate, session_factory
from frontdesk.server.till.registers import add_register
from frontdesk.server.users import add_user
from redteam import PASSWORD, Register, offline_approval

STAFF = {
    "ann": ("agent", "Leeds"),
    "cat": ("cashier", "Leeds"),
    "sue": ("supervisor", "Leeds"),
    "ada": ("admin", "Leeds"),
    "yan": ("cashier", "York"),
}


@pytest.fixture
def server(tmp_path: Path, start_server):
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    migrate(db_url)
    engine = make_engine(db_url)
    try:
        for user, (role, branch) in STAFF.items():
            add_user(session_factory(engine), username=user, password=PASSWORD, role=role,
                     branch=branch)  # fmt: skip
        add_register(session_factory(engine), "SHOPA", branch="Leeds")
        add_register(session_factory(engine), "SHOPY", branch="York")
    finally:
        engine.dispose()
    return start_server(db_url)


class Desk:
    """A tampered desk: a real device login, then whatever items it likes, over HTTP."""

    def __init__(self, url: str, user: str) -> None:
        self.url, self.device = url, str(uuid.uuid4())
        body = {"username": user, "password": PASSWORD, "device_id": self.device}
        answer = requests.post(f"{url}/api/v1/auth/login", json=body, timeout=30)
        assert answer.status_code == 200, answer.text
        self.headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}

    def push(self, *items: dict) -> list[dict]:
        body = {"device_id": self.device, "items": list(items)}
        answer = requests.post(f"{self.url}/api/v1/sync/push", json=body,
                               headers=self.headers, timeout=30)  # fmt: skip
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]


def _named(supervisor: str, method: str = "online") -> dict[str, str]:
    """An approval that only names a supervisor: what a tampered desk can always write."""
    return offline_approval(supervisor) | {"method": method}


def test_an_agent_refunding_with_a_named_supervisor_is_refused(server) -> None:
    cat, ann = Desk(server.url, "cat"), Desk(server.url, "ann")
    till = Register("SHOPA", "cat")
    opening, paid = till.open(), till.pay("20.00")
    assert [r["status"] for r in cat.push(opening, paid)] == ["applied"] * 2
    forged = Register("SHOPA", "ann", shift=till.shift, head=till.head, receipts=till.receipts)
    (refused,) = ann.push(forged.refund(paid["key"], "20.00", _named("sue")))
    assert refused["code"] == 403 and "ann is a agent" in refused["detail"], refused


@pytest.mark.parametrize(
    ("approval", "why"),
    [
        (_named("sue"), "no token"),  # "online", but the server never issued it
        (_named("ada", "offline"), "admin"),  # an admin is no till approver
        (None, "none"),
    ],
)
def test_a_cashier_cannot_approve_their_own_refund_or_big_discount(server, approval, why) -> None:
    cat = Desk(server.url, "cat")
    till = Register("SHOPA", "cat")
    opening, paid = till.open(), till.pay("40.00")
    refund = till.refund(paid["key"], "40.00", approval)
    results = cat.push(opening, paid, refund)
    assert results[2]["status"] == "applied", results
    assert results[2]["result"]["accepted"] is False, (why, results[2])
    assert "no valid supervisor approval" in results[2]["result"]["reason"]


def test_a_half_price_discount_naming_a_supervisor_is_not_accepted(server) -> None:
    cat = Desk(server.url, "cat")
    till = Register("SHOPA", "cat")
    opening = till.open()
    discounted = till.pay("50.00", discount={
        "kind": "percent", "value": "50", "amount": "50.00", "gross": "100.00"},
        approval=_named("sue"))  # fmt: skip
    results = cat.push(opening, discounted)
    assert results[1]["status"] == "applied", results
    assert results[1]["result"]["accepted"] is False
    assert "over the cashier's limit" in results[1]["result"]["reason"]


def test_another_branch_can_neither_refund_nor_learn_about_a_payment(server) -> None:
    cat, yan = Desk(server.url, "cat"), Desk(server.url, "yan")
    leeds = Register("SHOPA", "cat")
    opening, paid = leeds.open(), leeds.pay("33.00")
    cat.push(opening, paid)
    york = Register("SHOPY", "yan")
    results = yan.push(york.open(), york.refund(paid["key"], "33.00", offline_approval("sue")))
    refused = results[1]
    assert (refused["status"], refused["code"]) == ("rejected", 400), refused
    assert refused["detail"] == f"entry.body.links_to: no payment {paid['key']!r}"
    claimed = yan.push(Register("SHOPA", "yan").open())[0]
    assert claimed["code"] == 403 and "Leeds" not in claimed["detail"]
    # Leeds' own till carries on as if nothing happened.
    assert cat.push(leeds.pay("1.00"))[0]["result"]["accepted"] is True


def test_a_forged_receipt_number_on_another_register_cannot_jam_it(server) -> None:
    cat = Desk(server.url, "cat")
    till = Register("SHOPA", "cat")
    opening = till.open()
    forged = till.pay("5.00", receipt="SHOPY-00000001")
    results = cat.push(opening, forged)
    assert results[1]["code"] == 422 and "number of register SHOPA" in results[1]["detail"]
    yan = Desk(server.url, "yan")
    york = Register("SHOPY", "yan")
    assert [r["status"] for r in yan.push(york.open(), york.pay("5.00"))] == ["applied"] * 2
