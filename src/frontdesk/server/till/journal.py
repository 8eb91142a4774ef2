"""The till on the server: appliers of ``till.*`` items, and journal verification.

Every till item carries one journal entry. Only a cashier or supervisor of the register's
branch, at the register's device, may push it, and only to a register an admin set up and
did not retire (``server.till.access``: 403 otherwise). Its applier locks the register's
head row, checks the entry is the next link (seq = head + 1, prev_hash = head hash, hash
recomputed over the canonical content) and rejects it otherwise, so a register's chain on
the server is always whole. Then it stores the entry, moves the head, and applies the
entry's effect: a payment row, or a refund/void that raises ``refunded_minor`` with one
conditional UPDATE. A refund that would pay back more than is left (another till refunded
first) is kept, with ``accepted`` false and the reason in the item's result: the journal
records what happened at the till, the back office sees what did not add up
(``frontdesk-server declined-refunds``, see ``server.till.feed``). The same goes for a
refund or void without a valid supervisor approval, and for a payment whose discount does
not add up or is over the cashier's limit without one (``server.till.checks`` checks them
again), and for a payment, refund or void under a receipt number its register used before
(the database keeps each number once). A refund or void reaches only a payment of its own
branch. Payments, refunds and voids also go to the branch's till feed, which the other tills
pull.

A basket payment (one with lines) the server accepts is also a sale: its lines are kept,
it becomes a purchase of its customer, and its goods come off the branch's stock
(``server.till.sales``); a refund naming lines, or a void of a basket, takes the goods back
line by line within what was sold (``server.till.returns``).

The server signs each entry it stores, and the head it moves to, with its own key
(``server.till.signing``); ``server.till.verify`` checks all of it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from frontdesk.domain.money import Money
from frontdesk.domain.till import EntryKind, JournalEntry, canonical, chain_hash
from frontdesk.protocol.till import TillEntry, TransactionBody
from frontdesk.server.db import allocate_seq
from frontdesk.server.push_items import ApplyContext, ItemRejected
from frontdesk.server.till import feed as till_feed
from frontdesk.server.till import returns, sales
from frontdesk.server.till.access import check_till_user, checked_register, payment_of_branch
from frontdesk.server.till.checks import check_approval, check_discount
from frontdesk.server.till.models import TillJournalEntry, TillPayment, TillRefund, TillRegister
from frontdesk.server.till.signing import (
    JournalSigner,
    entry_message,
    head_message,
    next_counter,
    record_key,
)


def apply_till_entry(ctx: ApplyContext, *, signer: JournalSigner) -> dict[str, Any]:
    """Link the item's entry to its register's chain, sign it, then apply what it records."""
    check_till_user(ctx.user)
    typed: TillEntry = ctx.item.payload.entry
    entry = JournalEntry.from_wire(ctx.raw["entry"])  # hashed exactly as the desk sent it
    if entry.key != ctx.item.key:
        raise ItemRejected("entry.key: must be the item's key")
    head = checked_register(
        locked_head(ctx.session, entry.register),
        entry.register,
        user=ctx.user,
        device_id=ctx.device_id,
    )
    check_link(entry, head)
    _store(ctx, entry, head, signer)
    effect = _EFFECTS.get(EntryKind(entry.kind), _no_effect)(ctx, typed)
    return {"register": entry.register, "seq": entry.seq, "hash": entry.hash, **effect}


def locked_head(session: Session, register: str) -> TillRegister | None:
    query = select(TillRegister).where(TillRegister.register == register).with_for_update()
    return session.execute(query).scalar_one_or_none()


def check_link(entry: JournalEntry, head: TillRegister) -> None:
    seq, prev = head.head_seq, head.head_hash
    if entry.seq != seq + 1:
        raise ItemRejected(f"journal {entry.register}: entry {entry.seq} is not next ({seq + 1})")
    if entry.prev_hash != prev:
        raise ItemRejected(f"journal {entry.register}: entry {entry.seq} does not follow the head")
    if chain_hash(entry.prev_hash, canonical(entry.content())) != entry.hash:
        raise ItemRejected(f"journal {entry.register}: entry {entry.seq} does not match its hash")


def _store(
    ctx: ApplyContext, entry: JournalEntry, head: TillRegister, signer: JournalSigner
) -> None:
    counter = next_counter(ctx.session)
    record_key(ctx.session, signer, ctx.now)
    signed = {"register": entry.register, "seq": entry.seq, "entry_hash": entry.hash,
              "counter": counter, "key_id": signer.key_id}  # fmt: skip
    ctx.session.add(
        TillJournalEntry(
            register=entry.register,
            seq=entry.seq,
            key=entry.key,
            kind=entry.kind,
            content=canonical(entry.content()),
            prev_hash=entry.prev_hash,
            hash=entry.hash,
            received_at=ctx.now,
            sig_counter=counter,
            signature=signer.sign(entry_message(**signed, received_at=ctx.now)),
            key_id=signer.key_id,
            change_seq=allocate_seq(ctx.session),
        )
    )
    head.head_seq, head.head_hash, head.updated_at = entry.seq, entry.hash, ctx.now
    head.head_counter, head.head_key_id = counter, signer.key_id
    head.head_signature = signer.sign(head_message(**signed))
    ctx.session.flush()


def _money(body: TransactionBody) -> Money:
    return Money.of(body.amount, body.currency)  # the item's model has checked it


def _apply_payment(ctx: ApplyContext, entry: TillEntry) -> dict[str, Any]:
    body = entry.body
    amount = _money(body)
    used = _receipt_used(ctx, entry, amount, id_name="payment_id")
    if used is not None:
        return used
    approval = check_approval(ctx, entry, body.approval, amount=amount)
    discount = check_discount(body, amount, approval)
    problem = discount.problem or (sales.basket_problem(ctx, body) if body.lines else None)
    ctx.session.add(
        TillPayment(
            id=entry.key,
            register=entry.register_code,
            receipt_no=body.receipt,
            shift_id=body.shift_id,
            customer_id=body.customer_id,
            purpose=body.purpose,
            currency=amount.currency.code,
            amount_minor=amount.minor,
            refunded_minor=0,
            cashier=ctx.user.username,
            occurred_at=datetime.fromisoformat(entry.at),
            accepted=problem is None,
            refusal=problem,
            **discount.columns(),
            **(approval.columns() if body.approval else {}),
        )
    )
    sold = sales.record_sale(ctx, entry) if body.lines and problem is None else {}
    till_feed.record(ctx, entry, amount, accepted=problem is None, declined_reason=problem)
    result: dict[str, Any] = {"payment_id": entry.key, "accepted": problem is None, **sold}
    return result | ({"reason": problem} if problem else {})


def _apply_refund(ctx: ApplyContext, entry: TillEntry) -> dict[str, Any]:
    body = entry.body
    amount = _money(body)
    payment = payment_of_branch(ctx.session, body.links_to, ctx.user.branch)
    if payment.currency != amount.currency.code:
        raise ItemRejected("entry.body.currency: not the payment's currency")
    used = _receipt_used(ctx, entry, amount, id_name="refund_id")
    if used is not None:
        return used
    approval = check_approval(ctx, entry, body.approval, amount=amount)
    back: list[returns.Back] = []
    if approval.valid:
        back, problem = _returned(ctx.session, entry, payment, amount)
    else:
        problem = f"no valid supervisor approval: {approval.problem}"
    accepted = problem is None
    ctx.session.add(
        TillRefund(
            id=entry.key,
            kind=entry.kind,
            payment_id=payment.id,
            register=entry.register_code,
            receipt_no=body.receipt,
            amount_minor=amount.minor,
            accepted=accepted,
            **approval.columns(),
            reason=body.reason,
            occurred_at=datetime.fromisoformat(entry.at),
        )
    )
    if back:
        returns.record_return(ctx, entry, payment, back)
    till_feed.record(ctx, entry, amount, accepted=accepted, declined_reason=problem)
    result: dict[str, Any] = {"refund_id": entry.key, "accepted": accepted}
    return result | ({"reason": problem} if problem else {})


def _returned(
    session: Session, entry: TillEntry, payment: TillPayment, amount: Money
) -> tuple[list[returns.Back], str | None]:
    """Take the money back from the payment and, for a line refund or the void of a basket,
    the goods from its lines; all or nothing (a savepoint). The lines that came back, or
    why nothing did."""
    void, lines = entry.kind == "void", entry.body.lines
    savepoint = session.begin_nested()
    try:
        # The payment's row first, then its lines: every refund and void locks in that order.
        session.execute(select(TillPayment.id).where(TillPayment.id == payment.id)
                        .with_for_update())  # fmt: skip
        back = returns.take_back_lines(session, payment, lines) if lines else []
        if not _take_back(session, payment.id, amount.minor, whole=void):
            raise returns.LinesDeclined(declined_reason(session, payment, amount))
        if void:
            back = returns.take_back_all(session, payment)
    except returns.LinesDeclined as declined:
        savepoint.rollback()
        return [], str(declined)
    savepoint.commit()
    return back, None


def _receipt_used(
    ctx: ApplyContext,
    entry: TillEntry,
    amount: Money,
    *,
    id_name: str,
) -> dict[str, Any] | None:
    """A receipt number its register used before: the entry stays in the journal (the chain
    goes on) and in the feed as declined, with no second row under that number."""
    receipt = entry.body.receipt
    # Either table: a purchase takes its receipt's number, which must be the only one.
    if not any(
        ctx.session.scalar(select(kind.id).where(kind.receipt_no == receipt))
        for kind in (TillPayment, TillRefund)
    ):
        return None
    reason = f"receipt {receipt} is already used"
    till_feed.record(ctx, entry, amount, accepted=False, declined_reason=reason)
    return {id_name: entry.key, "accepted": False, "reason": reason}


def declined_reason(session: Session, payment: TillPayment, asked: Money) -> str:
    """Why a refund or void was declined: what was left of the payment when it came."""
    session.refresh(payment, ["refunded_minor"])
    left = Money.from_minor(payment.amount_minor - payment.refunded_minor, payment.currency)
    return f"more than is left to refund of {payment.receipt_no} ({left} left, {asked} asked)"


def _take_back(session: Session, payment_id: str, minor: int, *, whole: bool) -> bool:
    """Raise refunded_minor atomically if it stays within the payment (a void: from zero)."""
    table = TillPayment.__table__.c
    condition = (
        (table.refunded_minor == 0) & (table.amount_minor == minor)
        if whole
        else (table.refunded_minor + minor <= table.amount_minor)
    )
    done = session.execute(
        update(TillPayment)
        .where(table.id == payment_id, condition)
        .values(refunded_minor=table.refunded_minor + minor)
        .execution_options(synchronize_session=False)
    )
    return bool(done.rowcount)


def _no_effect(ctx: ApplyContext, entry: TillEntry) -> dict[str, Any]:
    return {}


def _apply_close(ctx: ApplyContext, entry: TillEntry) -> dict[str, Any]:
    """A close with unsynced transactions names its approver: the result says if it stands."""
    if entry.body.override is None:
        return {}
    check = check_approval(ctx, entry, entry.body.override, amount=None)
    return {"override_by": check.supervisor, "override_check": check.stored}


_EFFECTS = {
    EntryKind.PAYMENT: _apply_payment,
    EntryKind.REFUND: _apply_refund,
    EntryKind.VOID: _apply_refund,
    EntryKind.SHIFT_CLOSE: _apply_close,
}
