"""X- and Z-reports as text: totals per tender, refunds and voids, discounts given, expected
cash, over/short."""

from __future__ import annotations

import textwrap

from PySide6.QtCore import QCoreApplication

from frontdesk.domain.money import Money
from frontdesk.domain.till_totals import DiscountTotals, ShiftTotals
from frontdesk.services.till.ports import ShiftRecord
from frontdesk.ui.formatting import format_datetime, format_money

WIDTH = 44
LABEL = 22


def _line(label: str, value: str, count: int | None = None) -> str:
    middle = f"{count:>4}" if count is not None else ""
    room = max(LABEL, len(label))  # a longer label (a translation) pushes the count, not the edge
    return f"{label:<{room}}{middle}{value:>{WIDTH - room - len(middle)}}"


def report_text(totals: ShiftTotals, *, register: str, closed: ShiftRecord | None = None) -> str:
    """The X-report (``closed`` None) or the Z-report of a closed shift."""

    title = (
        QCoreApplication.translate("TillReport", "Z-report") if closed
        else QCoreApplication.translate("TillReport", "X-report")
    )  # fmt: skip
    lines = [f"{title} · {register}", "=" * WIDTH]
    lines.append(_line(QCoreApplication.translate("TillReport", "Float"),
                       format_money(totals.opening_float)))  # fmt: skip
    lines.append(_line(QCoreApplication.translate("TillReport", "Payments"),
                       format_money(totals.taken), totals.payments))  # fmt: skip
    lines.append(_line(QCoreApplication.translate("TillReport", "Refunds"),
                       format_money(totals.refunded), totals.refunds))  # fmt: skip
    lines.append(_line(QCoreApplication.translate("TillReport", "Voids"),
                       format_money(totals.voided), totals.voids))  # fmt: skip
    lines.append(_line(QCoreApplication.translate("TillReport", "Net"), format_money(totals.net)))
    lines.extend(_discounts(totals))
    lines.extend(_offline_approvals(totals))
    lines.append("-" * WIDTH)
    names = {
        "cash": QCoreApplication.translate("TillReport", "Cash"),
        "card": QCoreApplication.translate("TillReport", "Card"),
        "bank_transfer": QCoreApplication.translate("TillReport", "Bank transfer"),
    }
    for tender, amount in totals.by_tender.items():
        lines.append(_line(names.get(tender, tender), format_money(amount)))
    lines.append("-" * WIDTH)
    lines.append(_line(QCoreApplication.translate("TillReport", "Expected cash"),
                       format_money(totals.expected_cash)))  # fmt: skip
    if closed is not None:
        lines.extend(_closing(closed))
    return "\n".join(lines)


def _discounts(totals: ShiftTotals) -> list[str]:
    """Discounts given, per currency (none: a zero line in the shift's currency), and of
    them the ones a supervisor approved over the cashier's limit."""
    given = totals.discounts or {
        totals.currency.code: DiscountTotals(0, Money.zero(totals.currency), 0,
                                             Money.zero(totals.currency))
    }  # fmt: skip
    lines = []
    for each in given.values():
        lines.append(_line(QCoreApplication.translate("TillReport", "Discounts"),
                           format_money(each.total), each.count))  # fmt: skip
        if each.approved:
            lines.append(_line(QCoreApplication.translate("TillReport", "  approved over limit"),
                               format_money(each.approved_total), each.approved))  # fmt: skip
    return lines


def _offline_approvals(totals: ShiftTotals) -> list[str]:
    """The receipts a supervisor approved offline: the server could not verify those."""
    receipts = totals.offline_approvals
    if not receipts:
        return []
    lines = [_line(QCoreApplication.translate("TillReport", "Approved offline"), "",
                   len(receipts)).rstrip()]  # fmt: skip
    lines.extend(f"  {receipt}" for receipt in receipts)
    note = QCoreApplication.translate(
        "TillReport", "unverified; the back office reviews them")  # fmt: skip
    # Wrapped to the report's width, in any language.
    return lines + textwrap.wrap(note, WIDTH, initial_indent="  ", subsequent_indent="  ")


def _closing(shift: ShiftRecord) -> list[str]:
    assert shift.counted is not None and shift.over_short is not None
    lines = [
        _line(QCoreApplication.translate("TillReport", "Counted cash"),
              format_money(shift.counted)),
        _line(QCoreApplication.translate("TillReport", "Over (+) / short (-)"),
              format_money(shift.over_short)),
        _line(QCoreApplication.translate("TillReport", "Closed"), format_datetime(shift.closed_at)),
    ]  # fmt: skip
    if shift.override_by:
        lines.append(_line(QCoreApplication.translate("TillReport", "Closed unsynced, approved by"),
                           shift.override_by))  # fmt: skip
    return lines
