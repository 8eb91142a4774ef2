"""``frontdesk-server import customers FILE.csv``: a company's existing customer list.

The layout is documented for users in ``docs/customers-csv.md``. In short: a header row,
``account_number`` required, optional ``full_name, phones, emails, loyalty_card, branch,
notes``; lists separated by ";"; UTF-8 with or without a BOM. Rows are upserted by account
number: a column the file does not have leaves that field alone, an unchanged row is not
written at all (no new change sequence), so importing the same file twice changes nothing.
A row that breaks a rule is reported (row number, field, message) and skipped; a file
whose header is wrong is refused before anything is written.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.customers import Customer as DomainCustomer
from frontdesk.domain.errors import ValidationError
from frontdesk.server import customer_events
from frontdesk.server.db import allocate_seq, transaction, utcnow
from frontdesk.server.importers.common import (
    BATCH_ROWS,
    ImportFileError,
    ImportReport,
    batched,
    current_seq,
    customer_id_for,
    customer_row,
    fetch_in,
    open_text,
)
from frontdesk.server.models import Customer

REQUIRED = ("account_number",)
OPTIONAL = ("full_name", "phones", "emails", "loyalty_card", "branch", "notes")
LIST_SEPARATOR = ";"
MAX_ACCOUNT = 64
MAX_BRANCH = 100
#: The report keeps this many row errors in full; it always counts all of them.
MAX_ERRORS_KEPT = 1_000

_FIELDS = ("full_name", "phones", "emails", "loyalty_card", "branch", "notes")


@dataclass(frozen=True, slots=True)
class RowError:
    """A refused row: spreadsheet row number (the header is row 1), field, what is wrong."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.field}: {self.message}"


@dataclass
class CustomersImportReport(ImportReport):
    """What ``import_customers_csv`` did: every row read was created, updated, unchanged
    or refused (``errors``, the first ``MAX_ERRORS_KEPT`` of them kept in full)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    errors: list[RowError] = field(default_factory=list)

    def refuse(self, error: RowError) -> None:
        self.refused += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(error)

    def summary(self) -> str:
        lines = [
            f"Imported {self.file} in {self.seconds:.1f} s",
            f"  rows read:  {self.rows_read:,}",
            f"  created:    {self.created:,}",
            f"  updated:    {self.updated:,}",
            f"  unchanged:  {self.unchanged:,}",
            f"  refused:    {self.refused:,}",
            *(f"    {error}" for error in self.errors),
        ]
        if self.refused > len(self.errors):
            lines.append(f"    ... and {self.refused - len(self.errors):,} more")
        return "\n".join(lines)


def import_customers_csv(factory: sessionmaker[Session], path: str | Path) -> CustomersImportReport:
    """Upsert the customers of a CSV file (layout: ``docs/customers-csv.md``).

    Raises:
        ImportFileError: the file is missing, not UTF-8, empty, or its header is wrong
            (a required column missing, an unknown or repeated column); nothing is imported.
    """
    report = CustomersImportReport(file=str(path))
    started = time.perf_counter()
    _check_utf8(path)
    floor = current_seq(factory)
    now = utcnow()
    with open_text(path) as stream:
        reader = csv.reader(stream)
        columns = _columns(next(reader, None), path)
        for chunk in batched(_numbered_rows(reader), BATCH_ROWS):
            with transaction(factory) as session:
                _CustomerBatch(session, floor=floor, now=now, report=report).write(columns, chunk)
    report.seconds = time.perf_counter() - started
    return report


def _check_utf8(path: str | Path) -> None:
    """Refuse a file that is not UTF-8 before writing anything (one streaming pass)."""
    with open_text(path) as stream:
        try:
            while stream.read(1 << 20):
                pass
        except UnicodeDecodeError as error:
            raise ImportFileError(f"{path}: not UTF-8 text ({error.reason})") from None


def _columns(header: list[str] | None, path: str | Path) -> list[str]:
    if header is None:
        raise ImportFileError(f"{path}: the file is empty (a header row is required)")
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED if name not in columns]
    unknown = [name for name in columns if name not in REQUIRED + OPTIONAL]
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    problems = [
        *(f"required column {name!r} is missing" for name in missing),
        *(f"unknown column {name!r}" for name in unknown),
        *(f"column {name!r} appears more than once" for name in repeated),
    ]
    if problems:
        expected = ", ".join(REQUIRED + OPTIONAL)
        raise ImportFileError(
            f"{path}: {'; '.join(problems)} (columns: {expected}); nothing was imported"
        )
    return columns


def _numbered_rows(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with their spreadsheet row number (the header is row 1)."""
    for row_no, fields in enumerate(reader, start=2):
        if any(value.strip() for value in fields):
            yield row_no, fields


def _values(columns: list[str], row_no: int, fields: list[str]) -> dict[str, Any]:
    """The row's fields by column name; lists split on ";". ValidationError if malformed."""
    if len(fields) != len(columns):
        raise ValidationError("row", f"has {len(fields)} fields, the header has {len(columns)}")
    values: dict[str, Any] = {}
    for name, raw in zip(columns, fields, strict=True):
        raw = raw.strip()
        if name in ("phones", "emails"):
            values[name] = tuple(p.strip() for p in raw.split(LIST_SEPARATOR) if p.strip())
        else:
            values[name] = raw
    if len(values["account_number"]) > MAX_ACCOUNT:
        raise ValidationError("account_number", f"longer than {MAX_ACCOUNT} characters")
    if len(values.get("branch", "")) > MAX_BRANCH:
        raise ValidationError("branch", f"longer than {MAX_BRANCH} characters")
    if "loyalty_card" in values:
        values["loyalty_card"] = values["loyalty_card"] or None
    return values


