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
    ShiftTotals,
    Tender,
    TenderLine,
    TillInputError,
    TillRules,
    check_register,
    count_cash,
    next_entry,
    over_short,
    parse_amount,
    receipt_number,
    settle,
    shift_totals,
)
from frontdesk.services import till_branch
from frontdesk.services.errors import FrontdeskError
from frontdesk.services.till_ports import (
    Approval,
    RegisterCounters,
    ShiftRecord,
    TillTransaction,
    TillUnitOfWork,
)

Clock = Callable[[], datetime]
OUTBOX_KIND = {kind: f"till.{kind.value}" for kind in EntryKind}


class TillRefused(FrontdeskError):
    """The till cannot do this (bad input, no open shift, nothing left to refund...)."""


class ApprovalRefused(TillRefused):
    """The supervisor's sign-in failed or the supervisor may not approve."""


class ApprovalNeeded(TillRefused):
    """The payment's discount is over the cashier's limit and no supervisor approved it."""


class UnsyncedShift(TillRefused):
    """The shift has transactions the server has not acknowledged yet."""


def _now() -> datetime:
    return datetime.now(UTC)


def _refuse(error: DomainError) -> TillRefused:
    return TillRefused(str(error))


def open_shift(
    uow: TillUnitOfWork,
    *,
    register: str,
    cashier: str,
    opening_float: str,
    rules: TillRules,
    clock: Clock = _now,
) -> ShiftRecord:
    try:
        register = check_register(register)
        float_ = parse_amount(
            opening_float, rules.base, field="float", rules=rules, allow_zero=True
        )
    except DomainError as error:
        raise _refuse(error) from None
    shift = ShiftRecord(str(uuid.uuid4()), register, cashier, float_, clock())
    with uow:
        if uow.till.open_shift(register) is not None:
            raise TillRefused(f"register {register} already has an open shift; close it first")
        uow.till.add_shift(shift)
        body = {"cashier": cashier, "currency": float_.currency.code, "float": str(float_.amount)}
        _journal(uow, shift, kind=EntryKind.SHIFT_OPEN, key=shift.id, body=body, at=shift.opened_at)
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
    clock: Clock = _now,
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
    settlement = _settlement(due, currency, tenders, tender, rules)
    with uow:
        shift = _open_shift(uow, register)
        if (existing := _already(uow, key)) is not None:
            return existing
        if customer_id is not None and uow.local.customer_fields(customer_id) is None:
            raise TillRefused(f"customer: no customer {customer_id} in the local cache")
        tx = _new_tx(
            uow,
            shift,
            kind=EntryKind.PAYMENT,
            key=key,
            settlement=settlement,
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
        raise _refuse(error) from None
    if given is not None and purpose != Purpose.PURCHASE.value:
        raise TillRefused("discount: only a purchase can be discounted, not an account payment")
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
            f"of {rules.discount_limit}% of the sale ({most}); a supervisor must approve it"
        )


def _settlement(
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
        raise _refuse(error) from None


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
        raise TillRefused(f"purpose: must be purchase or account, got {purpose!r}") from None


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
    clock: Clock = _now,
) -> TillTransaction:
    """Pay back part or all of ``payment`` (its id or receipt number), at most what is left.

    ``key`` makes a retried or double-clicked refund happen once. ``register`` is the till
    paying back (by default the payment's own); another till of the branch can refund a
    payment it has pulled (see ``services.till_branch``).
    """
    with uow:
        if (existing := _already(uow, key)) is not None:
            return existing
        original = _payment(uow, payment)
        shift = _open_shift(uow, register or original.register)
        settlement = _settlement(amount, original.amount.currency.code, None, tender, rules)
        left = refundable(uow, original)
        if settlement.due > left:
            raise TillRefused(f"amount: only {left} of {original.receipt_no} is left to refund")
        tx = _new_tx(
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
    clock: Clock = _now,
) -> TillTransaction:
    """Cancel a whole payment that nothing was refunded of; the void gets its own number."""
    with uow:
        if (existing := _already(uow, key)) is not None:
            return existing
        original = _payment(uow, payment)
        shift = _open_shift(uow, register or original.register)
        if till_branch.paid_back(uow, original):
            raise TillRefused(f"payment: {original.receipt_no} was already refunded or voided")
        settlement = Settlement(original.amount, original.tenders, original.change)
        tx = _new_tx(
            uow, shift, kind=EntryKind.VOID, key=key, settlement=settlement,
            customer_id=original.customer_id, purpose=original.purpose, cashier=cashier,
            at=clock(), links_to=original.id, reason=reason, approval=approval,
        )  # fmt: skip
        uow.commit()
    return tx


