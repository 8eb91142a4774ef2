"""Refund by receipt number at till B's window of a payment taken at till A, through a real
server process on loopback: A takes the payment and syncs (the client CLI on its own
cache); B syncs, and its window finds the receipt by keys, shows what is left and refunds
part of it with a supervisor signing in online. After both sync, A is capped by B's refund
and the server counts it once.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from test_till_branch_e2e import PASSWORD, SUE, _server_rows, _till, server  # noqa: F401

from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.ui.till import TillWindow
from frontdesk.ui.till.receipt_refund import ReceiptRefundDialog

WAIT_MS = 15_000


def _window(qtbot, data_dir) -> tuple[TillWindow, object]:
    client = build_client(load_settings(data_dir=data_dir))
    window = TillWindow(client.till_desk(register="SHOPB"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    return window, client


def _type(qtbot, edit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def test_till_b_refunds_a_receipt_of_till_a_by_its_number(
    qtbot,
    server,  # noqa: F811
    tmp_path,
    keyring_env,
    monkeypatch,
) -> None:
    for name, value in keyring_env.items():  # the CLI runs here: its keyring is this session's
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("FRONTDESK_DATA_DIR", raising=False)
    a = _till(tmp_path, server, "cat", "SHOPA")
    b = _till(tmp_path, server, "dan", "SHOPB")
    paid = a.till("pay", "--walk-in", "--amount", "10.00", "--currency", "GBP", "--tender", "card")
    a.ok("sync")
    b.ok("sync")
    window, client = _window(qtbot, b.data_dir)
    try:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
        qtbot.keyClick(window, Qt.Key.Key_F7)
        qtbot.waitUntil(lambda: isinstance(window.dialog, ReceiptRefundDialog), timeout=WAIT_MS)
        dialog = window.dialog
        _type(qtbot, dialog.receipt_edit, paid["receipt"])
        qtbot.keyClick(dialog.receipt_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.found is not None, timeout=WAIT_MS)
        assert dialog.left_label.text() == "10.00 GBP" and "of till SHOPA" in dialog.summary.text()
        _type(qtbot, dialog.amount.edit, "4.00")
        _type(qtbot, dialog.supervisor.user_edit, "sue")
        _type(qtbot, dialog.supervisor.password_edit, PASSWORD)
        with qtbot.waitSignal(window.adjusted, timeout=WAIT_MS) as adjusted:
            qtbot.keyClick(dialog.supervisor.password_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
        assert adjusted.args[0] == "SHOPB-00000001"
        assert "approved by sue:" in window.status.text()  # online: no "checked offline"
    finally:
        window.ops.shutdown()
        client.close()
    b.ok("sync")
    a.ok("sync")
    said = a.run("refund", paid["receipt"], "--supervisor", "sue", "--amount", "6.01",
                 "--register", "SHOPA", stdin=SUE)[2]  # fmt: skip
    assert "only 6.00 GBP of SHOPA-00000001 is left to refund" in said
    assert _server_rows(server.db_url) == (400, 1, 0)
