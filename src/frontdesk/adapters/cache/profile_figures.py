"""The profile's derived figures in SQL: the latest contact and the RFM segment.

Each is a walk down one index, so opening a customer with years of contacts and purchases
stays a handful of page reads: the newest contact from ``ix_interactions_customer_time``,
the cache's newest purchase (the segment's "as of" day) from the index on ``purchased_at``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.outbox import CachedInteraction
from frontdesk.adapters.cache.tables import CachedPurchase
from frontdesk.domain.money import Money
from frontdesk.domain.segments import Rfm, Segment, rfm_segment
from frontdesk.services.read_models import LastContact


def last_contact(session: Session, customer_id: str) -> LastContact | None:
    stmt = (
        select(CachedInteraction.occurred_at, CachedInteraction.channel, CachedInteraction.agent)
        .where(CachedInteraction.customer_id == customer_id)
        .order_by(CachedInteraction.occurred_at.desc(), CachedInteraction.id.desc())
        .limit(1)
    )
    row = session.execute(stmt).first()
    return None if row is None else LastContact(at=row[0], channel=row[1], agent=row[2])


def newest_purchase(session: Session) -> datetime | None:
    """The cache's newest purchase of anyone: the day segments are reckoned from."""
    return session.scalar(select(func.max(CachedPurchase.purchased_at)))


def segment_of(
    *,
    last_purchase: datetime | None,
    as_of: datetime | None,
    count: int,
    spend: tuple[Money, ...],
) -> tuple[Segment, Rfm]:
    recency = None
    if last_purchase is not None and as_of is not None:
        recency = max(0, (as_of.date() - last_purchase.date()).days)
    # The main currency's spend: the thresholds are in one currency's major units.
    main = max((money.amount for money in spend), default=Decimal(0))
    rfm = Rfm(recency_days=recency, frequency=count, monetary=main)
    return rfm_segment(rfm), rfm
