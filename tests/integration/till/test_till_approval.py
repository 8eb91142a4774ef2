"""Discounts and supervisor approvals on a real desk cache, and the server's check of them
when pushed (SQLite and PostgreSQL): a discount over the cashier's limit needs a supervisor;
a supervisor who signed in online here approves offline against the argon2id verifier kept
then (never the password); online, the server issues the approval for one entry, and it
accepts offline ones (as unverified) only from supervisors of the branch.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker
from till_helpers import (
    PASSWORD,
    RULES,
    AppIssuer,
    gbp,
    new_device,
    opening,
    payment,
    push_pending,
)

from frontdesk.adapters.central_client import CentralClient
from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.domain.money import Currency, Money
from frontdesk.domain.till import CashCount, TillRules
from frontdesk.server.till.models import TillPayment, TillRefund
from frontdesk.server.users import add_user
from frontdesk.services import till
from frontdesk.services.till.approval import DeskSupervisorCheck
from frontdesk.services.till.ports import Approval, ApprovalScope
from frontdesk.sync.service import AuthorizedCentral

UNREACHABLE = "http://127.0.0.1:9"  # loopback, where nothing listens
T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
APPROVAL_T0 = Approval("sue", "offline", T0)
GBP = Currency.of("GBP")
SCOPE = ApprovalScope("SHOP1", "payment", "0b9f6c1e-3d4a-4c1e-9a57-4c8d2e6f1a20", gbp("30.00"))


def _unreachable() -> AuthorizedCentral:
    """The desk's real issuer on a server that does not answer."""
    return AuthorizedCentral(CentralClient(UNREACHABLE), "a-stored-refresh-token")


def _open(uow, rules: TillRules = RULES) -> None:
    till.open_shift(uow, opening(), rules=rules)


def _pay(uow, discount, *, approval=None, rules: TillRules = RULES, amount: str = "40.00"):
    asked = payment(amount, tender="card", discount=discount, approval=approval)
    return till.record_payment(uow, asked, rules=rules)


def _check(uow, issuer, *, clock=lambda: T0, days: int = 14) -> DeskSupervisorCheck:
    return DeskSupervisorCheck(
        issuer, uow, verifier=Argon2Verifier(), valid_for=timedelta(days=days), clock=clock
    )


def test_a_discount_within_the_limit_is_recorded_as_its_lines(till_uow) -> None:
    _open(till_uow)
    tx = _pay(till_uow, ("percent", "10"), amount="39.99")
    with till_uow:
        stored = till_uow.till.transaction(tx.id)
        entry = till_uow.till.entries(shift_id=tx.shift_id)[-1]
        item = till_uow.outbox.pending(limit=10)[-1]
    assert stored.gross == Money.of("39.99", "GBP") and stored.amount == Money.of("35.99", "GBP")
    assert stored.discount.amount == Money.of("4.00", "GBP")  # 3.999 rounded half-up
    assert stored.tenders[0].amount == stored.amount and stored.approval is None
    discount = {"kind": "percent", "value": "10", "amount": "4.00", "gross": "39.99"}
    assert entry.body["discount"] == discount and entry.body["amount"] == "35.99"
    assert item.payload["entry"]["body"]["discount"] == discount


def test_over_the_limit_nothing_is_recorded_without_a_supervisor(till_uow) -> None:
    _open(till_uow)
    with pytest.raises(till.ApprovalNeeded) as refused:
        _pay(till_uow, ("amount", "4.01"))
    assert str(refused.value) == (
        "discount: 4.01 GBP (4.01 GBP) is over the cashier's limit of 10% of the sale "
        "(4.00 GBP); a supervisor must approve it"
    )
    with till_uow:
        assert till_uow.till.counters("SHOP1").receipt_seq == 0
        assert till_uow.outbox.counts().pending == 1  # the shift's opening only


