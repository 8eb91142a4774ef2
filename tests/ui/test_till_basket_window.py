"""The till window sells a basket, on a real desk cache, by keys only: a scanner's codes
land in the basket from whatever field has the focus (never in the cashier's typed
amount), a loyalty card attaches the customer, an offer goes in the basket, the tender form
settles the basket's total with its lines; a basket is held and recalled; a line comes back
by its receipt, priced by the till; in Russian nothing of the window is left in English.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from till_shop import (
    BREAD,
    CHEESE,
    MILK,
    PASSWORD,
    WAIT_MS,
    fill_shop,
    focused,
    lines_of,
    open_till,
    scan,
)
from ui_drive import ACCOUNTS, activate, type_text
from ui_walk import clipped_labels, english_words

from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.domain.money import Money
from frontdesk.domain.till import Tender
from frontdesk.ui.i18n import Translations
from frontdesk.ui.receipts import write_pdf
from frontdesk.ui.till import TillWindow
from frontdesk.ui.till.basket_dialogs import RecallDialog, ValueDialog
from frontdesk.ui.till.dialogs import ApprovalDialog
from frontdesk.ui.till.receipt_refund import ReceiptRefundDialog

CTRL = Qt.KeyboardModifier.ControlModifier
#: A person's keys: far slower than a scanner's.
HAND_MS = 80
#: Words a Russian till shows as they are: codes, names, key names, data.
KNOWN = {"GBP", "SHOP", "cat", "Ctrl", "Shift", "Del", "Delete", "Enter", "X-", "PDF", "James",
         "O'Connor", "SKU", "BR-", "CH-", "OM-"}  # fmt: skip


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_shop(ctx)
    yield ctx
    ctx.close()


@pytest.fixture(params=["en", "ru"])
def language(request):
    translations = Translations()
    assert translations.apply(request.param)
    yield request.param
    translations.apply("en")


def _scan(qtbot: QtBot, till, code: str, lines: int) -> None:
    with qtbot.waitSignal(till.basket_ui.flows.basket_shown, timeout=WAIT_MS):
        scan(qtbot, code)
    qtbot.waitUntil(lambda: len(lines_of(till)) == lines, timeout=WAIT_MS)


def test_a_whole_sale_by_scanner_keys_with_the_focus_in_the_cash_field(
    qtbot: QtBot, client, printed, language: str
) -> None:
    till = open_till(qtbot, client, printed)
    activate(qtbot, till)
    cash = till.payment_box.tenders["cash"].edit
    cash.setFocus()
    qtbot.keyClicks(cash, "20", delay=HAND_MS)  # the cashier types what was handed over
    _scan(qtbot, till, BREAD, 1)
    _scan(qtbot, till, CHEESE, 2)
    _scan(qtbot, till, BREAD, 2)  # the same product again: its line counts two
    _scan(qtbot, till, MILK, 3)
    assert focused() is cash and cash.text() == "20"  # nothing of the scans went in there
    change = till.payment_box.change_label.text()
    assert change == ("4,25 GBP" if language == "ru" else "4.25 GBP")  # 20 less 15.75, as typed
    assert [sku for sku, _ in lines_of(till)] == ["BR-001", "CH-002", "OM-003"]
    view = till.basket_ui.flows.view
    assert str(view.totals.amount.amount) == "15.75"  # 2 x 1.20 + 12.40 + 0.95
    assert till.payment_box.amount.edit.text() == ("15,75" if language == "ru" else "15.75")
    assert till.payment_box.amount.edit.isReadOnly()
    if language == "ru":
        assert till.basket_ui.box.total_label.text() == "15,75 GBP"
        assert english_words(till, allowed=KNOWN) == []
    with qtbot.waitSignal(till.payment_recorded, timeout=WAIT_MS):
        qtbot.keyClick(cash, Qt.Key.Key_Return, delay=HAND_MS)  # the cashier's Enter pays
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)
    paid = till.desk.view().transactions[-1]
    assert [(line.sku, str(line.quantity)) for line in paid.lines] == [
        ("BR-001", "2"), ("CH-002", "1"), ("OM-003", "1")]  # fmt: skip
    assert str(paid.change.amount) == "4.25"
    qtbot.waitUntil(lambda: lines_of(till) == [], timeout=WAIT_MS)  # a new, empty basket
    assert till.basket_ui.box.scan_edit.hasFocus()
    assert clipped_labels(till) == []


def test_a_person_typing_digits_and_enter_is_not_a_scan(qtbot: QtBot, client, printed) -> None:
    till = open_till(qtbot, client, printed)
    activate(qtbot, till)
    search = till.payment_box.amount.edit
    till.payment_box.tenders["card"].edit.setFocus()
    card = focused()
    qtbot.keyClicks(card, BREAD, delay=HAND_MS)  # as long as a barcode, but by hand
    qtbot.keyClick(card, Qt.Key.Key_Return, delay=HAND_MS)
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)
    assert lines_of(till) == [] and card.text() == BREAD and search.text() == ""


def test_a_product_scanned_in_the_customer_search_goes_to_the_basket(
    qtbot: QtBot, client, printed
) -> None:
    till = open_till(qtbot, client, printed)
    activate(qtbot, till)
    find = till.payment_box.search_edit
    find.setFocus()
    type_text(qtbot, find, "Jam")  # half a name typed, then the scanner goes
    _scan(qtbot, till, CHEESE, 1)
    assert [sku for sku, _ in lines_of(till)] == ["CH-002"]
    assert find.text() == "Jam" and till.basket_ui.flows.view.customer_id is None
    find.clear()
    with qtbot.waitSignal(till.basket_ui.flows.offers_shown, timeout=WAIT_MS):
        scan(qtbot, ACCOUNTS["c-2"])  # not a product: the search's own, a loyalty card
    assert till.basket_ui.flows.view.customer_id == "c-2"
    assert [sku for sku, _ in lines_of(till)] == ["CH-002"]


def test_a_loyalty_card_attaches_the_customer_and_an_offer_goes_in_the_basket(
    qtbot: QtBot, client, printed
) -> None:
    till = open_till(qtbot, client, printed)
    activate(qtbot, till)
    _scan(qtbot, till, BREAD, 1)
    find = till.payment_box.search_edit
    find.setFocus()
    with qtbot.waitSignal(till.basket_ui.flows.offers_shown, timeout=WAIT_MS):
        scan(qtbot, ACCOUNTS["c-2"])  # the card's number, scanned into the search
    view = till.basket_ui.flows.view
    assert view.customer_id == "c-2" and "James" in till.payment_box.customer_combo.currentText()
    offers = till.basket_ui.offers.offers()
    assert offers, "the customer's offers are shown beside the basket"
    with qtbot.waitSignal(till.basket_ui.flows.basket_shown, timeout=WAIT_MS):
        qtbot.keyClick(till, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert [sku for sku, _ in lines_of(till)] == ["BR-001", offers[0].sku]
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)
    with till.desk.uow as uow:  # the offer is recorded accepted, to go with the next sync
        kinds = [item.kind for item in uow.outbox.pending(limit=50)]
    assert "crosssell.feedback" in kinds


def test_hold_and_recall_by_keys(qtbot: QtBot, client, printed) -> None:
    till = open_till(qtbot, client, printed)
    activate(qtbot, till)
    _scan(qtbot, till, BREAD, 1)
    _scan(qtbot, till, MILK, 2)
    with qtbot.waitSignal(till.basket_ui.flows.basket_shown, timeout=WAIT_MS):
        qtbot.keyClick(till, Qt.Key.Key_F11)  # hold: the till is free for the next customer
    assert lines_of(till) == []
    _scan(qtbot, till, CHEESE, 1)
    qtbot.keyClick(till, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: isinstance(till.dialog, RecallDialog), timeout=WAIT_MS)
    dialog = till.dialog
    assert dialog.list.count() == 1
    with qtbot.waitSignal(till.basket_ui.flows.basket_shown, timeout=WAIT_MS):
        qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert [sku for sku, _ in lines_of(till)] == ["BR-001", "OM-003"]
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)
    held = till.basket.held_baskets()  # the cheddar's basket was held in its place
    assert [h.lines for h in held] == [1]


def _sold(client) -> str:
    """Two loaves, 0.350 kg of cheddar and oat milk, paid in cash: the receipt number."""
    basket = client.till_basket(register="SHOP1")
    client.till_desk(register="SHOP1").open_shift(Money.of("50", "GBP"))
    basket.add_code(BREAD, quantity=Decimal(2))
    basket.add_code(CHEESE, quantity=Decimal("0.350"))
    basket.add_code(MILK)
    return basket.settle([(Tender.CASH, Money.of("20", "GBP"))]).receipt_no


def _return_dialog(qtbot: QtBot, till, receipt: str) -> ReceiptRefundDialog:
    activate(qtbot, till)
    qtbot.keyClick(till, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: isinstance(till.dialog, ReceiptRefundDialog), timeout=WAIT_MS)
    dialog = till.dialog
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.receipt_edit, receipt)
    qtbot.keyClick(dialog.receipt_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.return_lines.rowCount() == 3, timeout=WAIT_MS)
    return dialog


def _left(dialog: ReceiptRefundDialog) -> list[str]:
    return [dialog.return_lines.item(row, 4).text() for row in range(3)]


def test_a_line_is_returned_by_keys_and_the_till_prices_it(
    qtbot: QtBot, client, printed, language: str
) -> None:
    receipt = _sold(client)
    till = open_till(qtbot, client, printed)
    dialog = _return_dialog(qtbot, till, receipt)
    table = dialog.return_lines
    assert table.hasFocus() and table.currentColumn() == 5  # Return: where figures go
    pieces = "шт." if language == "ru" else "pcs"
    assert _left(dialog)[0] == f"2 {pieces}"
    with qtbot.waitSignal(dialog.amount_requested, timeout=WAIT_MS):
        qtbot.keyClicks(table, "1")  # one loaf of the two comes back
        qtbot.keyClick(table.focusWidget() or table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.amount.edit.text() in ("1.20", "1,20"), timeout=WAIT_MS)
    assert dialog.amount.edit.isReadOnly()  # the till prices the lines: half of the 2.40
    type_text(qtbot, dialog.reason_edit, "stale")
    type_text(qtbot, dialog.supervisor.user_edit, "sue")
    type_text(qtbot, dialog.supervisor.password_edit, PASSWORD)
    if language == "ru":
        assert english_words(dialog, allowed=KNOWN | {"SHOP1-", "stale", "sue"}) == []
    with qtbot.waitSignal(till.adjusted, timeout=WAIT_MS):
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)  # the cache is the till's: one at a time
    refund = till.desk.view().transactions[-1]
    assert [(r.line_no, r.quantity) for r in refund.returned] == [(1, Decimal(1))]
    assert str(refund.amount.amount) == "1.20"
    again = _return_dialog(qtbot, till, receipt)
    assert _left(again)[0] == f"1 {pieces}"


def test_a_weight_a_discount_over_the_limit_and_a_removed_line_by_keys(
    qtbot: QtBot, client, printed
) -> None:
    till = open_till(qtbot, client, printed)
    activate(qtbot, till)
    _scan(qtbot, till, CHEESE, 1)
    _scan(qtbot, till, MILK, 2)
    box = till.basket_ui.box
    box.table.setFocus()
    qtbot.keyClick(box.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(till, Qt.Key.Key_F4)  # the cheddar's weight
    qtbot.waitUntil(lambda: isinstance(till.dialog, ValueDialog), timeout=WAIT_MS)
    weight = till.dialog
    qtbot.keyClicks(weight.edit, "0.3456")  # a gram's tenth is too fine
    qtbot.keyClick(weight.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: weight.error.text() != "", timeout=WAIT_MS)
    assert "3 decimals" in weight.error.text() and lines_of(till)[0] == ("CH-002", "1 kg")
    qtbot.keyClick(weight.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(till.basket_ui.flows.basket_shown, timeout=WAIT_MS):
        qtbot.keyClicks(weight.edit, "0.350")
        qtbot.keyClick(weight.edit, Qt.Key.Key_Return)
    assert lines_of(till)[0] == ("CH-002", "0.35 kg")
    activate(qtbot, till)  # the dialog has gone: keys are the window's again
    qtbot.keyClick(till, Qt.Key.Key_F6)  # half off the cheddar: over the cashier's 10%
    qtbot.waitUntil(lambda: till.dialog is not weight, timeout=WAIT_MS)
    discount = till.dialog
    assert isinstance(discount, ValueDialog)
    qtbot.keyClicks(discount.edit, "50%")
    qtbot.keyClick(discount.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(till.dialog, ApprovalDialog), timeout=WAIT_MS)
    approval = till.dialog
    assert "over the cashier's limit" in approval.summary.text()
    assert till.basket_ui.flows.view.needs_approval  # kept, waiting for the supervisor
    type_text(qtbot, approval.supervisor.user_edit, "sue")
    type_text(qtbot, approval.supervisor.password_edit, PASSWORD)
    with qtbot.waitSignal(till.basket_ui.flows.basket_shown, timeout=WAIT_MS):
        qtbot.keyClick(approval.supervisor.password_edit, Qt.Key.Key_Return)
    view = till.basket_ui.flows.view
    assert view.approval is not None and view.approval.supervisor == "sue"
    assert str(view.lines[0].discount.amount) == "2.17"  # half of 0.350 x 12.40 = 4.34
    assert "sue" in box.approval_label.text()
    box.table.setFocus()
    qtbot.keyClick(box.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(till.basket_ui.flows.basket_shown, timeout=WAIT_MS):
        qtbot.keyClick(box.table, Qt.Key.Key_Delete)
    assert lines_of(till) == [("CH-002", "0.35 kg")]


def test_a_basket_receipt_its_gift_receipt_and_its_pdf_by_keys(
    qtbot: QtBot, client, tmp_path: Path
) -> None:
    receipt = _sold(client)
    printed: list = []
    saved: list[Path] = []
    desk = client.till_desk(register="SHOP1")
    till = TillWindow(
        desk, printer=lambda r, _parent: printed.append(r),
        basket=client.till_basket(register="SHOP1"),
        saver=lambda r, _parent: saved.append(write_pdf(r, tmp_path / "r.pdf")),
    )  # fmt: skip
    qtbot.addWidget(till)
    till.show()
    qtbot.waitUntil(lambda: till.table.rowCount() == 1, timeout=WAIT_MS)
    activate(qtbot, till)
    till.select_receipt(receipt)  # the sale, picked in the shift's table
    qtbot.keyClick(till, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert printed[-1].gift and len(printed[-1].lines) == 3
    qtbot.keyClick(till, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT_MS)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(saved[0]).pages).split())
    assert receipt in text and "Sourdough loaf 2 pcs × 1.20 GBP 2.40 GBP" in text
    assert "Cheddar, mature 0.35 kg × 12.40 GBP 4.34 GBP" in text and "Total 7.69 GBP" in text
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)
    till.ops.shutdown()


def test_words_find_the_product_and_several_matches_are_picked_by_keys(
    qtbot: QtBot, client, printed
) -> None:
    till = open_till(qtbot, client, printed)
    activate(qtbot, till)
    box = till.basket_ui.box
    assert box.scan_edit.hasFocus()
    with qtbot.waitSignal(till.basket_ui.flows.basket_shown, timeout=WAIT_MS):
        type_text(qtbot, box.scan_edit, "oat milk")
        qtbot.keyClick(box.scan_edit, Qt.Key.Key_Return)
    assert lines_of(till) == [("OM-003", "1 pcs")] and box.scan_edit.text() == ""
    type_text(qtbot, box.quantity_edit, "\b3")
    type_text(qtbot, box.scan_edit, "t-light holder")
    qtbot.keyClick(box.scan_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: box.choices.isVisible() and box.choices.hasFocus(), timeout=WAIT_MS)
    assert box.choices.count() == 2
    with qtbot.waitSignal(till.basket_ui.flows.basket_shown, timeout=WAIT_MS):
        qtbot.keyClick(box.choices, Qt.Key.Key_Return)
    assert len(lines_of(till)) == 2 and lines_of(till)[1][1] == "3 pcs"
    assert not box.choices.isVisible() and box.scan_edit.hasFocus()
