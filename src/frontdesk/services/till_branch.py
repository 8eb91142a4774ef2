"""Refunds and voids across the tills of a branch, from what this desk has pulled.

A payment taken at till A can be refunded at till B once B has pulled it: B finds it in
the pulled feed, and caps the refund by what the feed and B's own records say was paid
back already. Refunds the server declined paid nothing back as far as the server is
concerned, so they do not count; this till's own refunds always count (the cash left its
drawer, whatever the server said). The server's conditional update is the final check
when two tills refund at once (see ``server.till``).
"""

from __future__ import annotations

from frontdesk.domain.till import EntryKind
from frontdesk.services.till_ports import TillTransaction, TillUnitOfWork


def find_payment(uow: TillUnitOfWork, payment: str) -> TillTransaction | None:
    """This till's payment, or a pulled one of another till, by id or receipt number."""
    tx = uow.till.transaction(payment)
    if tx is None:
        pulled = uow.till.pulled(payment)
        tx = pulled.tx if pulled is not None else None
    return tx if tx is not None and tx.kind == EntryKind.PAYMENT else None


def paid_back(uow: TillUnitOfWork, payment: TillTransaction) -> list[TillTransaction]:
    """The refunds and voids of ``payment``: this till's, and the accepted ones pulled."""
    own = uow.till.linked(payment.id)
    known = {tx.id for tx in own}
    pulled = uow.till.pulled_linked(payment.id)
    return own + [p.tx for p in pulled if p.accepted and p.tx.id not in known]


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
