"""Every Alt key on the customer page names one thing, in English and in Russian: two labels
sharing a mnemonic make Alt+letter cycle between them instead of going where the agent meant."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from case_desk import CUSTOMER, NOW, desk_cases
from order_desk import desk_orders, fill_order_desk
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar
from pytestqt.qtbot import QtBot
from ui_drive import open_by_keys
from ui_walk import visible_widgets

from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.preferences import Preferences

WAIT_MS = 10_000
# "&&" is a literal ampersand; the letter after a single "&" is the mnemonic.
_MNEMONIC = re.compile(r"(?<!&)&(?!&)(\w)")


def mnemonics(window: MainWindow) -> dict[str, list[str]]:
    """Alt letter (folded) -> the texts that claim it, over what the window shows and its menus."""
    texts = [action.text() for action in window.menuBar().actions()]
    for widget in visible_widgets(window):
        if isinstance(widget, QAbstractButton | QLabel):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
    claims: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        found = _MNEMONIC.search(text)
        if found:
            claims[found.group(1).casefold()].append(text)
    return claims


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_alt_key_on_the_customer_page_is_unique(
    qtbot: QtBot, tmp_path: Path, language: str
) -> None:
    client = build_client(load_settings(data_dir=tmp_path / "desk"))
    try:
        fill_order_desk(client)
        preferences = Preferences()
        preferences.language = language
        window = build_main_window(client.queries, preferences=preferences)
        qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
        window.set_cases(desk_cases(client), clock=lambda: NOW)
        window.set_orders(desk_orders(client, language=language))
        window.show()
        with qtbot.waitSignal(window.customer_cases.cases_shown, timeout=WAIT_MS):
            open_by_keys(qtbot, window, CUSTOMER)
        qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
        claims = mnemonics(window)
        assert sum(map(len, claims.values())) >= 10, claims  # tabs, filters, cases, menus
        assert {key: found for key, found in claims.items() if len(found) > 1} == {}, claims
        window.ops.shutdown()
    finally:
        client.close()
