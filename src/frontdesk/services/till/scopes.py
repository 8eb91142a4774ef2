"""What a supervisor's approval of each till command is for (``ApprovalScope``).

The server binds the approval it issues to one journal entry: the register, the entry's
kind, its key and the amount it records (a payment's is what was paid, after the discount;
a void's is its payment's). So a command's key is fixed before the approval is asked
(``with_key``), and the entry is then written under that key.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import TypeVar

from frontdesk.domain.till import EntryKind, TillRules, check_register
from frontdesk.services.till import branch
from frontdesk.services.till.commands import CloseShift, RecordPayment, Refund, Void
from frontdesk.services.till.errors import TillRefused
from frontdesk.services.till.payments import paid_amount
from frontdesk.services.till.ports import ApprovalScope, TillTransaction, TillUnitOfWork

Keyed = TypeVar("Keyed", RecordPayment, Refund, Void, CloseShift)


def with_key(command: Keyed) -> Keyed:
    """``command`` with its entry key fixed: its own (as the entry will store it), else new."""
    key = command.key
    try:
        fixed = str(uuid.UUID(key)) if key else str(uuid.uuid4())
    except ValueError:
        raise TillRefused(
            f"key: must be a UUID, got {key!r}", code="key_not_uuid", field="key", key=key
        ) from None
    return replace(command, key=fixed)


def payment_scope(payment: RecordPayment, rules: TillRules) -> ApprovalScope:
    assert payment.key is not None  # with_key first
    amount = paid_amount(payment, rules)
    return ApprovalScope(check_register(payment.register), EntryKind.PAYMENT.value, payment.key,
                         amount)  # fmt: skip


def refund_scope(uow: TillUnitOfWork, asked: Refund) -> ApprovalScope:
    assert asked.key is not None
    register = asked.register or _payment(uow, asked.payment).register
    return ApprovalScope(check_register(register), EntryKind.REFUND.value, asked.key,
                         asked.amount)  # fmt: skip


def void_scope(uow: TillUnitOfWork, asked: Void) -> ApprovalScope:
    assert asked.key is not None
    original = _payment(uow, asked.payment)
    return ApprovalScope(check_register(asked.register or original.register),
                         EntryKind.VOID.value, asked.key, original.amount)  # fmt: skip


def close_scope(closing: CloseShift) -> ApprovalScope:
    assert closing.key is not None
    return ApprovalScope(check_register(closing.register), EntryKind.SHIFT_CLOSE.value,
                         closing.key, None)  # fmt: skip


def _payment(uow: TillUnitOfWork, payment: str) -> TillTransaction:
    with uow:
        found = branch.find_payment(uow, payment)
    if found is None:
        raise TillRefused(
            f"payment: no payment {payment!r} at this till or its branch",
            code="payment_unknown",
            field="payment",
            payment=payment,
        )
    return found
