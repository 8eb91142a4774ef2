"""Refunds and voids across the tills of a branch, from what this desk has pulled.

A payment taken at till A can be refunded at till B once B has pulled it: B finds it in
the pulled feed, and caps the refund by what the feed and B's own records say was paid
back already. Refunds the server declined paid nothing back as far as the server is
concerned, so they do not count; this till's own refunds always count (the cash left its
drawer, whatever the server said). The server's conditional update is the final check
when two tills refund at once (see ``server/till/journal.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money
from frontdesk.domain.till import EntryKind, receipt_register
from frontdesk.services.till.errors import TillRefused
from frontdesk.services.till.ports import TillTransaction, TillUnitOfWork


def find_payment(uow: TillUnitOfWork, payment: str) -> TillTransaction | None:
    """This till's payment, or a pulled one of another till, by id or receipt number."""
    tx = uow.till.transaction(payment)
    if tx is None:
        pulled = uow.till.pulled(payment)
        tx = pulled.tx if pulled is not None else None
    return tx if tx is not None and tx.kind == EntryKind.PAYMENT else None


def find_receipt(uow: TillUnitOfWork, number: str) -> TillTransaction | None:
    """The payment, refund or void with this receipt number: this till's, or another till's
    of the branch as pulled (two point reads)."""
    with uow:
        own = uow.till.transaction(number)
        pulled = None if own is not None else uow.till.pulled(number)
    return own or (pulled.tx if pulled is not None else None)


def paid_back(uow: TillUnitOfWork, payment: TillTransaction) -> list[TillTransaction]:
    """The refunds and voids of ``payment``: this till's, and the accepted ones pulled."""
    own = uow.till.linked(payment.id)
    known = {tx.id for tx in own}
    pulled = uow.till.pulled_linked(payment.id)
    return own + [p.tx for p in pulled if p.accepted and p.tx.id not in known]


def refundable(uow: TillUnitOfWork, payment: TillTransaction) -> Money:
    """What is left to refund of ``payment``: its amount less its refunds (nothing if voided)."""
    left = payment.amount
    for tx in paid_back(uow, payment):
        left = left - (payment.amount if tx.kind == EntryKind.VOID else tx.amount)
    # Below zero only when two tills refunded at once and the server declined one.
    return max(left, Money.zero(left.currency))


@dataclass(frozen=True, slots=True)
class ReceiptToRefund:
    """A payment found by its receipt number, what was paid back of it (oldest first), and
    what is left."""

    payment: TillTransaction
    paid_back: list[TillTransaction]
    left: Money
    #: Taken at another till of the branch (known from the pulled feed).
    pulled: bool


def receipt_to_refund(uow: TillUnitOfWork, receipt: str, *, register: str) -> ReceiptToRefund:
    """The payment of ``receipt`` (any till of the branch, as pulled) if something is left
    to refund of it; else ``TillRefused`` saying why: not a receipt number, a register this
    desk knows nothing of (another branch's), no such receipt, not a payment, or paid back.
    """
    number = receipt.strip().upper()
    try:
        issuer = receipt_register(number)
    except DomainError as error:
        raise TillRefused(str(error), code="receipt_malformed", field="receipt",
                          receipt=receipt.strip()) from None  # fmt: skip
    with uow:
        own = uow.till.transaction(number)
        pulled = None if own is not None else uow.till.pulled(number)
        tx = own or (pulled.tx if pulled is not None else None)
        if tx is None:
            raise _not_found(number, issuer, known=uow.till.registers() | {register})
        if tx.kind != EntryKind.PAYMENT:
            raise TillRefused(f"receipt: {number} is a {tx.kind}, not a payment",
                              code="receipt_not_payment", field="receipt", receipt=number,
                              kind=tx.kind)  # fmt: skip
        back, left = sorted(paid_back(uow, tx), key=_when), refundable(uow, tx)
    if not left.amount:
        raise TillRefused(f"receipt: {number} is already paid back in full",
                          code="receipt_paid_back", field="receipt", receipt=number)  # fmt: skip
    return ReceiptToRefund(tx, back, left, pulled=own is None)


def _when(tx: TillTransaction) -> datetime:
    # The cache gives naive UTC datetimes back; a fake store may give aware ones.
    return tx.occurred_at if tx.occurred_at.tzinfo else tx.occurred_at.replace(tzinfo=UTC)


def _not_found(number: str, issuer: str, *, known: set[str]) -> TillRefused:
    if issuer not in known:
        return TillRefused(
            f"receipt: {number} is from register {issuer}, not a till of this branch as far as "
            "this desk knows; a receipt is refunded in its own branch",
            code="receipt_other_branch", field="receipt", receipt=number, register=issuer,
        )  # fmt: skip
    return TillRefused(
        f"receipt: no receipt {number} at this till or the branch's tills it has synced with",
        code="receipt_unknown", field="receipt", receipt=number,
    )  # fmt: skip


def declined_refunds(uow: TillUnitOfWork, *, register: str) -> list[tuple[TillTransaction, str]]:
    """The refunds and voids of the register's open (or last) shift that the server
    declined, each with the server's reason; known once a push or a pull has told."""
    with uow:
        shift = uow.till.open_shift(register) or uow.till.last_shift(register)
        if shift is None:
            return []
        kinds = (EntryKind.REFUND.value, EntryKind.VOID.value)
        keys = [e.key for e in uow.till.entries(shift_id=shift.id) if e.kind in kinds]
        reasons = uow.till.declined(keys)
        found = [(uow.till.transaction(key), reasons[key]) for key in keys if key in reasons]
    return [(tx, reason) for tx, reason in found if tx is not None]
