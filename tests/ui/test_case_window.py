"""Cases in the window over a real cache, driven by keys: the case view (its fields, overdue
in words, the history with pending lines, comments, status moves, assignment)."""

from __future__ import annotations

from pathlib import Path

import pytest
from case_desk import AGENT, CUSTOMER, NOW, OVERDUE_CASE, desk_cases, fill_case_desk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from ui_drive import open_by_keys, type_text

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.ui.main_window import MainWindow, build_main_window

WAIT_MS = 10_000
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_case_desk(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def window(qtbot: QtBot, client: ClientContext) -> MainWindow:
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.set_cases(desk_cases(client), clock=lambda: NOW)
    window.show()
    return window


def _outbox(client: ClientContext) -> list[tuple[str, dict]]:
    with client.uow as uow:
        return [(e.kind, e.payload) for e in uow.outbox.pending(limit=100)]


def _open(qtbot: QtBot, window: MainWindow, case_id: str):
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        view = window.case_flows.open_case(case_id)
    return view


def test_the_case_view_shows_the_case_overdue_in_words_and_its_history(qtbot, window) -> None:
    view = _open(qtbot, window, OVERDUE_CASE)
    assert view.windowTitle() == "Case D3-00012"
    assert view.value_text("status") == "Open"
    assert view.value_text("category") == "Billing"
    assert view.value_text("customer") == "James O'Connor"
    assert view.value_text("assignee") == f"{AGENT} · Returns desk"
    assert view.value_text("due").startswith("Overdue since ")
    assert "#d32f2f" in view._values["due"].styleSheet()
    assert view.value_text("links") == "Purchase 536408"  # its receipt number, not its id
    history = view.history_texts()
    assert [line.split(" — ")[1] for line in history] == [
        "Opened the case",
        "[Internal] Asked the bank for the statement.",
        f"Assigned: Nobody → {AGENT} · Returns desk",
        "[For the customer] We will refund the second charge.",
    ]
    # Only the moves an open case may make.
    choices = [view.status_combo.itemData(i) for i in range(view.status_combo.count())]
    assert choices == ["waiting", "escalated", "resolved", "closed"]


def test_a_comment_typed_and_sent_by_keys_shows_as_not_sent_yet(qtbot, window, client) -> None:
    view = _open(qtbot, window, OVERDUE_CASE)
    view.comment_edit.setFocus()
    type_text(qtbot, view.comment_edit, "Called back, refund on its way")
    qtbot.keyClick(view.comment_edit, Qt.Key.Key_Tab)  # to who may read it
    qtbot.keyClick(view.visibility_combo, Qt.Key.Key_Down)
    assert view.visibility_combo.currentData() == "customer"
    qtbot.keyClick(view.comment_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    last = view.history_texts()[-1]
    assert "[For the customer] Called back, refund on its way" in last
    assert last.endswith("(not sent yet)")
    assert view.comment_edit.toPlainText() == ""
    kind, payload = _outbox(client)[-1]
    assert kind == "case.comment" and payload["visibility"] == "customer"


def test_an_empty_comment_is_refused_inline(qtbot, window, client) -> None:
    view = _open(qtbot, window, OVERDUE_CASE)
    qtbot.keyClick(view.comment_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.error_label.isVisible() and view.error_label.text() == "Write the comment first."
    assert _outbox(client) == []


def test_assignee_and_status_change_by_keys_through_the_outbox(qtbot, window, client) -> None:
    view = _open(qtbot, window, OVERDUE_CASE)
    view.assignee_combo.setFocus()
    qtbot.keyClicks(view.assignee_combo, "carol")
    assert view.assignee_combo.currentData() == ("carol", "vip")
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        qtbot.keyClick(view.assign_button, Qt.Key.Key_Space)
    assert view.error_label.text() == ""
    assert view.value_text("assignee") == "carol · VIP care"
    assert view.history_texts()[-1].endswith("(not sent yet)")
    view.status_combo.setFocus()
    qtbot.keyClicks(view.status_combo, "Resolved")
    assert view.status_combo.currentData() == "resolved"
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        qtbot.keyClick(view.status_button, Qt.Key.Key_Space)
    assert view.value_text("status") == "Resolved"
    assert view.value_text("due").startswith("Due ")  # a resolved case is overdue no more
    assert [view.status_combo.itemData(i) for i in range(view.status_combo.count())] == [
        "closed",
        "reopened",
    ]
    assert [kind for kind, _ in _outbox(client)] == ["case.assign", "case.status"]


def test_a_new_case_from_a_purchase_line_opened_by_keys(qtbot, window, client) -> None:
    open_by_keys(qtbot, window, CUSTOMER, also=[window.lines_shown])
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    history = window.history_panel.history_view
    history.setFocus()
    qtbot.keyClick(history, Qt.Key.Key_Down)  # the purchase opened on its lines: its first line
    line = window.history_panel.history_model.line_of(history.currentIndex())
    purchase = window.history_panel.current_purchase()
    assert line is not None and purchase is not None
    with qtbot.waitSignal(window.case_flows.new_case_shown, timeout=WAIT_MS):
        qtbot.keyClick(history, Qt.Key.Key_N, CTRL_SHIFT)
    dialog = window.case_flows.new_dialog
    assert dialog.findChild(QLabel, "newCaseLinks").text().endswith(f"({line.sku})")
    qtbot.keyClick(dialog.open_button, Qt.Key.Key_Space)  # no subject yet: refused inline
    assert dialog.error_label.text().startswith("A case needs a subject")
    type_text(qtbot, dialog.subject_edit, "Kettle stopped working")
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return)
    view = window.case_flows.view
    assert view.windowTitle() == "Case D7-00001"
    kind, payload = _outbox(client)[-1]
    assert kind == "case.open" and payload["customer_id"] == CUSTOMER
    assert payload["links"] == [{"kind": "purchase", "ref": purchase.id, "line": line.sku}]
    assert payload["assignee_user"] == AGENT


def test_a_desk_without_case_numbers_says_why_instead_of_opening(qtbot, window, client) -> None:
    with client.uow as uow:
        uow.sync_state.keep_case_desk(case_prefix=None, branch="London")
        uow.commit()
    open_by_keys(qtbot, window, CUSTOMER)
    with qtbot.waitSignal(window.case_flows.new_case_shown, timeout=WAIT_MS):
        qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_N, CTRL_SHIFT)
    dialog = window.case_flows.new_dialog
    assert not dialog.open_button.isEnabled()
    assert "no case numbers yet" in dialog.error_label.text()
