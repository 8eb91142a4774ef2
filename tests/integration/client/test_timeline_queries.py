"""The customer's timeline and profile figures answered by the cache's SQL: pages by keyset,
newest first, contacts and purchases merged, ties broken by id; spend and first/last purchase
from indexes, never by reading every purchase."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from cache_pages import T0, customer, line, purchase

from frontdesk.adapters.cache.database import CacheDatabase
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.domain.money import Money
from frontdesk.protocol import InteractionPublic, PullPage
from frontdesk.services.queries import AbstractCustomerQueries


def _contact(n: int, *, hours: int, seq: int) -> InteractionPublic:
    return InteractionPublic(
        id=f"i{n:02d}",
        customer_id="c1",
        channel=("call", "visit", "email")[n % 3],
        occurred_at=T0 + timedelta(hours=hours),
        reason=f"Reason {n}",
        agent="agent.smirnova",
        notes="",
        outcome="",
        follow_up=None,
        seq=seq,
    )


@pytest.fixture
def filled(apply) -> None:
    purchases = [purchase(10 + n, days=n // 2) for n in range(12)]  # pairs share a time
    purchases += [
        purchase(40, days=3, currency="EUR", lines=[line(1, 1, "9.99", "9.99")], total="9.99")
    ]
    purchases += [
        purchase(41, days=5, lines=[line(1, -2, "2.55", "-5.10")], total="-5.10", is_return=True)
    ]
    purchases += [purchase(50, customer_id="c2", days=30)]  # someone else's
    contacts = [_contact(n, hours=24 * n + 1, seq=100 + n) for n in range(5)]
    contacts += [_contact(5, hours=24 * 2, seq=0)]  # same time as two purchases; not sent yet
    apply(
        PullPage(
            cursor=200,
            has_more=False,
            customers=[customer(1), customer(2, name="Bob Jones")],
            purchases=purchases,
            interactions=contacts,
        )
    )


def _walk(queries: SqlAlchemyCustomerQueries, *, limit: int) -> list[str]:
    seen, after = [], None
    while page := queries.timeline("c1", after=after, limit=limit):
        assert len(page) <= limit
        seen += [event.id for event in page]
        after = page[-1]
    return seen


@pytest.mark.usefixtures("filled")
@pytest.mark.parametrize("limit", [1, 3, 7, 100])
def test_pages_walk_the_whole_timeline_newest_first_once(
    queries: SqlAlchemyCustomerQueries, limit: int
) -> None:
    merged = AbstractCustomerQueries.timeline(queries, "c1", limit=1000)  # the port's own merge
    assert len(merged) == 14 + 6
    assert _walk(queries, limit=limit) == [event.id for event in merged]
    assert queries.timeline_count("c1") == 20


@pytest.mark.usefixtures("filled")
def test_events_carry_what_the_timeline_shows(queries: SqlAlchemyCustomerQueries) -> None:
    events = {event.id: event for event in queries.timeline("c1", limit=100)}
    pending = events["i05"]
    assert (pending.kind, pending.reason, pending.pending, pending.total) == (
        "email",
        "Reason 5",
        True,
        None,
    )
    assert not events["i01"].pending
    refund = events["p41"]
    assert (refund.kind, refund.number, refund.total) == ("return", "N41", Money.of("-5.10", "GBP"))
    assert events["p40"].total == Money.of("9.99", "EUR")
    assert "p50" not in events


@pytest.mark.usefixtures("filled")
def test_profile_figures_per_currency_from_the_cache(queries: SqlAlchemyCustomerQueries) -> None:
    profile = queries.profile("c1")
    assert profile is not None
    assert profile.purchase_count == 13  # the return is not a purchase
    assert profile.lifetime_spend == (Money.of("9.99", "EUR"), Money.of("56.10", "GBP"))
    assert profile.first_purchase == T0
    assert profile.last_purchase == T0 + timedelta(days=5)
    empty = queries.profile("c2")
    assert empty is not None and empty.purchase_count == 1


def test_opening_a_customer_reads_indexes_not_every_purchase(cache_db: CacheDatabase) -> None:
    with sqlite3.connect(cache_db.engine.url.database or "") as conn:
        spend = conn.execute(
            "EXPLAIN QUERY PLAN SELECT currency, sum(total_minor), count(*) FILTER "
            "(WHERE is_return IS 0) FROM purchases WHERE customer_id = ? GROUP BY currency",
            ("c1",),
        ).fetchall()
        contacts = conn.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM interactions WHERE customer_id = ? "
            "AND (occurred_at, id) < (?, ?) ORDER BY occurred_at DESC, id DESC LIMIT 100",
            ("c1", "2030-01-01", "z"),
        ).fetchall()
    assert "COVERING INDEX ix_purchases_customer_spend" in " ".join(row[3] for row in spend)
    plan = " ".join(row[3] for row in contacts)
    assert "ix_interactions_customer_time (customer_id=? AND occurred_at<?)" in plan
