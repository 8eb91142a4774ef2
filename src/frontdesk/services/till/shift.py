"""The till's shift: opening it with a float, its reports, closing it, receipt reprints.

An X-report is the open shift's totals, from its journal; closing counts the drawer, works
out over/short and writes the Z-report as the shift's last journal entry (see
``services.till.journal`` for the one-transaction rule every till write keeps).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money
from frontdesk.domain.till import (
    CashCount,
    EntryKind,
    TillInputError,
    TillRules,
    check_amount,
    check_register,
)
from frontdesk.domain.till_totals import ShiftTotals, over_short, shift_totals
from frontdesk.services.till.commands import CloseShift, OpenShift
from frontdesk.services.till.errors import TillRefused, UnsyncedShift
from frontdesk.services.till.journal import Clock, journal, now, refuse, shift_of
from frontdesk.services.till.ports import Approval, ShiftRecord, TillTransaction, TillUnitOfWork


def open_shift(
    uow: TillUnitOfWork, opening: OpenShift, *, rules: TillRules, clock: Clock = now
) -> ShiftRecord:
    """Open the register's shift with its float, in the till's first currency."""
    register, float_ = _checked(opening, rules)
    shift = ShiftRecord(str(uuid.uuid4()), register, opening.cashier, float_, clock())
    with uow:
        if uow.till.open_shift(register) is not None:
            raise TillRefused(
                f"register {register} already has an open shift; close it first",
                code="shift_already_open",
                register=register,
            )
        uow.till.add_shift(shift)
        body = {
            "cashier": opening.cashier,
            "currency": float_.currency.code,
            "float": str(float_.amount),
        }
        journal(uow, shift, kind=EntryKind.SHIFT_OPEN, key=shift.id, body=body, at=shift.opened_at)
        uow.commit()
    return shift


def _checked(opening: OpenShift, rules: TillRules) -> tuple[str, Money]:
    try:
        register = check_register(opening.register)
        if opening.opening_float.currency != rules.base:
            raise TillInputError(
                "float", f"{opening.opening_float.currency} is not accepted here "
                f"(only {rules.base})", code="currency_not_accepted",
                currency=opening.opening_float.currency.code, allowed=rules.base.code,
            )  # fmt: skip
        return register, check_amount(opening.opening_float, rules, field="float", allow_zero=True)
    except DomainError as error:
        raise refuse(error) from None


def shift_report(uow: TillUnitOfWork, *, register: str, shift_id: str | None = None) -> ShiftTotals:
    """The X-report of the open shift (or the Z-report of ``shift_id``), from its journal."""
    with uow:
        shift = uow.till.shift(shift_id) if shift_id else _current_or_last(uow, register)
        if shift is None:
            raise TillRefused(
                f"register {register} has no shift yet", code="no_shift", register=register
            )
        entries = uow.till.entries(shift_id=shift.id)
    return shift_totals(shift.opening_float, [(e.kind, e.body) for e in entries])


def _current_or_last(uow: TillUnitOfWork, register: str) -> ShiftRecord | None:
    register = check_register(register)
    return uow.till.open_shift(register) or uow.till.last_shift(register)


def close_shift(
    uow: TillUnitOfWork, closing: CloseShift, *, clock: Clock = now
) -> tuple[ShiftRecord, ShiftTotals]:
    """Count the drawer, work out over/short, write the Z-report and close the shift.

    With unsynced transactions the shift stays open unless a supervisor ``approval`` is
    given; the override is recorded in the closing entry.
    """
    approval = closing.approval
    with uow:
        shift = shift_of(uow, closing.register)
        cash = _counted(closing.counted, shift)
        waiting = uow.till.unsynced(shift_id=shift.id)
        if waiting and approval is None:
            raise UnsyncedShift(
                f"{waiting} transactions of this shift are not synced yet; sync first, "
                "or a supervisor must approve closing anyway",
                code="unsynced",
                count=waiting,
            )
        entries = uow.till.entries(shift_id=shift.id)
        totals = shift_totals(shift.opening_float, [(e.kind, e.body) for e in entries])
        closed = _closed(shift, cash, totals, approval if waiting else None, clock())
        uow.till.close_shift(closed)
        counted = closing.counted.denominations
        journal(
            uow, shift, kind=EntryKind.SHIFT_CLOSE, key=closing.key or str(uuid.uuid4()),
            body=_close_body(closed, totals, counted, approval, waiting), at=closed.closed_at,
        )  # fmt: skip
        uow.commit()
    return closed, totals


def _counted(count: CashCount, shift: ShiftRecord) -> Money:
    currency = shift.opening_float.currency
    try:
        if count.currency != currency:
            raise TillInputError(
                "counted", f"the shift is in {currency}, not {count.currency}",
                code="currency_not_accepted", currency=count.currency.code,
                allowed=currency.code,
            )  # fmt: skip
        return count.total
    except DomainError as error:
        raise refuse(error) from None


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
            raise TillRefused(
                f"receipt: no receipt {receipt!r} at this till",
                code="receipt_not_here",
                field="receipt",
                receipt=receipt,
            )
        before = uow.till.count_copy(tx.id)
        uow.commit()
    return tx, before > 0
