"""Writing one batch of Online Retail rows: customers, products, purchases, returns.

See ``online_retail`` for the mapping; this module is its database half. Each batch is
planned first (what to insert or update), then given one block of change-sequence
numbers, then written with bulk statements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from frontdesk.domain.catalogue import Product as DomainProduct
from frontdesk.domain.customers import Customer as DomainCustomer
from frontdesk.domain.money import UnitPrice
from frontdesk.domain.sales import Purchase as DomainPurchase
from frontdesk.server import customer_events
from frontdesk.server.catalogue.models import QUANTITY_SCALE
from frontdesk.server.db import allocate_seq, utcnow
from frontdesk.server.importers.categories import category_for
from frontdesk.server.importers.common import (
    customer_id_for,
    customer_row,
    fetch_in,
    purchase_id_for,
)
from frontdesk.server.importers.retail_report import RetailImportReport
from frontdesk.server.importers.retail_rows import GBP, OTHER_CUSTOMER, RetailRow
from frontdesk.server.models import Customer, Product, Purchase, PurchaseLine


@dataclass(frozen=True, slots=True)
class _Known:
    """A purchase already in the database."""

    id: str
    customer_id: str | None
    change_seq: int
    total_minor: int


@dataclass
class _Plan:
    """The rows one batch will write, built before sequence numbers are allocated."""

    customers: list[dict[str, Any]] = field(default_factory=list)
    new_products: list[dict[str, Any]] = field(default_factory=list)
    changed_products: list[dict[str, Any]] = field(default_factory=list)
    sales: dict[str, list[RetailRow]] = field(default_factory=dict)
    returns: dict[str, list[RetailRow]] = field(default_factory=dict)
    continued: dict[str, tuple[_Known, list[RetailRow]]] = field(default_factory=dict)

    def seq_count(self) -> int:
        return (
            len(self.customers)
            + len(self.new_products)
            + len(self.changed_products)
            + len(self.sales)
            + len(self.returns)
            + len(self.continued)
        )


class RetailBatch:
    """Writes one batch of valid rows inside one transaction."""

    def __init__(self, session: Session, *, floor: int, report: RetailImportReport) -> None:
        self.session = session
        self.floor = floor
        self.report = report
        self.account_ids: dict[str, str] = {}

    def write(self, rows: list[RetailRow]) -> None:
        plan = self._plan(rows)
        if plan.seq_count() == 0:
            return
        seqs = count(allocate_seq(self.session, plan.seq_count()))
        self._insert(Customer, plan.customers, seqs)
        customer_events.record_rows(
            self.session, plan.customers, kind="create", source="import", at=utcnow()
        )
        self._insert(Product, plan.new_products, seqs)
        self._update(Product, plan.changed_products, seqs)
        self._write_purchases(plan.sales, seqs)
        self._continue_purchases(plan.continued, seqs)
        self._write_purchases(plan.returns, seqs)

    # -- planning ---------------------------------------------------------------------

    def _plan(self, rows: list[RetailRow]) -> _Plan:
        invoices = _by_invoice(rows)
        known = self._known_purchases(invoices)
        self._load_accounts(row.account for group in invoices.values() for row in group)
        plan = _Plan()
        for number, group in invoices.items():
            self._plan_invoice(plan, number, group, known.get(number))
        plan.customers = self._new_customers([*plan.sales.values(), *plan.returns.values()])
        groups = [*plan.sales.values(), *plan.returns.values()]
        groups += [group for _, group in plan.continued.values()]
        accepted = {id(row) for group in groups for row in group}
        # File order, so "the last description seen" means last in the file.
        self._plan_products(plan, [row for row in rows if id(row) in accepted])
        return plan

    def _plan_invoice(
        self, plan: _Plan, number: str, group: list[RetailRow], known: _Known | None
    ) -> None:
        if known is None:
            kept = self._same_customer(group, lambda row: row.account == group[0].account)
            (plan.returns if number.startswith("C") else plan.sales)[number] = kept
            return
        kept = self._same_customer(group, lambda row: self._customer_id(row) == known.customer_id)
        if known.change_seq <= self.floor:  # imported before this run
            self.report.duplicates_skipped += len(kept)
        elif kept:
            plan.continued[number] = (known, kept)

    def _same_customer(
        self, group: list[RetailRow], matches: Callable[[RetailRow], bool]
    ) -> list[RetailRow]:
        """The rows whose customer is the invoice's; the others are bad rows."""
        kept = [row for row in group if matches(row)]
        for _ in range(len(group) - len(kept)):
            self.report.count_bad(OTHER_CUSTOMER)
        return kept

    def _customer_id(self, row: RetailRow) -> str | None:
        if row.account is None:
            return None
        return self.account_ids.get(row.account, f"unknown:{row.account}")

    def _known_purchases(self, invoices: dict[str, list[RetailRow]]) -> dict[str, _Known]:
        found = fetch_in(
            self.session,
            (
                Purchase.number,
                Purchase.id,
                Purchase.customer_id,
                Purchase.change_seq,
                Purchase.total_minor,
            ),
            key=Purchase.number,
            values=invoices,
        )
        return {number: _Known(*rest) for number, *rest in found}

    def _load_accounts(self, accounts: Iterable[str | None]) -> None:
        wanted = {account for account in accounts if account is not None}
        found = fetch_in(
            self.session,
            (Customer.account_number, Customer.id),
            key=Customer.account_number,
            values=wanted,
        )
        self.account_ids = dict(found)  # type: ignore[arg-type]

    def _new_customers(self, groups: list[list[RetailRow]]) -> list[dict[str, Any]]:
        rows = []
        for group in groups:
            first = group[0]
            if first.account is None or first.account in self.account_ids:
                continue
            customer = _customer(first)
            self.account_ids[customer.account_number] = customer.id
            rows.append(customer_row(customer))
        self.report.customers_created += len(rows)
        return rows

    def _plan_products(self, plan: _Plan, rows: list[RetailRow]) -> None:
        seen = _seen_products(rows)
        known = fetch_in(
            self.session,
            (Product.sku, Product.name, Product.category, Product.unit_price_scaled),
            key=Product.sku,
            values=seen,
        )
        old = {sku: (name, category, price) for sku, name, category, price in known}
        for sku, (name, price) in seen.items():
            if sku not in old:
                plan.new_products.append(_product_row(sku, name, 0 if price is None else price))
                continue
            old_name, _, old_price = old[sku]
            row = _product_row(sku, name or old_name, old_price if price is None else price)
            if (row["name"], row["category"], row["unit_price_scaled"]) != old[sku]:
                plan.changed_products.append(row)
        self.report.products_created += len(plan.new_products)

    # -- writing ----------------------------------------------------------------------

    def _insert(self, model: Any, rows: list[dict[str, Any]], seqs: Iterator[int]) -> None:
        if rows:
            for row in rows:
                row["change_seq"] = next(seqs)
            self.session.execute(insert(model.__table__), rows)

    def _update(self, model: Any, rows: list[dict[str, Any]], seqs: Iterator[int]) -> None:
        if rows:
            for row in rows:
                row["change_seq"] = next(seqs)
            self.session.execute(update(model), rows)

    def _write_purchases(self, invoices: dict[str, list[RetailRow]], seqs: Iterator[int]) -> None:
        headers, lines = [], []
        for number, group in invoices.items():
            header = self._header(number, group)
            header["change_seq"] = next(seqs)
            headers.append(header)
            lines.extend(_line_rows(header["id"], group, first_line_no=1, seq=header["change_seq"]))
        self._insert_purchases(headers, lines)

    def _insert_purchases(self, headers: list[dict[str, Any]], lines: list[dict[str, Any]]) -> None:
        if headers:
            self.session.execute(insert(Purchase.__table__), headers)
        if lines:
            self.session.execute(insert(PurchaseLine.__table__), lines)
        self.report.lines_imported += len(lines)

    def _header(self, number: str, group: list[RetailRow]) -> dict[str, Any]:
        first = group[0]
        customer_id = self.account_ids[first.account] if first.account else None
        purchase = DomainPurchase(
            id=purchase_id_for(number),
            number=number,
            purchased_at=first.at,
            currency=GBP,
            lines=tuple(row.line for row in group),
            customer_id=customer_id,
            branch=first.country,
            is_return=first.is_return,
            original_number=self._original_number(first, group, customer_id),
        )
        self._count_purchase(purchase)
        return _header_row(purchase, total_minor=sum(row.total_minor for row in group))

    def _original_number(
        self, first: RetailRow, group: list[RetailRow], customer_id: str | None
    ) -> str | None:
        """The sale a return most likely cancels: the customer's latest earlier sale with one
        of the returned stock codes (looked up in the database, which holds every earlier
        batch and this batch's sales)."""
        if not first.is_return or customer_id is None:
            return None
        has_sku = (
            select(PurchaseLine.purchase_id)
            .where(PurchaseLine.purchase_id == Purchase.id)
            .where(PurchaseLine.sku.in_(sorted({row.line.sku for row in group})))
            .exists()
        )
        query = (
            select(Purchase.number)
            .where(Purchase.customer_id == customer_id, Purchase.is_return.is_(False))
            .where(Purchase.purchased_at <= first.at, has_sku)
            .order_by(Purchase.purchased_at.desc(), Purchase.number.desc())
            .limit(1)
        )
        return self.session.execute(query).scalar()

    def _count_purchase(self, purchase: DomainPurchase) -> None:
        report = self.report
        if purchase.is_return:
            report.returns += 1
            linked = purchase.original_number is not None
            report.returns_linked += linked
            report.returns_unlinked += not linked
        else:
            report.sales += 1
        report.walk_in += purchase.customer_id is None

    def _continue_purchases(
        self, continued: dict[str, tuple[_Known, list[RetailRow]]], seqs: Iterator[int]
    ) -> None:
        headers, lines = [], []
        for known, group in continued.values():
            last_line_no = self.session.execute(
                select(func.max(PurchaseLine.line_no)).where(PurchaseLine.purchase_id == known.id)
            ).scalar_one()
            seq = next(seqs)
            first_line_no = (last_line_no or 0) + 1
            lines.extend(_line_rows(known.id, group, first_line_no=first_line_no, seq=seq))
            added = sum(row.total_minor for row in group)
            headers.append(
                {"id": known.id, "total_minor": known.total_minor + added, "change_seq": seq}
            )
        if headers:
            self.session.execute(update(Purchase), headers)
            self.session.execute(insert(PurchaseLine.__table__), lines)
            self.report.lines_imported += len(lines)
            self.report.invoices_continued += len(headers)


