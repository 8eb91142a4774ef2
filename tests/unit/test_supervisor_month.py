"""The supervisor's month: which days it spans, and the workbook it writes (real openpyxl)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from frontdesk.services.supervisor import Month, month_span
from frontdesk.ui.supervisor.month_export import sheets, write_month


@pytest.mark.parametrize(
    ("day", "today", "span"),
    [
        (date(2026, 3, 2), date(2026, 12, 7), (date(2026, 3, 1), date(2026, 3, 31))),
        (date(2024, 2, 10), date(2026, 1, 1), (date(2024, 2, 1), date(2024, 2, 29))),
        (date(2026, 12, 6), date(2026, 12, 7), (date(2026, 12, 1), date(2026, 12, 7))),
        (date(2026, 11, 30), date(2026, 12, 1), (date(2026, 11, 1), date(2026, 11, 30))),
        (date(2026, 12, 31), date(2027, 1, 5), (date(2026, 12, 1), date(2026, 12, 31))),
    ],
)
def test_the_month_runs_from_the_first_to_its_last_day_or_today(day, today, span) -> None:
    assert month_span(day, today=today) == span


def _sale(day: str, who: str, currency: str, net: str, n: int) -> dict:
    return {"day": day, "branch": who, "user": who, "currency": currency, "taken": Decimal(net),
            "refunded": Decimal(0), "voided": Decimal(0), "net": Decimal(net),
            "transactions": n, "declined": 0}  # fmt: skip


def test_the_workbook_totals_each_currency_apart(tmp_path: Path) -> None:
    sales = [_sale("2026-03-01", "York", "GBP", "10.10", 2),
             _sale("2026-03-02", "York", "GBP", "5.05", 1),
             _sale("2026-03-02", "Lyon", "EUR", "7.00", 3)]  # fmt: skip
    offers = [{"day": "2026-03-01", "user": "sue", "offered": 4, "accepted": 1, "declined": 3,
               "acceptance_rate": Decimal("0.25")},
              {"day": "2026-03-02", "user": "sue", "offered": 4, "accepted": 3, "declined": 1,
               "acceptance_rate": Decimal("0.75")}]  # fmt: skip
    tables = {"sales_branch": sales, "sales_person": sales, "shifts_branch": [],
              "shifts_person": [], "crosssell_person": offers}  # fmt: skip
    month = Month(date(2026, 3, 1), date(2026, 3, 31), None, tables)
    dialog = SimpleNamespace(tr=lambda text: text)
    target = tmp_path / "march.xlsx"
    write_month(target, month, sheets(dialog), total="Total")
    book = openpyxl.load_workbook(target)
    rows = list(book["Sales by branch"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:2] == (datetime(2026, 3, 1), "York")
    totals = {r[2]: (Decimal(str(r[6])), r[7]) for r in rows if r[0] == "Total"}
    assert totals == {"EUR": (Decimal("7"), 3), "GBP": (Decimal("15.15"), 3)}
    sheet = book["Sales by branch"]
    assert sheet.cell(row=2, column=7).number_format == '#,##0.00 "GBP"'
    assert sheet.cell(row=len(rows) + 1, column=7).font.bold
    offered = list(book["Cross-sell by person"].iter_rows(min_row=2, values_only=True))
    assert offered[-1][:6] == ("Total", None, 8, 4, 4, 0.5)
    assert list(book["Over-short by branch"].iter_rows(min_row=2, values_only=True)) == [
        ("Total",) + (None,) * 5
    ]
    assert not list(tmp_path.glob(".*.part"))
