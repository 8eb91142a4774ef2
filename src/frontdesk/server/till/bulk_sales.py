"""The effects of a batch's shift opens, payments and closes, set-based.

Row for row what ``server.till.journal._apply_payment`` and ``server.till.sales`` do to one
payment, done for all of a batch's payments in request order against reads made once: the
receipts already used (and those the batch uses as it goes), the products its baskets name,
the customers they are for, and the branches' stock rows of their SKUs, locked in the order
``server.till.stock_moves`` locks them. Change numbers are taken in one raise of the counter
and handed out in the order the one-by-one path takes them (per entry: its journal row, then a
payment's purchase, stock rows and feed row), so a pull sees the same sequence either way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psycopg import sql
from psycopg.types.json import Jsonb
from sqlalchemy import JSON, insert, select
from sqlalchemy.orm import Session

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.domain.till import JournalEntry
from frontdesk.protocol.till import PaymentBody, SaleLineWire, TillEntry
from frontdesk.server.catalogue.models import Stock
from frontdesk.server.catalogue.stock import milli
from frontdesk.server.db import allocate_seq, among
from frontdesk.server.models import Customer, Product, Purchase, PurchaseLine
from frontdesk.server.push_items import ApplyContext
from frontdesk.server.till.checks import ApprovalCheck, check_discount
from frontdesk.server.till.feed import lines_of, tender_row
from frontdesk.server.till.models import (
    TillFeedRow,
    TillPayment,
    TillRefund,
    TillRegister,
    TillSaleLine,
)
from frontdesk.server.till.sales import NAMED

#: What ``check_approval`` says of an entry without an approval.
_NO_APPROVAL = ApprovalCheck(None, None, "no supervisor approved it")


@dataclass(slots=True)
class Linked:
    """An entry that is the next link of its register's chain: it will be stored."""

    ctx: ApplyContext
    entry: JournalEntry  # as the desk hashed it
    typed: TillEntry
    head: TillRegister
    change_seq: int | None = None  # its journal row's place in the transaction feed


Row = dict[str, Any]
Numbered = Callable[[int], None]  # gives a row its change number


def apply_effects(session: Session, linked: list[Linked]) -> list[dict[str, Any]]:
    """Each entry's effect (its result's own part), in order; writes every row."""
    payments = [link for link in linked if link.entry.kind == "payment"]
    batch = _Batch(session, payments)
    effects = []
    for link in linked:
        batch.numbered.append(_journal_numbering(link))  # the journal row is numbered first
        effects.append(batch.pay(link) if link.entry.kind == "payment" else {})
    batch.write()
    return effects


def _journal_numbering(link: Linked) -> Numbered:
    def number(seq: int) -> None:
        link.change_seq = seq

    return number


