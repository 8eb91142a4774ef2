"""A full shift at the till window, by keys and clicks, with supervisors signing in on a real
server process on loopback: open, 20 payments of mixed tenders, a discount over the cashier's
limit, a refund and a void each approved by a supervisor, closing with unsynced transactions
(a supervisor overrides) and over/short. The approvals are in the journal. Then the server
stops, and the supervisor who signed in online approves a refund offline.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from e2e_support import (
    add_register,
    free_port,
    run_server_command,
    server_command,
    wait_healthy,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from sqlalchemy import create_engine, text

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.domain.money import Money
from frontdesk.domain.till import TillRules
from frontdesk.services.till.approval import DeskSupervisorCheck
from frontdesk.services.till.desk import TillDesk
from frontdesk.sync.push import push_all
from frontdesk.sync.service import workstation_transport
from frontdesk.ui.till import TillWindow
from frontdesk.ui.till.dialogs import AdjustDialog, ApprovalDialog, CloseDialog

PASSWORD = "correct horse battery"
WAIT_MS = 15_000
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
#: (amount due, {tender field: typed}) — cash exact and over, card, transfer, splits.
PAYMENTS = [
    ("12.50", {"tenderCash": "20"}),
    ("30.00", {"tenderCard": "30.00"}),
    ("45.10", {"tenderCard": "40", "tenderCash": "10"}),
    ("99.99", {"tenderBank": "99.99"}),
    ("7.35", {"tenderCash": "7.35"}),
] * 4


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], str]]:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    for user, role in (("sue", "supervisor"), ("cat", "cashier")):
        run_server_command(
            db_url,
            "add-user",
            user,
            "--role",
            role,
            "--branch",
            "Leeds",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
    for register in ("SHOP1", "SHOP7"):  # this file's till, and test_till_cli_e2e's
        add_register(db_url, register, branch="Leeds")
    port = free_port()
    log = tmp_path / "server.log"
    command = server_command(db_url, "serve", "--host", "127.0.0.1", "--port", str(port))
    process = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", process, log)
        yield f"http://127.0.0.1:{port}", process, db_url
    finally:
        process.terminate()
        process.wait(timeout=15)


@pytest.fixture
def server_url(server: tuple[str, subprocess.Popen[bytes], str]) -> str:
    return server[0]


@pytest.fixture
def till(tmp_path: Path, qtbot, server) -> Iterator[tuple[TillWindow, TillDesk, Any]]:
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    uow = SqlAlchemyTillUnitOfWork(database.writer)
    # cat's device-bound login at this desk: what asks the server for approvals.
    cashier = workstation_transport(
        CentralClient(server[0]), SqlAlchemyUnitOfWork(database.writer), "cat", PASSWORD
    )
    desk = TillDesk(
        uow,
        register="SHOP1",
        cashier="cat",
        rules=TillRules(currencies=("GBP",), discount_limit=Decimal("10")),
        supervisor_check=lambda: DeskSupervisorCheck(
            lambda: cashier, uow, verifier=Argon2Verifier(), valid_for=timedelta(days=14)
        ),
        queries=SqlAlchemyCustomerQueries(database.reader),
    )
    window = TillWindow(desk)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    try:
        yield window, desk, cashier
    finally:
        window.ops.shutdown()
        database.dispose()


def _edit(window, name: str) -> QLineEdit:
    return window.findChild(QLineEdit, name)


def _type(qtbot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def _ok(qtbot, dialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _click_row(qtbot, window: TillWindow, receipt: str) -> None:
    table = window.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == receipt)
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.selected() is not None and window.selected().receipt_no == receipt


def _open_shift(qtbot, window: TillWindow) -> None:
    _type(qtbot, window.shift_box.float_field.edit, "100.00")
    with qtbot.waitSignal(window.view_loaded, timeout=WAIT_MS):
        qtbot.keyClick(window.shift_box.float_field.edit, Qt.Key.Key_Return)
    assert window.view.shift is not None and window.payment_box.isEnabled()


def _pay(qtbot, window: TillWindow, amount: str, tenders: dict[str, str]) -> str:
    _type(qtbot, window.payment_box.amount.edit, amount)
    for name, typed in tenders.items():
        _type(qtbot, _edit(window, name), typed)
    last = _edit(window, list(tenders)[-1])
    with qtbot.waitSignal(window.payment_recorded, timeout=WAIT_MS) as recorded:
        qtbot.keyClick(last, Qt.Key.Key_Return)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    return recorded.args[0]


def _adjust(qtbot, window: TillWindow, button, *, amount: str | None = None) -> AdjustDialog:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert isinstance(dialog, AdjustDialog)
    if amount is not None:
        _type(qtbot, dialog.amount.edit, amount)
    _type(qtbot, dialog.reason_edit, "customer changed their mind")
    _type(qtbot, dialog.supervisor.user_edit, "sue")
    _type(qtbot, dialog.supervisor.password_edit, PASSWORD)
    return dialog


def test_a_full_shift_by_keys_and_clicks(qtbot, till, server) -> None:
    window, desk, cashier = till
    _open_shift(qtbot, window)
    receipts = [_pay(qtbot, window, amount, tenders) for amount, tenders in PAYMENTS]
    assert receipts == [f"SHOP1-{n:08d}" for n in range(1, 21)]
    assert window.payment_box.change_label.text() == "0.00 GBP"
    assert window.table.rowCount() == 20
    assert _discounted(qtbot, window) == "SHOP1-00000021"

    # A refund: a cashier's own sign-in is refused, then a supervisor approves.
    _click_row(qtbot, window, receipts[2])
    dialog = _adjust(qtbot, window, window.buttons.refund_button, amount="5.10")
    _type(qtbot, dialog.supervisor.user_edit, "cat")
    _type(qtbot, dialog.supervisor.password_edit, PASSWORD)
    with qtbot.waitSignal(window.refused, timeout=WAIT_MS):
        _ok(qtbot, dialog)
    assert "cat is a cashier" in dialog.supervisor.error.text()
    _type(qtbot, dialog.supervisor.user_edit, "sue")
    _type(qtbot, dialog.supervisor.password_edit, PASSWORD)
    with qtbot.waitSignal(window.adjusted, timeout=WAIT_MS) as refunded:
        _ok(qtbot, dialog)
    assert refunded.args == ["SHOP1-00000022"]
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)

    # A void of another payment; the refunded one can no longer be voided.
    _click_row(qtbot, window, receipts[2])
    assert not window.buttons.void_button.isEnabled() and window.buttons.refund_button.isEnabled()
    _click_row(qtbot, window, receipts[3])
    with qtbot.waitSignal(window.adjusted, timeout=WAIT_MS) as voided:
        _ok(qtbot, _adjust(qtbot, window, window.buttons.void_button))
    assert voided.args == ["SHOP1-00000023"]
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)

    # X-report mid-shift.
    with qtbot.waitSignal(window.report_shown, timeout=WAIT_MS):
        qtbot.mouseClick(window.buttons.x_button, Qt.MouseButton.LeftButton)
    x_report = window.report_view.toPlainText()
    assert "X-report" in x_report and "Refunds" in x_report
    totals = desk.report()
    assert (totals.payments, totals.refunds, totals.voids) == (21, 1, 1)
    assert totals.refunded == Money.of("5.10", "GBP") and totals.voided == Money.of("99.99", "GBP")

    # Close: count the drawer 2.00 over; nothing is synced, so a supervisor overrides.
    qtbot.mouseClick(window.buttons.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.dialog, CloseDialog), timeout=WAIT_MS)
    close = window.dialog
    expected = totals.expected_cash.amount
    counted = expected + Decimal("2.00")
    _type(qtbot, close.spins["50"].lineEdit(), str(int(counted // 50)))
    rest = counted % 50
    _type(qtbot, close.spins["1"].lineEdit(), str(int(rest)))
    _type(qtbot, close.spins["0.01"].lineEdit(), str(int((rest % 1) * 100)))
    assert close.over_short_label.text() == "Over by 2.00 GBP"
    with qtbot.waitSignal(window.refused, timeout=WAIT_MS) as refused:
        _ok(qtbot, close)
    assert "not synced yet" in refused.args[0] and close.supervisor.isVisible()
    _type(qtbot, close.supervisor.user_edit, "sue")
    _type(qtbot, close.supervisor.password_edit, PASSWORD)
    with qtbot.waitSignal(window.report_shown, timeout=WAIT_MS) as shown:
        _ok(qtbot, close)
    assert shown.args == ["z"]
    z_report = window.report_view.toPlainText()
    assert "Z-report" in z_report and "2.00 GBP" in z_report and "sue" in z_report
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    assert window.view.shift is None and window.shift_box.isVisible()
    _approvals_are_recorded(desk)
    # Pushed, every approval is one the server issued for that transaction: verified.
    assert push_all(cashier, desk.uow).failed == 0
    verdicts = _server_rows(server, "SELECT kind, verdict FROM till_approval_checks")
    assert sorted(verdicts) == [("payment", "valid"), ("refund", "valid"),
                                ("shift_close", "valid"), ("void", "valid")]  # fmt: skip


def _discounted(qtbot, window: TillWindow) -> str:
    """20.00 off 80.00 (25%, over the 10% limit): cat cannot approve it, sue can, online."""
    box = window.payment_box
    _type(qtbot, box.amount.edit, "80.00")
    _type(qtbot, box.discount_edit, "25")
    _type(qtbot, box.tenders["cash"].edit, "60.00")
    qtbot.keyClick(box.tenders["cash"].edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ApprovalDialog), timeout=WAIT_MS)
    dialog = window.dialog
    _type(qtbot, dialog.supervisor.user_edit, "cat")
    _type(qtbot, dialog.supervisor.password_edit, PASSWORD)
    with qtbot.waitSignal(window.refused, timeout=WAIT_MS):
        _ok(qtbot, dialog)
    assert "cat is a cashier" in dialog.supervisor.error.text()
    _type(qtbot, dialog.supervisor.user_edit, "sue")
    _type(qtbot, dialog.supervisor.password_edit, PASSWORD)
    with qtbot.waitSignal(window.payment_recorded, timeout=WAIT_MS) as recorded:
        _ok(qtbot, dialog)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    tx = window.view.transactions[-1]
    assert (str(tx.gross), str(tx.amount), tx.approval.method) == ("80.00 GBP", "60.00 GBP",
                                                                    "online")  # fmt: skip
    return recorded.args[0]


def test_a_supervisor_approves_offline_once_the_server_has_stopped(qtbot, till, server) -> None:
    window, desk, _ = till
    _open_shift(qtbot, window)
    paid = _pay(qtbot, window, "30.00", {"tenderCard": "30.00"})
    _discounted(qtbot, window)  # sue signs in online: the desk keeps her verifier
    server[1].terminate()
    server[1].wait(timeout=15)
    _click_row(qtbot, window, paid)
    dialog = _adjust(qtbot, window, window.buttons.refund_button, amount="10.00")
    with qtbot.waitSignal(window.adjusted, timeout=WAIT_MS) as refunded:
        _ok(qtbot, dialog)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    assert "approved by sue (checked offline)" in window.status.text()
    with desk.uow:
        refund = desk.uow.till.transaction(refunded.args[0])
    assert refund.approval.supervisor == "sue" and refund.approval.method == "offline"
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "till-approved-offline.png"))

    # The Z-report lists the receipt approved offline, for the back office to review.
    qtbot.mouseClick(window.buttons.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.dialog, CloseDialog), timeout=WAIT_MS)
    close = window.dialog
    _type(qtbot, close.spins["50"].lineEdit(), "2")
    with qtbot.waitSignal(window.refused, timeout=WAIT_MS):
        _ok(qtbot, close)  # nothing synced: a supervisor must approve the close, offline too
    _type(qtbot, close.supervisor.user_edit, "sue")
    _type(qtbot, close.supervisor.password_edit, PASSWORD)
    with qtbot.waitSignal(window.report_shown, timeout=WAIT_MS):
        _ok(qtbot, close)
    z_report = window.report_view.toPlainText()
    assert "Approved offline" in z_report and refunded.args[0] in z_report, z_report
    window.grab().save(str(SHOTS / "till-z-report-offline-approvals.png"))


def _server_rows(server, query: str) -> list[tuple]:
    db_url = server[2]
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(query))]
    finally:
        engine.dispose()


def _approvals_are_recorded(desk: TillDesk) -> None:
    with desk.uow:
        shift = desk.uow.till.last_shift("SHOP1")
        entries = desk.uow.till.entries(shift_id=shift.id)
    kinds = [e.kind for e in entries]
    assert kinds.count("payment") == 21 and kinds[-1] == "shift_close"
    approvals = {e.kind: e.body.get("approval") or e.body.get("override") for e in entries}
    assert approvals["refund"]["supervisor"] == "sue" and approvals["refund"]["method"] == "online"
    assert approvals["payment"]["supervisor"] == "sue"  # the discounted payment (the last one)
    assert approvals["void"]["supervisor"] == "sue"
    assert approvals["shift_close"]["supervisor"] == "sue"
    assert shift.over_short == Money.of("2.00", "GBP") and shift.override_by == "sue"
