"""The supervisor's screen: a day's money at the tills against the same weekday a week
before, per branch and per person, with over/short and cross-sell; the receipts behind a
figure, each with its customer. Read from the server only (nothing of it is kept at the
desk): offline, every call raises the transport's error, which the screen says plainly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from frontdesk.protocol import ReportTable
from frontdesk.services.back_office import DeskBackOffice


@dataclass(frozen=True, slots=True)
class Line:
    """One branch's or person's takings in one currency, that day and a week before."""

    key: str
    currency: str
    today: Decimal = Decimal(0)
    last_week: Decimal = Decimal(0)
    receipts: int = 0
    over_short: Decimal | None = None
    offered: int = 0
    accepted: int = 0

    @property
    def change(self) -> Decimal | None:
        """Today against last week, as a fraction (None: nothing last week)."""
        if not self.last_week:
            return None
        return ((self.today - self.last_week) / self.last_week).quantize(Decimal("0.0001"))

    @property
    def acceptance(self) -> Decimal | None:
        return (Decimal(self.accepted) / self.offered).quantize(Decimal("0.0001")) \
            if self.offered else None  # fmt: skip


@dataclass(frozen=True, slots=True)
class Board:
    day: date
    branch: str | None
    by_branch: list[Line] = field(default_factory=list)
    by_person: list[Line] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Receipt:
    id: str
    kind: str
    at: str
    register: str | None
    cashier: str | None
    receipt_no: str | None
    currency: str
    amount: Decimal
    accepted: bool
    customer_id: str | None
    #: As the server holds it now (None: a walk-in or an older server; empty: erased).
    customer_name: str | None = None


@dataclass(frozen=True, slots=True)
class Month:
    """A month's report rows by table name, each row a record with a ``day``."""

    first: date
    last: date
    branch: str | None
    tables: dict[str, list[dict[str, Any]]]


def month_span(day: date, *, today: date) -> tuple[date, date]:
    """The 1st of ``day``'s month to its last day, or to ``today`` in the current month."""
    first = day.replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    last = after - timedelta(days=1)
    return first, min(last, today) if today >= first else last


def _params(first: date, last: date, *, branch: str | None, by: str) -> dict[str, str]:
    params = {"from": first.isoformat(), "to": last.isoformat(), "by": by}
    if branch:
        params["branch"] = branch
    return params


def records(table: ReportTable) -> list[dict[str, Any]]:
    """The table's rows by column name, money and rates as Decimal."""
    kinds = {c.name: c.type for c in table.columns}
    out = []
    for row in table.rows:
        record = {}
        for column, value in zip(table.columns, row, strict=True):
            typed = kinds[column.name] in ("money", "rate", "hours") and value is not None
            record[column.name] = Decimal(str(value)) if typed else value
        out.append(record)
    return out


class SupervisorBoard:
    """Blocking calls for background operations."""

    def __init__(self, office: DeskBackOffice) -> None:
        self._office = office

    def board(self, day: date, *, branch: str | None = None) -> Board:
        return Board(day, branch, self._lines(day, branch, "branch"),
                     self._lines(day, branch, "user"))  # fmt: skip

    def _lines(self, day: date, branch: str | None, by: str) -> list[Line]:
        ask = self._office.report
        today = records(ask("payments", _params(day, day, branch=branch, by=by)))
        week = day - timedelta(days=7)
        before = records(ask("payments", _params(week, week, branch=branch, by=by)))
        shifts = records(ask("shifts", _params(day, day, branch=branch, by=by)))
        offers = records(ask("crosssell", _params(day, day, branch=branch, by=by)))
        return _merged(by, today, before, shifts, offers)

    def month(self, first: date, last: date, *, branch: str | None = None) -> Month:
        """Every day from ``first`` to ``last``, per branch and per person (one call each)."""
        ask = self._office.report

        def rows(name: str, by: str) -> list[dict[str, Any]]:
            return records(ask(name, _params(first, last, branch=branch, by=by)))

        return Month(first, last, branch, {
            "sales_branch": rows("payments", "day,branch"),
            "sales_person": rows("payments", "day,user"),
            "shifts_branch": rows("shifts", "day,branch"),
            "shifts_person": rows("shifts", "day,user"),
            "crosssell_person": rows("crosssell", "day,user"),
        })  # fmt: skip

    def receipts(self, day: date, *, branch: str | None, cell: dict[str, str]) -> list[Receipt]:
        import json

        params = _params(day, day, branch=branch, by="")
        params.pop("by")
        params["cell"] = json.dumps(cell)
        drill = self._office.report_drill("payments", params)
        return [_receipt(row) for row in drill.rows]


Rows = Iterable[dict[str, Any]]


def _merged(by: str, today: Rows, before: Rows, shifts: Rows, offers: Rows) -> list[Line]:
    lines: dict[tuple[str, str], dict[str, Any]] = {}

    def line(key: Any, currency: str) -> dict[str, Any]:
        return lines.setdefault((key or "—", currency), {"key": key or "—", "currency": currency})

    for r in today:
        line(r[by], r["currency"]).update(today=r["net"], receipts=r["transactions"])
    for r in before:
        line(r[by], r["currency"])["last_week"] = r["net"]
    for r in shifts:
        line(r[by], r["currency"])["over_short"] = r["over_short"]
    for r in offers:  # counted once per person, on their first currency's line
        key = r[by] or "—"
        first = min((c for k, c in lines if k == key), default="")
        line(key, first).update(offered=r["offered"], accepted=r["accepted"])
    return [Line(**values) for _key, values in sorted(lines.items())]


def _receipt(row: dict[str, Any]) -> Receipt:
    return Receipt(
        id=str(row["id"]), kind=str(row["kind"]), at=str(row["occurred_at"]),
        register=row.get("register"), cashier=row.get("user"), receipt_no=row.get("receipt_no"),
        currency=str(row["currency"]), amount=Decimal(str(row["amount"])),
        accepted=bool(row["accepted"]), customer_id=row.get("customer_id"),
        customer_name=row.get("customer_name"),
    )  # fmt: skip
