"""Accessibility: every control is named for screen readers, Tab walks the window in reading
order, and the focused control is visibly marked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from ui_drive import open_by_keys
from ui_fakes import FakeCustomerQueries
from ui_walk import visible_widgets

from frontdesk.ui.main_window import MainWindow, build_main_window

WAIT_MS = 10_000


def _window(qtbot: QtBot, queries: FakeCustomerQueries) -> MainWindow:
    window = build_main_window(queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    open_by_keys(qtbot, window, "c-2", also=[window.lines_shown, window.recommendations_shown])
    return window


def _focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in visible_widgets(root)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled() and w.focusProxy() is None
    ]


def test_every_focusable_control_has_an_accessible_name(
    qtbot: QtBot, fake_queries: FakeCustomerQueries
) -> None:
    window = _window(qtbot, fake_queries)
    controls = _focusable(window)
    assert len(controls) >= 4
    unnamed = [f"{type(w).__name__} {w.objectName()!r}" for w in controls if not w.accessibleName()]
    assert unnamed == []


def test_tab_walks_search_results_history_and_filters_in_order(
    qtbot: QtBot, fake_queries: FakeCustomerQueries
) -> None:
    window = _window(qtbot, fake_queries)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_panel.search_edit
    visited = []
    for _ in range(7):
        visited.append(QApplication.focusWidget().objectName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert visited == [
        "searchEdit",
        "searchResults",
        "historyView",
        *("historySince", "historyUntil", "historyProduct", "historyCategory"),
    ]
    assert QApplication.focusWidget().objectName() == "searchEdit"  # round again


def test_the_focused_table_is_visibly_marked(
    qtbot: QtBot, fake_queries: FakeCustomerQueries
) -> None:
    window = _window(qtbot, fake_queries)
    view = window.history_panel.history_view
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert not view.hasFocus()
    unfocused = view.grab().toImage()
    for _ in range(2):  # search -> results -> history
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert view.hasFocus()
    focused = view.grab().toImage()
    edge = [(x, 0) for x in range(0, view.width(), 7)]
    changed = sum(unfocused.pixelColor(x, y) != focused.pixelColor(x, y) for x, y in edge)
    assert changed > len(edge) // 2  # the whole top edge turns the highlight colour
