"""Till use cases: open a shift, take payments, refund, void, report, close. All work offline.

Each use case commits its record, its journal entry, the register's counters and one outbox
item (kind ``till.<kind>``, payload ``{"entry": <journal entry>}``, key = the record's id)
in one transaction, so a receipt number is used exactly once even if the desk dies half-way.
Nothing recorded is ever changed: a refund or a void is a new transaction linked to its
payment. Bad input raises ``TillRefused`` naming the field; nothing is recorded then.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from frontdesk.domain.discounts import Discount, allowance, describe, over_limit, parse_discount
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Currency, Money
from frontdesk.domain.till import (
    EntryKind,
    JournalEntry,
    Purpose,
    Settlement,
    Tender,
    TenderLine,
    TillInputError,
    TillRules,
    check_register,
    next_entry,
    parse_amount,
    receipt_number,
    settle,
)
from frontdesk.services.till_branch import refundable as refundable
from frontdesk.services.till_errors import ApprovalNeeded, TillRefused
from frontdesk.services.till_errors import ApprovalRefused as ApprovalRefused
from frontdesk.services.till_errors import UnsyncedShift as UnsyncedShift
from frontdesk.services.till_ports import (
    Approval,
    RegisterCounters,
    ShiftRecord,
    TillTransaction,
    TillUnitOfWork,
)

Clock = Callable[[], datetime]
OUTBOX_KIND = {kind: f"till.{kind.value}" for kind in EntryKind}


def now() -> datetime:
    return datetime.now(UTC)


def refuse(error: DomainError) -> TillRefused:
    field = getattr(error, "field", "")
    return TillRefused(str(error), code=error.code, field=field, **error.params)


def open_shift(
    uow: TillUnitOfWork,
    *,
    register: str,
    cashier: str,
    opening_float: str,
    rules: TillRules,
    clock: Clock = now,
) -> ShiftRecord:
    try:
        register = check_register(register)
        float_ = parse_amount(
            opening_float, rules.base, field="float", rules=rules, allow_zero=True
        )
    except DomainError as error:
        raise refuse(error) from None
    shift = ShiftRecord(str(uuid.uuid4()), register, cashier, float_, clock())
    with uow:
        if uow.till.open_shift(register) is not None:
            raise TillRefused(
                f"register {register} already has an open shift; close it first",
                code="shift_already_open",
                register=register,
            )
        uow.till.add_shift(shift)
        body = {"cashier": cashier, "currency": float_.currency.code, "float": str(float_.amount)}
        journal(uow, shift, kind=EntryKind.SHIFT_OPEN, key=shift.id, body=body, at=shift.opened_at)
        uow.commit()
    return shift


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


def already(uow: TillUnitOfWork, key: str | None) -> TillTransaction | None:
    if key is None:
        return None
    try:
        key = str(uuid.UUID(key))
    except ValueError:
        raise TillRefused(
            f"key: must be a UUID, got {key!r}", code="key_not_uuid", field="key", key=key
        ) from None
    return uow.till.transaction(key)


def shift_of(uow: TillUnitOfWork, register: str) -> ShiftRecord:
    shift = uow.till.open_shift(check_register(register))
    if shift is None:
        raise TillRefused(
            f"register {register} has no open shift; open one first",
            code="no_open_shift",
            register=register,
        )
    return shift


def new_transaction(
    uow: TillUnitOfWork,
    shift: ShiftRecord,
    *,
    kind: EntryKind,
    key: str | None,
    settlement: Settlement,
    cashier: str,
    at: datetime,
    approval: Approval | None = None,
    **extra: Any,
) -> TillTransaction:
    counters = uow.till.counters(shift.register)
    receipt_seq = counters.receipt_seq + 1
    tx = TillTransaction(
        id=str(uuid.UUID(key)) if key else str(uuid.uuid4()),
        kind=kind.value,
        register=shift.register,
        receipt_no=receipt_number(shift.register, receipt_seq),
        shift_id=shift.id,
        amount=settlement.due,
        tenders=settlement.lines,
        change=settlement.change,
        occurred_at=at,
        cashier=cashier,
        approved_by=approval.supervisor if approval else None,
        approval=approval,
        **extra,
    )
    uow.till.add_transaction(tx)
    uow.till.save_counters(_with_receipt(counters, receipt_seq))
    body = transaction_body(tx) | ({"approval": approval.as_json()} if approval else {})
    journal(uow, shift, kind=kind, key=tx.id, body=body, at=at)
    return tx


def _with_receipt(counters: RegisterCounters, receipt_seq: int) -> RegisterCounters:
    return RegisterCounters(
        counters.register, receipt_seq, counters.journal_seq, counters.head_hash
    )


def transaction_body(tx: TillTransaction) -> dict[str, Any]:
    """A transaction as its journal entry (and the server) carries it."""
    body = {
        "shift_id": tx.shift_id,
        "receipt": tx.receipt_no,
        "cashier": tx.cashier,
        "customer_id": tx.customer_id,
        "purpose": tx.purpose,
        "currency": tx.amount.currency.code,
        "amount": str(tx.amount.amount),
        "tenders": [{"tender": t.tender.value, "amount": str(t.amount.amount)} for t in tx.tenders],
        "change": str(tx.change.amount),
        "links_to": tx.links_to,
        "reason": tx.reason,
    }
    # Only a discounted payment carries the key: earlier entries hash exactly as before.
    return body | ({"discount": tx.discount.as_json(tx.gross)} if tx.discount else {})


def journal(
    uow: TillUnitOfWork,
    shift: ShiftRecord,
    *,
    kind: EntryKind,
    key: str,
    body: dict[str, Any],
    at: datetime,
) -> JournalEntry:
    counters = uow.till.counters(shift.register)
    head = (counters.journal_seq, counters.head_hash) if counters.head_hash else None
    entry = next_entry(
        register=shift.register, head=head, kind=kind.value, key=key, at=at.isoformat(), body=body
    )
    uow.till.add_entry(entry, shift_id=shift.id)
    uow.till.save_counters(
        RegisterCounters(shift.register, counters.receipt_seq, entry.seq, entry.hash)
    )
    uow.outbox.add(kind=OUTBOX_KIND[kind], payload={"entry": entry.as_wire()}, key=key)
    return entry
