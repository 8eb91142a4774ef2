"""The X- and Z-reports at the till window show the discounts given in the shift, per
currency, with the ones a supervisor approved over the cashier's limit apart; in Russian too.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from test_till_discount import PASSWORD, WAIT_MS, client, window  # noqa: F401 (fixtures)
from ui_drive import activate

from frontdesk.domain.discounts import DiscountKind, DiscountOffer
from frontdesk.domain.money import Currency, Money
from frontdesk.domain.till import CashCount, Purpose, Tender
from frontdesk.services.till.ports import Approval
from frontdesk.ui.i18n import Translations
from frontdesk.ui.till import TillWindow
from frontdesk.ui.till.reports import report_text

APPROVAL = Approval("sue", "online", datetime(2026, 1, 5, 9, 0, tzinfo=UTC))


def _take(till: TillWindow, amount: str, paid: str, discount=None, approval=None) -> None:
    offer = DiscountOffer(DiscountKind(discount[0]), Decimal(discount[1])) if discount else None
    till.desk.pay(amount=Money.of(amount, "GBP"), tenders=[(Tender.CARD, Money.of(paid, "GBP"))],
                  customer_id=None, purpose=Purpose.PURCHASE, key=str(uuid.uuid4()),
                  discount=offer, approval=approval)  # fmt: skip


def _x_report(qtbot, till: TillWindow) -> list[str]:
    activate(qtbot, till)
    with qtbot.waitSignal(till.report_shown, timeout=WAIT_MS):
        qtbot.keyClick(till, Qt.Key.Key_F5)
    return [" ".join(line.split()) for line in till.report_view.toPlainText().splitlines()]


def test_the_x_report_totals_the_discounts(qtbot, window, tmp_path: Path) -> None:  # noqa: F811
    _take(window, "40.00", "36.00", ("percent", "10"))  # 4.00 off, the cashier's own
    _take(window, "100.00", "75.00", ("amount", "25.00"), APPROVAL)  # over the limit
    _take(window, "9.99", "9.99")
    lines = _x_report(qtbot, window)
    assert "Payments 3 120.99 GBP" in lines
    assert "Discounts 2 29.00 GBP" in lines
    assert "approved over limit 1 25.00 GBP" in lines
    raw = window.report_view.toPlainText().splitlines()
    assert {len(line) for line in raw[1:] if "GBP" in line} == {44}  # one right edge
    with qtbot.waitSignal(window.view_loaded, timeout=WAIT_MS):
        window.reload()
    window.grab().save(str(tmp_path / "till-x-report-en.png"))


def test_a_shift_without_discounts_says_none_were_given(qtbot, window) -> None:  # noqa: F811
    _take(window, "9.99", "9.99")
    lines = _x_report(qtbot, window)
    assert "Discounts 0 0.00 GBP" in lines
    assert not any("approved over limit" in line for line in lines)


def test_the_z_report_in_russian_totals_the_discounts(qtbot, window) -> None:  # noqa: F811
    _take(window, "100.00", "75.00", ("amount", "25.00"), APPROVAL)
    counted = CashCount.of({"50": 1}, Currency.of("GBP"))
    closed, totals = window.desk.close(counted, ("sue", PASSWORD))  # unsynced: sue approves
    translations = Translations()
    assert translations.apply("ru")
    try:
        text = report_text(totals, register="SHOP1", closed=closed)
    finally:
        translations.apply("en")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert {len(line) for line in text.splitlines()[1:] if "GBP" in line} == {44}
    assert "Скидки 1 25,00 GBP" in lines and "сверх лимита, одобр. 1 25,00 GBP" in lines


def test_the_z_report_lists_the_receipts_approved_offline(qtbot, window, tmp_path) -> None:  # noqa: F811
    _take(window, "40.00", "36.00", ("percent", "10"))
    _take(window, "100.00", "75.00", ("amount", "25.00"), APPROVAL)  # online: verified
    offline = Approval("sue", "offline", datetime(2026, 1, 5, 9, 5, tzinfo=UTC))
    _take(window, "50.00", "40.00", ("amount", "10.00"), offline)
    counted = CashCount.of({"50": 1}, Currency.of("GBP"))
    closed, totals = window.desk.close(counted, ("sue", PASSWORD))  # the server is unreachable
    assert totals.offline_approvals == ("SHOP1-00000003",)
    text = report_text(totals, register="SHOP1", closed=closed)
    lines = text.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("Approved offline")))
    assert " ".join(lines[at].split()) == "Approved offline 1"
    assert lines[at + 1] == "  SHOP1-00000003"
    assert lines[at + 2] == "  unverified; the back office reviews them"
    assert max(len(line) for line in lines) == 44  # within the report's width
    (tmp_path / "z-report.txt").write_text(text, encoding="utf-8")
