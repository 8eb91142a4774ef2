"""Retention periods and ``frontdesk-server apply-retention``.

Each kind has its own period, ``FRONTDESK_SERVER_RETENTION_<KIND>_DAYS`` (unset: kept for
good). What running out of it means, per kind:

- ``CUSTOMERS``: a customer with no transaction, contact, case, order or edit for that
  long is erased as on request (the erasure log names ``retention``).
- ``CONTACTS``: a contact's free-text notes are blanked; channel, reason and outcome stay
  for the reports.
- ``CASES``: a case closed that long ago loses its subject, description, the text of its
  history and its attachments; its dates, category and SLA figures stay.
- ``EDITS``: a customer's older values in the history of edits become nulls (the profile
  itself keeps its current values).

Till transactions, purchases and orders are the business's books and are never deleted
here; an erasure leaves them under a pseudonymous id.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.cases.models import Case, CaseEvent
from frontdesk.server.db import transaction, utcnow
from frontdesk.server.models import (
    CrossSellFeedback,
    Customer,
    CustomerEvent,
    Interaction,
    Purchase,
)
from frontdesk.server.orders.models import Order
from frontdesk.server.privacy import erase
from frontdesk.server.till.models import TillFeedRow

KINDS = ("customers", "contacts", "cases", "edits")
ENV = "FRONTDESK_SERVER_RETENTION_{}_DAYS"
MAX_DAYS = 36_500


def periods_from(environ: Mapping[str, str] = os.environ) -> dict[str, int]:
    """The kinds with a period set, in days."""
    periods = {}
    for kind in KINDS:
        name = ENV.format(kind.upper())
        raw = environ.get(name, "").strip()
        if not raw:
            continue
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
            raise ValueError(f"{name} must be a whole number of days, 1 to {MAX_DAYS}")
        periods[kind] = int(raw)
    return periods


def apply_retention(
    factory: sessionmaker[Session], periods: Mapping[str, int], *, dry_run: bool = False,
    now: datetime | None = None,
) -> dict[str, int]:  # fmt: skip
    """Applies every period in one transaction (rolled back on a dry run); returns how many
    rows of each kind it changed (or would)."""
    now = now or utcnow()
    done: dict[str, int] = {}
    with transaction(factory) as session:
        for kind, days in periods.items():
            done[kind] = _APPLY[kind](session, now - timedelta(days=days))
        if dry_run:
            session.rollback()
    return done


def _customers(session: Session, cutoff: datetime) -> int:
    ids = list(session.scalars(_inactive(cutoff)))
    for customer_id in ids:
        erase.erase_in(session, customer_id, reason="retention period ran out",
                       by="apply-retention", cause="retention")  # fmt: skip
    return len(ids)


def _inactive(cutoff: datetime):  # type: ignore[no-untyped-def]
    c = Customer
    recent = [
        exists().where(Purchase.customer_id == c.id, Purchase.purchased_at >= cutoff),
        exists().where(Interaction.customer_id == c.id, Interaction.occurred_at >= cutoff),
        exists().where(Case.customer_id == c.id, Case.updated_at >= cutoff),
        exists().where(Order.customer_id == c.id, Order.updated_at >= cutoff),
        exists().where(TillFeedRow.customer_id == c.id, TillFeedRow.occurred_at >= cutoff),
        exists().where(CrossSellFeedback.customer_id == c.id,
                       CrossSellFeedback.occurred_at >= cutoff),
    ]  # fmt: skip
    return (
        select(c.id)
        .where(c.updated_at < cutoff, ~c.account_number.startswith(erase.ERASED_PREFIX))
        .where(~or_(*recent))
        .order_by(c.id)
    )


def _contacts(session: Session, cutoff: datetime) -> int:
    i = Interaction
    where = and_(i.occurred_at < cutoff, i.notes != "")
    return erase.renumber(session, i, where, {"notes": ""})


def _cases(session: Session, cutoff: datetime) -> int:
    c, e = Case, CaseEvent
    closed = select(c.id).where(c.closed_at.is_not(None), c.closed_at < cutoff)
    texts = (c.subject != "") | (c.description != "")
    count = erase.renumber(session, c, c.id.in_(closed) & texts,
                           {"subject": "", "description": ""})  # fmt: skip
    erase.renumber(session, e, e.case_id.in_(closed) & (e.body != ""), {"body": ""})
    erase.blank_conflict_values(session, closed)
    erase.drop_attachments(session, closed)
    return count


def _edits(session: Session, cutoff: datetime) -> int:
    events = session.scalars(
        select(CustomerEvent).where(CustomerEvent.occurred_at < cutoff,
                                    CustomerEvent.kind != "erase")
    ).all()  # fmt: skip
    return erase.blank_event_values(session, events)


_APPLY = {"customers": _customers, "contacts": _contacts, "cases": _cases, "edits": _edits}
