"""Taking a payment: the sale, its discount (a supervisor's approval over the cashier's
limit) and the tenders that settle it, recorded as one till transaction (``journal``)."""

from __future__ import annotations

from collections.abc import Iterable

from frontdesk.domain.discounts import Discount, allowance, describe, over_limit
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money
from frontdesk.domain.till import (
    EntryKind,
    Purpose,
    Settlement,
    Tender,
    TenderLine,
    TillInputError,
    TillRules,
    check_amount,
    settle,
)
from frontdesk.services.till.commands import RecordPayment
from frontdesk.services.till.errors import ApprovalNeeded, TillRefused
from frontdesk.services.till.journal import Clock, already, new_transaction, now, refuse, shift_of
from frontdesk.services.till.ports import Approval, TillTransaction, TillUnitOfWork


def record_payment(
    uow: TillUnitOfWork, payment: RecordPayment, *, rules: TillRules, clock: Clock = now
) -> TillTransaction:
    """Record ``payment`` once its amounts, discount and tenders pass the till's rules."""
    purpose = _purpose(payment.purpose)
    gross, discount = _priced(payment, purpose=purpose, rules=rules)
    _check_approval(gross, discount, payment.approval, rules)
    settled = settle_tenders(gross - discount.amount if discount else gross, payment.tenders, rules)
    with uow:
        shift = shift_of(uow, payment.register)
        if (existing := already(uow, payment.key)) is not None:
            return existing
        _check_customer(uow, payment.customer_id)
        tx = new_transaction(
            uow, shift, kind=EntryKind.PAYMENT, key=payment.key, settlement=settled,
            customer_id=payment.customer_id, purpose=purpose, cashier=payment.cashier,
            at=clock(), discount=discount, approval=payment.approval, lines=payment.lines,
        )  # fmt: skip
        if payment.settles is not None:
            uow.baskets.delete(payment.settles)
        uow.commit()
    return tx


def paid_amount(payment: RecordPayment, rules: TillRules) -> Money:
    """What ``payment`` takes: the sale less its discount (``TillRefused`` if either is bad)."""
    gross, discount = _priced(payment, purpose=_purpose(payment.purpose), rules=rules)
    return gross - discount.amount if discount else gross


def _check_customer(uow: TillUnitOfWork, customer_id: str | None) -> None:
    if customer_id is not None and uow.local.customer_fields(customer_id) is None:
        raise TillRefused(
            f"customer: no customer {customer_id} in the local cache",
            code="customer_unknown",
            field="customer",
            customer=customer_id,
        )


def _priced(
    payment: RecordPayment, *, purpose: str, rules: TillRules
) -> tuple[Money, Discount | None]:
    """The sale and its discount (None without one); the sale is checked like any amount."""
    try:
        gross = check_amount(payment.amount, rules, field="amount")
        given = payment.discount.on(gross) if payment.discount is not None else None
    except DomainError as error:
        raise refuse(error) from None
    if given is not None and purpose != Purpose.PURCHASE.value:
        raise TillRefused(
            "discount: only a purchase can be discounted, not an account payment",
            code="discount_not_purchase",
            field="discount",
        )
    return gross, given


def _check_approval(
    gross: Money, discount: Discount | None, approval: Approval | None, rules: TillRules
) -> None:
    if discount is None or approval is not None:
        return
    if over_limit(discount, gross, rules.discount_limit):
        most = allowance(gross, rules.discount_limit)
        raise ApprovalNeeded(
            f"discount: {describe(discount)} ({discount.amount}) is over the cashier's limit "
            f"of {rules.discount_limit}% of the sale ({most}); a supervisor must approve it",
            code="discount_over_limit",
            field="discount",
            discount=discount.amount,
            limit=rules.discount_limit,
            most=most,
        )


def settle_tenders(
    due: Money, tenders: Iterable[tuple[Tender | str, Money]], rules: TillRules
) -> Settlement:
    """``due`` settled by ``tenders``: each a tender the till takes, of an amount it takes;
    together they cover ``due``, and only cash is over (see ``domain.till.settle``)."""
    try:
        lines = [_tender_line(tender, money, rules, i) for i, (tender, money) in enumerate(tenders)]
        return settle(due, lines)
    except DomainError as error:
        raise refuse(error) from None


def _tender_line(tender: Tender | str, money: Money, rules: TillRules, index: int) -> TenderLine:
    try:
        tender = Tender(tender)
    except ValueError:
        allowed = ", ".join(t.value for t in Tender)
        raise TillInputError("tender", f"{tender!r} is not one of {allowed}") from None
    field = "tender amount" if index == 0 else f"tender {index + 1} amount"
    return TenderLine(tender, check_amount(money, rules, field=field))


def _purpose(purpose: Purpose | str) -> str:
    try:
        return Purpose(purpose).value
    except ValueError:
        raise TillRefused(
            f"purpose: must be purchase or account, got {purpose!r}",
            code="purpose_unknown",
            field="purpose",
            purpose=purpose,
        ) from None
