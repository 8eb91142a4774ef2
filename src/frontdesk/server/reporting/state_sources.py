"""Report sources that change in place (a case's status, an order's, a till approval's
check): read from the database as they stand now, typed like the feed's columns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pyarrow as pa
from sqlalchemy import Select, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from frontdesk.server.cases.models import Case
from frontdesk.server.orders.models import Order, OrderEvent
from frontdesk.server.reporting.columns import Col, arrow_column
from frontdesk.server.reporting.sources import COMMON
from frontdesk.server.till.models import TillPayment, TillRefund, TillRegister


@dataclass(frozen=True, slots=True)
class StateSource:
    kind: str
    columns: tuple[Col, ...]
    query: Callable[[], Select[Any]]

    @property
    def all_columns(self) -> tuple[Col, ...]:
        return COMMON + self.columns

    def table(self, session: Session, start: datetime, stop: datetime) -> pa.Table:
        inner = self.query().subquery()
        query = select(inner).where(inner.c.occurred_at >= start, inner.c.occurred_at < stop)
        rows = [dict(m) for m in session.execute(query).mappings()]
        currencies = [row.get("currency") for row in rows]
        arrays = [arrow_column(c, [row.get(c.name) for row in rows], currencies)
                  for c in self.all_columns]  # fmt: skip
        names = [c.name for c in self.all_columns]
        return pa.Table.from_arrays(arrays, names=names)


def _cases() -> Select[Any]:
    c = Case
    return select(
        literal(0).label("seq"), c.id, c.opened_at.label("occurred_at"), c.branch,
        null().label("register"), c.opened_by.label("user"), c.customer_id, c.number,
        c.category, c.priority, c.channel, c.status, c.assignee_user.label("assignee"),
        c.due_at, c.first_response_at, c.first_response_due_at, c.resolved_at, c.closed_at,
    )  # fmt: skip


def _orders() -> Select[Any]:
    o, e = Order, OrderEvent
    delivered = (
        select(func.min(e.at))
        .where(e.order_id == o.id, e.kind == "status", e.status == "delivered")
        .scalar_subquery()
    )
    return select(
        literal(0).label("seq"), o.id, o.placed_at.label("occurred_at"), o.branch,
        null().label("register"), null().label("user"), o.customer_id, o.number, o.channel,
        o.status, o.payment_state, o.currency, o.total_minor.label("total"), o.promised_on,
        delivered.label("delivered_at"),
    )  # fmt: skip


def _approvals() -> Select[Any]:
    p, r, g = TillPayment, TillRefund, TillRegister
    payments = select(
        literal(0).label("seq"), p.id, p.occurred_at, g.branch, p.register,
        p.cashier.label("user"), p.customer_id, literal("discount").label("kind"),
        p.receipt_no, p.currency, p.discount_minor.label("amount"), p.approved_by,
        p.approval_method, p.approval_check, p.accepted,
    ).join(g, g.register == p.register).where(
        (p.discount_minor > 0) | p.approved_by.is_not(None)
    )  # fmt: skip
    refunds = select(
        literal(0).label("seq"), r.id, r.occurred_at, g.branch, r.register,
        p.cashier.label("user"), p.customer_id, r.kind, r.receipt_no, p.currency,
        r.amount_minor.label("amount"), r.approved_by, r.approval_method, r.approval_check,
        r.accepted,
    ).join(p, p.id == r.payment_id).join(g, g.register == r.register).where(
        r.approved_by.is_not(None)
    )  # fmt: skip
    inner = union_all(payments, refunds).subquery()
    return select(inner)


_CASE_COLUMNS = (
    Col("number", "string", "the case's number"),
    Col("category", "string", "category code"),
    Col("priority", "string", "priority"),
    Col("channel", "string", "the channel it came in by"),
    Col("status", "string", "status now"),
    Col("assignee", "string", "the user it is assigned to"),
    Col("due_at", "timestamp", "the resolution deadline (SLA)"),
    Col("first_response_at", "timestamp", "first answer to the customer"),
    Col("first_response_due_at", "timestamp", "the first-response deadline"),
    Col("resolved_at", "timestamp", "when it was resolved"),
    Col("closed_at", "timestamp", "when it was closed"),
)
_ORDER_COLUMNS = (
    Col("number", "string", "the order's number"),
    Col("channel", "string", "the channel it was placed by"),
    Col("status", "string", "status now"),
    Col("payment_state", "string", "payment state now"),
    Col("currency", "string", "ISO 4217 code"),
    Col("total", "money", "the order's total"),
    Col("promised_on", "date", "the day promised to the customer"),
    Col("delivered_at", "timestamp", "when it was first marked delivered"),
)
_APPROVAL_COLUMNS = (
    Col("kind", "string", "discount | refund | void"),
    Col("receipt_no", "string", "the receipt"),
    Col("currency", "string", "ISO 4217 code"),
    Col("amount", "money", "the discount given, or the amount paid back"),
    Col("approved_by", "string", "the supervisor who approved"),
    Col("approval_method", "string", "online (issued by the server) | offline (at the till)"),
    Col("approval_check", "string", "the server's check: valid, unverified, or why not"),
    Col("accepted", "bool", "false: declined by the server"),
)

STATE_SOURCES: dict[str, StateSource] = {
    "cases": StateSource("cases", _CASE_COLUMNS, _cases),
    "orders": StateSource("orders", _ORDER_COLUMNS, _orders),
    "approvals": StateSource("approvals", _APPROVAL_COLUMNS, _approvals),
}