class _Batch:
    """The reads a batch's payments share, and the rows they add, in request order."""

    def __init__(self, session: Session, payments: list[Linked]) -> None:
        self.session = session
        bodies: list[PaymentBody] = [link.typed.body for link in payments]
        self.used = _used_receipts(session, {body.receipt for body in bodies})
        skus = {line.sku for body in bodies for line in body.lines}
        self.known = _found(session, Product.sku, skus)
        self.customers = _found(session, Customer.id,
                                {b.customer_id for b in bodies if b.customer_id})  # fmt: skip
        branches = {link.ctx.user.branch for link in payments if link.typed.body.lines}
        self.stock = _Stock(session, skus, branches)
        self.rows: dict[type, list[Row]] = defaultdict(list)
        self.numbered: list[Numbered] = []

    def pay(self, link: Linked) -> dict[str, Any]:
        body: PaymentBody = link.typed.body
        amount = Money.of(body.amount, body.currency)
        if body.receipt in self.used:
            reason = f"receipt {body.receipt} is already used"
            self._feed(link, amount, accepted=False, reason=reason)
            return {"payment_id": link.entry.key, "accepted": False, "reason": reason}
        self.used.add(body.receipt)
        discount = check_discount(body, amount, _NO_APPROVAL)
        problem = discount.problem or (self._basket_problem(body) if body.lines else None)
        self.rows[TillPayment].append(_payment_row(link, amount, discount.columns(), problem))
        sold = self._sale(link) if body.lines and problem is None else {}
        self._feed(link, amount, accepted=problem is None, reason=problem)
        result: dict[str, Any] = {"payment_id": link.entry.key, "accepted": problem is None}
        return result | sold | ({"reason": problem} if problem else {})

    def _basket_problem(self, body: PaymentBody) -> str | None:
        """As ``sales.basket_problem``, against the products read once."""
        if body.purpose != "purchase":
            return f"lines: a payment for {body.purpose} sells no goods"
        unknown = [(n, line.sku) for n, line in enumerate(body.lines)
                   if line.sku not in self.known]  # fmt: skip
        if not unknown:
            return None
        named = "; ".join(f"lines.{n}.sku: no product {sku!r} here" for n, sku in unknown[:NAMED])
        more = len(unknown) - NAMED
        return named + (f"; and {more} more" if more > 0 else "")

    def _sale(self, link: Linked) -> dict[str, str]:
        """As ``sales.record_sale``: the lines, the purchase, the goods off the stock."""
        body: PaymentBody = link.typed.body
        key = link.entry.key
        lines = [sale_row(key, line, body.currency) for line in body.lines]
        self.rows[TillSaleLine] += lines
        customer = body.customer_id
        unknown = customer is not None and customer not in self.customers
        purchase = _purchase_row(link, None if unknown else customer, lines)
        self.rows[Purchase].append(purchase)
        goods = [_purchase_line(key, line) for line in lines]
        self.numbered.append(_purchase_numbering(purchase, goods))
        self.rows[PurchaseLine] += goods
        taken = [(line["sku"], line["quantity_milli"]) for line in lines]
        self.numbered += self.stock.take(taken, branch=link.ctx.user.branch)
        return {"walk_in_because": f"no customer {customer!r} here"} if unknown else {}

    def _feed(self, link: Linked, amount: Money, *, accepted: bool, reason: str | None) -> None:
        row = _feed_row(link, amount, accepted=accepted, reason=reason)
        self.rows[TillFeedRow].append(row)
        self.numbered.append(lambda seq: row.__setitem__("change_seq", seq))

    def write(self) -> None:
        if self.numbered:
            first = allocate_seq(self.session, len(self.numbered))
            for seq, number in enumerate(self.numbered, start=first):
                number(seq)
        # Parents before children: sale lines name payments, purchase lines purchases.
        for model in (TillPayment, TillSaleLine, Purchase, PurchaseLine, TillFeedRow):
            if self.rows[model]:
                insert_rows(self.session, model, self.rows[model])
        self.stock.write()


def insert_rows(session: Session, model: type, rows: list[Row]) -> None:
    """Insert ``rows`` (all with the same keys) past the ORM: on PostgreSQL as one COPY
    (psycopg's C writer; an executemany spends tens of microseconds a row in the driver),
    elsewhere as one executemany."""
    table = model.__table__  # type: ignore[attr-defined]
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), rows)
        return
    names = list(rows[0])
    json = {column.name for column in table.columns if isinstance(column.type, JSON)}
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table.name), sql.SQL(", ").join(map(sql.Identifier, names))
    )
    driver = connection.connection.driver_connection
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([Jsonb(row[n]) if n in json else row[n] for n in names])


class _Stock:
    """The branches' stock rows of the batch's SKUs, locked once, moved in memory."""

    def __init__(self, session: Session, skus: set[str], branches: set[str]) -> None:
        self.session = session
        self.rows: dict[str, dict[str, list[Stock]]] = defaultdict(lambda: defaultdict(list))
        if skus and branches:
            query = (
                select(Stock)
                .where(Stock.sku.in_(sorted(skus)), Stock.branch.in_(sorted(branches)))
                .order_by(Stock.sku, Stock.warehouse)
                .with_for_update()
            )
            for row in session.scalars(query):
                self.rows[row.branch][row.sku].append(row)

    def take(self, sold: list[tuple[str, int]], *, branch: str) -> list[Numbered]:
        """As ``stock_moves.take``: the rows changed, in the order it numbers them."""
        wanted: dict[str, int] = defaultdict(int)
        for sku, thousandths in sold:
            wanted[sku] += thousandths
        changed: list[Numbered] = []
        for sku, rows in self.rows[branch].items():
            need = wanted.get(sku, 0)
            for row in sorted(rows, key=lambda r: (-r.on_hand_milli, r.warehouse)):
                taken = min(need, row.on_hand_milli)
                if taken > 0:
                    row.on_hand_milli -= taken
                    changed.append(_numbering(row))
                    need -= taken
        return changed

    def write(self) -> None:
        self.session.flush()  # the ORM sends the changed rows as one executemany