def refundable(uow: TillUnitOfWork, payment: TillTransaction) -> Money:
    """What is left to refund of ``payment``: its amount less its refunds (nothing if voided)."""
    left = payment.amount
    for tx in till_branch.paid_back(uow, payment):
        left = left - (payment.amount if tx.kind == EntryKind.VOID else tx.amount)
    # Below zero only when two tills refunded at once and the server declined one.
    return max(left, Money.zero(left.currency))


def _payment(uow: TillUnitOfWork, payment: str) -> TillTransaction:
    tx = till_branch.find_payment(uow, payment)
    if tx is None:
        raise TillRefused(f"payment: no payment {payment!r} at this till or its branch")
    return tx


def _already(uow: TillUnitOfWork, key: str | None) -> TillTransaction | None:
    if key is None:
        return None
    try:
        key = str(uuid.UUID(key))
    except ValueError:
        raise TillRefused(f"key: must be a UUID, got {key!r}") from None
    return uow.till.transaction(key)


def _open_shift(uow: TillUnitOfWork, register: str) -> ShiftRecord:
    shift = uow.till.open_shift(check_register(register))
    if shift is None:
        raise TillRefused(f"register {register} has no open shift; open one first")
    return shift


def _new_tx(
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
    _journal(uow, shift, kind=kind, key=tx.id, body=body, at=at)
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


def _journal(
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


def shift_report(uow: TillUnitOfWork, *, register: str, shift_id: str | None = None) -> ShiftTotals:
    """The X-report of the open shift (or the Z-report of ``shift_id``), from its journal."""
    with uow:
        shift = uow.till.shift(shift_id) if shift_id else _current_or_last(uow, register)
        if shift is None:
            raise TillRefused(f"register {register} has no shift yet")
        entries = uow.till.entries(shift_id=shift.id)
    return shift_totals(shift.opening_float, [(e.kind, e.body) for e in entries])


def _current_or_last(uow: TillUnitOfWork, register: str) -> ShiftRecord | None:
    register = check_register(register)
    return uow.till.open_shift(register) or uow.till.last_shift(register)


def close_shift(
    uow: TillUnitOfWork,
    *,
    register: str,
    counted: dict[str, int],
    approval: Approval | None = None,
    clock: Clock = _now,
) -> tuple[ShiftRecord, ShiftTotals]:
    """Count the drawer, work out over/short, write the Z-report and close the shift.

    With unsynced transactions the shift stays open unless a supervisor ``approval`` is
    given; the override is recorded in the closing entry.
    """
    with uow:
        shift = _open_shift(uow, register)
        try:
            cash = count_cash(counted, shift.opening_float.currency)
        except DomainError as error:
            raise _refuse(error) from None
        waiting = uow.till.unsynced(shift_id=shift.id)
        if waiting and approval is None:
            raise UnsyncedShift(
                f"{waiting} transactions of this shift are not synced yet; sync first, "
                "or a supervisor must approve closing anyway"
            )
        entries = uow.till.entries(shift_id=shift.id)
        totals = shift_totals(shift.opening_float, [(e.kind, e.body) for e in entries])
        closed = _closed(shift, cash, totals, approval if waiting else None, clock())
        uow.till.close_shift(closed)
        _journal(
            uow, shift, kind=EntryKind.SHIFT_CLOSE, key=str(uuid.uuid4()),
            body=_close_body(closed, totals, counted, approval, waiting), at=closed.closed_at,
        )  # fmt: skip
        uow.commit()
    return closed, totals


def _closed(
    shift: ShiftRecord, cash: Money, totals: ShiftTotals, approval: Approval | None, at: datetime
) -> ShiftRecord:
    return ShiftRecord(
        shift.id, shift.register, shift.cashier, shift.opening_float, shift.opened_at,
        closed_at=at, counted=cash, over_short=over_short(cash, totals),
        override_by=approval.supervisor if approval else None,
    )  # fmt: skip


def _close_body(
    shift: ShiftRecord,
    totals: ShiftTotals,
    counted: dict[str, int],
    approval: Approval | None,
    waiting: int,
) -> dict[str, Any]:
    assert shift.counted is not None and shift.over_short is not None
    body: dict[str, Any] = {
        "shift_id": shift.id,
        "currency": totals.currency.code,
        "counted": str(shift.counted.amount),
        "denominations": {str(k): int(v) for k, v in counted.items()},
        "expected_cash": str(totals.expected_cash.amount),
        "over_short": str(shift.over_short.amount),
        "net": str(totals.net.amount),
        "unsynced_at_close": waiting,
    }
    if approval is not None and waiting:
        body["override"] = approval.as_json()
    return body


def reprint(uow: TillUnitOfWork, *, receipt: str) -> tuple[TillTransaction, bool]:
    """The transaction to print and whether this print is a COPY (printed before)."""
    with uow:
        tx = uow.till.transaction(receipt)
        if tx is None:
            raise TillRefused(f"receipt: no receipt {receipt!r} at this till")
        before = uow.till.count_copy(tx.id)
        uow.commit()
    return tx, before > 0
