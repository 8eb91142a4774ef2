"""The cross-sell acceptance report on SQLite and PostgreSQL, and who may read it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.crosssell_feedback import acceptance_report
from frontdesk.server.db import transaction
from frontdesk.server.models import CrossSellFeedback, Customer
from frontdesk.server.seed import seed_demo
from frontdesk.server.users import add_user

AT = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
REPORT = "/api/v1/reports/crosssell-acceptance"


def _feedback(session: Session, customer_id: str, sku: str, outcome: str, agent: str) -> None:
    session.add(
        CrossSellFeedback(
            id=str(uuid.uuid4()),
            customer_id=customer_id,
            sku=sku,
            outcome=outcome,
            model_version=1,
            agent=agent,
            branch={"ann": "Leeds", "bob": "York"}[agent],
            device_id=str(uuid.uuid4()),
            occurred_at=AT,
            recorded_at=AT,
        )
    )


def test_report_counts_outcomes_by_product_agent_and_branch(
    server_factory: sessionmaker[Session],
) -> None:
    seed_demo(server_factory, customers=2, seed=1)
    with server_factory() as session:
        assert acceptance_report(session).total.offered == 0
        customer_id = session.scalars(select(Customer.id)).first()
    rows = [("FD-01011", "offered", "ann")] * 3 + [("FD-01011", "accepted", "ann")]
    rows += [("FD-01012", "offered", "bob"), ("FD-01012", "declined", "bob")]
    with transaction(server_factory) as session:
        for sku, outcome, agent in rows:
            _feedback(session, customer_id, sku, outcome, agent)
    with server_factory() as session:
        report = acceptance_report(session)
    assert (report.total.offered, report.total.accepted, report.total.declined) == (4, 1, 1)
    assert report.total.acceptance_rate == 0.25
    assert [(r.key, r.offered, r.accepted, r.acceptance_rate) for r in report.by_product] == [
        ("FD-01011", 3, 1, 0.3333),
        ("FD-01012", 1, 0, 0.0),
    ]
    assert all(r.name and r.name != r.key for r in report.by_product)
    assert [(r.key, r.declined) for r in report.by_agent] == [("ann", 0), ("bob", 1)]
    assert [r.key for r in report.by_branch] == ["Leeds", "York"]


def test_only_supervisors_and_admins_read_the_report(
    client: TestClient, server_factory: sessionmaker[Session], auth_headers: dict
) -> None:
    assert client.get(REPORT, headers=auth_headers).status_code == 403
    add_user(server_factory, username="sue", password="a long password", role="supervisor")
    login = client.post(
        "/api/v1/auth/login", json={"username": "sue", "password": "a long password"}
    )
    answer = client.get(REPORT, headers={"Authorization": f"Bearer {login.json()['access_token']}"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["total"]["offered"] == 0
    assert client.get(REPORT).status_code == 401