@pytest.mark.parametrize(
    ("discount", "purpose", "says"),
    [
        (("percent", "-5"), "purchase", "discount: must not be negative"),
        (("amount", "NaN"), "purchase", "discount: must be a finite number"),
        (("amount", "40.001"), "purchase", "discount: GBP takes at most 2 decimal places"),
        (("amount", "41"), "purchase", "discount: 41 GBP is more than the sale of 40.00 GBP"),
        (("percent", "5"), "account", "discount: only a purchase can be discounted"),
    ],
)
def test_a_bad_discount_is_refused_naming_the_field(till_uow, discount, purpose, says) -> None:
    _open(till_uow)
    with pytest.raises(till.TillRefused, match=says):
        till.record_payment(
            till_uow, payment("40.00", discount=discount, purpose=purpose), rules=RULES
        )


def test_an_online_approval_keeps_a_verifier_and_approves_offline_later(
    api, till_uow, tmp_path: Path
) -> None:
    new_device(api)
    online = _check(till_uow, lambda: AppIssuer(api)).approve("sue", PASSWORD, scope=SCOPE)
    assert (online.supervisor, online.method) == ("sue", "online") and online.token
    with till_uow:
        kept = till_uow.supervisors.get("sue")
    assert kept.verifier.startswith("$argon2id$") and kept.role == "supervisor"
    cache = (tmp_path / "desk" / "cache.sqlite3").read_bytes()
    assert PASSWORD.encode() not in cache  # the verifier, never the password
    offline = _check(till_uow, _unreachable).approve("sue", PASSWORD, scope=SCOPE)
    assert (offline.supervisor, offline.method, offline.token) == ("sue", "offline", None)
    _open(till_uow)
    tx = _pay(till_uow, ("percent", "25"), approval=offline)
    with till_uow:
        stored = till_uow.till.transaction(tx.id)
        body = till_uow.till.entries(shift_id=tx.shift_id)[-1].body
    assert stored.approval == Approval("sue", "offline", T0) and stored.approved_by == "sue"
    assert body["approval"] == {"supervisor": "sue", "method": "offline", "at": T0.isoformat()}


def test_offline_approval_refuses_what_it_cannot_check(api, till_uow) -> None:
    new_device(api)
    offline = _check(till_uow, _unreachable)
    with pytest.raises(till.ApprovalRefused, match="sue has not signed in online at this desk"):
        offline.approve("sue", PASSWORD, scope=SCOPE)
    _check(till_uow, lambda: AppIssuer(api)).approve("sue", PASSWORD, scope=SCOPE)
    with pytest.raises(till.ApprovalRefused, match="wrong password for sue"):
        offline.approve("sue", "not the password", scope=SCOPE)
    later = _check(till_uow, _unreachable, clock=lambda: T0 + timedelta(days=15))
    with pytest.raises(till.ApprovalRefused, match="expired for offline approval on 2024-03-15"):
        later.approve("sue", PASSWORD, scope=SCOPE)
    with pytest.raises(till.ApprovalRefused, match="offline approval is turned off"):
        _check(till_uow, _unreachable, days=0).approve("sue", PASSWORD, scope=SCOPE)


def test_online_the_server_decides_and_a_cashier_cannot_approve(api, till_uow) -> None:
    new_device(api)
    online = _check(till_uow, lambda: AppIssuer(api))
    online.approve("sue", PASSWORD, scope=SCOPE)  # keeps sue's verifier
    with pytest.raises(till.ApprovalRefused, match="cat is a cashier, not a supervisor"):
        online.approve("cat", PASSWORD, scope=SCOPE)
    with pytest.raises(till.ApprovalRefused, match="invalid supervisor name or password"):
        online.approve("sue", "not the password", scope=SCOPE)
    with till_uow:  # refused online: neither approves offline here
        assert till_uow.supervisors.get("cat") is None and till_uow.supervisors.get("sue") is None


def _payments(factory: sessionmaker[Session], *ids: str) -> list[TillPayment]:
    with factory() as session:
        return [session.get_one(TillPayment, i) for i in ids]


