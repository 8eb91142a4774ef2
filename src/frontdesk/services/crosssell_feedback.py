"""Cross-sell feedback at the desk: what became of an offer, queued for the server.

Each outcome (offered, accepted, declined) is one ``crosssell.feedback`` outbox item with
its own idempotency key, committed in one cache transaction like every local write; the
sync engine pushes it, and the server counts it in the acceptance report.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from frontdesk.protocol import CrossSellFeedbackRecord
from frontdesk.services.outbox import OutboxEntry
from frontdesk.services.read_models import RecommendationRow
from frontdesk.services.unit_of_work import AbstractUnitOfWork
from frontdesk.services.writes import InvalidWrite, UnknownCustomer

OUTCOMES = ("offered", "accepted", "declined")


def record_feedback(
    uow: AbstractUnitOfWork,
    *,
    customer_id: str,
    offers: list[RecommendationRow],
    outcome: str,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> list[OutboxEntry]:
    """Queue ``outcome`` for each offer made to the customer; one outbox item per offer.

    Raises:
        InvalidWrite: the outcome is not offered, accepted or declined.
        UnknownCustomer: the cache does not hold the customer.
    """
    if outcome not in OUTCOMES:
        raise InvalidWrite(f"outcome must be one of: {', '.join(OUTCOMES)}")
    at = clock()
    with uow:
        if uow.local.customer_fields(customer_id) is None:
            raise UnknownCustomer(f"no customer {customer_id} in the local cache")
        entries = [uow.outbox.add(_record(customer_id, o, outcome, at)) for o in offers]
        uow.commit()
    return entries


def feedback_record(
    customer_id: str, offer: RecommendationRow, outcome: str, at: datetime
) -> CrossSellFeedbackRecord:
    """The outbox item of one outcome (for a caller writing it in its own transaction)."""
    return _record(customer_id, offer, outcome, at)


def _record(
    customer_id: str, offer: RecommendationRow, outcome: str, at: datetime
) -> CrossSellFeedbackRecord:
    return CrossSellFeedbackRecord(
        customer_id=customer_id,
        sku=offer.sku,
        outcome=outcome,  # type: ignore[arg-type]
        model_version=offer.model_version,
        occurred_at=at,
    )
