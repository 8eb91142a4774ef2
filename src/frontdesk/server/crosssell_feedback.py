"""Cross-sell feedback from the desks, and the acceptance report the back office reads.

Desks record what became of each offer (offered, accepted, declined) through their outbox;
the ``crosssell.feedback`` applier stores it once per key with the pushing agent and their
branch. ``GET /reports/crosssell-acceptance`` counts the outcomes by product, agent and
branch, for supervisors and administrators.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, HTTPException, status
from sqlalchemy import ColumnElement, func, insert, select
from sqlalchemy.orm import Session

from frontdesk.protocol import (
    AcceptanceRow,
    CrossSellAcceptanceReport,
    CrossSellFeedbackRecord,
    ErrorBody,
    Role,
)
from frontdesk.server.db import allocate_seq
from frontdesk.server.deps import CurrentUser, SessionDep
from frontdesk.server.models import CrossSellFeedback, Customer, Product
from frontdesk.server.push_items import ApplyContext, ItemRejected, Outcome

REPORT_ROLES = (Role.SUPERVISOR.value, Role.ADMIN.value)


def apply_feedback(ctx: ApplyContext) -> dict[str, Any]:
    (outcome,) = apply_feedbacks([ctx])
    if not isinstance(outcome, dict):
        raise outcome
    return outcome


def apply_feedbacks(contexts: Sequence[ApplyContext]) -> list[Outcome]:
    """Many feedback items at once: one customer and one product lookup, one insert."""
    session = contexts[0].session
    outcomes: list[Any] = [_record(ctx) for ctx in contexts]
    records = [o for o in outcomes if isinstance(o, CrossSellFeedbackRecord)]
    customers = _existing(session, Customer.id, {r.customer_id for r in records})
    products = _existing(session, Product.sku, {r.sku for r in records})
    rows = []
    for n, (ctx, outcome) in enumerate(zip(contexts, outcomes, strict=True)):
        if not isinstance(outcome, CrossSellFeedbackRecord):
            continue
        if outcome.customer_id not in customers:
            outcomes[n] = ItemRejected(f"unknown customer {outcome.customer_id}")
        elif outcome.sku not in products:
            outcomes[n] = ItemRejected(f"unknown product {outcome.sku}")
        else:
            rows.append(_feedback_row(ctx, outcome))
            outcomes[n] = {"feedback_id": ctx.item.key}
    if rows:
        first = allocate_seq(session, len(rows))
        for n, row in enumerate(rows):
            row["change_seq"] = first + n
        session.execute(insert(CrossSellFeedback), rows)
    return outcomes


def _record(ctx: ApplyContext) -> CrossSellFeedbackRecord:
    return ctx.item.payload


def _existing(session: Session, column: Any, wanted: set[str]) -> set[str]:
    return set(session.scalars(select(column).where(column.in_(wanted)))) if wanted else set()


def _feedback_row(ctx: ApplyContext, record: CrossSellFeedbackRecord) -> dict[str, Any]:
    return {
        "id": ctx.item.key,
        "customer_id": record.customer_id,
        "sku": record.sku,
        "outcome": record.outcome,
        "model_version": record.model_version,
        "agent": ctx.user.username,
        "branch": ctx.user.branch,
        "device_id": ctx.device_id,
        "occurred_at": record.occurred_at,
        "recorded_at": ctx.now,
    }


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