def test_the_server_accepts_a_discount_only_within_its_limit_or_validly_approved(
    api, server_factory, till_uow
) -> None:
    add_user(server_factory, username="vic", password=PASSWORD, role="supervisor", branch="York")
    lenient = TillRules(currencies=("GBP",), discount_limit=Decimal("100"))  # a tampered desk
    _open(till_uow, lenient)
    within = _pay(till_uow, ("percent", "10"), rules=lenient)
    approved = _pay(till_uow, ("percent", "25"), approval=Approval("sue", "offline", T0))
    unapproved = _pay(till_uow, ("percent", "25"), rules=lenient)
    _pay(till_uow, ("amount", "20"), approval=Approval("cat", "online", T0))
    _pay(till_uow, ("amount", "20"), approval=Approval("vic", "online", T0))
    results = push_pending(api, new_device(api), till_uow)
    assert [r["status"] for r in results] == ["applied"] * 6  # the journal stays whole
    accepted = [r["result"]["accepted"] for r in results[1:]]
    assert accepted == [True, True, False, False, False]
    reasons = [r["result"].get("reason", "") for r in results[1:]]
    assert "over the cashier's limit of 10% (4.00 GBP) without a valid supervisor approval: " \
           "no supervisor approved it" in reasons[2]  # fmt: skip
    assert reasons[3].endswith("cat is not a supervisor of this register's branch")
    assert reasons[4].endswith("vic is not a supervisor of this register's branch")
    rows = _payments(server_factory, within.id, approved.id, unapproved.id)
    assert (rows[0].gross_minor, rows[0].discount_minor, rows[0].amount_minor) == (4000, 400, 3600)
    assert (rows[1].approved_by, rows[1].approval_method, rows[1].approval_check) == (
        "sue",
        "offline",
        "unverified",
    )  # never "valid": the server could not check it
    assert not rows[2].accepted and "no supervisor approved it" in rows[2].refusal


def test_the_server_takes_a_refund_back_only_with_a_valid_approval_and_checks_overrides(
    api, server_factory, till_uow
) -> None:
    _open(till_uow)
    paid = _pay(till_uow, None)
    refunded = till.refund(till_uow, till.Refund(paid.id, gbp("5"), "cat", Approval(
        "sue", "offline", T0)), rules=RULES)  # fmt: skip
    ghost = till.refund(till_uow, till.Refund(paid.id, gbp("5"), "cat", Approval(
        "ghost", "offline", T0)), rules=RULES)  # fmt: skip
    till.close_shift(till_uow, till.CloseShift("SHOP1", CashCount(GBP),
                                               Approval("cat", "offline", T0)))  # fmt: skip
    results = push_pending(api, new_device(api), till_uow)
    assert [r["result"]["accepted"] for r in results[2:4]] == [True, False]
    assert results[4]["result"] == {
        "register": "SHOP1", "seq": 5, "hash": results[4]["result"]["hash"],
        "override_by": "cat", "override_check": "cat is not a supervisor of this register's branch",
    }  # fmt: skip
    assert results[3]["result"]["reason"] == (
        "no valid supervisor approval: ghost is not a supervisor of this register's branch"
    )
    with server_factory() as session:
        payment = session.get_one(TillPayment, paid.id)
        rows = [session.get_one(TillRefund, tx.id) for tx in (refunded, ghost)]
    assert payment.refunded_minor == 500  # only the approved refund took money back
    checks = [(r.approval_method, r.approval_check) for r in rows]
    assert checks == [
        ("offline", "unverified"),
        ("offline", "ghost is not a supervisor of this register's branch"),
    ]


def test_the_x_and_z_reports_total_the_discounts_with_the_approved_apart(till_uow) -> None:
    _open(till_uow)
    _pay(till_uow, ("percent", "10"), amount="39.99")  # 4.00 off, within the limit
    _pay(till_uow, ("amount", "12.50"), amount="50.00", approval=APPROVAL_T0)  # over it
    _pay(till_uow, None, amount="5.00")
    x = till.shift_report(till_uow, register="SHOP1")
    gbp = Money.of
    assert x.discounts["GBP"].count == 2 and x.discounts["GBP"].approved == 1
    assert x.discounts["GBP"].total == gbp("16.50", "GBP")
    assert x.discounts["GBP"].approved_total == gbp("12.50", "GBP")
    assert x.taken == gbp("78.49", "GBP")  # 35.99 + 37.50 + 5.00: what was paid
    counted = CashCount.of({"50": 1}, GBP)
    _, z = till.close_shift(till_uow, till.CloseShift("SHOP1", counted, APPROVAL_T0))
    assert z.discounts == x.discounts
