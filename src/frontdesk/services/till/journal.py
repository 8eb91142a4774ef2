"""How every till record is written: its journal entry, the register's counters, the outbox.

Each till use case (``services.till``: open a shift, take payments, refund, void, close)
commits its record, its journal entry, the register's counters and one outbox item (kind
``till.<kind>``, payload ``{"entry": <journal entry>}``, key = the record's id) in one
transaction, so a receipt number is used exactly once even if the desk dies half-way.
Nothing recorded is ever changed: a refund or a void is a new transaction linked to its
payment. Bad input raises ``TillRefused`` naming the field; nothing is recorded then.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pydantic

from frontdesk.domain.errors import DomainError
from frontdesk.domain.till import (
    EntryKind,
    JournalEntry,
    Settlement,
    check_register,
    next_entry,
    receipt_number,
)
from frontdesk.protocol import till as till_wire
from frontdesk.services.till.errors import TillRefused
from frontdesk.services.till.ports import (
    Approval,
    RegisterCounters,
    ReturnLine,
    SaleLine,
    ShiftRecord,
    TillTransaction,
    TillUnitOfWork,
)

Clock = Callable[[], datetime]


def now() -> datetime:
    return datetime.now(UTC)


def refuse(error: DomainError) -> TillRefused:
    field = getattr(error, "field", "")
    return TillRefused(str(error), code=error.code, field=field, **error.params)


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
    # Likewise only a basket sale, or a refund of lines, carries ``lines``.
    body |= {"discount": tx.discount.as_json(tx.gross)} if tx.discount else {}
    body |= {"lines": [sale_line_json(line) for line in tx.lines]} if tx.lines else {}
    return body | ({"lines": [return_line_json(r) for r in tx.returned]} if tx.returned else {})


def decimal_text(value: Decimal) -> str:
    """A quantity or unit price as wire text: plain digits, no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def sale_line_json(line: SaleLine) -> dict[str, Any]:
    """A basket line as ``protocol.till.SaleLineWire`` carries it."""
    return {
        "line_no": line.line_no,
        "sku": line.sku,
        "description": line.description,
        "unit": line.unit,
        "quantity": decimal_text(line.quantity),
        "unit_price": decimal_text(line.unit_price.amount),
        "discount": str(line.discount.amount),
        "net": str(line.net.amount),
    }


def return_line_json(line: ReturnLine) -> dict[str, Any]:
    return {"line_no": line.line_no, "sku": line.sku, "quantity": decimal_text(line.quantity),
            "amount": str(line.amount.amount)}  # fmt: skip


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
    uow.outbox.add(_checked_write(kind, entry), key=key)
    return entry


def _checked_write(kind: EntryKind, entry: JournalEntry) -> till_wire.TillWrite:
    """The entry as its wire model: a desk never queues what the server would refuse
    (a reason longer than the wire allows, typed at the command line, say)."""
    try:
        return till_wire.PAYLOADS[kind.value].model_validate({"entry": entry.as_wire()})
    except pydantic.ValidationError as error:
        problem = error.errors(include_url=False)[0]
        where = ".".join(str(p) for p in problem["loc"][2:]) or "entry"
        raise TillRefused(f"{where}: {problem['msg']}") from None
