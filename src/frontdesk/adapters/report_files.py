"""A table of figures written to CSV or XLSX (the supervisor's screen's export).

Money cells are Decimal: a decimal string in CSV, a numeric cell in XLSX with its
currency's number format (the currency comes from the row's ``currency`` column)."""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    temporary = _temporary(path)
    with temporary.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(["" if v is None else str(v) for v in row] for row in rows)
    os.replace(temporary, path)


def _temporary(path: Path) -> Path:
    # Written beside and renamed: whoever opens ``path`` never finds half a file.
    return path.with_name(f".{path.name}.part")


def write_xlsx(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]], *, currency_at: int | None
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
        code = row[currency_at] if currency_at is not None else ""
        for cell, value in zip(sheet[sheet.max_row], row, strict=True):
            if isinstance(value, Decimal):
                cell.number_format = f'#,##0.00 "{code}"' if code else "#,##0.00"
    sheet.freeze_panes = "A2"
    temporary = _temporary(path)
    book.save(temporary)
    os.replace(temporary, path)