class _CustomerBatch:
    """Upserts one batch of rows inside one transaction."""

    def __init__(
        self, session: Session, *, floor: int, now: datetime, report: CustomersImportReport
    ) -> None:
        self.session = session
        self.floor = floor
        self.now = now
        self.report = report
        self.errors: list[RowError] = []

    def write(self, columns: list[str], chunk: list[tuple[int, list[str]]]) -> None:
        self.report.rows_read += len(chunk)
        parsed = self._parse(columns, chunk)
        existing = self._existing(parsed)
        owners = self._card_owners(parsed)
        created, updated = [], []
        for row_no, values in parsed:
            try:
                row, is_new = self._upsert_row(values, existing, owners)
            except ValidationError as error:
                self.errors.append(RowError(row_no, error.field, error.message))
                continue
            if row is None:
                self.report.unchanged += 1
            else:
                (created if is_new else updated).append(row)
        self._write(created, updated)
        for error in sorted(self.errors, key=lambda error: error.row):
            self.report.refuse(error)

    def _parse(
        self, columns: list[str], chunk: list[tuple[int, list[str]]]
    ) -> list[tuple[int, dict[str, Any]]]:
        parsed, first_row = [], {}
        for row_no, fields in chunk:
            try:
                values = _values(columns, row_no, fields)
                account = values["account_number"]
                if account in first_row:
                    again = f"{account!r} appears again (first at row {first_row[account]})"
                    raise ValidationError("account_number", again)
            except ValidationError as error:
                self.errors.append(RowError(row_no, error.field, error.message))
                continue
            first_row[account] = row_no
            parsed.append((row_no, values))
        return parsed

    def _existing(self, parsed: list[tuple[int, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
        columns = [getattr(Customer, name) for name in ("account_number", "id", *_FIELDS)]
        columns += [Customer.created_at, Customer.change_seq]
        found = fetch_in(
            self.session,
            columns,
            key=Customer.account_number,
            values=(values["account_number"] for _, values in parsed),
        )
        return {row.account_number: row._asdict() for row in found}

    def _card_owners(self, parsed: list[tuple[int, dict[str, Any]]]) -> dict[str, str]:
        """Loyalty card -> the account that holds it (in the database, then in this batch)."""
        cards = {
            values["loyalty_card"].replace(" ", "")
            for _, values in parsed
            if values.get("loyalty_card")
        }
        found = fetch_in(
            self.session,
            (Customer.loyalty_card, Customer.account_number),
            key=Customer.loyalty_card,
            values=cards,
        )
        return dict(found)  # type: ignore[arg-type]

    def _upsert_row(
        self, values: dict[str, Any], existing: dict[str, dict[str, Any]], owners: dict[str, str]
    ) -> tuple[dict[str, Any] | None, bool]:
        """The row to write (None when nothing changed) and whether it is a new customer."""
        account = values["account_number"]
        old = existing.get(account)
        if old is not None and old["change_seq"] > self.floor:
            raise ValidationError("account_number", f"{account!r} appears twice in the file")
        customer = self._customer(values, old)
        self._claim_card(customer, owners)
        row = customer_row(customer)
        if old is not None and all(row[name] == _as_stored(old[name]) for name in _FIELDS):
            return None, False
        return row, old is None

    def _customer(self, values: dict[str, Any], old: dict[str, Any] | None) -> DomainCustomer:
        account = values["account_number"]
        base = {name: old[name] for name in _FIELDS} if old else {}
        merged = {**base, **{name: values[name] for name in _FIELDS if name in values}}
        return DomainCustomer(
            id=old["id"] if old else customer_id_for(account),
            account_number=account,
            full_name=merged.get("full_name", ""),
            phones=tuple(merged.get("phones", ())),
            emails=tuple(merged.get("emails", ())),
            loyalty_card=merged.get("loyalty_card"),
            branch=merged.get("branch", ""),
            notes=merged.get("notes", ""),
            created_at=old["created_at"] if old else self.now,
            updated_at=max(self.now, old["created_at"]) if old else self.now,
        )

    def _claim_card(self, customer: DomainCustomer, owners: dict[str, str]) -> None:
        card = customer.loyalty_card
        if card is None:
            return
        owner = owners.setdefault(card, customer.account_number)
        if owner != customer.account_number:
            raise ValidationError("loyalty_card", f"{card} already belongs to account {owner!r}")

    def _write(self, created: list[dict[str, Any]], updated: list[dict[str, Any]]) -> None:
        if not created and not updated:
            return
        first = allocate_seq(self.session, len(created) + len(updated))
        for seq, row in enumerate([*created, *updated], start=first):
            row["change_seq"] = seq
        if created:
            self.session.execute(insert(Customer.__table__), created)
        customer_events.record_rows(
            self.session, created, kind="create", source="import", at=self.now
        )
        customer_events.record_rows(
            self.session, updated, kind="edit", source="import", at=self.now
        )
        if updated:
            for row in updated:
                del row["created_at"], row["account_number"]
            self.session.execute(update(Customer), updated)
        self.report.created += len(created)
        self.report.updated += len(updated)


def _as_stored(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
