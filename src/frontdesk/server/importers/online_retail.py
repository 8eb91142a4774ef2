"""``frontdesk-server import online-retail FILE``: the UCI Online Retail data set.

Mapping (one CSV row is one purchase line):

- **Customers** are keyed by account number, the ``CustomerID`` as an integer string
  ("17850.0" -> "17850"); a new one gets id ``customer_id_for(account)``, no name (the data
  has none; the domain shows "Account 17850"), branch = its first invoice's ``Country``,
  created at its first invoice. Known accounts are used as they are, never changed.
- **Products** are keyed by ``StockCode``: name = the last non-empty ``Description`` seen,
  unit price = the price on the last sale line with a price above zero, category derived
  by ``categories.category_for``.
- **Purchases** are keyed by ``InvoiceNo`` (id ``purchase_id_for(number)``), dated by their
  first row (London time, stored in UTC), currency GBP, branch = ``Country``. Rows without a
  ``CustomerID`` are walk-in purchases (no customer). An ``InvoiceNo`` starting with "C" is
  a cancellation: a return with negative quantities, linked (``original_number``) to the
  latest earlier sale of the same customer that contains one of the returned stock codes.
- **Bad rows** (see ``retail_rows``) are counted by reason and skipped.

The file streams through in batches of about ``BATCH_ROWS`` rows that end where an
invoice ends, one transaction each, so memory stays flat. An invoice whose rows are not
contiguous in the file (or longer than a batch) is continued: later rows are appended to
the purchase this run created. A
purchase that existed *before* the run is left alone and its rows count as duplicates,
which is why a second import of the same file adds nothing. "Created by this run" is read
from the database (``change_seq`` above the counter's value at the start), not from a set
kept in memory; this assumes no other writer creates purchases with the same numbers
while the import runs.
"""

from __future__ import annotations

import csv
import lzma
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.catalogue import Product as DomainProduct
from frontdesk.domain.customers import Customer as DomainCustomer
from frontdesk.domain.money import UnitPrice
from frontdesk.domain.sales import Purchase as DomainPurchase
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.importers.categories import category_for
from frontdesk.server.importers.common import (
    BATCH_ROWS,
    ImportFileError,
    ImportReport,
    current_seq,
    customer_id_for,
    customer_row,
    fetch_in,
    open_text,
    plural,
    purchase_id_for,
)
from frontdesk.server.importers.retail_rows import (
    COLUMNS,
    GBP,
    OTHER_CUSTOMER,
    BadRow,
    RetailRow,
    parse_row,
)
from frontdesk.server.models import Customer, Product, Purchase, PurchaseLine

UNREADABLE = "unreadable CSV record"


@dataclass
class RetailImportReport(ImportReport):
    """What ``import_online_retail`` did with every row of the file.

    Every row read is either imported as a purchase line, refused as a bad row (counted
    by reason), or skipped as a duplicate (its purchase existed before this import).
    """

    lines_imported: int = 0
    duplicates_skipped: int = 0
    bad_rows: dict[str, int] = field(default_factory=dict)
    customers_created: int = 0
    customers_with_purchases: int = 0
    products_created: int = 0
    products_updated: int = 0
    sales: int = 0
    returns: int = 0
    walk_in: int = 0
    returns_linked: int = 0
    returns_unlinked: int = 0
    invoices_continued: int = 0

    @property
    def bad_row_total(self) -> int:
        return sum(self.bad_rows.values())

    @property
    def all_rows_accounted(self) -> bool:
        """Rows read = lines imported + bad rows + duplicates skipped."""
        accounted = self.lines_imported + self.bad_row_total + self.duplicates_skipped
        return self.rows_read == accounted

    def count_bad(self, reason: str) -> None:
        self.bad_rows[reason] = self.bad_rows.get(reason, 0) + 1

    def summary(self) -> str:
        lines = [
            f"Imported {self.file} in {self.seconds:.1f} s",
            f"  rows read:            {self.rows_read:,}",
            f"  lines imported:       {self.lines_imported:,}",
            f"  duplicates skipped:   {self.duplicates_skipped:,} (purchase already imported)",
            f"  bad rows:             {self.bad_row_total:,}",
            *(f"    {reason}: {n:,}" for reason, n in sorted(self.bad_rows.items())),
            f"  customers:            {self.customers_created:,} created, "
            f"{self.customers_with_purchases:,} with purchases from this import",
            f"  products:             {self.products_created:,} created, "
            f"{self.products_updated:,} updated",
            f"  purchases:            {self.sales + self.returns:,} created: "
            f"{plural(self.sales, 'sale')}, {plural(self.returns, 'return')} "
            f"({self.walk_in:,} walk-in, without a customer)",
            f"  returns linked:       {self.returns_linked:,} to their original sale, "
            f"{self.returns_unlinked:,} unlinked",
            f"  invoices continued:   {self.invoices_continued:,} "
            "(rows not contiguous in the file)",
            "  every row accounted:  "
            + ("yes" if self.all_rows_accounted else "NO")
            + f" ({self.rows_read:,} = {self.lines_imported:,} + {self.bad_row_total:,}"
            + f" + {self.duplicates_skipped:,})",
        ]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        data = super().as_dict()
        data["all_rows_accounted"] = self.all_rows_accounted
        return data


