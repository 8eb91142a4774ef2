"""The till on the server: appliers of ``till.*`` items, and journal verification.

Every till item carries one journal entry. Only a cashier or supervisor of the register's
branch may push it (``server.till.access``: 403 otherwise). Its applier locks the register's
head row, checks
the entry is the next link (seq = head + 1, prev_hash = head hash, hash recomputed over the
canonical content) and rejects it otherwise, so a register's chain on the server is always
whole. Then it stores the entry, moves the head, and applies the entry's effect: a payment
row, or a refund/void that raises ``refunded_minor`` with one conditional UPDATE. A refund
that would pay back more than is left (another till refunded first) is kept, with
``accepted`` false and the reason in the item's result: the journal records what happened
at the till, the back office sees what did not add up (``frontdesk-server
declined-refunds``, see ``server.till.feed``). The same goes for a refund or void without a
valid supervisor approval, and for a payment whose discount does not add up or is over the
cashier's limit without one (``server.till.checks`` checks them again), and for a payment,
refund or void under a receipt number its register used before (the database keeps each
number once). A refund or void reaches only a payment of its own branch. Payments, refunds
and voids also go to the branch's till feed, which the other tills pull.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from frontdesk.domain.money import Money
from frontdesk.domain.till import (
    ChainReport,
    EntryKind,
    JournalEntry,
    StoredLink,
    canonical,
    chain_hash,
    genesis_hash,
    verify_chain,
)
from frontdesk.protocol.till import TillEntry, TransactionBody
from frontdesk.server.push_items import ApplyContext, ItemRejected
from frontdesk.server.till import feed as till_feed
from frontdesk.server.till.access import (
    check_register_branch,
    check_till_user,
    payment_of_branch,
)
from frontdesk.server.till.checks import check_approval, check_discount
from frontdesk.server.till.models import TillJournalEntry, TillPayment, TillRefund, TillRegister

VERIFY_BATCH = 20_000


def apply_till_entry(ctx: ApplyContext) -> dict[str, Any]:
    """Link the item's entry to its register's chain, then apply what it records."""
    check_till_user(ctx.user)
    typed: TillEntry = ctx.item.payload.entry
    entry = JournalEntry.from_wire(ctx.raw["entry"])  # hashed exactly as the desk sent it
    if entry.key != ctx.item.key:
        raise ItemRejected("entry.key: must be the item's key")
    head = _locked_head(ctx.session, entry.register)
    _check_link(ctx, entry, head)
    _store(ctx, entry, head)
    effect = _EFFECTS.get(EntryKind(entry.kind), _no_effect)(ctx, typed)
    return {"register": entry.register, "seq": entry.seq, "hash": entry.hash, **effect}


def _locked_head(session: Session, register: str) -> TillRegister | None:
    query = select(TillRegister).where(TillRegister.register == register).with_for_update()
    return session.execute(query).scalar_one_or_none()


def _check_link(ctx: ApplyContext, entry: JournalEntry, head: TillRegister | None) -> None:
    check_register_branch(head, ctx.user)
    if head is not None and head.device_id != ctx.device_id:
        raise ItemRejected(f"register {entry.register} belongs to another device")
    seq, prev = (head.head_seq, head.head_hash) if head else (0, genesis_hash(entry.register))
    if entry.seq != seq + 1:
        raise ItemRejected(f"journal {entry.register}: entry {entry.seq} is not next ({seq + 1})")
    if entry.prev_hash != prev:
        raise ItemRejected(f"journal {entry.register}: entry {entry.seq} does not follow the head")
    if chain_hash(entry.prev_hash, canonical(entry.content())) != entry.hash:
        raise ItemRejected(f"journal {entry.register}: entry {entry.seq} does not match its hash")


def _store(ctx: ApplyContext, entry: JournalEntry, head: TillRegister | None) -> None:
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
        )
    )
    if head is None:
        ctx.session.add(
            TillRegister(
                register=entry.register,
                device_id=ctx.device_id,
                branch=ctx.user.branch,
                head_seq=entry.seq,
                head_hash=entry.hash,
                updated_at=ctx.now,
            )
        )
    else:
        head.head_seq, head.head_hash, head.updated_at = entry.seq, entry.hash, ctx.now
    ctx.session.flush()


def _money(body: TransactionBody) -> Money:
    return Money.of(body.amount, body.currency)  # the item's model has checked it


def _apply_payment(ctx: ApplyContext, entry: TillEntry) -> dict[str, Any]:
    body = entry.body
    amount = _money(body)
    used = _receipt_used(ctx, entry, amount, TillPayment, id_name="payment_id")
    if used is not None:
        return used
    approval = check_approval(ctx, entry, body.approval, amount=amount)
    discount = check_discount(body, amount, approval)
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
            accepted=discount.problem is None,
            refusal=discount.problem,
            **discount.columns(),
            **(approval.columns() if body.approval else {}),
        )
    )
    till_feed.record(
        ctx, entry, amount, accepted=discount.problem is None, declined_reason=discount.problem
    )
    result: dict[str, Any] = {"payment_id": entry.key, "accepted": discount.problem is None}
    return result | ({"reason": discount.problem} if discount.problem else {})


def _apply_refund(ctx: ApplyContext, entry: TillEntry) -> dict[str, Any]:
    body = entry.body
    amount = _money(body)
    payment = payment_of_branch(ctx.session, body.links_to, ctx.user.branch)
    if payment.currency != amount.currency.code:
        raise ItemRejected("entry.body.currency: not the payment's currency")
    used = _receipt_used(ctx, entry, amount, TillRefund, id_name="refund_id")
    if used is not None:
        return used
    approval = check_approval(ctx, entry, body.approval, amount=amount)
    accepted = approval.valid and _take_back(
        ctx.session, payment.id, amount.minor, whole=entry.kind == "void"
    )
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
    result: dict[str, Any] = {"refund_id": entry.key, "accepted": accepted}
    if not approval.valid:
        result["reason"] = f"no valid supervisor approval: {approval.problem}"
    elif not accepted:
        result["reason"] = declined_reason(ctx.session, payment, amount)
    till_feed.record(ctx, entry, amount, accepted=accepted, declined_reason=result.get("reason"))
    return result


def _receipt_used(
    ctx: ApplyContext,
    entry: TillEntry,
    amount: Money,
    table: type[TillPayment | TillRefund],
    *,
    id_name: str,
) -> dict[str, Any] | None:
    """A receipt number its register used before: the entry stays in the journal (the chain
    goes on) and in the feed as declined, with no second row under that number."""
    receipt = entry.body.receipt
    if ctx.session.scalar(select(table.id).where(table.receipt_no == receipt)) is None:
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


# --- verification --------------------------------------------------------------------------


def registers(session: Session) -> list[str]:
    heads = set(session.scalars(select(TillRegister.register)))
    stored = set(session.scalars(select(TillJournalEntry.register).distinct()))
    return sorted(heads | stored)


def verify_register(session: Session, register: str) -> ChainReport:
    """Check ``register``'s stored journal against its chain and its stored head."""
    head_row = session.get(TillRegister, register)
    head = (head_row.head_seq, head_row.head_hash) if head_row else None
    return verify_chain(register, _links(session, register), head=head)


def _links(session: Session, register: str) -> Iterator[StoredLink]:
    query = (
        select(
            TillJournalEntry.seq,
            TillJournalEntry.content,
            TillJournalEntry.prev_hash,
            TillJournalEntry.hash,
        )
        .where(TillJournalEntry.register == register)
        .order_by(TillJournalEntry.seq)
        .execution_options(yield_per=VERIFY_BATCH)
    )
    for seq, content, prev_hash, hash_ in session.execute(query):
        yield StoredLink(seq, content, prev_hash, hash_)


def verify_journals(factory: Any, register: str | None = None) -> list[ChainReport]:
    """Reports for ``register`` (or every register); an unknown one is a ValueError."""
    with factory() as session:
        names = registers(session)
        if register is not None:
            if register not in names:
                raise ValueError(f"no till register {register!r} on this server")
            names = [register]
        return [verify_register(session, name) for name in names]