def _by_invoice(rows: list[RetailRow]) -> dict[str, list[RetailRow]]:
    """Rows grouped by invoice number, in order of first appearance."""
    invoices: dict[str, list[RetailRow]] = {}
    for row in rows:
        invoices.setdefault(row.invoice, []).append(row)
    return invoices


def _seen_products(rows: list[RetailRow]) -> dict[str, tuple[str, int | None]]:
    """Per stock code: the last non-empty description and the last positive sale price."""
    seen: dict[str, tuple[str, int | None]] = {}
    for row in rows:
        name, price = seen.get(row.line.sku, ("", None))
        if row.line.description:
            name = row.line.description
        if row.line.quantity > 0 and row.line.unit_price.amount > 0:
            price = row.price_scaled
        seen[row.line.sku] = (name, price)
    return seen


def _customer(first: RetailRow) -> DomainCustomer:
    account = first.account or ""
    return DomainCustomer(
        id=customer_id_for(account),
        account_number=account,
        full_name="",
        created_at=first.at,
        updated_at=first.at,
        branch=first.country,
    )


def _product_row(sku: str, name: str, price_scaled: int) -> dict[str, Any]:
    product = DomainProduct(
        sku=sku,
        name=name,
        category=category_for(sku, name),
        unit_price=UnitPrice.from_scaled(price_scaled, GBP),
    )
    return {
        "sku": product.sku,
        "name": product.name,
        "category": product.category,
        "unit_price_scaled": product.unit_price.scaled,
        "currency": GBP.code,
    }


def _header_row(purchase: DomainPurchase, *, total_minor: int) -> dict[str, Any]:
    """The header row; ``total_minor`` is the sum of the line totals, as ``Purchase.total``
    defines it (summed from the lines' cached totals rather than recomputed)."""
    return {
        "id": purchase.id,
        "number": purchase.number,
        "customer_id": purchase.customer_id,
        "purchased_at": purchase.purchased_at,
        "branch": purchase.branch,
        "currency": purchase.currency.code,
        "is_return": purchase.is_return,
        "original_number": purchase.original_number,
        "total_minor": total_minor,
    }


def _line_rows(
    purchase_id: str, group: list[RetailRow], *, first_line_no: int, seq: int
) -> list[dict]:
    return [
        {
            "purchase_id": purchase_id,
            "line_no": line_no,
            "sku": row.line.sku,
            "description": row.line.description,
            "quantity_milli": row.line.quantity * QUANTITY_SCALE,
            "unit_price_scaled": row.price_scaled,
            "line_total_minor": row.total_minor,
            "change_seq": seq,
        }
        for line_no, row in enumerate(group, start=first_line_no)
    ]
