"""A real desk cache with cases, for the window's case tests and the case screenshots.

The demo customers and purchases (``ui_fakes``) plus what the server would send about cases:
categories (English and Russian names), two teams, a policy, the company's calendar, and a few
cases of James O'Connor (``c-2``) with their history. The desk is signed in as ``ann`` with
the case prefix ``D7``, as a login would leave it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ui_fakes import FakeCustomerQueries, demo_pull_page

from frontdesk.bootstrap import ClientContext
from frontdesk.protocol import PullPage
from frontdesk.protocol.cases import (
    BusinessCalendarPublic,
    CaseCategoryPublic,
    CaseEventPublic,
    CasePublic,
    ServicePolicyPublic,
    TeamPublic,
)
from frontdesk.services.cases.desk import DeskCases

AGENT = "ann"
CUSTOMER = "c-2"
#: A Monday morning: the open cases below are due today, one is overdue.
NOW = datetime(2024, 11, 25, 10, 0, tzinfo=UTC)
WEEKDAYS = {day: [("09:00", "18:00")] for day in range(1, 6)}


def case_id(seq: int) -> str:
    """A case's id (a UUID, as desks make them) from its pull sequence."""
    return f"00000000-0000-4000-8000-{seq:012d}"


#: The overdue case (assigned to ann), the one waiting on the customer, the resolved one.
OVERDUE_CASE, WAITING_CASE, RESOLVED_CASE = case_id(4010), case_id(4011), case_id(4012)


def _case(seq: int, number: str, **fields) -> CasePublic:
    values = {
        "id": case_id(seq), "number": number, "customer_id": CUSTOMER, "channel": "phone",
        "category": "billing", "subject": "", "description": "", "priority": "normal",
        "status": "open", "assignee_user": None, "assignee_team": None, "branch": "London",
        "opened_by": "bob", "opened_at": NOW - timedelta(days=1), "due_at": None,
        "first_response_due_at": None, "first_response_at": None, "resolved_at": None,
        "closed_at": None, "links": [], "updated_at": NOW - timedelta(days=1), "seq": seq,
    }  # fmt: skip
    return CasePublic(**{**values, **fields})


def _event(seq: int, case_id: str, kind: str, at: datetime, **fields) -> CaseEventPublic:
    return CaseEventPublic(id=f"e{seq}", case_id=case_id, kind=kind, author="bob", at=at,
                           seq=seq, **fields)  # fmt: skip


def case_page(cursor: int = 5000) -> PullPage:
    opened = NOW - timedelta(days=1)
    return PullPage(
        cursor=cursor,
        has_more=False,
        case_categories=[
            CaseCategoryPublic(
                code="billing", name_en="Billing", name_ru="Оплата и счета", active=True, seq=4001
            ),
            CaseCategoryPublic(
                code="returns",
                name_en="Returns and refunds",
                name_ru="Возвраты",
                active=True,
                seq=4002,
            ),
        ],
        teams=[
            TeamPublic(
                code="returns",
                name="Returns desk",
                branch="London",
                members=[AGENT, "bob"],
                active=True,
                seq=4003,
            ),
            TeamPublic(
                code="vip",
                name="VIP care",
                branch="London",
                members=["carol"],
                active=True,
                seq=4004,
            ),
        ],
        service_policies=[
            ServicePolicyPublic(
                category="*",
                priority="normal",
                first_response_minutes=60,
                resolution_minutes=8 * 60,
                seq=4005,
            ),
        ],
        business_calendars=[
            BusinessCalendarPublic(
                branch="*", timezone="UTC", hours=WEEKDAYS, holidays=[], seq=4006
            ),
        ],
        cases=[
            _case(
                4010,
                "D3-00012",
                subject="Charged twice for one order",
                description="The card statement shows the same amount twice on 22 November.",
                assignee_user=AGENT,
                assignee_team="returns",
                due_at=NOW - timedelta(hours=2),
                links=[{"kind": "purchase", "ref": "c-2-p1", "line": None}],
            ),
            _case(
                4011,
                "D3-00013",
                subject="Mug arrived cracked",
                category="returns",
                priority="high",
                status="waiting",
                assignee_team="returns",
                due_at=NOW + timedelta(hours=5),
            ),
            _case(
                4012,
                "D3-00014",
                subject="Wants a paper receipt",
                priority="low",
                status="resolved",
                assignee_user="bob",
                due_at=NOW - timedelta(days=2),
            ),
        ],
        case_events=[
            _event(4020, OVERDUE_CASE, "opened", opened),
            _event(
                4021,
                OVERDUE_CASE,
                "comment",
                opened + timedelta(minutes=5),
                body="Asked the bank for the statement.",
                visibility="internal",
            ),
            _event(
                4022,
                OVERDUE_CASE,
                "assigned",
                opened + timedelta(minutes=6),
                old="|",
                new=f"{AGENT}|returns",
            ),
            _event(
                4023,
                OVERDUE_CASE,
                "comment",
                opened + timedelta(minutes=9),
                body="We will refund the second charge.",
                visibility="customer",
            ),
            _event(4024, WAITING_CASE, "opened", opened),
            _event(
                4025, WAITING_CASE, "status", opened + timedelta(hours=1), old="open", new="waiting"
            ),
            _event(4026, RESOLVED_CASE, "opened", opened),
        ],
    )


def fill_case_desk(client: ClientContext) -> FakeCustomerQueries:
    """The demo customers, their purchases and the cases above in ``client``'s cache."""
    fake = FakeCustomerQueries.with_demo_data()
    with client.uow as uow:
        uow.replica.apply(demo_pull_page(fake, cursor=77))
        uow.replica.apply(case_page())
        uow.sync_state.set_login("https://central.example.com", AGENT)
        uow.sync_state.keep_case_desk(case_prefix="D7", branch="London")
        uow.workstation.sign_in(AGENT, role="agent")
        uow.sync_state.advance(5000, pulled_at=NOW)
        uow.commit()
    return fake


def desk_cases(client: ClientContext) -> DeskCases:
    """The desk's cases at the fixed ``NOW`` (overdue and "due today" stay put)."""
    cases = client.cases()
    return DeskCases(client.uow.fresh, cases._queries, source=None, clock=lambda: NOW, zone=UTC)
