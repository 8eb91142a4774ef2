"""Supervisor approvals the server issues (``POST /till/approvals``) and checks when the
entry comes (SQLite and PostgreSQL): only an enabled supervisor of the register's branch,
with the right password, gets one; it approves exactly one entry (key, kind, register,
amount, currency, supervisor) within its validity, once. An online approval the server did
not issue (the old forgery: just a name) is not accepted; an offline one stands only as
``unverified`` and is listed for the back office.
"""

from __future__ import annotations

import io
import json
import uuid
from argparse import Namespace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from till_helpers import PASSWORD, add_register, new_device

from frontdesk.domain.till import JournalEntry, next_entry
from frontdesk.server.access import set_disabled
from frontdesk.server.commands import run
from frontdesk.server.models import LoginThrottle
from frontdesk.server.throttle import throttle_keys
from frontdesk.server.till.models import TillApproval, TillApprovalCheck, TillRefund
from frontdesk.server.users import add_user

APPROVALS = "/api/v1/till/approvals"


class Desk:
    """A register's chain as a desk (honest or not) builds it, pushed by one user."""

    def __init__(self, api: TestClient, user: str = "cat", register: str = "SHOP1") -> None:
        self.api, self.user, self.register = TestClient(api.app), user, register
        self.device = new_device(self.api, user)
        self.head: tuple[int, str] | None = None
        self.shift, self.receipts = str(uuid.uuid4()), 0

    def ask(self, supervisor: str = "sue", password: str = PASSWORD, **asked: Any) -> Any:
        body = {"supervisor": supervisor, "password": password, "register": self.register,
                "kind": "refund", "key": str(uuid.uuid4()), "amount": "4.00",
                "currency": "GBP"} | asked  # fmt: skip
        return self.api.post(APPROVALS, json=body)

    def token(self, **asked: Any) -> str:
        answer = self.ask(**asked)
        assert answer.status_code == 201, answer.text
        return answer.json()["token"]

    def push(self, entry: JournalEntry) -> dict[str, Any]:
        item = {"key": entry.key, "kind": f"till.{entry.kind}", "seq": entry.seq,
                "created_at": entry.at, "payload": {"entry": entry.as_wire()}}  # fmt: skip
        answer = self.api.post("/api/v1/sync/push", json={"device_id": self.device,
                                                          "items": [item]})  # fmt: skip
        assert answer.status_code == 200, answer.text
        (result,) = answer.json()["results"]
        return result

    def write(self, kind: str, body: dict[str, Any], *, key: str | None = None,
              at: datetime | None = None) -> JournalEntry:  # fmt: skip
        entry = next_entry(register=self.register, head=self.head, kind=kind,
                           key=key or str(uuid.uuid4()), at=(at or _now()).isoformat(),
                           body=body)  # fmt: skip
        self.head = (entry.seq, entry.hash)
        return entry

    def open(self) -> None:
        body = {"cashier": self.user, "currency": "GBP", "float": "50.00"}
        assert self.push(self.write("shift_open", body))["status"] == "applied"

    def paid(self, amount: str = "20.00") -> str:
        entry = self.write("payment", self.body(amount))
        assert self.push(entry)["result"]["accepted"] is True
        return entry.key

    def refund(self, payment: str, approval: dict[str, Any] | None, *, amount: str = "4.00",
               kind: str = "refund", **write: Any) -> dict[str, Any]:  # fmt: skip
        body = self.body(amount, links_to=payment, approval=approval, reason="broken")
        return self.push(self.write(kind, body, **write))

    def body(self, amount: str, **more: Any) -> dict[str, Any]:
        self.receipts += 1
        return {
            "shift_id": self.shift, "receipt": f"{self.register}-{self.receipts:08d}",
            "cashier": self.user, "customer_id": None, "purpose": "purchase", "currency": "GBP",
            "amount": amount, "tenders": [{"tender": "cash", "amount": amount}], "change": "0.00",
            "links_to": None, "reason": "",
        } | more  # fmt: skip


