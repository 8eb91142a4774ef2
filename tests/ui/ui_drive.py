"""Driving the window as an agent does, by keys and clicks only (never by calling its methods)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

WAIT_MS = 10_000
#: Account numbers of the demo customers (FakeCustomerQueries and caches filled from it).
ACCOUNTS = {"c-1": "100234", "c-2": "100235", "c-3": "100236", "c-4": "100237"}


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type like a keyboard would; QTest's key tables know only ASCII, so others go as text."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click,
                widget,
                Qt.Key.Key_unknown,
                char,
                Qt.KeyboardModifier.NoModifier,
            )


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Shortcuts reach only the active window."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)


def open_by_keys(
    qtbot: QtBot, window, customer_id: str, *, query: str | None = None, also=()
) -> None:
    """Ctrl+F, type ``query`` (default: the demo customer's account number) over the search,
    Enter; waits until the customer (and the signals in ``also``) are shown."""
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = window.search_panel.search_edit
    assert edit.hasFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, edit, query or ACCOUNTS[customer_id])
    checks = [lambda shown: shown == customer_id, *(None for _ in also)]
    signals = [window.customer_shown, *also]
    with qtbot.waitSignals(signals, check_params_cbs=checks, timeout=WAIT_MS):
        qtbot.keyClick(edit, Qt.Key.Key_Return)


def open_settings_and_choose(
    qtbot: QtBot, window, *, language_key: Qt.Key | None = None, theme_key: Qt.Key | None = None
) -> None:
    """Ctrl+, opens Settings; keys pick the language, Tab goes to the theme; OK is clicked."""
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.appearance.settings_dialog is not None, timeout=WAIT_MS)
    dialog = window.appearance.settings_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.language_combo.hasFocus, timeout=WAIT_MS)
    if language_key is not None:
        qtbot.keyClick(dialog.language_combo, language_key)
    qtbot.keyClick(dialog.language_combo, Qt.Key.Key_Tab)
    assert dialog.theme_combo.hasFocus()
    if theme_key is not None:
        qtbot.keyClick(dialog.theme_combo, theme_key)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def drag(qtbot: QtBot, widget: QWidget, start: QPoint, end: QPoint) -> None:
    """Press at ``start``, move to ``end`` with the button held, release (a mouse drag)."""
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(widget, start + (end - start) * (step / 5))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)
