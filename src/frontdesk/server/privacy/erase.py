"""Erasing a customer's personal data on request (``frontdesk-server erase-customer``).

Every row that holds the customer's personal data is blanked in one transaction; the
customer's id stays on their transactions as a pseudonymous id (a random UUID, or for an
imported customer a UUID5 of an account number that is itself erased here). Rows desks
replicate (the customer, contacts, cases and their lines, orders and their events) get new
change numbers, so every desk's next pull overwrites its copy with the blank one. An
``erase`` event in ``customer_events`` carries the erasure to the transaction feed, and a
``customer_erasures`` row records who did it, when and why. The till journal is the signed
fiscal record and is kept as it was: it names the customer by id only.

Running it again blanks whatever arrived since (a desk that was offline) and otherwise
changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.cases.models import Case, CaseAttachment, CaseAttachmentBlob, CaseEvent
from frontdesk.server.db import allocate_seq, transaction, utcnow
from frontdesk.server.models import AppliedItem, Customer, CustomerEvent, Interaction
from frontdesk.server.orders.models import Order, OrderEvent
from frontdesk.server.privacy.models import CustomerErasure
from frontdesk.server.snapshot import store as snapshot_store

ERASED_PREFIX = "erased-"
MAX_REASON = 2_000
MAX_BY = 100


class ErasureError(ValueError):
    """The erasure cannot run: no such customer, or no reason or name given."""


@dataclass(frozen=True, slots=True)
class ErasureReport:
    customer_id: str
    erasure_id: str
    rows: dict[str, int]
    #: False: nothing personal was left (an earlier erasure stands, nothing was written).
    erased: bool

    def as_dict(self) -> dict[str, Any]:
        return {"customer_id": self.customer_id, "erasure_id": self.erasure_id,
                "rows": self.rows, "erased": self.erased}  # fmt: skip


def erase_customer(
    factory: sessionmaker[Session], customer_id: str, *, reason: str, by: str,
    cause: str = "request",
) -> ErasureReport:  # fmt: skip
    _check_request(reason, by)
    with transaction(factory) as session:
        return erase_in(session, customer_id, reason=reason, by=by, cause=cause)


def erase_in(
    session: Session, customer_id: str, *, reason: str, by: str, cause: str
) -> ErasureReport:
    """The erasure inside the caller's transaction."""
    customer = session.get(Customer, customer_id, with_for_update=True)
    if customer is None:
        raise ErasureError(f"no customer with id {customer_id!r}")
    now = utcnow()
    rows = _blank_everything(session, customer, now)
    earlier = _earlier(session, customer_id)
    if not any(rows.values()) and earlier is not None:
        return ErasureReport(customer_id, earlier, rows, erased=False)
    # A snapshot is a copy of the customer's old values the blanking above did not reach.
    snapshot_store.forget_all(session)
    seq = allocate_seq(session)
    erasure_id = str(uuid.uuid4())
    _log(session, erasure_id, customer_id, rows=rows, seq=seq, now=now,
         reason=reason, by=by, cause=cause)  # fmt: skip
    return ErasureReport(customer_id, erasure_id, rows, erased=True)


def _check_request(reason: str, by: str) -> None:
    if not reason.strip() or len(reason) > MAX_REASON:
        raise ErasureError(f"--reason must be 1 to {MAX_REASON} characters")
    if not by.strip() or len(by) > MAX_BY:
        raise ErasureError(f"--by must be 1 to {MAX_BY} characters")


def _blank_everything(session: Session, customer: Customer, now: datetime) -> dict[str, int]:
    customer_id = customer.id
    rows = {
        "customers": _blank_customer(session, customer, now),
        "customer_events": _blank_events(session, customer_id),
        "applied_items": _blank_results(session, customer_id),
        "interactions": _blank_contacts(session, customer_id),
    }
    rows |= _blank_cases(session, customer_id)
    rows |= _blank_orders(session, customer_id)
    return rows


def _earlier(session: Session, customer_id: str) -> str | None:
    query = select(CustomerErasure.id).where(CustomerErasure.customer_id == customer_id)
    return session.scalar(query.order_by(CustomerErasure.erased_at.desc()).limit(1))


def _blank_customer(session: Session, customer: Customer, now: datetime) -> int:
    blank = {"account_number": ERASED_PREFIX + customer.id, "full_name": "", "phones": [],
             "emails": [], "loyalty_card": None, "notes": ""}  # fmt: skip
    if all(getattr(customer, name) == value for name, value in blank.items()):
        return 0
    for name, value in blank.items():
        setattr(customer, name, value)
    customer.updated_at = now
    customer.change_seq = allocate_seq(session)
    session.flush()
    return 1


def _blank_events(session: Session, customer_id: str) -> int:
    """The values of the customer's creates and edits become nulls; which fields were
    written stays (the feed's rows keep their numbers: the erase event follows them)."""
    events = session.scalars(
        select(CustomerEvent).where(CustomerEvent.customer_id == customer_id)
    ).all()
    return blank_event_values(session, events)


