"""The Cases page, the status bar's count, a customer's cases on the card and a case number
in the main search box, over a real cache, driven by keys."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from case_desk import AGENT, CUSTOMER, NOW, OVERDUE_CASE, WAITING_CASE, desk_cases, fill_case_desk
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_drive import activate, open_by_keys, type_text

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.services.writes import record_interaction
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
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    return window


def _open_panel(qtbot: QtBot, window: MainWindow):
    activate(qtbot, window)
    with qtbot.waitSignal(window.case_queues.queue_shown, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_C, CTRL_SHIFT)
    return window.case_queues.panel


def _table(panel) -> list[list[str]]:
    model = panel.table.model()
    return [
        [model.item(row, column).text() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_queues_with_their_counts_and_a_case_opened_by_enter(qtbot, window) -> None:
    panel = _open_panel(qtbot, window)
    assert panel.table.hasFocus()
    tabs = [panel.tabs.tabText(i) for i in range(panel.tabs.count()) if panel.tabs.isTabVisible(i)]
    assert tabs == ["My cases (1)", "My team (2)", "Due today (0)", "Overdue (1)",
                    "Waiting on customer (1)", "Follow-ups (0)"]  # fmt: skip
    [row] = _table(panel)
    assert row[:7] == ["D3-00012", "James O'Connor", "Charged twice for one order", "Billing",
                       "Normal", "Open", f"{AGENT} · Returns desk"]  # fmt: skip
    assert row[7].startswith("Overdue since ")  # in words, and in red
    assert panel.case_model.item(0, 7).foreground().color().name() == "#d32f2f"
    panel.tabs.setFocus()
    with qtbot.waitSignal(window.case_queues.queue_shown, timeout=WAIT_MS):
        qtbot.keyClick(panel.tabs, Qt.Key.Key_Right)  # My team
    assert [r[0] for r in _table(panel)] == ["D3-00012", "D3-00013"]
    qtbot.keyClick(panel.tabs, Qt.Key.Key_Tab)
    assert panel.table.hasFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert shown.args == [WAITING_CASE]


def test_the_cases_page_takes_the_window_and_esc_or_the_keys_bring_the_customer_back(
    qtbot, window
) -> None:
    with qtbot.waitSignal(window.customer_cases.cases_shown, timeout=WAIT_MS):
        open_by_keys(qtbot, window, CUSTOMER)
    panel = _open_panel(qtbot, window)
    assert window.pages.currentWidget() is panel and not window.profile_card.isVisible()
    qtbot.keyClick(panel.table, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.content and window.profile_card.isVisible()
    assert window.history_panel.history_view.hasFocus()  # where the customer was left
    _open_panel(qtbot, window)
    qtbot.keyClick(panel.table, Qt.Key.Key_C, CTRL_SHIFT)  # the same keys go back
    assert window.pages.currentWidget() is window.content
    _open_panel(qtbot, window)
    qtbot.keyClick(panel.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_panel.search_edit.hasFocus()  # the customer search, on its page
    _open_panel(qtbot, window)
    panel.back_button.setFocus()
    qtbot.keyClick(panel.back_button, Qt.Key.Key_Space)
    assert window.pages.currentWidget() is window.content
    assert not window.desk_actions.customer_page_action.isEnabled()  # Esc is the page's own


def test_the_cases_page_survives_a_language_change(qtbot, window) -> None:
    panel = _open_panel(qtbot, window)
    old_content = window.content
    window.retranslate()
    assert window.content is not old_content
    assert window.pages.currentWidget() is panel and window.pages.count() == 2
    qtbot.keyClick(panel.table, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.content


def test_a_case_write_here_refreshes_the_queue_and_its_count(qtbot, window) -> None:
    panel = _open_panel(qtbot, window)
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    view = window.case_flows.view
    view.status_combo.setFocus()
    qtbot.keyClicks(view.status_combo, "Resolved")
    with qtbot.waitSignal(window.case_queues.counts_shown, timeout=WAIT_MS):
        qtbot.keyClick(view.status_button, Qt.Key.Key_Space)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    assert panel.tabs.tabText(0) == "My cases (0)"
    assert _table(panel) == []
    assert panel.summary_label.text() == "Nothing in this queue."
    assert not window.case_queues.status.isVisible()  # nothing overdue or due today now


def test_the_status_bar_count_opens_the_panel_on_overdue(qtbot, window) -> None:
    status = window.case_queues.status
    assert status.isVisible() and status.text() == "Cases: 1 overdue"
    with qtbot.waitSignal(window.case_queues.queue_shown, timeout=WAIT_MS) as shown:
        qtbot.mouseClick(status, Qt.MouseButton.LeftButton)
    assert shown.args == ["overdue"]
    panel = window.case_queues.panel
    assert panel.isVisible() and panel.current == "overdue"
    assert [r[0] for r in _table(panel)] == ["D3-00012"]


def test_the_panel_searches_the_cases_words(qtbot, window) -> None:
    panel = _open_panel(qtbot, window)
    panel.search_edit.setFocus()
    type_text(qtbot, panel.search_edit, "cracked")
    with qtbot.waitSignal(window.case_queues.queue_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert shown.args == ["found"]
    assert [r[0] for r in _table(panel)] == ["D3-00013"]
    panel.search_edit.clear()
    type_text(qtbot, panel.search_edit, "nothinglikethis")
    with qtbot.waitSignal(window.case_queues.queue_shown, timeout=WAIT_MS):
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert _table(panel) == []
    assert panel.summary_label.text() == "No case holds “nothinglikethis”."


def test_a_follow_up_opens_its_customer_and_a_case_about_the_contact(qtbot, window, client) -> None:
    contact = record_interaction(client.uow.fresh(), customer_id="c-1", channel="call",
                                 reason="refund", agent=AGENT,
                                 follow_up=NOW.date() - timedelta(days=1),
                                 clock=lambda: NOW - timedelta(days=3))  # fmt: skip
    window.case_queues.refresh()
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    panel = _open_panel(qtbot, window)
    panel.tabs.setFocus()
    for _ in range(4):
        qtbot.keyClick(panel.tabs, Qt.Key.Key_Right)
    with qtbot.waitSignal(window.case_queues.queue_shown, timeout=WAIT_MS):
        qtbot.keyClick(panel.tabs, Qt.Key.Key_Right)  # the last: Follow-ups
    assert panel.tabs.tabText(5) == "Follow-ups (1)"
    [row] = _table(panel)
    assert row[0].endswith("(late)") and row[2] == "refund"
    with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert shown.args == ["c-1"]
    assert window.pages.currentWidget() is window.content  # the customer, to call back
    with qtbot.waitSignal(window.case_queues.queue_shown, timeout=WAIT_MS):
        qtbot.keyClick(window.history_panel.history_view, Qt.Key.Key_C, CTRL_SHIFT)
    assert panel.current == "follow-ups" and panel.contact_button.isVisible()
    qtbot.keyClick(panel.table, Qt.Key.Key_Tab)
    assert panel.contact_button.hasFocus()
    with qtbot.waitSignal(window.case_flows.new_case_shown, timeout=WAIT_MS):
        qtbot.keyClick(panel.contact_button, Qt.Key.Key_Space)
    dialog = window.case_flows.new_dialog
    assert dialog.links == ({"kind": "interaction", "ref": contact.id},)
    type_text(qtbot, dialog.subject_edit, "Refund not received")
    with qtbot.waitSignal(window.case_queues.counts_shown, timeout=WAIT_MS):
        qtbot.keyClick(dialog.subject_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    assert panel.tabs.tabText(5) == "Follow-ups (0)"  # the contact is dealt with


def test_the_card_shows_the_customers_open_cases_and_opens_one(qtbot, window) -> None:
    with qtbot.waitSignal(window.customer_cases.cases_shown, timeout=WAIT_MS):
        open_by_keys(qtbot, window, CUSTOMER)
    strip = window.customer_cases.strip
    assert strip.count_label.text() == "Open &cases: 2"  # the resolved one is not listed
    first, second = strip.item_texts()
    assert first.startswith("D3-00012 · Overdue since ")
    assert first.endswith(" · Open · Charged twice for one order")
    assert second.startswith("D3-00013 · Due ")
    assert second.endswith(" · Waiting on customer · Mug arrived cracked")
    assert not strip.all_button.isVisible()  # both fit on the card
    strip.list.setFocus()
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(strip.list, Qt.Key.Key_Return)
    assert shown.args == [OVERDUE_CASE]
    window.case_flows.view.close()
    with qtbot.waitSignal(window.case_flows.new_case_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(strip.new_button, Qt.Key.Key_Space)
    assert shown.args == [CUSTOMER]


@pytest.mark.parametrize("typed", ["D3-00012", "d3-12", " d3 - 012 "])
def test_a_case_number_in_the_main_search_opens_the_case(qtbot, window, typed) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = window.search_panel.search_edit
    type_text(qtbot, edit, typed)
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert shown.args == [OVERDUE_CASE]


def test_an_unknown_case_number_says_so_and_customers_are_still_found(qtbot, window) -> None:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = window.search_panel.search_edit
    type_text(qtbot, edit, "D3-999")
    with qtbot.waitSignal(window.case_flows.open_failed, timeout=WAIT_MS):
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.statusBar().currentMessage() == "No case D3-999 at this desk."
    open_by_keys(qtbot, window, CUSTOMER)  # an account number still opens the customer


def test_more_open_cases_than_the_card_holds_are_on_the_cases_page(qtbot, window, client) -> None:
    cases = desk_cases(client)
    for subject in ("Parcel lost", "Wrong size sent"):
        cases.open(CUSTOMER, channel="phone", category="returns", subject=subject)
    with qtbot.waitSignal(window.customer_cases.cases_shown, timeout=WAIT_MS):
        open_by_keys(qtbot, window, CUSTOMER)
    strip = window.customer_cases.strip
    assert strip.count_label.text() == "Open &cases: 4"
    assert len(strip.item_texts()) == 2  # the most urgent; the card does not grow
    assert strip.all_button.isVisible() and strip.all_button.text() == "All 5 cases…"
    strip.all_button.setFocus()
    with qtbot.waitSignal(window.case_queues.queue_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(strip.all_button, Qt.Key.Key_Space)
    assert shown.args == ["customer"]
    panel = window.case_queues.panel
    assert window.pages.currentWidget() is panel and panel.table.hasFocus()
    assert panel.tabs.tabText(panel.tabs.currentIndex()) == "James O'Connor (5)"
    assert sorted(r[2] for r in _table(panel)) == [
        "Charged twice for one order", "Mug arrived cracked", "Parcel lost",
        "Wants a paper receipt", "Wrong size sent",
    ]  # fmt: skip
