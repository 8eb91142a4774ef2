"""Refund by receipt number at the till window, by keys and clicks on a real desk cache that
has pulled the branch's other tills (SHOPA, SHOPB): an unknown receipt, another branch's, a
malformed number, a fully refunded payment and a void are each refused with their own
message and nothing written; a payment of till SHOPA shows its lines and what is left (its
accepted refunds counted, a declined one not), and a supervisor approves a refund of part
of it offline. In Russian, the till's refusals (and the domain's checks of a typed amount)
are in Russian.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from test_till_discount import PASSWORD, WAIT_MS, client, window  # noqa: F401 (fixtures)
from ui_drive import activate, type_text
from ui_walk import clipped_labels, english_words

from frontdesk.protocol import PullPage, TillTenderPublic, TillTransactionPublic
from frontdesk.ui.i18n import Translations
from frontdesk.ui.till import TillWindow
from frontdesk.ui.till.receipt_refund import ReceiptRefundDialog

PAID_A = "00000000-0000-4000-8000-00000000a001"
AT = datetime(2026, 1, 5, 10, 30, tzinfo=UTC)
#: Words a Russian till window shows untranslated: codes, names, key names.
KNOWN_WORDS = {"GBP", "SHOP", "SHOPA", "SHOPA-", "SHOPZ-", "cat", "dan", "sue", "X-", "Enter",
               "Ctrl", "Shift", "PDF"}  # fmt: skip


def _pulled(seq: int, receipt: str, kind: str, amount: str, **extra) -> TillTransactionPublic:
    fields = {
        "id": str(uuid.UUID(int=seq)), "kind": kind, "register_code": receipt.split("-")[0],
        "receipt_no": receipt, "links_to": None, "currency": "GBP", "amount": amount,
        "change": "0.00", "tenders": [TillTenderPublic(tender="cash", amount=amount)],
        "customer_id": None, "purpose": "purchase", "cashier": "dan", "occurred_at": AT,
        "accepted": True, "seq": seq,
    }  # fmt: skip
    return TillTransactionPublic(**(fields | extra))


def _pull_branch(till: TillWindow) -> None:
    """What a sync brings from the branch's other tills, applied as a pull applies it."""
    rows = [
        _pulled(1, "SHOPA-00000001", "payment", "10.00", id=PAID_A),
        _pulled(2, "SHOPB-00000001", "refund", "4.00", links_to=PAID_A),
        _pulled(
            3,
            "SHOPB-00000002",
            "refund",
            "5.00",
            links_to=PAID_A,
            accepted=False,
            declined_reason="more than is left to refund",
        ),
        _pulled(4, "SHOPA-00000002", "payment", "6.00"),
        _pulled(5, "SHOPB-00000003", "refund", "6.00", links_to=str(uuid.UUID(int=4))),
        _pulled(6, "SHOPA-00000003", "void", "6.00", links_to=str(uuid.UUID(int=4))),
    ]
    with till.desk.uow as uow:
        uow.replica.apply(PullPage(cursor=900, has_more=False, till_transactions=rows))
        uow.commit()


def _written(till: TillWindow) -> tuple[int, int]:
    """This till's transactions and outbox items: a refusal adds to neither."""
    recorded = len(till.desk.view().transactions)
    with till.desk.uow as uow:
        return recorded, uow.outbox.counts().pending


def _open_dialog(qtbot: QtBot, till: TillWindow) -> ReceiptRefundDialog:
    activate(qtbot, till)
    before = till.dialog
    qtbot.keyClick(till, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: isinstance(till.dialog, ReceiptRefundDialog)
                    and till.dialog is not before, timeout=WAIT_MS)  # fmt: skip
    dialog = till.dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.receipt_edit.hasFocus, timeout=WAIT_MS)
    return dialog


def _find(qtbot: QtBot, till: TillWindow, dialog: ReceiptRefundDialog, number: str) -> None:
    """Type (or scan) ``number`` over the receipt field and press Enter."""
    edit = dialog.receipt_edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, edit, number)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.find_button.isEnabled(), timeout=WAIT_MS)
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)


def _type_over(qtbot: QtBot, edit, text: str) -> None:
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, edit, text)


def _lines(dialog: ReceiptRefundDialog) -> list[tuple[str, str]]:
    table = dialog.lines
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_refusals_by_receipt_say_why_and_write_nothing(
    qtbot,
    window,  # noqa: F811
    tmp_path: Path,
) -> None:
    _pull_branch(window)
    before = _written(window)
    dialog = _open_dialog(qtbot, window)
    refusals = {
        "SHOPZ-00000001": "SHOPZ-00000001 is from register SHOPZ, which is not a till of this "
        "branch as far as this desk knows. A receipt is refunded in its own branch.",
        "SHOPA-00000099": "No receipt SHOPA-00000099 at this till or at the tills of the branch",
        "12345": "“12345” is not a receipt number (like SHOP1-00000042).",
        "SHOPA-00000002": "SHOPA-00000002 has been paid back in full: nothing is left to refund.",
        "SHOPA-00000003": "SHOPA-00000003 is a void receipt, not a payment",
    }
    for number, message in refusals.items():
        _find(qtbot, window, dialog, number)
        assert message in dialog.receipt_error.text(), (number, dialog.receipt_error.text())
        assert dialog.receipt_edit.hasFocus() and dialog.found is None
        assert not dialog.ok.isEnabled() and dialog.lines.rowCount() == 0
    assert _written(window) == before
    dialog.grab().save(str(tmp_path / "receipt-refund-refused-en.png"))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not (isValid(dialog) and dialog.isVisible()), timeout=WAIT_MS)


