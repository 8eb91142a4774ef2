"""A customer's timeline in SQL: contacts and purchases merged, newest first, a page at a time.

Each page is two keyset queries, one per table, each walking its (customer, time) index from
the last event shown and stopping after ``limit`` rows; the two short lists are merged here.
Opening a customer with 20,000 purchases therefore reads a hundred or two rows, not all.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, literal, select, tuple_
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.outbox import CachedInteraction
from frontdesk.adapters.cache.tables import CachedPurchase
from frontdesk.domain.money import Money
from frontdesk.services.read_models import TimelineEvent


def timeline_page(
    session: Session, customer_id: str, *, after: TimelineEvent | None, limit: int
) -> list[TimelineEvent]:
    contacts = _newest_first(
        select(CachedInteraction).where(CachedInteraction.customer_id == customer_id),
        CachedInteraction.occurred_at,
        CachedInteraction.id,
        after=after,
        limit=limit,
    )
    purchases = _newest_first(
        select(CachedPurchase).where(CachedPurchase.customer_id == customer_id),
        CachedPurchase.purchased_at,
        CachedPurchase.id,
        after=after,
        limit=limit,
    )
    events = [_contact_event(row) for row in session.scalars(contacts)]
    events += [_purchase_event(row) for row in session.scalars(purchases)]
    events.sort(key=lambda event: event.key, reverse=True)
    return events[:limit]


def timeline_count(session: Session, customer_id: str) -> int:
    contacts = select(func.count()).where(CachedInteraction.customer_id == customer_id)
    purchases = select(func.count()).where(CachedPurchase.customer_id == customer_id)
    return int(session.scalar(contacts) or 0) + int(session.scalar(purchases) or 0)


def _newest_first(
    stmt: Select[Any], at: Any, id_: Any, *, after: TimelineEvent | None, limit: int
) -> Select[Any]:
    if after is not None:
        # A row value: SQLite turns it into a range on the (customer, time) index.
        last = tuple_(literal(after.at, type_=at.type), literal(after.id, type_=id_.type))
        stmt = stmt.where(tuple_(at, id_) < last)
    return stmt.order_by(at.desc(), id_.desc()).limit(limit)


def _contact_event(row: CachedInteraction) -> TimelineEvent:
    return TimelineEvent(
        id=row.id,
        at=row.occurred_at,
        kind=row.channel,
        reason=row.reason,
        agent=row.agent,
        notes=row.notes,
        outcome=row.outcome,
        follow_up=row.follow_up,
        pending=row.seq == 0,  # the desk's own, not back from the server yet
    )


def _purchase_event(row: CachedPurchase) -> TimelineEvent:
    return TimelineEvent(
        id=row.id,
        at=row.purchased_at,
        kind="return" if row.is_return else "purchase",
        number=row.number,
        branch=row.branch,
        total=Money.from_minor(row.total_minor, row.currency),
        original_number=row.original_number,
    )
