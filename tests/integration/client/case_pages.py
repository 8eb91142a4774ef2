"""Wire rows for filling a real cache with cases in tests."""

from __future__ import annotations

from datetime import UTC, datetime

from cache_pages import customer

from frontdesk.protocol import PullPage
from frontdesk.protocol.cases import (
    BusinessCalendarPublic,
    CaseCategoryPublic,
    CaseEventPublic,
    CasePublic,
    ServicePolicyPublic,
    TeamPublic,
)

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)  # a Monday
WEEKDAYS = {day: [("09:00", "18:00")] for day in range(1, 6)}


def reference_page(seq: int = 10) -> PullPage:
    """Two customers, categories, two teams, a policy and the company's calendar."""
    return PullPage(
        cursor=seq + 10,
        has_more=False,
        customers=[customer(1, name="Ann Smith"), customer(2, name="Иван Петров")],
        case_categories=[
            CaseCategoryPublic(
                code="billing", name_en="Billing", name_ru="Счета", active=True, seq=seq + 1
            ),
            CaseCategoryPublic(
                code="old", name_en="Old", name_ru="Старое", active=False, seq=seq + 2
            ),
        ],
        teams=[
            TeamPublic(
                code="returns",
                name="Returns",
                branch="Leeds",
                members=["ann", "bob"],
                active=True,
                seq=seq + 3,
            ),
            TeamPublic(
                code="vip", name="VIP", branch="Leeds", members=["bob"], active=True, seq=seq + 4
            ),
        ],
        service_policies=[
            ServicePolicyPublic(
                category="*",
                priority="normal",
                first_response_minutes=60,
                resolution_minutes=8 * 60,
                seq=seq + 5,
            ),
        ],
        business_calendars=[
            BusinessCalendarPublic(
                branch="*", timezone="UTC", hours=WEEKDAYS, holidays=[], seq=seq + 6
            ),
        ],
    )


def case(seq: int, *, id: str = "k1", number: str = "D7-00001", **fields) -> CasePublic:
    values = {
        "id": id,
        "number": number,
        "customer_id": "c1",
        "channel": "phone",
        "category": "billing",
        "subject": "Charged twice",
        "description": "",
        "priority": "normal",
        "status": "open",
        "assignee_user": None,
        "assignee_team": None,
        "branch": "Leeds",
        "opened_by": "bob",
        "opened_at": T0,
        "due_at": None,
        "first_response_due_at": None,
        "first_response_at": None,
        "resolved_at": None,
        "closed_at": None,
        "links": [],
        "updated_at": T0,
        "seq": seq,
    }
    return CasePublic(**{**values, **fields})


def event(seq: int, *, id: str, case_id: str = "k1", kind: str = "comment", **fields):
    values = {"author": "bob", "at": T0, "body": "", "seq": seq}
    return CaseEventPublic(id=id, case_id=case_id, kind=kind, **{**values, **fields})
