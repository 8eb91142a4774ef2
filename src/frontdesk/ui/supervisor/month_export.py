"""The supervisor's month as one XLSX workbook: a sheet per table, a row per day and branch
or person, money as numbers in their currency's format, and a totals row per currency
(sums across currencies would mean nothing)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from frontdesk.services.supervisor import Month


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table of the month: which report rows, and its columns as (record key, header)."""

    table: str
    title: str
    columns: Sequence[tuple[str, str]]


def sheets(dialog: Any) -> list[Sheet]:
    """The workbook's sheets, named in the dialog's language (call on the main thread)."""
    tr = dialog.tr
    day, cur = ("day", tr("Day")), ("currency", tr("Currency"))
    branch, person = ("branch", tr("Branch")), ("user", tr("Person"))
    sales = [cur, ("taken", tr("Taken")), ("refunded", tr("Refunded")), ("voided", tr("Voided")),
             ("net", tr("Net")), ("transactions", tr("Receipts"))]  # fmt: skip
    shifts = [cur, ("shifts", tr("Shifts")), ("net", tr("Net")),
              ("over_short", tr("Over/short"))]  # fmt: skip
    offers = [("offered", tr("Offered")), ("accepted", tr("Accepted")),
              ("declined", tr("Declined")), ("acceptance_rate", tr("Acceptance"))]  # fmt: skip
    return [
        Sheet("sales_branch", tr("Sales by branch"), [day, branch, *sales]),
        Sheet("sales_person", tr("Sales by person"), [day, person, *sales]),
        Sheet("shifts_branch", tr("Over-short by branch"), [day, branch, *shifts]),
        Sheet("shifts_person", tr("Over-short by person"), [day, person, *shifts]),
        Sheet("crosssell_person", tr("Cross-sell by person"), [day, person, *offers]),
    ]


def write_month(path: Path, month: Month, layout: Sequence[Sheet], *, total: str) -> None:
    """Write the workbook whole, then move it into place (a background operation)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for sheet in layout:
        _fill(book.create_sheet(_title(sheet.title)), sheet, month.tables[sheet.table], total)
    temporary = path.with_name(f".{path.name}.part")
    book.save(temporary)
    os.replace(temporary, path)


def _fill(ws: Any, sheet: Sheet, records: list[dict[str, Any]], total: str) -> None:
    from openpyxl.styles import Font

    keys = [key for key, _header in sheet.columns]
    ws.append([header for _key, header in sheet.columns])
    for record in records:
        _append(ws, keys, {**record, "day": _day(record.get("day"))})
    for record in _totals(keys, records, total):
        _append(ws, keys, record)
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for letter, (_key, header) in zip("ABCDEFGHIJ", sheet.columns, strict=False):
        ws.column_dimensions[letter].width = max(12, len(header) + 2)
    ws.freeze_panes = "A2"


def _append(ws: Any, keys: list[str], record: dict[str, Any]) -> None:
    values = [record.get(key) for key in keys]
    ws.append(values)
    code = record.get("currency") or ""
    for cell, key, value in zip(ws[ws.max_row], keys, values, strict=True):
        if isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
        elif key == "acceptance_rate":
            cell.number_format = "0.0%"
        elif isinstance(value, Decimal):
            cell.number_format = f'#,##0.00 "{code}"' if code else "#,##0.00"


def _totals(keys: list[str], records: list[dict[str, Any]], total: str) -> list[dict[str, Any]]:
    """One totals row per currency (one row when the table has no money)."""
    summed = [k for k in keys if k not in ("day", "branch", "user", "currency", "acceptance_rate")]
    groups: dict[str | None, dict[str, Any]] = {}
    for record in records:
        code = record.get("currency") if "currency" in keys else None
        row = groups.setdefault(code, {"day": total, "currency": code})
        for key in summed:
            row[key] = row.get(key, 0) + (record.get(key) or 0)
    if not groups:
        groups[None] = {"day": total}
    for row in groups.values():
        if "acceptance_rate" in keys and row.get("offered"):
            row["acceptance_rate"] = Decimal(row["accepted"]) / row["offered"]
    return [groups[code] for code in sorted(groups, key=lambda c: c or "")]


def _title(text: str) -> str:
    # Excel refuses these characters in a sheet's name, and names past 31 characters.
    return re.sub(r"[\[\]:*?/\\]", "-", text)[:31]


def _day(value: Any) -> Any:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value