def test_a_payment_of_another_till_is_refunded_in_part_by_its_receipt_number(
    qtbot,
    window,  # noqa: F811
    tmp_path: Path,
) -> None:
    _pull_branch(window)
    dialog = _open_dialog(qtbot, window)
    names = (dialog.receipt_edit, dialog.lines, dialog.amount.edit, dialog.tender_combo,
             dialog.reason_edit)  # fmt: skip
    assert [w.accessibleName() for w in names] == [
        "Receipt number", "Receipt lines", "Refund amount", "Tender", "Reason"]  # fmt: skip
    _find(qtbot, window, dialog, "shopa-00000001")  # a scanner may send lower case
    assert dialog.windowTitle() == "Refund SHOPA-00000001"
    assert "Receipt SHOPA-00000001 of till SHOPA" in dialog.summary.text()
    assert _lines(dialog) == [
        ("Total paid", "10.00 GBP"), ("Cash", "10.00 GBP"),
        ("Refunded: SHOPB-00000001", "-4.00 GBP"),  # SHOPB-00000002 was declined: not counted
    ]  # fmt: skip
    assert dialog.left_label.text() == "6.00 GBP" and dialog.amount.text() == "6.00"
    assert dialog.amount.edit.hasFocus()
    for after in (dialog.tender_combo, dialog.reason_edit, dialog.supervisor.user_edit,
                  dialog.supervisor.password_edit):  # fmt: skip
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert after.hasFocus(), dialog.focusWidget().objectName()
    dialog.grab().save(str(tmp_path / "receipt-refund-en.png"))
    before = _written(window)

    # More than is left: refused at the amount, nothing written.
    _type_over(qtbot, dialog.amount.edit, "6.01")
    _type_over(qtbot, dialog.reason_edit, "wrong size")
    _type_over(qtbot, dialog.supervisor.user_edit, "sue")
    _type_over(qtbot, dialog.supervisor.password_edit, PASSWORD)
    with qtbot.waitSignal(window.refused, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.amount.error.text() == "Only 6.00 GBP of SHOPA-00000001 is left to refund."
    assert dialog.amount.edit.hasFocus() and _written(window) == before

    _type_over(qtbot, dialog.amount.edit, "2.50")
    _type_over(qtbot, dialog.supervisor.password_edit, PASSWORD)
    with qtbot.waitSignal(window.adjusted, timeout=WAIT_MS) as adjusted:
        qtbot.keyClick(dialog.supervisor.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    receipt = adjusted.args[0]
    assert receipt == "SHOP1-00000001" and not (isValid(dialog) and dialog.isVisible())
    assert "Refund SHOPA-00000001 approved by sue (checked offline)" in window.status.text()
    with window.desk.uow as uow:
        refund = uow.till.transaction(receipt)
        body = uow.till.entries(shift_id=refund.shift_id)[-1].body
        sent = uow.outbox.pending(limit=10)[-1]
    assert (refund.kind, refund.links_to, str(refund.amount)) == ("refund", PAID_A, "2.50 GBP")
    assert (refund.reason, refund.approval.method) == ("wrong size", "offline")
    assert body["links_to"] == PAID_A and sent.key == refund.id
    assert _written(window) == (before[0] + 1, before[1] + 1)
    window.select_receipt(receipt)  # the shift's list shows it
    assert window.selected().id == refund.id

    # Found again: this till's refund counts too.
    again = _open_dialog(qtbot, window)
    _find(qtbot, window, again, "SHOPA-00000001")
    assert _lines(again)[-1] == ("Refunded: SHOP1-00000001", "-2.50 GBP")
    assert again.left_label.text() == "3.50 GBP"
    window.grab().save(str(tmp_path / "till-en.png"))


def test_the_till_refuses_in_russian_at_the_russian_window(
    qtbot,
    window,  # noqa: F811
    tmp_path: Path,
) -> None:
    _pull_branch(window)
    translations = Translations()
    assert translations.apply("ru")
    try:
        russian = TillWindow(window.desk)
        qtbot.addWidget(russian)
        russian.show()
        qtbot.waitUntil(russian.ops.is_idle, timeout=WAIT_MS)
        assert russian.buttons.receipt_refund_button.text() == "Возврат по &чеку…"
        dialog = _open_dialog(qtbot, russian)
        _find(qtbot, russian, dialog, "SHOPZ-00000001")
        assert dialog.receipt_error.text().startswith("Чек SHOPZ-00000001 выбит на кассе SHOPZ")
        _find(qtbot, russian, dialog, "SHOPA-00000001")
        _type_over(qtbot, dialog.amount.edit, "6,01")  # the Russian decimal comma
        _type_over(qtbot, dialog.supervisor.user_edit, "sue")
        _type_over(qtbot, dialog.supervisor.password_edit, PASSWORD)
        with qtbot.waitSignal(russian.refused, timeout=WAIT_MS):
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(russian.ops.is_idle, timeout=WAIT_MS)
        said = dialog.amount.error.text()
        assert said == "По чеку SHOPA-00000001 можно вернуть только 6,00 GBP.", said
        _type_over(qtbot, dialog.amount.edit, "0")  # the domain's own check, worded here too
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        assert dialog.amount.error.text() == "должно быть больше нуля, а не '0'"
        _type_over(qtbot, dialog.amount.edit, "6,01")
        assert english_words(russian, dialog, allowed=KNOWN_WORDS) == []
        assert clipped_labels(dialog) == []
        dialog.grab().save(str(tmp_path / "receipt-refund-ru.png"))
        russian.grab().save(str(tmp_path / "till-ru.png"))
        _click_cancel(qtbot, dialog)
        russian.ops.shutdown()
    finally:
        translations.apply("en")


def _click_cancel(qtbot: QtBot, dialog: ReceiptRefundDialog) -> None:
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not (isValid(dialog) and dialog.isVisible()), timeout=WAIT_MS)
