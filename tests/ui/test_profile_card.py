"""The profile card's segment and last contact, on a real SQLite cache, driven by keys: open a
customer, read the segment (and why, in its tooltip), log a contact with Ctrl+L and see
"Last contact" follow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_window_on_cache import fill_cache
from ui_drive import open_by_keys

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.services.desk import DeskWrites
from frontdesk.ui.formatting import format_datetime
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.widgets.contact_dialog import ContactDialog

WAIT_MS = 10_000


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_cache(ctx)
    yield ctx
    ctx.close()


def _window(qtbot: QtBot, client: ClientContext, customer_id: str) -> MainWindow:
    window = build_main_window(client.queries, writes=DeskWrites(client.uow))
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    open_by_keys(qtbot, window, customer_id)
    return window


def _dialog(qtbot: QtBot) -> ContactDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ContactDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)  # its shortcuts work from now
    return dialog


def test_segment_shows_with_the_reason_in_its_tooltip(qtbot: QtBot, client: ClientContext) -> None:
    card = _window(qtbot, client, "c-2").profile_card
    # 8 purchases, the last 51 days before the cache's newest sale: recent, 5+ but under 10.
    assert card.value_text("segment") == "Loyal"
    assert card.value_text("purchase_count") == "8"
    assert card.segment_label.toolTip().splitlines() == [
        "Purchases: 8 · spent: 453.91 GBP",
        "Last purchase 51 days before the newest sale in the cache",
        "5 or more purchases.",
    ]


def test_logging_a_contact_by_keys_updates_last_contact(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client, "c-2")
    assert window.profile_card.value_text("last_contact") == "—"  # never contacted
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot)
    qtbot.keyClick(dialog.channel_combo, Qt.Key.Key_Down)  # Call -> Visit
    qtbot.keyClicks(dialog.reason_edit, "Asked about a refund")
    signals = [window.write_flows.contact_logged, window.customer_shown]
    with qtbot.waitSignals(signals, order="strict", timeout=WAIT_MS):
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    channel, when, agent = window.profile_card.value_text("last_contact").split(" · ")
    assert (channel, agent) == ("Visit", "agent.smirnova")
    logged = window.timeline_panel.model.events()[0]
    assert when == format_datetime(logged.at)
