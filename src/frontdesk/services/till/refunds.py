"""Refunds and voids: new transactions linked to their payment, never a change to it.

A refund pays back part or all of a payment, at most what is left of it (see
``services.till.branch``: this till's refunds and the branch's accepted ones, as pulled);
a void cancels a whole payment nothing was paid back of. Both need a supervisor's approval
and are written like any till transaction (``services.till.journal``).
"""

from __future__ import annotations

from frontdesk.domain.till import EntryKind, Settlement, TillRules
from frontdesk.services.till import branch
from frontdesk.services.till.errors import TillRefused
from frontdesk.services.till.journal import Clock, already, new_transaction, now, shift_of
from frontdesk.services.till.payments import settlement as settled_by
from frontdesk.services.till.ports import Approval, TillTransaction, TillUnitOfWork


def refund(
    uow: TillUnitOfWork,
    *,
    payment: str,
    amount: str,
    approval: Approval,
    cashier: str,
    tender: str = "cash",
    reason: str = "",
    rules: TillRules,
    key: str | None = None,
    register: str | None = None,
    clock: Clock = now,
) -> TillTransaction:
    """Pay back part or all of ``payment`` (its id or receipt number), at most what is left.

    ``key`` makes a retried or double-clicked refund happen once. ``register`` is the till
    paying back (by default the payment's own); another till of the branch can refund a
    payment it has pulled (see ``services.till.branch``).
    """
    with uow:
        if (existing := already(uow, key)) is not None:
            return existing
        original = _payment(uow, payment)
        shift = shift_of(uow, register or original.register)
        settlement = settled_by(amount, original.amount.currency.code, None, tender, rules)
        left = branch.refundable(uow, original)
        if settlement.due > left:
            raise TillRefused(
                f"amount: only {left} of {original.receipt_no} is left to refund",
                code="over_refund",
                field="amount",
                left=left,
                receipt=original.receipt_no,
            )
        tx = new_transaction(
            uow, shift, kind=EntryKind.REFUND, key=key, settlement=settlement,
            customer_id=original.customer_id, purpose=original.purpose, cashier=cashier,
            at=clock(), links_to=original.id, reason=reason, approval=approval,
        )  # fmt: skip
        uow.commit()
    return tx


def void(
    uow: TillUnitOfWork,
    *,
    payment: str,
    approval: Approval,
    cashier: str,
    reason: str = "",
    key: str | None = None,
    register: str | None = None,
    clock: Clock = now,
) -> TillTransaction:
    """Cancel a whole payment that nothing was refunded of; the void gets its own number."""
    with uow:
        if (existing := already(uow, key)) is not None:
            return existing
        original = _payment(uow, payment)
        shift = shift_of(uow, register or original.register)
        if branch.paid_back(uow, original):
            raise TillRefused(
                f"payment: {original.receipt_no} was already refunded or voided",
                code="already_paid_back",
                field="payment",
                receipt=original.receipt_no,
            )
        settlement = Settlement(original.amount, original.tenders, original.change)
        tx = new_transaction(
            uow, shift, kind=EntryKind.VOID, key=key, settlement=settlement,
            customer_id=original.customer_id, purpose=original.purpose, cashier=cashier,
            at=clock(), links_to=original.id, reason=reason, approval=approval,
        )  # fmt: skip
        uow.commit()
    return tx


def _payment(uow: TillUnitOfWork, payment: str) -> TillTransaction:
    tx = branch.find_payment(uow, payment)
    if tx is None:
        raise TillRefused(
            f"payment: no payment {payment!r} at this till or its branch",
            code="payment_unknown",
            field="payment",
            payment=payment,
        )
    return tx