def _now() -> datetime:
    return datetime.now(UTC)


def online(token: str | None, supervisor: str = "sue") -> dict[str, Any]:
    given = {"supervisor": supervisor, "method": "online", "at": _now().isoformat()}
    return given | ({"token": token} if token else {})


@pytest.fixture
def staff(server_factory: sessionmaker[Session]) -> None:
    """Besides the conftest's cat (cashier) and sue (supervisor) of Leeds."""
    for name, role, branch in (("sam", "supervisor", "Leeds"), ("vic", "supervisor", "York"),
                               ("ada", "admin", "Leeds"), ("dan", "agent", "Leeds"),
                               ("yan", "cashier", "York")):  # fmt: skip
        add_user(server_factory, username=name, password=PASSWORD, role=role, branch=branch)


def _failures(factory: sessionmaker[Session], name: str = "sue") -> int:
    """Failed sign-ins in a row counted against the account ``name`` (the login's throttle)."""
    (key,) = throttle_keys(username=name, address=None)
    with factory() as session:
        return session.scalar(select(LoginThrottle.failures).where(LoginThrottle.key == key)) or 0


def test_only_an_enabled_supervisor_of_the_branch_with_the_password_gets_one(
    api: TestClient, server_factory: sessionmaker[Session], staff: None
) -> None:
    desk = Desk(api)
    refused = {
        "wrong password": desk.ask(password="not the password"),
        "unknown": desk.ask(supervisor="nobody"),
        "cashier": desk.ask(supervisor="cat"),
        "admin": desk.ask(supervisor="ada"),
        "other branch": desk.ask(supervisor="vic"),
    }
    assert {why: a.status_code for why, a in refused.items()} == dict.fromkeys(refused, 403)
    said = {why: a.json()["detail"] for why, a in refused.items()}
    assert said["wrong password"] == said["unknown"] == "invalid supervisor name or password"
    assert said["cashier"].startswith("cat is a cashier, not a supervisor")
    assert said["admin"].startswith("ada is a admin, not a supervisor")
    assert said["other branch"] == "vic is not a supervisor of this register's branch"
    assert "York" not in said["other branch"]  # never names another branch
    assert _failures(server_factory) == 1  # the wrong password counts like a failed login
    set_disabled(server_factory, "sue", disabled=True)
    disabled = desk.ask()
    assert (disabled.status_code, disabled.json()["detail"]) == (403, "sue's account is disabled")
    set_disabled(server_factory, "sue", disabled=False)
    granted = desk.ask()
    assert granted.status_code == 201, granted.text
    assert set(granted.json()) == {"token", "supervisor", "role", "issued_at", "expires_at"}
    with server_factory() as session:
        (row,) = session.scalars(select(TillApproval)).all()
    assert row.id != granted.json()["token"] and len(row.id) == 64  # only its digest is kept
    assert (row.supervisor, row.cashier, row.kind, row.amount_minor) == ("sue", "cat", "refund",
                                                                         400)  # fmt: skip
    assert row.expires_at - row.issued_at == timedelta(minutes=10)


def test_who_may_ask_and_for_which_register(
    api: TestClient, server_factory: sessionmaker[Session], staff: None
) -> None:
    agent = Desk(api, "dan").ask()
    assert (agent.status_code, agent.json()["detail"]) == (
        403, "dan is a agent: only cashiers and supervisors push till items")  # fmt: skip
    leeds = Desk(api)
    leeds.open()  # SHOP1 is Leeds's now
    york = Desk(api, "yan").ask()
    assert (york.status_code, york.json()["detail"]) == (
        403, "register SHOP1 belongs to another branch")  # fmt: skip
    other_device = Desk(api).ask()
    assert other_device.json()["detail"] == "register SHOP1 is bound to another device"
    no_token = TestClient(api.app).post(APPROVALS, json={})
    assert no_token.status_code == 401
    body = {"supervisor": "sue", "password": PASSWORD, "register": "SHOP1", "kind": "void",
            "key": str(uuid.uuid4()), "amount": "1.00", "currency": "GBP"}  # fmt: skip
    deviceless = api.post(APPROVALS, json=body)  # the fixture's login named no device
    assert (deviceless.status_code, deviceless.json()["detail"]) == (
        403, "this login was made without a device id: log in at the till")  # fmt: skip
    shift_close = leeds.ask(kind="shift_close", amount="1.00")
    assert shift_close.status_code == 422 and "without an amount" in shift_close.text


