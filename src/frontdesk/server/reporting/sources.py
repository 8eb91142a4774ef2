"""Where each kind of the feed is read from, and its columns.

Every transaction the server accepts sits in an append-only row stamped with ``change_seq``
from the one change counter (``server.db.allocate_seq``): the till feed (payments, refunds,
voids), the till journal (shift opens and closes), purchase lines (sold and returned goods,
from the till and from imports), interactions, cross-sell feedback, customer events, case
events and order events. The counter row stays locked until its transaction commits, so
numbers become visible in commit order: once a reader sees number N, every smaller number is
committed or never will be. The feed is these rows in number order.

A new kind (the knowledge base's article feedback, when it lands) is one more ``Source``
in ``SOURCES``: a select over its append-only table and its columns.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, literal, null, select

from frontdesk.domain.money import Money
from frontdesk.server.cases.models import Case, CaseEvent
from frontdesk.server.models import (
    CrossSellFeedback,
    CustomerEvent,
    Interaction,
    Purchase,
    PurchaseLine,
)
from frontdesk.server.orders.models import Order, OrderEvent
from frontdesk.server.reporting.columns import Col, by_row
from frontdesk.server.till.models import TillFeedRow, TillJournalEntry, TillRegister

COMMON = (
    Col("seq", "int", "the feed position (change-sequence number); the cursor"),
    Col("id", "string", "the transaction's id (the desk's idempotency key where it has one)"),
    Col("occurred_at", "timestamp", "when it happened (UTC); its day is the partition"),
    Col("branch", "string", "the branch it belongs to (null where none is recorded)"),
    Col("register", "string", "the till register code (null off the till)"),
    Col("user", "string", "who did it: cashier, agent, author or importing system"),
    Col("customer_id", "string", "the customer (null: walk-in or none)"),
)


@dataclass(frozen=True, slots=True)
class Source:
    """One kind: its select (labelled like its columns, plus ``currency`` where it has
    money) over rows numbered in ``(since, upto]``, and an optional reshaping of a batch's
    columns (name -> values, JSON already decoded) done in place.

    ``order`` breaks ties between rows sharing a number (a purchase's lines), so every
    read of a range gives its rows in the same order and an export rewrites the same bytes.
    """

    kind: str
    doc: str
    columns: tuple[Col, ...]
    query: Callable[[], Select[Any]]
    seq: Any  # the column the range applies to
    reshape: Callable[[dict[str, list[Any]]], None] | None = None
    order: tuple[Any, ...] = ()

    @property
    def all_columns(self) -> tuple[Col, ...]:
        return COMMON + self.columns

    def select(self, since: int, upto: int) -> Select[Any]:
        query = self.query().where(and_(self.seq > since, self.seq <= upto))
        return query.order_by(self.seq, *self.order)


def _till(kind: str) -> Select[Any]:
    f = TillFeedRow
    return select(
        f.change_seq.label("seq"), f.id, f.occurred_at, f.branch, f.register,
        f.cashier.label("user"), f.customer_id, f.receipt_no, f.links_to, f.currency,
        f.amount_minor.label("amount"), f.change_minor.label("change"), f.tenders,
        f.purpose, f.accepted, f.declined_reason, f.lines, f.returned,
    ).where(f.kind == kind)  # fmt: skip


def _tenders(columns: dict[str, list[Any]]) -> None:
    columns["tenders"] = [
        [{"tender": t["tender"], "amount": str(Money.from_minor(t["minor"], currency).amount)}
         for t in tenders]
        for tenders, currency in zip(columns["tenders"], columns["currency"], strict=True)
    ]  # fmt: skip


_TILL_COLUMNS = (
    Col("receipt_no", "string", "the receipt number printed at the till"),
    Col("links_to", "string", "of a refund or void: the id of the payment it pays back"),
    Col("currency", "string", "ISO 4217 code of every amount in the row"),
    Col("amount", "money", "the amount paid (a payment) or paid back (refund, void)"),
    Col("change", "money", "cash handed back"),
    Col("tenders", "json", 'JSON list of {"tender", "amount" (decimal string)}'),
    Col("purpose", "string", "what the money was for (sale, deposit, ...)"),
    Col("accepted", "bool", "false: declined by the server (too large, no approval...)"),
    Col("declined_reason", "string", "why it was declined"),
    Col("lines", "json", "a basket payment's sale lines as the till sent them"),
    Col("returned", "json", "a refund's returned lines as the till sent them"),
)


def _shifts() -> Select[Any]:
    j, r = TillJournalEntry, TillRegister
    return (
        select(
            j.change_seq.label("seq"), j.key.label("id"), j.received_at.label("occurred_at"),
            r.branch, j.register, null().label("user"), null().label("customer_id"),
            j.kind.label("event"), j.content,
        )
        .join(r, r.register == j.register)
        .where(j.kind.in_(("shift_open", "shift_close")))
    )  # fmt: skip


def _shift(columns: dict[str, list[Any]]) -> None:
    """A shift's figures live in its journal entry's signed content: one row at a time
    (shifts are few)."""
    rows = [_shift_row(row) for row in by_row(columns)]
    columns.clear()
    columns.update({name: [row[name] for row in rows] for name in (rows[0] if rows else ())})


def _shift_row(row: dict[str, Any]) -> dict[str, Any]:
    content = json.loads(row.pop("content"))
    body, currency = content["body"], content["body"]["currency"]

    def minor(name: str) -> int | None:
        value = body.get(name)
        return None if value is None else Money.of(value, currency).minor

    row.update(
        event=row["event"].removeprefix("shift_"), occurred_at=_instant(content["at"]),
        user=body.get("cashier"), shift_id=body.get("shift_id") or row["id"], currency=currency,
        opening_float=minor("float"), counted=minor("counted"),
        expected_cash=minor("expected_cash"), over_short=minor("over_short"), net=minor("net"),
        unsynced_at_close=body.get("unsynced_at_close"),
    )  # fmt: skip
    return row


def _instant(text: str) -> Any:
    from datetime import UTC, datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def _basket_lines() -> Select[Any]:
    p, line, f = Purchase, PurchaseLine, TillFeedRow
    return (
        select(
            line.change_seq.label("seq"),
            (p.id + literal(":") + _text(line.line_no)).label("id"),
            p.purchased_at.label("occurred_at"), p.branch, f.register,
            f.cashier.label("user"), p.customer_id, p.id.label("purchase_id"), p.number,
            p.is_return, p.original_number, line.line_no, line.sku, line.description,
            p.currency, line.quantity_milli.label("quantity"),
            line.unit_price_scaled.label("unit_price"), line.line_total_minor.label("line_total"),
        )
        .join(p, p.id == line.purchase_id)
        .outerjoin(f, f.id == p.id)
    )  # fmt: skip


def _text(column: Any) -> Any:
    from sqlalchemy import String, cast

    return cast(column, String)


def _contacts() -> Select[Any]:
    i = Interaction
    return select(
        i.change_seq.label("seq"), i.id, i.occurred_at, i.branch, null().label("register"),
        i.agent.label("user"), i.customer_id, i.channel, i.reason, i.outcome, i.notes,
        i.follow_up, i.device_id,
    )  # fmt: skip


def _crosssell() -> Select[Any]:
    c = CrossSellFeedback
    return select(
        c.change_seq.label("seq"), c.id, c.occurred_at, c.branch, null().label("register"),
        c.agent.label("user"), c.customer_id, c.sku, c.outcome, c.model_version,
        c.recorded_at, c.device_id,
    )  # fmt: skip


def _customers() -> Select[Any]:
    e = CustomerEvent
    return select(
        e.change_seq.label("seq"), e.id, e.occurred_at, e.branch, null().label("register"),
        e.author.label("user"), e.customer_id, e.kind.label("event"), e.source, e.fields,
        e.conflicts, e.device_id,
    )  # fmt: skip


def _case_events() -> Select[Any]:
    e, c = CaseEvent, Case
    return select(
        e.change_seq.label("seq"), e.id, e.at.label("occurred_at"), e.branch,
        null().label("register"), e.author.label("user"), c.customer_id,
        e.case_id, c.number.label("case_number"), e.kind.label("event"), e.body,
        e.visibility, e.old, e.new, c.category, c.priority, c.channel,
        e.case_branch, e.case_team, e.device_id,
    ).join(c, c.id == e.case_id)  # fmt: skip


def _order_events() -> Select[Any]:
    e, o = OrderEvent, Order
    return select(
        e.change_seq.label("seq"), e.id, e.at.label("occurred_at"),
        e.order_branch.label("branch"), null().label("register"), e.author.label("user"),
        o.customer_id, e.order_id, o.number.label("order_number"), e.kind.label("event"),
        e.status, e.detail, o.channel, o.currency, o.total_minor.label("order_total"),
        e.device_id,
    ).join(o, o.id == e.order_id)  # fmt: skip


def _till_source(kind: str, plural: str, doc: str) -> Source:
    query = lambda: _till(kind)  # noqa: E731
    return Source(plural, doc, _TILL_COLUMNS, query, TillFeedRow.change_seq, _tenders,
                  order=(TillFeedRow.id,))  # fmt: skip


SOURCES: tuple[Source, ...] = (
    _till_source("payment", "payments", "a payment taken at a till (basket or amount)"),
    _till_source("refund", "refunds", "money paid back against a payment"),
    _till_source("void", "voids", "a payment cancelled whole"),
    Source(
        "shifts",
        "a till shift opened or closed, with over/short at close",
        (
            Col("event", "string", "open | close"),
            Col("shift_id", "string", "the shift (its opening entry's id)"),
            Col("currency", "string", "ISO 4217 code of every amount in the row"),
            Col("opening_float", "money", "of an open: the cash float"),
            Col("counted", "money", "of a close: the cash counted"),
            Col("expected_cash", "money", "of a close: the cash the till expected"),
            Col("over_short", "money", "of a close: counted less expected (negative: short)"),
            Col("net", "money", "of a close: the shift's takings less its refunds"),
            Col("unsynced_at_close", "int", "of a close: entries not yet on the server then"),
        ),
        _shifts,
        TillJournalEntry.change_seq,
        _shift,
        order=(TillJournalEntry.key,),
    ),
    Source(
        "basket_lines",
        "a line of goods sold (positive) or returned (negative)",
        (
            Col("purchase_id", "string", "the purchase (a till payment's or refund's id)"),
            Col("number", "string", "receipt or invoice number"),
            Col("is_return", "bool", "true: a return (negative quantity and total)"),
            Col("original_number", "string", "of a return: the sale it returns, where known"),
            Col("line_no", "int", "the line's number in its purchase"),
            Col("sku", "string", "the product"),
            Col("description", "string", "the product's text on the receipt"),
            Col("currency", "string", "ISO 4217 code of every amount in the row"),
            Col("quantity", "quantity", "units, to thousandths (weighed goods)"),
            Col("unit_price", "price", "the unit price, to 8 places"),
            Col("line_total", "money", "what the line came to, after its discounts"),
        ),
        _basket_lines,
        PurchaseLine.change_seq,
        order=(PurchaseLine.purchase_id, PurchaseLine.line_no),
    ),
    Source(
        "contacts",
        "a call, visit or e-mail logged at a desk",
        (
            Col("channel", "string", "phone | visit | email ..."),
            Col("reason", "string", "why the customer got in touch"),
            Col("outcome", "string", "how it ended"),
            Col("notes", "string", "the agent's notes"),
            Col("follow_up", "date", "when to follow up (null: no follow-up)"),
            Col("device_id", "string", "the workstation"),
        ),
        _contacts,
        Interaction.change_seq,
        order=(Interaction.id,),
    ),
    Source(
        "crosssell",
        "a cross-sell offer and what the customer answered",
        (
            Col("sku", "string", "the product offered"),
            Col("outcome", "string", "offered | accepted | declined"),
            Col("model_version", "int", "the cross-sell model that suggested it"),
            Col("recorded_at", "timestamp", "when the server stored it"),
            Col("device_id", "string", "the workstation"),
        ),
        _crosssell,
        CrossSellFeedback.change_seq,
        order=(CrossSellFeedback.id,),
    ),
    Source(
        "customers",
        "a customer created or edited",
        (
            Col("event", "string", "create | edit"),
            Col("source", "string", "desk | import | seed | history (existed before the feed)"),
            Col("fields", "json", "JSON object of the fields written, with their new values"),
            Col("conflicts", "json", 'of an edit: JSON list of {"field", "kept", "yours"}'),
            Col("device_id", "string", "the workstation (desk events)"),
        ),
        _customers,
        CustomerEvent.change_seq,
        order=(CustomerEvent.id,),
    ),
    Source(
        "case_events",
        "a line of a case's history (opened, comment, status...)",
        (
            Col("case_id", "string", "the case"),
            Col("case_number", "string", "the case's number"),
            Col("event", "string", "opened | comment | assigned | status | attached | conflict"),
            Col("body", "string", "the comment or note"),
            Col("visibility", "string", "internal | customer (comments, attachments)"),
            Col("old", "string", "a move's previous value (status, assignee)"),
            Col("new", "string", "a move's new value"),
            Col("category", "string", "the case's category code"),
            Col("priority", "string", "the case's priority"),
            Col("channel", "string", "the channel the case came in by"),
            Col("case_branch", "string", "the case's branch"),
            Col("case_team", "string", "the team the case was with"),
            Col("device_id", "string", "the workstation"),
        ),
        _case_events,
        CaseEvent.change_seq,
        order=(CaseEvent.id,),
    ),
    Source(
        "order_events",
        "a line of an order's history (placed, status, payment...)",
        (
            Col("order_id", "string", "the order"),
            Col("order_number", "string", "the order's number"),
            Col("event", "string", "placed | status | payment | shipping | promised | note | ..."),
            Col("status", "string", "a status move's new status"),
            Col("detail", "string", "payment state, shipping, promised day or note text"),
            Col("channel", "string", "the order's channel"),
            Col("currency", "string", "ISO 4217 code of the order's total"),
            Col("order_total", "money", "the order's total (as it stands now)"),
            Col("device_id", "string", "the workstation (null: an import or the API)"),
        ),
        _order_events,
        OrderEvent.change_seq,
        order=(OrderEvent.id,),
    ),
)

BY_KIND = {source.kind: source for source in SOURCES}
