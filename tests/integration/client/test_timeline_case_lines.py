"""Case history on a customer's timeline, answered by the cache's SQL: the lines of the
customer's own cases (not another customer's, not the desks' conflict lines), merged with
contacts and purchases by keyset pages, newest first, counted the same, and read through the
customer's cases and each case's lines by time (indexes, never every case line)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from cache_pages import T0, customer, purchase

from frontdesk.adapters.cache.database import CacheDatabase
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.protocol import PullPage
from frontdesk.protocol.cases import CaseEventPublic, CasePublic


def _case(n: int, *, customer_id: str = "c1", subject: str = "") -> CasePublic:
    opened = T0 + timedelta(hours=n)
    return CasePublic(
        id=f"case{n}", number=f"D3-{n:05d}", customer_id=customer_id, channel="phone",
        category="billing", subject=subject or f"Subject {n}", description="",
        priority="normal", status="open", assignee_user=None, assignee_team=None,
        branch="Leeds", opened_by="bob", opened_at=opened, due_at=None,
        first_response_due_at=None, first_response_at=None, resolved_at=None, closed_at=None,
        links=[], updated_at=opened, seq=1000 + n,
    )  # fmt: skip


def _line(seq: int, case: int, kind: str, *, hours: float, **fields) -> CaseEventPublic:
    return CaseEventPublic(
        id=f"e{seq}", case_id=f"case{case}", kind=kind, author="bob",
        at=T0 + timedelta(hours=hours), seq=seq, **fields,
    )  # fmt: skip


@pytest.fixture
def filled(apply) -> None:
    apply(
        PullPage(
            cursor=3000,
            has_more=False,
            customers=[customer(1), customer(2, name="Bob Jones")],
            purchases=[purchase(10 + n, days=n) for n in range(4)],
            cases=[_case(1, subject="Charged twice"), _case(2), _case(9, customer_id="c2")],
            case_events=[
                _line(2001, 1, "opened", hours=1),
                _line(2002, 1, "comment", hours=30, body="Bank asked", visibility="internal"),
                _line(2003, 1, "assigned", hours=31, old="|", new="ann|returns", body="hers"),
                _line(2004, 1, "status", hours=50, old="open", new="resolved"),
                _line(2005, 1, "conflict", hours=51, old="open", new="closed", body="status"),
                _line(2006, 2, "opened", hours=2),
                _line(2007, 2, "status", hours=24 * 3, old="resolved", new="reopened"),
                _line(2009, 9, "opened", hours=9),  # another customer's case
            ],
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
@pytest.mark.parametrize("limit", [1, 2, 5, 100])
def test_case_lines_page_with_contacts_and_purchases_newest_first_once(
    queries: SqlAlchemyCustomerQueries, limit: int
) -> None:
    everything = queries.timeline("c1", limit=1000)
    assert [event.key for event in everything] == sorted(
        (event.key for event in everything), reverse=True
    )
    assert _walk(queries, limit=limit) == [event.id for event in everything]
    case_lines = [event.id for event in everything if event.is_case]
    assert sorted(case_lines) == ["e2001", "e2002", "e2003", "e2004", "e2006", "e2007"]
    assert queries.timeline_count("c1") == len(everything) == 4 + 6
    assert queries.timeline_count("c2") == 1


@pytest.mark.usefixtures("filled")
def test_a_case_line_carries_its_case_and_what_happened(
    queries: SqlAlchemyCustomerQueries,
) -> None:
    events = {event.id: event for event in queries.timeline("c1", limit=100)}
    comment = events["e2002"]
    assert (comment.kind, comment.case_id, comment.number, comment.subject) == (
        "case_comment", "case1", "D3-00001", "Charged twice",
    )  # fmt: skip
    assert (comment.notes, comment.visibility, comment.agent, comment.pending) == (
        "Bank asked", "internal", "bob", False,
    )  # fmt: skip
    moved = events["e2004"]
    assert (moved.kind, moved.old, moved.new) == ("case_status", "open", "resolved")
    assigned = events["e2003"]
    assert (assigned.kind, assigned.new, assigned.notes) == ("case_assigned", "ann|returns", "hers")
    assert events["e2007"].new == "reopened"
    assert comment.at == T0 + timedelta(hours=30)


def test_case_lines_are_read_through_the_customers_cases_by_index(
    cache_db: CacheDatabase,
) -> None:
    with sqlite3.connect(cache_db.engine.url.database or "") as conn:
        plan = conn.execute(
            "EXPLAIN QUERY PLAN SELECT case_events.*, cases.number, cases.subject "
            "FROM case_events JOIN cases ON cases.id = case_events.case_id "
            "WHERE cases.customer_id = ? AND case_events.kind IN ('opened', 'comment') "
            "AND (case_events.at, case_events.id) < (?, ?) "
            "ORDER BY case_events.at DESC, case_events.id DESC LIMIT 100",
            ("c1", "2030-01-01", "z"),
        ).fetchall()
    steps = " ".join(row[3] for row in plan)
    assert "ix_cases_customer (customer_id=?)" in steps
    assert "ix_case_events_case (case_id=? AND at<?)" in steps
    assert "SCAN case_events" not in steps
