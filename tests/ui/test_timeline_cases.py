"""A customer's case history on the 360 timeline, over a real cache: opened, moves,
assignments and comments (internal ones said to be internal), each with the case's number and
subject, who and when; Enter on one opens the case; a comment written at the desk shows on the
timeline at once, not sent yet."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from case_desk import CUSTOMER, NOW, OVERDUE_CASE, WAITING_CASE, desk_cases, fill_case_desk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from ui_drive import open_by_keys, type_text

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.protocol import InteractionPublic, PullPage
from frontdesk.ui.formatting import format_datetime
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.widgets.timeline_panel import TimelineModel

WAIT_MS = 10_000


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_case_desk(ctx)
    yield ctx
    ctx.close()


CONTACT = "11111111-2222-4333-8444-555555555555"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _log_contact(client: ClientContext) -> None:
    contact = InteractionPublic(
        id=CONTACT, customer_id=CUSTOMER, channel="call", occurred_at=NOW - timedelta(hours=3),
        reason="Refund not on the card", agent="bob", notes="Bank says nothing arrived",
        outcome="Promised to check", follow_up=date(2024, 11, 27), seq=5001,
    )  # fmt: skip
    with client.uow as uow:
        uow.replica.apply(PullPage(cursor=5001, has_more=False, interactions=[contact]))
        uow.commit()


@pytest.fixture
def window(qtbot: QtBot, client: ClientContext) -> MainWindow:
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.set_cases(desk_cases(client), clock=lambda: NOW)
    window.show()
    open_by_keys(qtbot, window, CUSTOMER)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    return window


def _rows(model: TimelineModel) -> list[tuple[str, ...]]:
    return [
        tuple(model.text(row, column) for column in range(len(model.columns)))
        for row in range(model.rowCount())
    ]


def _case_rows(model: TimelineModel) -> list[tuple[str, ...]]:
    return [row for row, event in zip(_rows(model), model.events(), strict=True) if event.is_case]


def test_the_customers_case_lines_are_on_the_timeline_with_number_subject_who_and_when(
    qtbot: QtBot, window: MainWindow, qtmodeltester
) -> None:
    model = window.timeline_panel.model
    qtmodeltester.check(model)
    events = [event for event in model.events() if event.is_case]
    # Every line of the customer's three cases but none of another customer's; newest first.
    assert len(events) == 7
    assert [event.at for event in events] == sorted((e.at for e in events), reverse=True)
    rows = _case_rows(model)
    twice = "D3-00012 · Charged twice for one order"
    assert (
        format_datetime(events[0].at), "Case waiting on customer", "D3-00013 · Mug arrived cracked",
        "bob", "Status: Open → Waiting on customer",
    ) == rows[0]  # fmt: skip
    assert ("Case comment", twice, "bob", "[For the customer] We will refund the second charge.") \
        == rows[1][1:]  # fmt: skip
    assert ("Case assigned", twice, "bob", "Assigned: Nobody → ann · returns") == rows[2][1:]
    assert ("Internal case comment", twice, "bob", "[Internal] Asked the bank for the statement.") \
        == rows[3][1:]  # fmt: skip
    assert [row[1] for row in rows[4:]] == ["Case opened"] * 3
    assert window.timeline_panel.title.text() == f"Timeline ({model.total()})"
    assert model.total() == model.rowCount()  # the demo customer's timeline is one page


def test_enter_on_a_case_line_opens_the_case(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    view = window.timeline_panel.view
    view.setFocus()
    model = window.timeline_panel.model
    target = next(row for row, event in enumerate(model.events()) if event.case_id == WAITING_CASE)
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(target):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == target
    with qtbot.waitSignal(
        window.case_flows.case_shown, check_params_cb=lambda shown: shown == WAITING_CASE,
        timeout=WAIT_MS,
    ):  # fmt: skip
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.case_flows.view.windowTitle() == "Case D3-00013"


def test_enter_on_a_purchase_opens_no_case(qtbot: QtBot, window: MainWindow) -> None:
    view = window.timeline_panel.view
    model = window.timeline_panel.model
    purchase = next(row for row, event in enumerate(model.events()) if event.kind == "purchase")
    view.setCurrentIndex(model.index(purchase, 0))
    with qtbot.assertNotEmitted(window.timeline_panel.case_chosen):
        qtbot.keyClick(view, Qt.Key.Key_Return)


def test_a_comment_written_here_shows_on_the_timeline_not_sent_yet(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = window.timeline_panel.model.total()
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        case_view = window.case_flows.open_case(OVERDUE_CASE)
    type_text(qtbot, case_view.comment_edit, "Refund approved")
    with qtbot.waitSignal(window.timeline_panel.reloaded, timeout=WAIT_MS):
        qtbot.keyClick(
            case_view.comment_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )
    model = window.timeline_panel.model
    assert model.total() == before + 1
    newest = _case_rows(model)[0]
    assert newest[1:] == (
        "Internal case comment",
        "D3-00012 · Charged twice for one order",
        "ann",
        "Not sent yet · [Internal] Refund approved",
    )
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole).italic()


def test_a_new_case_from_a_contact_on_the_timeline_by_keys_takes_the_contact_as_context(
    qtbot: QtBot, client: ClientContext
) -> None:
    _log_contact(client)
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.set_cases(desk_cases(client), clock=lambda: NOW)
    window.show()
    open_by_keys(qtbot, window, CUSTOMER)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    view = window.timeline_panel.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert window.timeline_panel.current_event().id == CONTACT  # the newest event
    with qtbot.waitSignal(window.case_flows.new_case_shown, timeout=WAIT_MS):
        qtbot.keyClick(view, Qt.Key.Key_N, CTRL_SHIFT)
    dialog = window.case_flows.new_dialog
    assert dialog.links == ({"kind": "interaction", "ref": CONTACT},)
    assert dialog.findChild(QLabel, "newCaseLinks").text() == (
        "Contact of 25/11/2024: Refund not on the card"
    )
    assert dialog.channel_combo.currentData() == "phone"
    assert dialog.description_edit.toPlainText() == (
        "Refund not on the card\nOutcome: Promised to check\n"
        "Follow up promised by 27/11/2024\nBank says nothing arrived"
    )
    dialog.subject_edit.setFocus()
    type_text(qtbot, dialog.subject_edit, "Refund missing")
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return)
    with client.uow as uow:
        kind, payload = [(e.kind, e.payload) for e in uow.outbox.pending(limit=10)][-1]
    assert kind == "case.open" and payload["channel"] == "phone"
    assert payload["links"] == [{"kind": "interaction", "ref": CONTACT, "line": None}]
    assert payload["description"].startswith("Refund not on the card\nOutcome: ")


def test_a_new_case_from_a_case_line_links_nothing(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    view = window.timeline_panel.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert window.timeline_panel.current_event().is_case
    with qtbot.waitSignal(window.case_flows.new_case_shown, timeout=WAIT_MS):
        qtbot.keyClick(view, Qt.Key.Key_N, CTRL_SHIFT)
    dialog = window.case_flows.new_dialog
    assert dialog.links == () and dialog.description_edit.toPlainText() == ""
