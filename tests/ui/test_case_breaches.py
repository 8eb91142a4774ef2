"""The Cases page's Breaches tab: a supervisor's only; the cases past due counted by team and
category, several picked by keys and handed to a team or user at once, a refusal told and the
rest done. Over a real cache, driven by keys."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from case_desk import AGENT, NOW, desk_cases, fill_case_desk
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_drive import activate

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.services.cases.desk import DeskCases
from frontdesk.services.desk_login import SignedIn
from frontdesk.ui.main_window import MainWindow, build_main_window

WAIT_MS = 10_000
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_case_desk(ctx)
    cases = desk_cases(ctx)
    # Opened three days before "now": past their eight business hours.
    earlier = DeskCases(ctx.uow.fresh, cases._queries, source=None,
                        clock=lambda: NOW - timedelta(days=3))  # fmt: skip
    for subject, team in (("Parcel lost", "returns"), ("Gold card not sent", None)):
        earlier.open("c-2", channel="phone", category="returns", subject=subject,
                     assignee_team=team, assignee_user=None if team else "bob")  # fmt: skip
    yield ctx
    ctx.close()


def _window(qtbot: QtBot, client: ClientContext, role: str) -> MainWindow:
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.set_cases(desk_cases(client), clock=lambda: NOW)
    with qtbot.waitSignal(window.role_shaped, timeout=WAIT_MS):
        window.follow_role(lambda: SignedIn(AGENT, role=role))
    window.show()
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    return window


def _open_breaches(qtbot: QtBot, window: MainWindow):
    activate(qtbot, window)
    with qtbot.waitSignal(window.case_queues.queue_shown, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)
    panel = window.case_queues.panel
    panel.tabs.setFocus()
    while panel.current != "follow-ups":
        qtbot.keyClick(panel.tabs, Qt.Key.Key_Right)
    with qtbot.waitSignal(window.case_queues.queue_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(panel.tabs, Qt.Key.Key_Right)
    assert shown.args == ["breaches"]
    return panel


def _numbers(panel) -> list[str]:
    model = panel.case_model
    return [model.row_at(row).number for row in range(model.rowCount())]


@pytest.mark.parametrize("role", ["agent", "cashier", "admin"])
def test_only_a_supervisor_has_the_breaches(qtbot, client, role) -> None:
    panel = _window(qtbot, client, role).case_queues.panel
    visible = [panel.tabs.tabData(i) for i in range(panel.tabs.count())
               if panel.tabs.isTabVisible(i)]  # fmt: skip
    assert "breaches" not in visible


def test_the_breaches_by_team_and_category_reassigned_together_by_keys(qtbot, client) -> None:
    window = _window(qtbot, client, "supervisor")
    panel = _open_breaches(qtbot, window)
    bar = panel.breach_bar
    assert panel.tabs.tabText(panel.tabs.currentIndex()) == "Breaches (3)"
    assert len(_numbers(panel)) == 3 and bar.isVisible()
    assert bar.counts_label.text() == (
        "Past due: 3. By team: Returns desk 2 · no team 1. "
        "By category: Returns and refunds 2 · Billing 1."
    )
    qtbot.keyClick(panel.tabs, Qt.Key.Key_Tab)
    assert panel.table.hasFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_A, CTRL)  # every one
    assert len(panel.selected_rows()) == 3
    qtbot.keyClick(panel.table, Qt.Key.Key_Home)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    picked = [row.number for row in panel.selected_rows()]
    assert picked == _numbers(panel)[:2]
    qtbot.keyClick(panel.table, Qt.Key.Key_Tab)
    assert bar.team_combo.hasFocus()
    qtbot.keyClicks(bar.team_combo, "VIP")
    qtbot.keyClick(bar.team_combo, Qt.Key.Key_Tab)
    qtbot.keyClicks(bar.user_combo, "carol")
    qtbot.keyClick(bar.user_combo, Qt.Key.Key_Tab)
    assert bar.reassign_button.hasFocus()
    with qtbot.waitSignal(window.case_queues.reassigned, timeout=WAIT_MS) as done:
        qtbot.keyClick(bar.reassign_button, Qt.Key.Key_Space)
    assert [(r.number, r.refused) for r in done.args[0]] == [(n, None) for n in picked]
    assert bar.outcome_label.text() == "2 reassigned."
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    cases = desk_cases(client)
    for number in picked:
        case = cases.find_number(number)
        assert (case.assignee_team, case.assignee_user) == ("vip", "carol")
    assert "VIP care 2" in bar.counts_label.text()


def test_a_refused_case_is_told_and_the_others_still_move(qtbot, client) -> None:
    window = _window(qtbot, client, "supervisor")
    panel = _open_breaches(qtbot, window)
    cases = desk_cases(client)
    bar = panel.breach_bar
    qtbot.keyClick(panel.tabs, Qt.Key.Key_Tab)
    qtbot.keyClick(panel.table, Qt.Key.Key_A, CTRL)
    first, *others = panel.selected_rows()
    cases.change_status(first.id, "resolved")  # settled meanwhile, at another window
    bar.team_combo.setFocus()
    qtbot.keyClicks(bar.team_combo, "VIP")
    with qtbot.waitSignal(window.case_queues.reassigned, timeout=WAIT_MS) as done:
        qtbot.keyClick(bar.reassign_button, Qt.Key.Key_Space)
    refused = [r for r in done.args[0] if r.refused]
    assert [r.number for r in refused] == [first.number]
    assert bar.outcome_label.text().startswith(f"2 reassigned. {first.number} refused: ")
    assert all(cases.find_number(r.number).assignee_team == "vip" for r in others)


def test_reassigning_without_a_team_or_user_asks_for_one(qtbot, client) -> None:
    window = _window(qtbot, client, "supervisor")
    panel = _open_breaches(qtbot, window)
    bar = panel.breach_bar
    bar.reassign_button.setFocus()
    qtbot.keyClick(bar.reassign_button, Qt.Key.Key_Space)
    assert bar.outcome_label.text() == "Pick a team or a user to hand the cases to."