def import_online_retail(factory: sessionmaker[Session], path: str | Path) -> RetailImportReport:
    """Import the UCI Online Retail CSV (``.csv`` or ``.csv.xz``) into the central database.

    Raises:
        ImportFileError: the file is missing, has another header, or its xz data is corrupt
            (rows before the corruption stay imported; a re-run skips them).
    """
    report = RetailImportReport(file=str(path))
    started = time.perf_counter()
    floor = current_seq(factory)
    with open_text(path, errors="replace") as stream:
        reader = csv.reader(stream)
        _check_header(next(reader, None), path)
        try:
            for rows in _invoice_batches(_valid_rows(_records(reader), report), BATCH_ROWS):
                with transaction(factory) as session:
                    _RetailBatch(session, floor=floor, report=report).write(rows)
        except (lzma.LZMAError, EOFError) as error:
            raise ImportFileError(
                f"{path}: corrupt compressed data after row {report.rows_read:,} ({error})"
            ) from error
    _count_touched(factory, floor=floor, report=report)
    report.seconds = time.perf_counter() - started
    return report


def _check_header(header: list[str] | None, path: str | Path) -> None:
    if header is None:
        raise ImportFileError(f"{path}: the file is empty (expected a header row)")
    if tuple(name.strip() for name in header) != COLUMNS:
        raise ImportFileError(
            f"{path}: unexpected header {','.join(header)!r}; expected {','.join(COLUMNS)!r}"
        )


def _records(reader: Iterator[list[str]]) -> Iterator[list[str] | None]:
    """The reader's records; ``None`` for one the CSV parser cannot read (it goes on after)."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield None


def _valid_rows(
    records: Iterator[list[str] | None], report: RetailImportReport
) -> Iterator[RetailRow]:
    """The rows that parse; every other record is counted as a bad row by reason."""
    for fields in records:
        report.rows_read += 1
        if fields is None:
            report.count_bad(UNREADABLE)
            continue
        try:
            yield parse_row(fields)
        except BadRow as bad:
            report.count_bad(bad.reason)


def _invoice_batches(rows: Iterator[RetailRow], size: int) -> Iterator[list[RetailRow]]:
    """Batches of about ``size`` rows that end where an invoice ends.

    Keeping an invoice's contiguous rows in one transaction means an interrupted import
    never leaves half an invoice behind. An invoice longer than ``size`` is still cut (at
    twice the size), so memory stays bounded whatever the file holds.
    """
    batch: list[RetailRow] = []
    for row in rows:
        full = len(batch) >= size
        if full and (row.invoice != batch[-1].invoice or len(batch) >= 2 * size):
            yield batch
            batch = []
        batch.append(row)
    if batch:
        yield batch


def _count_touched(
    factory: sessionmaker[Session], *, floor: int, report: RetailImportReport
) -> None:
    """Counts that need distinct keys, taken from the database instead of sets in memory."""
    with factory() as session:
        report.customers_with_purchases = session.execute(
            select(func.count(func.distinct(Purchase.customer_id))).where(
                Purchase.change_seq > floor
            )
        ).scalar_one()
        touched = session.execute(
            select(func.count()).select_from(Product).where(Product.change_seq > floor)
        ).scalar_one()
    report.products_updated = max(0, touched - report.products_created)


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
            len(self.customers) + len(self.new_products) + len(self.changed_products)
            + len(self.sales) + len(self.returns) + len(self.continued)
        )


class _RetailBatch:
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
            (Purchase.number, Purchase.id, Purchase.customer_id, Purchase.change_seq,
             Purchase.total_minor),
            key=Purchase.number,
            values=invoices,
        )
        return {number: _Known(*rest) for number, *rest in found}

    def _load_accounts(self, accounts: Iterable[str | None]) -> None:
        wanted = {account for account in accounts if account is not None}
        found = fetch_in(
            self.session, (Customer.account_number, Customer.id),
            key=Customer.account_number, values=wanted,
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
            lines.extend(_line_rows(header["id"], group, first_line_no=1))
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
            id=purchase_id_for(number), number=number, purchased_at=first.at, currency=GBP,
            lines=tuple(row.line for row in group), customer_id=customer_id,
            branch=first.country, is_return=first.is_return,
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
            lines.extend(_line_rows(known.id, group, first_line_no=(last_line_no or 0) + 1))
            added = sum(row.total_minor for row in group)
            headers.append(
                {"id": known.id, "total_minor": known.total_minor + added, "change_seq": next(seqs)}
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
        id=customer_id_for(account), account_number=account, full_name="",
        created_at=first.at, updated_at=first.at, branch=first.country,
    )



def _product_row(sku: str, name: str, price_scaled: int) -> dict[str, Any]:
    product = DomainProduct(
        sku=sku, name=name, category=category_for(sku, name),
        unit_price=UnitPrice.from_scaled(price_scaled, GBP),
    )
    return {
        "sku": product.sku, "name": product.name, "category": product.category,
        "unit_price_scaled": product.unit_price.scaled, "currency": GBP.code,
    }


def _header_row(purchase: DomainPurchase, *, total_minor: int) -> dict[str, Any]:
    """The header row; ``total_minor`` is the sum of the line totals, as ``Purchase.total``
    defines it (summed from the lines' cached totals rather than recomputed)."""
    return {
        "id": purchase.id, "number": purchase.number, "customer_id": purchase.customer_id,
        "purchased_at": purchase.purchased_at, "branch": purchase.branch,
        "currency": purchase.currency.code, "is_return": purchase.is_return,
        "original_number": purchase.original_number, "total_minor": total_minor,
    }


def _line_rows(purchase_id: str, group: list[RetailRow], *, first_line_no: int) -> list[dict]:
    return [
        {
            "purchase_id": purchase_id, "line_no": line_no, "sku": row.line.sku,
            "description": row.line.description, "quantity": row.line.quantity,
            "unit_price_scaled": row.price_scaled,
            "line_total_minor": row.total_minor,
        }
        for line_no, row in enumerate(group, start=first_line_no)
    ]