def blank_event_values(session: Session, events: Sequence[CustomerEvent]) -> int:
    changed = 0
    for event in events:
        fields = {name: None for name in event.fields}
        if fields != event.fields or event.conflicts:
            event.fields, event.conflicts = fields, []
            changed += 1
    session.flush()
    return changed


def _blank_results(session: Session, customer_id: str) -> int:
    """The stored answers to the customer's create and edits (a replay returns them)."""
    keys = select(CustomerEvent.id).where(
        CustomerEvent.customer_id == customer_id, CustomerEvent.source == "desk"
    )
    items = session.scalars(select(AppliedItem).where(AppliedItem.key.in_(keys))).all()
    changed = 0
    for item in items:
        result = _scrubbed(item.result, customer_id)
        if result != item.result:
            item.result = result
            changed += 1
    session.flush()
    return changed


def _scrubbed(result: dict[str, Any] | None, customer_id: str) -> dict[str, Any] | None:
    if result is None:
        return None
    scrubbed = dict(result)
    if scrubbed.get("conflicts"):
        scrubbed["conflicts"] = []
    if "account_number" in scrubbed:
        scrubbed["account_number"] = ERASED_PREFIX + customer_id
    return scrubbed


def renumber(session: Session, model: Any, where: Any, values: dict[str, Any]) -> int:
    """Write ``values`` to the rows matching ``where``, each under a new change number."""
    keys = list(session.scalars(select(model.id).where(where).order_by(model.id)))
    if not keys:
        return 0
    first = allocate_seq(session, len(keys))
    for n, key in enumerate(keys):
        session.execute(update(model).where(model.id == key).values(change_seq=first + n, **values))
    return len(keys)


def _blank_contacts(session: Session, customer_id: str) -> int:
    i = Interaction
    return renumber(session, i, (i.customer_id == customer_id) & (i.notes != ""), {"notes": ""})


def _blank_cases(session: Session, customer_id: str) -> dict[str, int]:
    c, e = Case, CaseEvent
    ids = select(c.id).where(c.customer_id == customer_id)
    texts = (c.subject != "") | (c.description != "")
    lines = (e.body != "") | ((e.kind == "conflict") & (e.old.is_not(None) | e.new.is_not(None)))
    return {
        "cases": renumber(session, c, (c.customer_id == customer_id) & texts,
                           {"subject": "", "description": ""}),
        "case_events": renumber(session, e, e.case_id.in_(ids) & lines, {"body": ""}) +
        blank_conflict_values(session, ids),
        "case_attachments": drop_attachments(session, ids),
    }  # fmt: skip


def blank_conflict_values(session: Session, ids: Any) -> int:
    """A conflict line keeps the two texts that clashed (a subject, a description)."""
    e = CaseEvent
    where = e.case_id.in_(ids) & (e.kind == "conflict") & (e.old.is_not(None) | e.new.is_not(None))
    session.execute(update(e).where(where).values(old=None, new=None))
    return 0  # counted with the line's body above


def drop_attachments(session: Session, ids: Any) -> int:
    """Files attached to the customer's cases go, and their content unless another case's
    attachment shares it."""
    a = CaseAttachment
    shas = set(session.scalars(select(a.sha256).where(a.case_id.in_(ids))))
    gone = session.execute(delete(a).where(a.case_id.in_(ids))).rowcount or 0
    used = exists().where(a.sha256 == CaseAttachmentBlob.sha256)
    if shas:
        session.execute(
            delete(CaseAttachmentBlob).where(CaseAttachmentBlob.sha256.in_(shas), ~used)
        )
    return gone


def _blank_orders(session: Session, customer_id: str) -> dict[str, int]:
    o, e = Order, OrderEvent
    ids = select(o.id).where(o.customer_id == customer_id)
    return {
        "orders": renumber(session, o, (o.customer_id == customer_id)
                            & o.tracking_number.is_not(None), {"tracking_number": None}),
        "order_events": renumber(session, e, e.order_id.in_(ids) & (e.detail != ""),
                                  {"detail": ""}),
    }  # fmt: skip


def _log(
    session: Session, erasure_id: str, customer_id: str, *, rows: dict[str, int], seq: int,
    now: datetime, reason: str, by: str, cause: str,
) -> None:  # fmt: skip
    session.add(CustomerEvent(
        id=erasure_id, customer_id=customer_id, kind="erase", source=cause[:10], fields={},
        conflicts=[], author=by, branch=None, device_id=None, occurred_at=now, change_seq=seq,
    ))  # fmt: skip
    session.add(CustomerErasure(
        id=erasure_id, customer_id=customer_id, cause=cause, reason=reason, erased_by=by,
        erased_at=now, rows=rows, change_seq=seq,
    ))  # fmt: skip