def _purchase_numbering(purchase: Row, lines: list[Row]) -> Numbered:
    """As ``purchases.add_purchase``: the lines carry their purchase's number."""

    def number(seq: int) -> None:
        for row in (purchase, *lines):
            row["change_seq"] = seq

    return number


def _numbering(row: Stock) -> Numbered:
    def number(seq: int) -> None:
        row.change_seq = seq

    return number


def _used_receipts(session: Session, receipts: set[str]) -> set[str]:
    if not receipts:
        return set()
    used: set[str] = set()
    for model in (TillPayment, TillRefund):
        column = model.receipt_no
        used |= set(session.scalars(select(column).where(among(session, column, receipts))))
    return used


def _found(session: Session, column: Any, wanted: set[str]) -> set[str]:
    found = select(column).where(among(session, column, wanted))
    return set(session.scalars(found)) if wanted else set()


def sale_row(payment_id: str, line: SaleLineWire, currency: str) -> Row:
    """As ``sales.sale_line``, a plain row (no ORM object: thousands a batch)."""
    return {
        "payment_id": payment_id, "line_no": line.line_no, "sku": line.sku,
        "description": line.description, "unit": line.unit, "quantity_milli": milli(line.quantity),
        "unit_price_scaled": UnitPrice.of(line.unit_price, currency).scaled,
        "net_minor": Money.of(line.net, currency).minor, "returned_milli": 0, "returned_minor": 0,
    }  # fmt: skip


def _payment_row(link: Linked, amount: Money, discount: Row, problem: str | None) -> Row:
    body: PaymentBody = link.typed.body
    return {
        "id": link.entry.key, "register": link.typed.register_code, "receipt_no": body.receipt,
        "shift_id": body.shift_id, "customer_id": body.customer_id, "purpose": body.purpose,
        "currency": amount.currency.code, "amount_minor": amount.minor, "refunded_minor": 0,
        "cashier": link.ctx.user.username, "occurred_at": datetime.fromisoformat(link.typed.at),
        "accepted": problem is None, "refusal": problem, "approved_by": None,
        "approval_method": None, "approval_check": None, **discount,
    }  # fmt: skip


def _purchase_row(link: Linked, customer: str | None, lines: list[Row]) -> Row:
    body: PaymentBody = link.typed.body
    return {
        "id": link.entry.key, "number": body.receipt, "customer_id": customer,
        "purchased_at": datetime.fromisoformat(link.typed.at), "branch": link.ctx.user.branch,
        "currency": body.currency, "is_return": False, "original_number": None,
        "total_minor": sum(line["net_minor"] for line in lines), "change_seq": None,
    }  # fmt: skip


def _purchase_line(key: str, line: Row) -> Row:
    """As ``purchases._line`` of ``sales.goods_of`` the sold line."""
    return {
        "purchase_id": key, "line_no": line["line_no"], "sku": line["sku"],
        "description": line["description"], "quantity_milli": line["quantity_milli"],
        "unit_price_scaled": line["unit_price_scaled"], "line_total_minor": line["net_minor"],
        "change_seq": None,
    }  # fmt: skip


def _feed_row(link: Linked, amount: Money, *, accepted: bool, reason: str | None) -> Row:
    """As ``feed.record``."""
    body, ctx = link.typed.body, link.ctx
    return {
        "id": link.entry.key, "kind": link.typed.kind, "register": link.typed.register_code,
        "branch": ctx.user.branch, "receipt_no": body.receipt, "links_to": body.links_to,
        "currency": amount.currency.code, "amount_minor": amount.minor,
        "change_minor": Money.of(body.change, amount.currency).minor,
        "tenders": [tender_row(t, amount) for t in body.tenders],
        "customer_id": body.customer_id, "purpose": body.purpose, "cashier": ctx.user.username,
        "occurred_at": datetime.fromisoformat(link.typed.at), "accepted": accepted,
        "declined_reason": reason, "change_seq": None, "returned": [],
        **lines_of(link.typed),
    }  # fmt: skip
