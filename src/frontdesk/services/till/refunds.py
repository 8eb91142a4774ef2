"""Refunds and voids: new transactions linked to their payment, never a change to it.

A refund pays back part or all of a payment, at most what is left of it (see
``services.till.branch``: this till's refunds and the branch's accepted ones, as pulled);
a void cancels a whole payment nothing was paid back of. Both need a supervisor's approval
and are written like any till transaction (``services.till.journal``).
"""

from __future__ import annotations

from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money
from frontdesk.domain.till import EntryKind, Settlement, TillRules, check_amount
from frontdesk.services.till import branch, returns
from frontdesk.services.till.commands import Refund, Void
from frontdesk.services.till.errors import ApprovalRefused, TillRefused
from frontdesk.services.till.journal import Clock, already, new_transaction, now, refuse, shift_of
from frontdesk.services.till.payments import settle_tenders
from frontdesk.services.till.ports import ReturnLine, TillTransaction, TillUnitOfWork


def refund(
    uow: TillUnitOfWork, asked: Refund, *, rules: TillRules, clock: Clock = now
) -> TillTransaction:
    """Pay back part or all of a payment, at most what is left of it.

    ``asked.key`` makes a retried or double-clicked refund happen once. Another till of the
    branch can refund a payment it has pulled (see ``services.till.branch``).
    """
    with uow:
        if (existing := already(uow, asked.key)) is not None:
            return existing
        _check_approved(asked)
        original = _payment(uow, asked.payment)
        shift = shift_of(uow, asked.register or original.register)
        settlement = _paid_back_by(asked, original, rules)
        returned = _returned(uow, asked, original, settlement.due)
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
            uow, shift, kind=EntryKind.REFUND, key=asked.key, settlement=settlement,
            customer_id=original.customer_id, purpose=original.purpose, cashier=asked.cashier,
            at=clock(), links_to=original.id, reason=asked.reason, approval=asked.approval,
            returned=returned,
        )  # fmt: skip
        uow.commit()
    return tx


def _returned(
    uow: TillUnitOfWork, asked: Refund, original: TillTransaction, amount: Money
) -> tuple[ReturnLine, ...]:
    """The lines coming back, priced again here: what they pay back must be ``amount``."""
    if not asked.lines:
        return ()
    returned = returns.priced_returns(uow, original, asked.lines)
    back = returns.returns_total(returned, amount.currency.code)
    if back != amount:
        raise TillRefused(
            f"amount: the lines pay back {back}, not {amount}",
            code="refund_amount_mismatch", field="amount", lines=back, amount=amount,
        )  # fmt: skip
    return returned


def _paid_back_by(asked: Refund, original: TillTransaction, rules: TillRules) -> Settlement:
    paid_in = original.amount.currency
    if asked.amount.currency != paid_in:
        raise TillRefused(
            f"amount: {asked.amount.currency.code} is not accepted here (only {paid_in.code})",
            code="currency_not_accepted", field="amount", currency=asked.amount.currency.code,
            allowed=paid_in.code,
        )  # fmt: skip
    try:
        amount = check_amount(asked.amount, rules, field="amount")
    except DomainError as error:
        raise refuse(error) from None
    return settle_tenders(amount, [(asked.tender, amount)], rules)


def void(uow: TillUnitOfWork, asked: Void, *, clock: Clock = now) -> TillTransaction:
    """Cancel a whole payment that nothing was refunded of; the void gets its own number."""
    with uow:
        if (existing := already(uow, asked.key)) is not None:
            return existing
        _check_approved(asked)
        original = _payment(uow, asked.payment)
        shift = shift_of(uow, asked.register or original.register)
        if branch.paid_back(uow, original):
            raise TillRefused(
                f"payment: {original.receipt_no} was already refunded or voided",
                code="already_paid_back",
                field="payment",
                receipt=original.receipt_no,
            )
        settlement = Settlement(original.amount, original.tenders, original.change)
        tx = new_transaction(
            uow, shift, kind=EntryKind.VOID, key=asked.key, settlement=settlement,
            customer_id=original.customer_id, purpose=original.purpose, cashier=asked.cashier,
            at=clock(), links_to=original.id, reason=asked.reason, approval=asked.approval,
        )  # fmt: skip
        uow.commit()
    return tx


def _check_approved(asked: Refund | Void) -> None:
    if asked.approval is None:
        raise ApprovalRefused(
            "supervisor: a refund or void needs a supervisor's approval",
            code="approval_missing", field="supervisor",
        )  # fmt: skip


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
