"""Till, contact and cross-sell rows written straight into the server's tables, as the push
path leaves them, for the reports' tests and benchmark (the demo seed writes purchases,
orders and cases, not a till's day). Nothing here runs in production."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain.money import Money
from frontdesk.server.db import allocate_seq, utcnow
from frontdesk.server.models import CrossSellFeedback, Customer, Device, Interaction, User
from frontdesk.server.till.models import TillFeedRow, TillJournalEntry, TillPayment, TillRegister

_ZERO_HASH = "0" * 64


def customer(session: Session, account: str, *, branch: str = "") -> str:
    found = session.scalar(select(Customer.id).where(Customer.account_number == account))
    if found:
        return found
    now = utcnow()
    row = Customer(id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"sample:{account}")),
                   account_number=account, full_name=f"Sample {account}", branch=branch,
                   created_at=now, updated_at=now, change_seq=allocate_seq(session))  # fmt: skip
    session.add(row)
    return row.id


def device(session: Session, device_id: str, *, branch: str) -> str:
    if session.get(Device, device_id) is None:
        user = User(username=f"sample-{device_id[:8]}", password_hash="-", role="agent",
                    branch=branch, created_at=utcnow())  # fmt: skip
        session.add(user)
        session.flush()
        session.add(Device(id=device_id, name="sample", registered_by=user.id,
                           registered_at=utcnow(), branch=branch))  # fmt: skip
    return device_id


def register(session: Session, code: str, *, branch: str) -> None:
    if session.get(TillRegister, code) is None:
        session.add(TillRegister(register=code, branch=branch, head_seq=0, head_hash=_ZERO_HASH,
                                 updated_at=utcnow()))  # fmt: skip
        session.flush()


def money(session: Session, *, kind: str, register: str, branch: str, cashier: str,
          at: datetime, amount: str, currency: str = "GBP", customer_id: str | None = None,
          links_to: str | None = None, accepted: bool = True) -> str:  # fmt: skip
    """A payment, refund or void as the till feed holds it; returns its id."""
    ident = str(uuid.uuid4())
    minor = Money.of(Decimal(amount), currency).minor
    session.add(TillFeedRow(
        id=ident, kind=kind, register=register, branch=branch, receipt_no=f"R-{ident[:8]}",
        links_to=links_to, currency=currency, amount_minor=minor, change_minor=0,
        tenders=[{"tender": "cash", "minor": minor}], customer_id=customer_id, purpose="sale",
        cashier=cashier, occurred_at=at, accepted=accepted,
        declined_reason=None if accepted else "sample decline", change_seq=allocate_seq(session),
    ))  # fmt: skip
    return ident


def shift_close(session: Session, *, register: str, cashier: str, at: datetime,
                expected: str, counted: str, net: str, currency: str = "GBP") -> str:  # fmt: skip
    ident = str(uuid.uuid4())
    over = Decimal(counted) - Decimal(expected)
    body = {"cashier": cashier, "shift_id": ident, "currency": currency,
            "expected_cash": expected, "counted": counted, "over_short": str(over), "net": net,
            "unsynced_at_close": 0}  # fmt: skip
    row = session.get(TillRegister, register)
    row.head_seq += 1
    session.add(TillJournalEntry(
        register=register, seq=row.head_seq, key=ident, kind="shift_close",
        content=json.dumps({"at": at.isoformat(), "body": body}), prev_hash=_ZERO_HASH,
        hash=_ZERO_HASH, received_at=at, change_seq=allocate_seq(session),
    ))  # fmt: skip
    return ident


def discount(session: Session, *, register: str, cashier: str, at: datetime, amount: str,
             discount: str, supervisor: str, check: str, currency: str = "GBP") -> str:  # fmt: skip
    """A till payment with a discount a supervisor approved (``check``: valid | unverified)."""
    ident = str(uuid.uuid4())
    session.add(TillPayment(
        id=ident, register=register, receipt_no=f"D-{ident[:8]}", shift_id=ident,
        purpose="sale", currency=currency, amount_minor=Money.of(Decimal(amount), currency).minor,
        refunded_minor=0, cashier=cashier, occurred_at=at,
        discount_minor=Money.of(Decimal(discount), currency).minor, approved_by=supervisor,
        approval_method="online" if check == "valid" else "offline", approval_check=check,
    ))  # fmt: skip
    return ident


def contact(session: Session, *, customer_id: str, device_id: str, branch: str, agent: str,
            at: datetime, channel: str, reason: str, outcome: str) -> str:  # fmt: skip
    ident = str(uuid.uuid4())
    session.add(Interaction(id=ident, customer_id=customer_id, channel=channel, occurred_at=at,
                            reason=reason, agent=agent, outcome=outcome, device_id=device_id,
                            branch=branch, change_seq=allocate_seq(session)))  # fmt: skip
    return ident


def offer(session: Session, *, customer_id: str, device_id: str, branch: str, agent: str,
          at: datetime, sku: str, outcome: str) -> str:  # fmt: skip
    ident = str(uuid.uuid4())
    session.add(CrossSellFeedback(id=ident, customer_id=customer_id, sku=sku, outcome=outcome,
                                  model_version=1, agent=agent, branch=branch,
                                  device_id=device_id, occurred_at=at, recorded_at=at,
                                  change_seq=allocate_seq(session)))  # fmt: skip
    return ident
