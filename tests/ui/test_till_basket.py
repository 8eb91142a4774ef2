"""The till window sells a basket, on a real desk cache, by keys only: a scanner's codes
land in the basket from whatever field has the focus (never in the cashier's typed
amount), a loyalty card attaches the customer, an offer goes in the basket, the tender form
settles the basket's total and the receipt lists its lines; a basket is held and recalled;
in Russian nothing of the window is left in English.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from till_shop import (
    BREAD,
    CHEESE,
    MILK,
    WAIT_MS,
    fill_shop,
    focused,
    lines_of,
    open_till,
    scan,
)
from ui_drive import ACCOUNTS, activate
from ui_walk import clipped_labels, english_words

from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.ui.i18n import Translations
from frontdesk.ui.till.basket_dialogs import RecallDialog

#: A person's keys: far slower than a scanner's.
HAND_MS = 80
#: Words a Russian till shows as they are: codes, names, key names, data.
KNOWN = {"GBP", "SHOP", "cat", "Ctrl", "Shift", "Del", "Enter", "X-", "PDF", "James",
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
    assert [sku for sku, _ in lines_of(till)] == ["BR-001", "CH-002", "OM-003"]
    view = till.basket_ui.flows.view
    assert str(view.totals.amount.amount) == "15.75"  # 2 x 1.20 + 12.40 + 0.95
    assert till.payment_box.amount.edit.text() == "15.75"
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
    held = till.basket.held_baskets()  # the cheddar's basket was held in its place
    assert [h.lines for h in held] == [1]