def test_an_approval_the_server_issued_approves_its_entry_once(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    desk = Desk(api)
    desk.open()
    payment = desk.paid()
    key = str(uuid.uuid4())
    token = desk.token(key=key)
    entry = desk.write("refund", desk.body("4.00", links_to=payment, approval=online(token),
                                           reason="broken"), key=key)  # fmt: skip
    first, replay = desk.push(entry), desk.push(entry)  # the desk never heard the answer
    assert first["result"]["accepted"] is True, first
    assert (replay["replayed"], replay["result"]) == (True, first["result"])
    again = desk.refund(payment, online(token))  # the same token on a second entry
    assert again["result"]["accepted"] is False
    assert again["result"]["reason"] == (
        "no valid supervisor approval: its token was already used by another entry"
    )
    with server_factory() as session:
        row = session.scalars(select(TillApproval)).one()
        checks = dict(session.execute(select(TillRefund.id, TillRefund.approval_check)).all())
    assert (row.used_by_entry, checks[key]) == (key, "valid")


@pytest.mark.parametrize(
    ("field", "issued"),
    [
        ("key", {"key": str(uuid.uuid4())}),
        ("kind", {"kind": "void"}),
        ("register", {"register": "SHOP9"}),
        ("amount", {"amount": "5.00"}),
        ("currency", {"currency": "EUR"}),
        ("supervisor", {"supervisor": "sam"}),
    ],
)
def test_an_approval_issued_for_other_values_is_not_accepted(
    api: TestClient,
    server_factory: sessionmaker[Session],
    staff: None,
    field: str,
    issued: dict[str, str],
) -> None:
    add_register(server_factory, "SHOP9")  # the other register is Leeds's too
    desk = Desk(api)
    desk.open()
    payment = desk.paid()
    key = str(uuid.uuid4())
    token = desk.token(**({"key": key} | issued))
    declined = desk.refund(payment, online(token), key=key)
    assert declined["status"] == "applied" and declined["result"]["accepted"] is False
    reason = f"its token was issued for another {field} than this entry's"
    assert declined["result"]["reason"] == f"no valid supervisor approval: {reason}"
    with server_factory() as session:
        assert session.scalars(select(TillApproval.used_at)).one() is None  # still unused
        assert session.get_one(TillRefund, key).approval_check == reason
        assert session.get_one(TillApprovalCheck, key).verdict == reason


def test_an_entry_dated_outside_the_validity_is_not_accepted(api: TestClient) -> None:
    desk = Desk(api)
    desk.open()
    payment = desk.paid()
    for at in (_now() + timedelta(minutes=26), _now() - timedelta(minutes=16)):
        key = str(uuid.uuid4())
        token = desk.token(key=key)
        late = desk.refund(payment, online(token), key=key, at=at)
        assert late["result"]["accepted"] is False
        assert "its token was good from" in late["result"]["reason"], late


def test_a_forged_online_approval_is_not_accepted(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    """The fraud this closes: a desk naming a supervisor, pushed straight over HTTP."""
    desk = Desk(api)
    desk.open()
    payment = desk.paid()
    forged = desk.refund(payment, {"supervisor": "sue", "method": "online",
                                   "at": _now().isoformat()})  # fmt: skip
    assert forged["status"] == "applied" and forged["result"]["accepted"] is False
    assert forged["result"]["reason"] == (
        "no valid supervisor approval: an online approval without a server token "
        "(the server issued none for it)"
    )
    made_up = desk.refund(payment, online("A" * 43))
    assert made_up["result"]["reason"].endswith("its token is not one this server issued")
    with server_factory() as session:
        assert session.scalar(select(func.sum(TillRefund.amount_minor))) == 800
        taken = [r.accepted for r in session.scalars(select(TillRefund))]
    assert taken == [False, False]  # nothing was paid back


def test_offline_approvals_stand_unverified_and_are_listed(
    api: TestClient, server_factory: sessionmaker[Session], migrated_url: str, staff: None
) -> None:
    desk = Desk(api)
    desk.open()
    payment = desk.paid()
    offline = {"supervisor": "sue", "method": "offline", "at": _now().isoformat()}
    taken = desk.refund(payment, offline)
    by_vic = desk.refund(payment, offline | {"supervisor": "vic"})
    key = str(uuid.uuid4())
    verified = desk.refund(payment, online(desk.token(key=key)), key=key)
    assert [r["result"]["accepted"] for r in (taken, by_vic, verified)] == [True, False, True]
    assert by_vic["result"]["reason"].endswith("vic is not a supervisor of this register's branch")
    with server_factory() as session:
        checks = [r.approval_check for r in session.scalars(select(TillRefund))]
    assert sorted(checks) == sorted(
        ["unverified", "vic is not a supervisor of this register's branch", "valid"]
    )
    listed = _approvals(migrated_url, "--unverified", "--json")
    (row,) = [json.loads(line) for line in listed.splitlines()]
    assert row == {
        "at": row["at"], "register": "SHOP1", "receipt": "SHOP1-00000002", "kind": "refund",
        "amount": "4.00", "currency": "GBP", "cashier": "cat", "supervisor": "sue",
        "method": "offline", "check": "unverified", "entry": row["entry"],
    }  # fmt: skip
    every = _approvals(migrated_url).splitlines()
    assert every[-1] == "3 approvals" and every[0].endswith("approved by sue (offline): unverified")
    assert (
        _approvals(migrated_url, "--unverified", "--register", "SHOP2")
        == "0 unverified approvals\n"
    )


def _approvals(url: str, *flags: str) -> str:
    args = Namespace(command="approvals", db=url, unverified="--unverified" in flags,
                     register=flags[flags.index("--register") + 1] if "--register" in flags
                     else None, json="--json" in flags)  # fmt: skip
    out, err = io.StringIO(), io.StringIO()
    assert run(args, stdin=io.StringIO(), stdout=out, stderr=err) == 0, err.getvalue()
    return out.getvalue()


def test_a_server_that_refuses_offline_approvals_keeps_them_unaccepted(
    api: TestClient, monkeypatch, staff: None
) -> None:
    monkeypatch.setenv("FRONTDESK_SERVER_TILL_OFFLINE_APPROVALS", "refuse")
    desk = Desk(api)
    desk.open()
    payment = desk.paid()
    offline = {"supervisor": "sue", "method": "offline", "at": _now().isoformat()}
    kept = desk.refund(payment, offline)
    assert kept["status"] == "applied" and kept["result"]["accepted"] is False
    assert kept["result"]["reason"] == (
        "no valid supervisor approval: offline approvals are not accepted here "
        "(FRONTDESK_SERVER_TILL_OFFLINE_APPROVALS=refuse)"
    )
    key = str(uuid.uuid4())
    assert desk.refund(payment, online(desk.token(key=key)), key=key)["result"]["accepted"]


def test_the_offline_policy_setting_is_checked() -> None:
    from frontdesk.server.till.checks import offline_policy

    assert offline_policy({}) == "review"
    assert offline_policy({"FRONTDESK_SERVER_TILL_OFFLINE_APPROVALS": " Refuse "}) == "refuse"
    with pytest.raises(ValueError, match="must be review or refuse"):
        offline_policy({"FRONTDESK_SERVER_TILL_OFFLINE_APPROVALS": "yes"})
