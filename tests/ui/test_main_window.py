"""The main window driven by keys and clicks, over the in-memory fake cache."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from ui_drive import activate, open_by_keys, type_text
from ui_fakes import FakeCustomerQueries

from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.models import ROW_ROLE

WAIT_MS = 5000


@pytest.fixture
def window(qtbot: QtBot, fake_queries: FakeCustomerQueries):
    win = build_main_window(fake_queries)
    qtbot.addWidget(win, before_close_func=lambda w: w.ops.shutdown())
    win.show()
    qtbot.waitUntil(lambda: win.ops.is_idle(), timeout=WAIT_MS)
    yield win
    fake_queries.release_all()
    win.ops.shutdown()


def _type_search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    type_text(qtbot, window.search_panel.search_edit, text)


def _result_names(window: MainWindow) -> list[str]:
    model = window.search_panel.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _wait_results(qtbot: QtBot, window: MainWindow, names: list[str]) -> None:
    qtbot.waitUntil(lambda: _result_names(window) == names, timeout=WAIT_MS)


def test_title_and_search_placeholder(window: MainWindow) -> None:
    assert window.windowTitle() == "Frontdesk"
    assert window.search_panel.search_edit.placeholderText() == (
        "Search by name, phone, e-mail, account or card"
    )


def test_typing_finds_customer_and_enter_opens_profile_history_and_lines(
    qtbot: QtBot, window: MainWindow
) -> None:
    _type_search(qtbot, window, "волк")
    _wait_results(qtbot, window, ["Ирина Сергеевна Волкова"])
    with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Return)
    assert shown.args == ["c-1"]
    card = window.profile_card
    assert card.name_label.text() == "Ирина Сергеевна Волкова"
    assert card.value_text("phones") == "+79161234567"
    assert card.value_text("loyalty_card") == "4000123412341234"
    assert card.value_text("purchase_count") == "7"  # sales; the return is not a purchase
    assert card.value_text("lifetime_spend").endswith(" RUB")
    history = window.history_panel.history_model
    assert history.rowCount() == 8
    latest = history.index(0, 0)
    qtbot.waitUntil(lambda: history.rowCount(latest) > 0, timeout=WAIT_MS)
    assert window.history_panel.history_view.isExpanded(latest)


def test_history_opens_newest_first_with_the_return_marked(
    qtbot: QtBot, window: MainWindow, fake_queries: FakeCustomerQueries
) -> None:
    open_by_keys(qtbot, window, "c-2", also=[window.lines_shown])
    proxy = window.history_panel.history_model
    rows = [proxy.index(r, 0).data(ROW_ROLE) for r in range(proxy.rowCount())]
    assert [r.purchased_at for r in rows] == sorted((r.purchased_at for r in rows), reverse=True)
    returns = [r for r in range(proxy.rowCount()) if proxy.index(r, 0).data(ROW_ROLE).is_return]
    assert len(returns) == 1
    mark = proxy.index(returns[0], 5).data()
    assert mark.startswith("↩ Return of ")
    assert proxy.index(returns[0], 4).data().startswith("-")
    assert proxy.index(returns[0], 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    newest = proxy.index(0, 0)
    lines = [proxy.index(r, 0, newest).data() for r in range(proxy.rowCount(newest))]
    expected = fake_queries.lines[rows[0].id]
    assert lines == [line.description for line in expected]  # the newest opened on its lines


def test_down_arrow_then_enter_opens_the_second_match(qtbot: QtBot, window: MainWindow) -> None:
    _type_search(qtbot, window, "london")
    _wait_results(qtbot, window, [])  # branch is not a search key in the fake
    window.search_panel.search_edit.clear()
    _type_search(qtbot, window, "+44")
    _wait_results(qtbot, window, ["James O'Connor", "Emma Thompson", "Ivan Kuznetsov"])
    qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Up)
    with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Enter)
    assert shown.args == ["c-4"]
    assert window.profile_card.name_label.text() == "Emma Thompson"


def test_clicking_a_result_opens_it(qtbot: QtBot, window: MainWindow) -> None:
    _type_search(qtbot, window, "петров")
    _wait_results(qtbot, window, ["Алексей Петров"])
    view = window.search_panel.results_view
    rect = view.visualRect(window.search_panel.model.index(0, 1))
    with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS) as shown:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert shown.args == ["c-3"]


def test_escape_clears_search_and_results(qtbot: QtBot, window: MainWindow) -> None:
    _type_search(qtbot, window, "emma")
    _wait_results(qtbot, window, ["Emma Thompson"])
    qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Escape)
    assert window.search_panel.search_edit.text() == ""
    _wait_results(qtbot, window, [])


@pytest.mark.parametrize(
    ("key", "modifier"),
    [(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_F3, Qt.KeyboardModifier(0))],
    ids=["ctrl+f", "f3"],
)
def test_ctrl_f_and_f3_focus_search_from_the_history_and_the_timeline(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    open_by_keys(qtbot, window, "c-2")
    edit = window.search_panel.search_edit
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # search -> results
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # -> the history table
    history = window.history_panel.history_view
    assert history.hasFocus()
    qtbot.keyClick(history, key, modifier)
    assert edit.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # the Timeline tab
    assert window.customer_tabs.currentWidget() is window.timeline_panel
    timeline = window.timeline_panel.view
    qtbot.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
    assert timeline.hasFocus()
    qtbot.keyClick(timeline, key, modifier)
    assert edit.hasFocus()


def test_newer_search_supersedes_a_slow_older_one(
    qtbot: QtBot, window: MainWindow, fake_queries: FakeCustomerQueries
) -> None:
    gate = fake_queries.hold("emma")
    _type_search(qtbot, window, "emma")
    qtbot.waitUntil(lambda: fake_queries.searched("emma"), timeout=WAIT_MS)
    edit = window.search_panel.search_edit
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _type_search(qtbot, window, "дмитрий")
    _wait_results(qtbot, window, ["Дмитрий Иванов"])
    with qtbot.waitSignal(window.ops.superseded, timeout=WAIT_MS) as dropped:
        gate.set()
    assert dropped.args == ["search"]
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    assert _result_names(window) == ["Дмитрий Иванов"]


def test_no_query_runs_on_the_ui_thread(
    qtbot: QtBot, window: MainWindow, fake_queries: FakeCustomerQueries
) -> None:
    _type_search(qtbot, window, "james")
    _wait_results(qtbot, window, ["James O'Connor"])
    with qtbot.waitSignal(window.lines_shown, timeout=WAIT_MS):
        qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Return)
    names = {name for name, _ in fake_queries.threads}
    assert {"search", "profile", "purchases", "purchase_lines", "sync_status"} <= names
    assert fake_queries.ran_on(threading.main_thread().ident) == []


def test_no_match_says_so(qtbot: QtBot, window: MainWindow) -> None:
    _type_search(qtbot, window, "zzz")
    qtbot.waitUntil(
        lambda: window.search_panel.summary_label.text() == "No customer matches “zzz”.",
        timeout=WAIT_MS,
    )


def test_status_bar_shows_server_user_and_sync(window: MainWindow) -> None:
    assert window.cache_status.server_label.text() == "Server: https://central.example.com"
    assert window.cache_status.user_label.text() == "User: agent.smirnova"
    assert "cursor 48213" in window.cache_status.sync_label.text()
    assert "52 purchases" in window.cache_status.sync_label.text()


def test_clicking_the_total_header_sorts_by_exact_amount(qtbot: QtBot, window: MainWindow) -> None:
    open_by_keys(qtbot, window, "c-1")
    view = window.history_panel.history_view
    header = view.header()
    x = header.sectionViewportPosition(4) + header.sectionSize(4) // 2
    with qtbot.waitSignal(window.history_panel.history_shown, timeout=WAIT_MS):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    proxy = window.history_panel.history_model
    amounts = [proxy.index(r, 0).data(ROW_ROLE).total.amount for r in range(proxy.rowCount())]
    assert amounts == sorted(amounts)
    assert amounts[0] < 0  # the return sorts first


def test_a_customer_gone_from_the_cache_is_reported_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, fake_queries: FakeCustomerQueries
) -> None:
    _type_search(qtbot, window, "emma")
    _wait_results(qtbot, window, ["Emma Thompson"])
    del fake_queries.profiles["c-4"]  # a sync removed her after the search found her
    qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "not in the local cache" in window.statusBar().currentMessage(), timeout=WAIT_MS
    )


def test_focusable_controls_have_accessible_names_and_tab_in_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_by_keys(qtbot, window, "c-1")
    focusable = [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not isinstance(w, QAbstractButton)
        and not isinstance(w.parent(), QLineEdit)
    ]
    assert focusable
    assert all(w.accessibleName() for w in focusable), [w.objectName() for w in focusable]
    panel = window.history_panel
    order = [
        window.search_panel.search_edit,
        window.search_panel.results_view,
        panel.history_view,
        panel.since_edit,
    ]
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert order[0].hasFocus()
    for expected in order[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected


def test_enter_typed_before_the_results_arrive_opens_the_top_match(
    qtbot: QtBot, window: MainWindow
) -> None:
    # A fast typist: the query and Enter land inside the debounce interval.
    with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS) as shown:
        _type_search(qtbot, window, "100236")
        qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Return)
    assert shown.args == ["c-3"]


def test_enter_while_a_search_is_running_waits_for_its_answer(
    qtbot: QtBot, window: MainWindow, fake_queries: FakeCustomerQueries
) -> None:
    gate = fake_queries.hold("emma")
    _type_search(qtbot, window, "emma")
    qtbot.waitUntil(lambda: fake_queries.searched("emma"), timeout=WAIT_MS)
    qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS) as shown:
        gate.set()
    assert shown.args == ["c-4"]
