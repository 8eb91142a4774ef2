"""Demo cases for ``frontdesk-server seed-demo``: categories, two teams, service levels, a
default calendar and one for Moscow, and a few cases of the first demo customers in
several states. Deterministic for a seed and idempotent (rows already there are kept).
"""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain.cases import case_number
from frontdesk.server.cases.models import (
    BusinessCalendarRow,
    Case,
    CaseCategory,
    CaseEvent,
    ServicePolicyRow,
    Team,
)
from frontdesk.server.db import allocate_seq
from frontdesk.server.models import Customer

#: Demo cases carry a prefix no registered workstation reaches (the largest a device number
#: can be), so they never take a real desk's numbers; each seed numbers its own.
DEMO_PREFIX = "D999999999"
CATEGORIES = (
    ("billing", "Billing and payments", "Оплата и счета"),
    ("returns", "Returns and refunds", "Возвраты"),
    ("delivery", "Delivery", "Доставка"),
    ("loyalty", "Loyalty card", "Карта лояльности"),
)
TEAMS = (
    ("moscow-service", "Москва: сервис", "Москва, Тверская"),
    ("london-returns", "London returns", "London, Oxford Street"),
)
POLICIES = (("*", "low", 480, 4800), ("*", "normal", 240, 1440), ("*", "high", 60, 480),
            ("*", "urgent", 15, 120), ("billing", "normal", 120, 960))  # fmt: skip
WEEK = {str(day): [["09:00", "18:00"]] for day in range(1, 6)}
CALENDARS = (
    ("*", "Europe/London", WEEK, ["2025-12-25", "2025-12-26"]),
    ("Москва, Тверская", "Europe/Moscow", WEEK, ["2025-01-01", "2025-05-09"]),
)
#: Status, minutes to the first response and to resolution (None: not yet).
STORIES = (("new", None, None), ("open", 40, None), ("waiting", 90, None),
           ("resolved", 30, 600), ("closed", 20, 300), ("escalated", 200, None))  # fmt: skip
SUBJECTS = ("Charged twice", "Parcel not delivered", "Refund not received",
            "Card points missing", "Wrong item in the box", "Invoice copy needed")  # fmt: skip


def seed_cases(session: Session, *, seed: int, end: datetime) -> int:
    """Write the demo's case data; returns how many cases were new."""
    _reference(session)
    customers = list(session.scalars(select(Customer).order_by(Customer.account_number).limit(6)))
    rng = random.Random(f"frontdesk-demo-cases-{seed}")
    made = 0
    for n, (customer, story) in enumerate(zip(customers, STORIES, strict=False), start=1):
        made += _case(session, n, customer, story, rng=rng, end=end, seed=seed)
    return made


def _reference(session: Session) -> None:
    rows: list[Any] = [CaseCategory(code=c, name_en=en, name_ru=ru, active=True)
                       for c, en, ru in CATEGORIES]  # fmt: skip
    rows += [Team(code=c, name=name, branch=branch, active=True) for c, name, branch in TEAMS]
    rows += [ServicePolicyRow(category=c, priority=p, first_response_minutes=f,
                              resolution_minutes=r) for c, p, f, r in POLICIES]  # fmt: skip
    rows += [BusinessCalendarRow(branch=b, timezone=tz, hours=h, holidays=d)
             for b, tz, h, d in CALENDARS]  # fmt: skip
    for row in rows:
        key = session.get(type(row), _key(row))
        if key is None:
            row.change_seq = allocate_seq(session)
            session.add(row)
    session.flush()


def _key(row: Any) -> Any:
    if isinstance(row, ServicePolicyRow):
        return (row.category, row.priority)
    return getattr(row, "code", None) or row.branch


def _case(session: Session, n: int, customer: Customer, story: tuple, *, rng: random.Random,
          end: datetime, seed: int) -> int:  # fmt: skip
    case_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"frontdesk-demo-case/{seed}/{n}"))
    if session.get(Case, case_id) is not None:
        return 0
    status, first, resolved = story
    opened = end - timedelta(days=rng.randint(0, 6), minutes=rng.randint(0, 480))
    team = TEAMS[n % len(TEAMS)]
    done = None if resolved is None else opened + timedelta(minutes=resolved)
    seq = allocate_seq(session, 2)
    session.add(Case(
        id=case_id, number=case_number(DEMO_PREFIX, (seed % 10**9) * 100 + n),
        customer_id=customer.id,
        channel=rng.choice(("phone", "visit", "email", "chat")),
        category=CATEGORIES[n % len(CATEGORIES)][0], subject=SUBJECTS[n % len(SUBJECTS)],
        description="", priority=rng.choice(("normal", "high")), status=status,
        assignee_user=None, assignee_team=team[0], branch=team[2], opened_by="demo",
        device_id="demo", opened_at=opened, due_at=opened + timedelta(days=1),
        first_response_due_at=opened + timedelta(hours=4),
        first_response_at=None if first is None else opened + timedelta(minutes=first),
        resolved_at=done if status == "resolved" else None,
        closed_at=done if status == "closed" else None, links=[], updated_at=opened,
        change_seq=seq,
    ))  # fmt: skip
    session.flush()
    session.add(CaseEvent(id=case_id, case_id=case_id, kind="opened", author="demo", at=opened,
                          body="", new="new", branch=team[2], device_id="demo",
                          change_seq=seq + 1, case_branch=team[2],
                          case_team=team[0]))  # fmt: skip
    return 1
