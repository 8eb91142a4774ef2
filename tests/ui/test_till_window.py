"""The till window on a real desk cache: bad input is refused at its field with nothing
recorded, a customer found by the lookup is paid for and named on the printed receipt (a
reprint says COPY), and a supervisor cannot approve while the server is unreachable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from test_window_on_cache import fill_cache
from ui_fakes import KeptLogin

from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.domain.money import Money
from frontdesk.ui.receipts import write_pdf
from frontdesk.ui.till import TillWindow
from frontdesk.ui.till.dialogs import AdjustDialog

WAIT_MS = 10_000


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    yield ctx
    ctx.close()


@pytest.fixture
def window(qtbot: QtBot, client, monkeypatch, printed) -> Iterator[TillWindow]:
    monkeypatch.setenv("FRONTDESK_TILL_LIMIT", "10000")
    fill_cache(client)
    with client.uow as uow:  # an address on loopback where nothing listens
        uow.sync_state.set_login("http://127.0.0.1:9", "cat")
        uow.commit()
    client.credentials = KeptLogin()  # cat's login, which asks that server for approvals
    desk = client.till_desk(register="SHOP1")
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


def _recorded(till: TillWindow) -> int:
    return len(till.desk.view().transactions)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "must be more than zero"),
        ("0", "must be more than zero"),
        ("NaN", "must be a finite number"),
        ("Infinity", "must be a finite number"),
        ("1e309", "over the limit of 10000 GBP"),
        ("12.345", "GBP takes at most 2 decimal places"),
        ("10000.01", "over the limit of 10000 GBP"),
        ("twelve", "is not a number"),
        ("", "Enter an amount."),
    ],
)
def test_a_bad_amount_is_refused_at_its_field(qtbot, window, typed: str, message: str) -> None:
    box = window.payment_box
    _type(qtbot, box.amount.edit, typed)
    _type(qtbot, box.tenders["card"].edit, "5")
    qtbot.keyClick(box.tenders["card"].edit, Qt.Key.Key_Return)
    assert message in box.amount.error.text() and box.amount.error.isVisible()
    assert box.amount.edit.hasFocus() and _recorded(window) == 0


@pytest.mark.parametrize(
    ("tenders", "message"),
    [
        ({"cash": "-1"}, "must be more than zero"),
        ({"card": "1e309"}, "over the limit"),
        ({"card": "5.00"}, "5.00 GBP does not cover 12.00 GBP"),
        ({"card": "15"}, "only cash can be more than the amount due"),
        ({}, "Enter what the customer hands over"),
    ],
)
def test_bad_tenders_are_refused(qtbot, window, tenders: dict, message: str) -> None:
    box = window.payment_box
    _type(qtbot, box.amount.edit, "12.00")
    for tender, typed in tenders.items():
        _type(qtbot, box.tenders[tender].edit, typed)
    qtbot.mouseClick(box.take_button, Qt.MouseButton.LeftButton)
    shown = [f.error.text() for f in box.tenders.values()] + [box.tender_error.text()]
    assert any(message in text for text in shown), shown
    assert _recorded(window) == 0 and box.take_button.isEnabled()


def test_a_customer_found_by_the_lookup_is_named_on_the_receipt(qtbot, window, printed, tmp_path):
    box = window.payment_box
    match = window.desk.queries.search("a", limit=1)[0]
    name = match.display_name
    _type(qtbot, box.search_edit, match.account_number)  # digits: any keyboard types them
    qtbot.keyClick(box.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: box.customer_combo.count() > 1, timeout=WAIT_MS)
    assert name in box.customer_combo.currentText()
    box.purpose_combo.setCurrentIndex(1)  # an account payment
    _type(qtbot, box.amount.edit, "40.00")
    _type(qtbot, box.tenders["cash"].edit, "50")
    assert box.change_label.text() == "10.00 GBP"  # as typed, before anything is recorded
    with qtbot.waitSignal(window.payment_recorded, timeout=WAIT_MS) as recorded:
        qtbot.keyClick(box.tenders["cash"].edit, Qt.Key.Key_Return)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    window.select_receipt(recorded.args[0])
    for _ in range(2):
        qtbot.mouseClick(window.buttons.print_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    pdfs = [write_pdf(receipt, tmp_path / f"print{n}.pdf") for n, receipt in enumerate(printed)]
    first, copy = (" ".join(PdfReader(p).pages[0].extract_text().split()) for p in pdfs)
    assert name in first and "Total 40.00 GBP" in first and "Change due 10.00 GBP" in first
    assert "COPY" not in first and "COPY" in copy and recorded.args[0] in copy


def test_a_supervisor_cannot_approve_while_the_server_is_unreachable(qtbot, window) -> None:
    box = window.payment_box
    _type(qtbot, box.amount.edit, "9.99")
    _type(qtbot, box.tenders["card"].edit, "9.99")
    with qtbot.waitSignal(window.payment_recorded, timeout=WAIT_MS) as recorded:
        qtbot.keyClick(box.tenders["card"].edit, Qt.Key.Key_Return)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    window.select_receipt(recorded.args[0])
    dialog = window.refund_selected()
    assert isinstance(dialog, AdjustDialog) and dialog.amount.text() == "9.99"
    _type(qtbot, dialog.supervisor.user_edit, "sue")
    _type(qtbot, dialog.supervisor.password_edit, "whatever")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    with qtbot.waitSignal(window.refused, timeout=WAIT_MS):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "cannot be reached" in dialog.supervisor.error.text()
    assert _recorded(window) == 1 and ok.isEnabled()


def test_desk_menu_till_opens_the_till_window(qtbot, client) -> None:
    from frontdesk.services.desk import DeskWrites
    from frontdesk.ui.main_window import build_main_window

    main = build_main_window(client.queries, writes=DeskWrites(client.uow))
    qtbot.addWidget(main)
    assert not main.desk_actions.till_action.isEnabled()  # no till until the desk gives one
    main.set_till(lambda: client.till_desk(register="SHOP2"))
    assert (
        main.desk_actions.till_action.text() == "&Till…"
        and main.desk_actions.till_action in main.desk_actions.desk_menu.actions()
    )
    main.desk_actions.till_action.trigger()
    qtbot.waitUntil(lambda: main.findChild(TillWindow) is not None, timeout=WAIT_MS)
    till = main.findChild(TillWindow)
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)
    assert "SHOP2" in till.header.text() and till.shift_box.isVisible()
    till.ops.shutdown()
    main.ops.shutdown()
