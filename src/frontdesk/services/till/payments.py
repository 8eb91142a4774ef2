"""Taking a payment: the sale, its discount (a supervisor's approval over the cashier's
limit) and the tenders that settle it, recorded as one till transaction (``journal``)."""

from __future__ import annotations

from collections.abc import Iterable

from frontdesk.domain.discounts import Discount, allowance, describe, over_limit, parse_discount
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Currency, Money
from frontdesk.domain.till import (
    EntryKind,
    Purpose,
    Settlement,
    Tender,
    TenderLine,
    TillInputError,
    TillRules,
    parse_amount,
    settle,
)
from frontdesk.services.till.errors import ApprovalNeeded, TillRefused
from frontdesk.services.till.journal import Clock, already, new_transaction, now, refuse, shift_of
from frontdesk.services.till.ports import Approval, TillTransaction, TillUnitOfWork


def record_payment(
    uow: TillUnitOfWork,
    *,
    register: str,
    cashier: str,
    amount: str,
    currency: str,
    tenders: Iterable[tuple[str, str]] | None = None,
    tender: str = "cash",
    customer_id: str | None = None,
    purpose: str = Purpose.PURCHASE.value,
    discount: tuple[str, str] | None = None,
    approval: Approval | None = None,
    rules: TillRules,
    key: str | None = None,
    clock: Clock = now,
) -> TillTransaction:
    """Take ``amount``; ``tenders`` splits it (``[("card", "10"), ("cash", "5")]``).

    With one ``tender`` the amount is taken in full by it; cash may be over (change due).
    ``discount`` (``("percent", "10")`` or ``("amount", "2.50")``) takes a line off a
    purchase; the tenders then settle what is left. Over ``rules.discount_limit`` it needs a
    supervisor's ``approval``, which is recorded with the payment.
    A ``key`` given twice records the payment once (the second call returns the first).
    """
    purpose = _purpose(purpose)
    priced = _discounted(amount, currency, discount, purpose=purpose, rules=rules)
    _check_approval(priced, approval, rules)
    due = str((priced[0] - priced[1].amount).amount) if priced[1] else amount
    settled = settlement(due, currency, tenders, tender, rules)
    with uow:
        shift = shift_of(uow, register)
        if (existing := already(uow, key)) is not None:
            return existing
        if customer_id is not None and uow.local.customer_fields(customer_id) is None:
            raise TillRefused(
                f"customer: no customer {customer_id} in the local cache",
                code="customer_unknown",
                field="customer",
                customer=customer_id,
            )
        tx = new_transaction(
            uow,
            shift,
            kind=EntryKind.PAYMENT,
            key=key,
            settlement=settled,
            customer_id=customer_id,
            purpose=purpose,
            cashier=cashier,
            at=clock(),
            discount=priced[1],
            approval=approval,
        )
        uow.commit()
    return tx


def _discounted(
    amount: str, currency: str, discount: tuple[str, str] | None, *, purpose: str, rules: TillRules
) -> tuple[Money, Discount | None]:
    """The sale and its discount (None without one); the sale is checked like any amount."""
    try:
        gross = parse_amount(amount, rules.currency(currency), field="amount", rules=rules)
        if discount is None:
            return gross, None
        kind, value = discount
        given = parse_discount(value, kind, gross)
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
    priced: tuple[Money, Discount | None], approval: Approval | None, rules: TillRules
) -> None:
    gross, discount = priced
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


def settlement(
    amount: str,
    currency: str,
    tenders: Iterable[tuple[str, str]] | None,
    tender: str,
    rules: TillRules,
) -> Settlement:
    try:
        cur = rules.currency(currency)
        due = parse_amount(amount, cur, field="amount", rules=rules)
        given = list(tenders) if tenders is not None else [(tender, amount)]
        lines = [_tender_line(name, value, cur, rules, i) for i, (name, value) in enumerate(given)]
        return settle(due, lines)
    except DomainError as error:
        raise refuse(error) from None


def _tender_line(name: str, value: str, cur: Currency, rules: TillRules, index: int) -> TenderLine:
    try:
        tender = Tender(name)
    except ValueError:
        allowed = ", ".join(t.value for t in Tender)
        raise TillInputError("tender", f"{name!r} is not one of {allowed}") from None
    field = "tender amount" if index == 0 else f"tender {index + 1} amount"
    return TenderLine(tender, parse_amount(value, cur, field=field, rules=rules))


def _purpose(purpose: str) -> str:
    try:
        return Purpose(purpose).value
    except ValueError:
        raise TillRefused(
            f"purpose: must be purchase or account, got {purpose!r}",
            code="purpose_unknown",
            field="purpose",
            purpose=purpose,
        ) from None
