"""Cross-sell feedback from the desks, and the acceptance report the back office reads.

Desks record what became of each offer (offered, accepted, declined) through their outbox;
the ``crosssell.feedback`` applier stores it once per key with the pushing agent and their
branch. ``GET /reports/crosssell-acceptance`` counts the outcomes by product, agent and
branch, for supervisors and administrators.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, status
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from frontdesk.protocol import (
    AcceptanceRow,
    CrossSellAcceptanceReport,
    CrossSellFeedbackRecord,
    ErrorBody,
    Role,
)
from frontdesk.server.deps import CurrentUser, SessionDep
from frontdesk.server.models import CrossSellFeedback, Customer, Product
from frontdesk.server.push import APPLIERS, ApplyContext, ItemRejected

CROSSSELL_FEEDBACK = "crosssell.feedback"
REPORT_ROLES = (Role.SUPERVISOR.value, Role.ADMIN.value)


def apply_feedback(ctx: ApplyContext, payload: dict[str, Any]) -> dict[str, Any]:
    record = CrossSellFeedbackRecord.model_validate(payload)
    if ctx.session.get(Customer, record.customer_id) is None:
        raise ItemRejected(f"unknown customer {record.customer_id}")
    if ctx.session.get(Product, record.sku) is None:
        raise ItemRejected(f"unknown product {record.sku}")
    ctx.session.add(
        CrossSellFeedback(
            id=ctx.item.key,
            customer_id=record.customer_id,
            sku=record.sku,
            outcome=record.outcome,
            model_version=record.model_version,
            agent=ctx.user.username,
            branch=ctx.user.branch,
            device_id=ctx.device_id,
            occurred_at=record.occurred_at,
            recorded_at=ctx.now,
        )
    )
    return {"feedback_id": ctx.item.key}


APPLIERS[CROSSSELL_FEEDBACK] = apply_feedback


def acceptance_report(session: Session) -> CrossSellAcceptanceReport:
    """Offers, acceptances and declines in total and by product, agent and branch."""
    names = dict(session.execute(select(Product.sku, Product.name)).all())
    products = _grouped(session, CrossSellFeedback.sku)
    return CrossSellAcceptanceReport(
        total=_grouped(session, None)[0] if products else _row("all", "all", 0, 0, 0),
        by_product=[r.model_copy(update={"name": names.get(r.key) or r.key}) for r in products],
        by_agent=_grouped(session, CrossSellFeedback.agent),
        by_branch=_grouped(session, CrossSellFeedback.branch),
    )


def _grouped(session: Session, column: ColumnElement[str] | None) -> list[AcceptanceRow]:
    def count(outcome: str) -> Any:
        return func.count().filter(CrossSellFeedback.outcome == outcome)

    key = column if column is not None else func.min("all")
    query = select(key, count("offered"), count("accepted"), count("declined"))
    if column is not None:
        query = query.group_by(column).order_by(column)
    return [_row(k, k, o, a, d) for k, o, a, d in session.execute(query)]


def _row(key: str, name: str, offered: int, accepted: int, declined: int) -> AcceptanceRow:
    rate = round(accepted / offered, 4) if offered else None
    return AcceptanceRow(
        key=key,
        name=name,
        offered=offered,
        accepted=accepted,
        declined=declined,
        acceptance_rate=rate,
    )


def add_routes(router: APIRouter) -> None:
    router.add_api_route(
        "/reports/crosssell-acceptance",
        crosssell_acceptance,
        methods=["GET"],
        response_model=CrossSellAcceptanceReport,
        responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}},
    )


def crosssell_acceptance(session: SessionDep, user: CurrentUser) -> CrossSellAcceptanceReport:
    """Cross-sell acceptance by product, agent and branch (supervisors and administrators)."""
    if user.role not in REPORT_ROLES:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="reports are for supervisors")
    return acceptance_report(session)
