"""The profile's last contact and RFM segment answered by the cache's SQL: the newest contact
from the (customer, time) index, the segment reckoned from the newest sale in the cache."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from decimal import Decimal

import pytest
from cache_pages import T0, customer, line, purchase

from frontdesk.adapters.cache.database import CacheDatabase
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.domain.segments import Rfm, Segment
from frontdesk.protocol import InteractionPublic, PullPage
from frontdesk.services.read_models import LastContact
from frontdesk.services.writes import record_interaction


def _contact(n: int, *, customer_id: str = "c1", hours: int, seq: int) -> InteractionPublic:
    return InteractionPublic(
        id=f"i{n:02d}",
        customer_id=customer_id,
        channel=("call", "visit", "email")[n % 3],
        occurred_at=T0 + timedelta(hours=hours),
        reason=f"Reason {n}",
        agent=f"agent.{n}",
        notes="",
        outcome="",
        follow_up=None,
        seq=seq,
    )


def _big(seq: int, *, days: int) -> object:
    return purchase(seq, days=days, lines=[line(1, 1, "600.00", "600.00")], total="600.00")


@pytest.fixture
def filled(apply) -> None:
    purchases = [_big(10 + n, days=n) for n in range(10)]  # c1: 10 x 600.00, last on day 9
    purchases += [
        purchase(30, days=2, lines=[line(1, -2, "2.55", "-5.10")], total="-5.10", is_return=True)
    ]  # not a purchase
    purchases += [purchase(40, customer_id="c2", days=30)]  # the newest sale in the cache
    purchases += [purchase(50, customer_id="c3", days=-400)]  # long ago
    purchases += [purchase(60, customer_id="c5", days=-200, total="5.10")]  # half a year ago
    contacts = [_contact(n, hours=24 * n, seq=100 + n) for n in range(4)]
    contacts += [_contact(9, customer_id="c2", hours=24 * 40, seq=120)]  # someone else's, later
    apply(
        PullPage(
            cursor=200,
            has_more=False,
            customers=[customer(n) for n in range(1, 6)],
            purchases=purchases,
            interactions=contacts,
        )
    )


@pytest.mark.usefixtures("filled")
def test_last_contact_is_the_customers_newest(queries: SqlAlchemyCustomerQueries) -> None:
    profile = queries.profile("c1")
    assert profile is not None
    assert profile.last_contact == LastContact(
        at=T0 + timedelta(hours=72), channel="call", agent="agent.3"
    )
    nobody = queries.profile("c4")
    assert nobody is not None and nobody.last_contact is None


@pytest.mark.usefixtures("filled")
def test_a_contact_logged_here_is_the_last_contact_at_once(
    queries: SqlAlchemyCustomerQueries, uow: SqlAlchemyUnitOfWork
) -> None:
    later = T0 + timedelta(days=50)
    record_interaction(
        uow,
        customer_id="c1",
        channel="visit",
        reason="Came to the branch",
        agent="agent.smirnova",
        occurred_at=later,
    )
    profile = queries.profile("c1")
    assert profile is not None
    assert profile.last_contact == LastContact(at=later, channel="visit", agent="agent.smirnova")


@pytest.mark.usefixtures("filled")
@pytest.mark.parametrize(
    ("customer_id", "segment", "rfm"),
    [
        # Recency is counted to day 30, the newest sale in the cache, not to today.
        ("c1", Segment.VIP, Rfm(recency_days=21, frequency=10, monetary=Decimal("5994.90"))),
        ("c2", Segment.NEW, Rfm(recency_days=0, frequency=1, monetary=Decimal("5.10"))),
        ("c3", Segment.LAPSED, Rfm(recency_days=430, frequency=1, monetary=Decimal("5.10"))),
        ("c4", Segment.NO_PURCHASES, Rfm(recency_days=None, frequency=0, monetary=Decimal(0))),
        ("c5", Segment.AT_RISK, Rfm(recency_days=230, frequency=1, monetary=Decimal("5.10"))),
    ],
)
def test_segment_from_the_purchases_in_the_cache(
    queries: SqlAlchemyCustomerQueries, customer_id: str, segment: Segment, rfm: Rfm
) -> None:
    profile = queries.profile(customer_id)
    assert profile is not None
    assert (profile.segment, profile.rfm) == (segment, rfm)


@pytest.mark.usefixtures("filled")
def test_a_new_sale_moves_the_as_of_day_for_everyone(
    apply, queries: SqlAlchemyCustomerQueries
) -> None:
    # c2 buys again 160 days on: c1's last purchase is now 181 days before the newest sale.
    apply(
        PullPage(
            cursor=300,
            has_more=False,
            purchases=[purchase(70, customer_id="c2", days=190)],
        )
    )
    profile = queries.profile("c1")
    assert profile is not None and profile.rfm is not None
    assert (profile.segment, profile.rfm.recency_days) == (Segment.AT_RISK, 181)


def test_profile_figures_walk_indexes(cache_db: CacheDatabase) -> None:
    with sqlite3.connect(cache_db.engine.url.database or "") as conn:
        contact = conn.execute(
            "EXPLAIN QUERY PLAN SELECT occurred_at, channel, agent FROM interactions "
            "WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 1",
            ("c1",),
        ).fetchall()
        newest = conn.execute(
            "EXPLAIN QUERY PLAN SELECT max(purchased_at) FROM purchases"
        ).fetchall()
    assert "ix_interactions_customer_time (customer_id=?)" in " ".join(r[3] for r in contact)
    assert "COVERING INDEX ix_purchases_purchased_at" in " ".join(r[3] for r in newest)
