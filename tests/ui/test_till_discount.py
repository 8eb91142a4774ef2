"""Discounts and supervisor approval at the till window, by keys and clicks on a real desk
cache, with the server unreachable: a bad discount is refused at its field; one within the
cashier's limit is simply taken; one over it opens the supervisor approval dialog, and a
supervisor who signed in online here before approves it offline; so is a refund. The
approval and the discount lines are in the record, the journal and the printed receipt.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from unicodedata import normalize

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from test_window_on_cache import fill_cache
from ui_fakes import KeptLogin
from ui_walk import clipped_labels, english_words

from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.domain.money import Money
from frontdesk.services.till.ports import SupervisorVerifier
from frontdesk.ui.i18n import Translations
from frontdesk.ui.receipts import Receipt, write_pdf
from frontdesk.ui.till import TillWindow
from frontdesk.ui.till.dialogs import AdjustDialog, ApprovalDialog

WAIT_MS = 10_000
PASSWORD = "correct horse battery"


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    yield ctx
    ctx.close()


@pytest.fixture
def window(qtbot: QtBot, client, monkeypatch, printed) -> Iterator[TillWindow]:
    monkeypatch.setenv("FRONTDESK_TILL_DISCOUNT_LIMIT", "10")
    fill_cache(client)
    with client.uow as uow:  # an address on loopback where nothing listens
        uow.sync_state.set_login("http://127.0.0.1:9", "cat")
        uow.commit()
    client.credentials = KeptLogin()  # cat's login, which asks that server for approvals
    desk = client.till_desk(register="SHOP1")
    with desk.uow:  # sue signed in online at this desk earlier today (kept: a verifier)
        verifier = Argon2Verifier().make(PASSWORD)
        desk.uow.supervisors.remember(
            SupervisorVerifier("sue", "supervisor", verifier, datetime.now(UTC))
        )
        desk.uow.commit()
    desk.open_shift(Money.of("50", "GBP"))
    till = TillWindow(desk, printer=lambda receipt, _parent: printed.append(receipt))
    qtbot.addWidget(till)
    till.show()
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)
    yield till
    till.ops.shutdown()


def _type(qtbot: QtBot, edit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def _fill(qtbot: QtBot, window: TillWindow, amount: str, discount: str, card: str) -> None:
    box = window.payment_box
    _type(qtbot, box.amount.edit, amount)
    box.discount_kind.setFocus()
    qtbot.keyClick(box.discount_kind, Qt.Key.Key_Home)  # "%" is first
    _type(qtbot, box.discount_edit, discount)
    _type(qtbot, box.tenders["card"].edit, card)


def _recorded(window: TillWindow) -> int:
    return len(window.desk.view().transactions)


def _click(qtbot: QtBot, dialog, which=QDialogButtonBox.StandardButton.Ok) -> None:
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "must not be negative"),
        ("NaN", "must be a finite number"),
        ("12.345", "a percentage takes at most 2 decimal places"),
        ("101", "cannot be more than 100%"),
        ("100", "must leave something to pay"),
        ("ten", "is not a number"),
    ],
)
def test_a_bad_discount_is_refused_at_its_field(qtbot, window, typed: str, message: str) -> None:
    box = window.payment_box
    _fill(qtbot, window, "40.00", typed, "40.00")
    qtbot.keyClick(box.discount_edit, Qt.Key.Key_Return)
    assert message in box.discount_error.text() and box.discount_error.isVisible()
    assert box.discount_edit.hasFocus() and _recorded(window) == 0 and window.dialog is None


def test_a_discount_within_the_limit_is_taken_at_once(qtbot, window) -> None:
    box = window.payment_box
    _fill(qtbot, window, "40.00", "10", "36.00")
    assert box.to_pay_label.text() == "36.00 GBP"  # shown as typed
    qtbot.keyClick(box.discount_kind, Qt.Key.Key_End)  # GBP off...
    assert box.to_pay_label.text() == "30.00 GBP"
    _type(qtbot, box.discount_edit, "10%")  # ...unless a percent sign says otherwise
    assert box.to_pay_label.text() == "36.00 GBP"
    with qtbot.waitSignal(window.payment_recorded, timeout=WAIT_MS):
        qtbot.keyClick(box.tenders["card"].edit, Qt.Key.Key_Return)
    assert window.dialog is None
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    tx = window.view.transactions[-1]
    assert str(tx.amount) == "36.00 GBP" and str(tx.gross) == "40.00 GBP" and tx.approval is None


def test_a_discount_over_the_limit_needs_a_supervisor(qtbot, window, printed, tmp_path) -> None:
    box = window.payment_box
    _fill(qtbot, window, "100.00", "25", "75.00")
    qtbot.keyClick(box.tenders["card"].edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ApprovalDialog), timeout=WAIT_MS)
    dialog = window.dialog
    assert "A discount of 25.00 GBP on a sale of 100.00 GBP" in dialog.summary.text()
    assert "limit of 10% of the sale (10.00 GBP)" in dialog.summary.text()
    _click(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)  # no supervisor at hand
    qtbot.waitUntil(lambda: box.take_button.isEnabled(), timeout=WAIT_MS)
    assert "a supervisor must approve it" in box.discount_error.text() and _recorded(window) == 0

    qtbot.mouseClick(box.take_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ApprovalDialog) and window.dialog
                    is not dialog and window.dialog.isVisible(), timeout=WAIT_MS)  # fmt: skip
    dialog = window.dialog
    _type(qtbot, dialog.supervisor.user_edit, "sue")
    _type(qtbot, dialog.supervisor.password_edit, "not her password")
    with qtbot.waitSignal(window.refused, timeout=WAIT_MS):
        qtbot.keyClick(dialog.supervisor.password_edit, Qt.Key.Key_Return)
    assert "Wrong password for sue (checked offline)." in dialog.supervisor.error.text()
    assert _recorded(window) == 0
    _type(qtbot, dialog.supervisor.password_edit, PASSWORD)
    with qtbot.waitSignal(window.payment_recorded, timeout=WAIT_MS) as recorded:
        _click(qtbot, dialog)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    assert "approved by sue (checked offline)" in window.status.text()
    _is_recorded_and_printed(qtbot, window, recorded.args[0], printed, tmp_path)


def _is_recorded_and_printed(
    qtbot, window: TillWindow, receipt: str, printed: list[Receipt], tmp_path: Path
) -> None:
    desk = window.desk
    with desk.uow:
        tx = desk.uow.till.transaction(receipt)
        body = desk.uow.till.entries(shift_id=tx.shift_id)[-1].body
    assert (tx.approval.supervisor, tx.approval.method) == ("sue", "offline")
    assert body["approval"]["method"] == "offline" and body["discount"]["amount"] == "25.00"
    window.select_receipt(receipt)
    qtbot.mouseClick(window.buttons.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(printed), timeout=WAIT_MS)
    pdf = write_pdf(printed[0], tmp_path / "r.pdf")
    # NFKC: the PDF's text has the font's ligatures (the "ffl" of "offline" is one glyph).
    text = " ".join(normalize("NFKC", PdfReader(pdf).pages[0].extract_text()).split())
    assert "Sale 100.00 GBP" in text and "Discount 25% -25.00 GBP" in text
    assert "Total 75.00 GBP" in text and "Approved by sue (checked offline)" in text


def test_a_refund_is_approved_offline_while_the_server_is_unreachable(qtbot, window) -> None:
    box = window.payment_box
    _type(qtbot, box.amount.edit, "9.99")
    _type(qtbot, box.tenders["card"].edit, "9.99")
    with qtbot.waitSignal(window.payment_recorded, timeout=WAIT_MS) as recorded:
        qtbot.keyClick(box.tenders["card"].edit, Qt.Key.Key_Return)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    window.select_receipt(recorded.args[0])
    qtbot.keyClick(window.table, Qt.Key.Key_F8)  # the refund button's shortcut
    qtbot.waitUntil(lambda: isinstance(window.dialog, AdjustDialog), timeout=WAIT_MS)
    dialog = window.dialog
    _type(qtbot, dialog.amount.edit, "4.00")
    _type(qtbot, dialog.supervisor.user_edit, "sue")
    _type(qtbot, dialog.supervisor.password_edit, PASSWORD)
    with qtbot.waitSignal(window.adjusted, timeout=WAIT_MS) as adjusted:
        _click(qtbot, dialog)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    assert "approved by sue (checked offline)" in window.status.text()
    with window.desk.uow as uow:
        refund = uow.till.transaction(adjusted.args[0])
        body = uow.till.entries(shift_id=refund.shift_id)[-1].body
    assert str(refund.amount) == "4.00 GBP" and refund.approval.method == "offline"
    assert body["approval"]["supervisor"] == "sue" and body["approval"]["method"] == "offline"


def test_the_discount_and_the_approval_dialog_speak_russian(qtbot, window) -> None:
    translations = Translations()
    assert translations.apply("ru")
    try:
        russian = TillWindow(window.desk)
        qtbot.addWidget(russian)
        russian.show()
        qtbot.waitUntil(russian.ops.is_idle, timeout=WAIT_MS)
        _fill(qtbot, russian, "100,00", "25", "75,00")
        qtbot.keyClick(russian.payment_box.tenders["card"].edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: isinstance(russian.dialog, ApprovalDialog), timeout=WAIT_MS)
        dialog = russian.dialog
        assert dialog.summary.text().startswith("Скидка 25,00 GBP с покупки на 100,00 GBP")
        allowed = {"GBP", "SHOP", "cat", "X-", "Enter", "Ctrl", "Shift", "PDF"}  # keys, codes
        assert english_words(russian, dialog, allowed=allowed) == []
        assert clipped_labels(dialog) == []
        _click(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
        qtbot.waitUntil(russian.payment_box.take_button.isEnabled, timeout=WAIT_MS)
        russian.ops.shutdown()
    finally:
        translations.apply("en")
