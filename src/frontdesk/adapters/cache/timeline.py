"""A customer's timeline in SQL: contacts, purchases, case history and order events merged,
newest first, a page at a time.

Each page is three keyset queries, one per source, each walking its (customer, time) index
from the last event shown and stopping after ``limit`` rows; the short lists are merged here.
Opening a customer with 20,000 purchases therefore reads a few hundred rows, not all. Case
lines have no customer of their own: they are reached through the customer's cases
(``ix_cases_customer``), then each case's lines by time (``ix_case_events_case``), so a page
reads the lines of that customer's cases only. Order events are reached the same way,
through the customer's orders (``ix_orders_customer``, ``ix_order_events_order``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, literal, select, tuple_
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.cases.tables import CaseEventRow, CaseRow
from frontdesk.adapters.cache.orders.tables import OrderEventRow, OrderRow
from frontdesk.adapters.cache.outbox import CachedInteraction
from frontdesk.adapters.cache.tables import CachedPurchase
from frontdesk.domain.money import Money
from frontdesk.services.read_models import CASE_KINDS, TimelineEvent

_CASE_LINES = [kind.removeprefix("case_") for kind in CASE_KINDS]


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
    case_lines = _newest_first(
        _case_lines(customer_id).add_columns(CaseRow.number, CaseRow.subject),
        CaseEventRow.at,
        CaseEventRow.id,
        after=after,
        limit=limit,
    )
    events = [_contact_event(row) for row in session.scalars(contacts)]
    events += [_purchase_event(row) for row in session.scalars(purchases)]
    events += [_case_event(*row) for row in session.execute(case_lines)]
    order_events = _newest_first(
        _order_events(customer_id).add_columns(OrderRow.number, OrderRow.status),
        OrderEventRow.at,
        OrderEventRow.id,
        after=after,
        limit=limit,
    )
    events += [_order_event(*row) for row in session.execute(order_events)]
    events.sort(key=lambda event: event.key, reverse=True)
    return events[:limit]


def timeline_count(session: Session, customer_id: str) -> int:
    contacts = select(func.count()).where(CachedInteraction.customer_id == customer_id)
    purchases = select(func.count()).where(CachedPurchase.customer_id == customer_id)
    case_lines = _case_lines(customer_id).with_only_columns(func.count())
    order_events = _order_events(customer_id).with_only_columns(func.count())
    counted = (contacts, purchases, case_lines, order_events)
    return sum(int(session.scalar(stmt) or 0) for stmt in counted)


def _case_lines(customer_id: str) -> Select[Any]:
    return (
        select(CaseEventRow)
        .join(CaseRow, CaseRow.id == CaseEventRow.case_id)
        .where(CaseRow.customer_id == customer_id, CaseEventRow.kind.in_(_CASE_LINES))
    )


def _order_events(customer_id: str) -> Select[Any]:
    # Through the customer's orders (ix_orders_customer), then each order's events by time.
    return (
        select(OrderEventRow)
        .join(OrderRow, OrderRow.id == OrderEventRow.order_id)
        .where(OrderRow.customer_id == customer_id)
    )


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


def _case_event(row: CaseEventRow, number: str, subject: str) -> TimelineEvent:
    return TimelineEvent(
        id=row.id,
        at=row.at,
        kind=f"case_{row.kind}",
        agent=row.author,
        notes=row.body,
        pending=row.seq == 0,  # made at this desk, the server's own line not pulled yet
        number=number,
        case_id=row.case_id,
        subject=subject,
        old=row.old,
        new=row.new,
        visibility=row.visibility,
    )


def _order_event(row: OrderEventRow, number: str, order_status: str) -> TimelineEvent:
    return TimelineEvent(
        id=row.id,
        at=row.at,
        kind=f"order_{row.kind}",
        agent=row.author,
        notes=row.detail,
        pending=row.seq == 0,  # made at this desk, the server's own event not pulled yet
        number=number,
        order_id=row.order_id,
        new=row.status,
        old=order_status,
    )
