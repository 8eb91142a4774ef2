"""The till feed: what the other tills of a branch learn about each payment, refund and void.

A refund at till B of a payment taken at till A needs B to know the payment and what was
paid back of it already (of a basket: its lines, and what each refund returned of which;
a void returns every line). Each applied payment, refund or void is written once to
``till_feed`` with its change-sequence number and the pushing cashier's branch; a pull
ships the rows of the puller's branch. Only the record travels (amounts, tenders, links,
whether the server accepted it), never the journal link that only its register may extend.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from frontdesk.domain.money import Money
from frontdesk.protocol import Role
from frontdesk.protocol.till import TenderWire, TillEntry
from frontdesk.server.db import allocate_seq
from frontdesk.server.models import User
from frontdesk.server.push_items import ApplyContext
from frontdesk.server.till.models import TillFeedRow, TillPayment

Row = dict[str, Any]
_FEED: Table = TillFeedRow.__table__  # type: ignore[assignment]


def record(
    ctx: ApplyContext,
    entry: TillEntry,
    amount: Money,
    *,
    accepted: bool = True,
    declined_reason: str | None = None,
) -> None:
    """Add ``entry``'s transaction to the feed of the cashier's branch."""
    body = entry.body
    ctx.session.add(
        TillFeedRow(
            id=entry.key, kind=entry.kind, register=entry.register_code, branch=ctx.user.branch,
            receipt_no=body.receipt, links_to=body.links_to,
            currency=amount.currency.code, amount_minor=amount.minor,
            change_minor=Money.of(body.change, amount.currency).minor,
            tenders=[tender_row(t, amount) for t in body.tenders],
            customer_id=body.customer_id, purpose=body.purpose,
            cashier=ctx.user.username, occurred_at=datetime.fromisoformat(entry.at),
            accepted=accepted, declined_reason=declined_reason,
            change_seq=allocate_seq(ctx.session),
            **lines_of(entry),
        )
    )  # fmt: skip


def lines_of(entry: TillEntry) -> dict[str, list[dict[str, Any]]]:
    """A payment's sold lines, a refund's returned ones, as the wire writes them (defaults
    filled in), so a pull page carries exactly what the models would."""
    lines = [line.model_dump(mode="json") for line in getattr(entry.body, "lines", [])]
    return {"lines": lines} if entry.kind == "payment" else {"returned": lines}


def tender_row(line: TenderWire, amount: Money) -> dict[str, Any]:
    return {"tender": line.tender, "minor": Money.of(line.amount, amount.currency).minor}


def puller_branch(user: User) -> str | None:
    """The branch whose tills ``user``'s desk pulls: none for a call-centre agent."""
    return None if user.role == Role.AGENT else user.branch


def changed(session: Session, *, branch: str | None, cursor: int, limit: int) -> list[Row]:
    """Feed rows of ``branch`` after ``cursor`` as wire dicts (none without a branch)."""
    if branch is None:
        return []
    seq = _FEED.c.change_seq
    query = select(_FEED).where(seq > cursor, _FEED.c.branch == branch).order_by(seq).limit(limit)
    return [_wire(row) for row in session.execute(query).mappings()]


def _wire(row: Any) -> Row:
    currency = row["currency"]

    def money(minor: int) -> str:
        return str(Money.from_minor(minor, currency).amount)

    return {
        "id": row["id"], "kind": row["kind"], "register_code": row["register"],
        "receipt_no": row["receipt_no"], "links_to": row["links_to"],
        "currency": currency, "amount": money(row["amount_minor"]),
        "change": money(row["change_minor"]),
        "tenders": [{"tender": t["tender"], "amount": money(t["minor"])} for t in row["tenders"]],
        "customer_id": row["customer_id"], "purpose": row["purpose"],
        "cashier": row["cashier"], "occurred_at": row["occurred_at"],
        "accepted": row["accepted"], "declined_reason": row["declined_reason"],
        "lines": row["lines"], "returned": row["returned"],
        "seq": row["change_seq"],
    }  # fmt: skip


# --- declined refunds, for the back office --------------------------------------------------

#: The rule for a refund or void the server finds too large (someone paid back first): it
#: stays in its register's journal (the chain records what the till did and never stalls),
#: it is not counted in ``refunded_minor``, and it is listed here, with its reason, for the
#: back office to settle with the branch. The till that took it shows it as declined.


def declined(factory: Any, *, register: str | None = None) -> list[Row]:
    """Declined refunds and voids, oldest first (of ``register`` only, if given)."""
    feed, payments = _FEED, TillPayment.__table__
    query = (
        select(
            feed.c.receipt_no, feed.c.kind, feed.c.register, feed.c.branch, feed.c.cashier,
            feed.c.currency, feed.c.amount_minor, feed.c.occurred_at, feed.c.declined_reason,
            payments.c.receipt_no.label("payment_receipt"),
        )
        .join(payments, payments.c.id == feed.c.links_to)
        .where(feed.c.accepted.is_(False))
        .order_by(feed.c.occurred_at, feed.c.receipt_no)
    )  # fmt: skip
    if register is not None:
        query = query.where(feed.c.register == register)
    with factory() as session:
        return [_declined_row(row) for row in session.execute(query).mappings()]


def _declined_row(row: Any) -> Row:
    amount = Money.from_minor(row["amount_minor"], row["currency"])
    return {
        "receipt": row["receipt_no"], "kind": row["kind"], "payment": row["payment_receipt"],
        "register": row["register"], "branch": row["branch"], "cashier": row["cashier"],
        "amount": str(amount.amount), "currency": amount.currency.code,
        "occurred_at": row["occurred_at"].isoformat(), "reason": row["declined_reason"] or "",
    }  # fmt: skip
