"""A report's result as JSON, CSV or XLSX. Money stays Decimal: a decimal string in JSON
and CSV, a numeric cell with its currency's number format in XLSX."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from frontdesk.server.reporting.engine import Result

FORMATS = ("json", "csv", "xlsx")


def wire(value: Any) -> Any:
    """A value as JSON carries it: decimals and days as text."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def as_json(result: Result) -> dict[str, Any]:
    return {
        "report": result.report,
        "from": result.window.first.isoformat(),
        "to": result.window.last.isoformat(),
        "branch": result.window.branch,
        "columns": [{"name": c.name, "type": c.type} for c in result.columns],
        "rows": [[wire(v) for v in row] for row in result.rows],
    }


def as_csv(result: Result) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in result.columns])
    for row in result.rows:
        writer.writerow(["" if v is None else wire(v) for v in row])
    return out.getvalue()


def write(result: Result, path: Path, fmt: str) -> None:
    if fmt == "json":
        path.write_text(json.dumps(as_json(result), ensure_ascii=False, indent=1), "utf-8")
    elif fmt == "csv":
        path.write_text(as_csv(result), encoding="utf-8")
    elif fmt == "xlsx":
        write_xlsx(result, path)
    else:
        raise ValueError(f"format {fmt!r}: expected one of {', '.join(FORMATS)}")


def money_format(currency: str | None) -> str:
    code = (currency or "").replace('"', "")
    return f'#,##0.00 "{code}"' if code else "#,##0.00"


def write_xlsx(result: Result, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = result.report[:31]
    sheet.append([c.name for c in result.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    currency_at = next((i for i, c in enumerate(result.columns) if c.name == "currency"), None)
    for row in result.rows:
        currency = row[currency_at] if currency_at is not None else None
        sheet.append(list(row))
        for column, cell in zip(result.columns, sheet[sheet.max_row], strict=True):
            _style(cell, column.type, currency)
    sheet.freeze_panes = "A2"
    for letter, column in zip(_letters(len(result.columns)), result.columns, strict=True):
        sheet.column_dimensions[letter].width = max(12, len(column.name) + 4)
    book.save(path)


def _style(cell: Any, kind: str, currency: str | None) -> None:
    if kind == "money":
        cell.number_format = money_format(currency)
    elif kind == "rate":
        cell.number_format = "0.00%"
    elif kind == "hours":
        cell.number_format = "0.00"
    elif isinstance(cell.value, date):
        cell.number_format = "yyyy-mm-dd"


def _letters(count: int) -> list[str]:
    from openpyxl.utils import get_column_letter

    return [get_column_letter(i + 1) for i in range(count)]
