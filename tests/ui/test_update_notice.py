"""The desk versions in the window: the strip along the status bar (an update required or one
that is out, with its download link), both languages, and Help > About."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_sync_status_ui import STATUS, WAIT_MS, _report, _window
from ui_drive import open_settings_and_choose
from ui_fakes import FakeCustomerQueries

from frontdesk import __version__
from frontdesk.ui.about_dialog import AboutDialog

DOWNLOAD = "https://downloads.example.com/frontdesk/"
VERSIONS = {
    "desk_version": "0.1.0",
    "server_current_version": "0.3.0",
    "server_minimum_version": "0.2.0",
    "download_url": DOWNLOAD,
}
REQUIRED = {**STATUS, **VERSIONS, "update": "required"}
AVAILABLE = {**STATUS, **VERSIONS, "server_minimum_version": None, "update": "available"}
LINK = f'<a href="{DOWNLOAD}">{DOWNLOAD}</a>'


def test_below_the_minimum_the_window_says_the_work_is_kept(qtbot, fake_queries) -> None:
    window, controller = _window(qtbot, fake_queries)
    notice = window.update_notice
    assert not notice.isVisible()  # nothing known yet

    _report(qtbot, controller, status=REQUIRED)

    assert notice.isVisible()
    assert notice.message.text() == (
        "This desk (0.1.0) is older than the server accepts (0.2.0 or newer). Your work is "
        f"kept on this desk and is sent once Frontdesk is updated: {LINK}"
    )
    assert notice.message.openExternalLinks()
    assert "bold" in notice.message.styleSheet()
    # Along the bottom, right above the status bar: never covered by a passing message.
    assert window.toolBarArea(notice) == Qt.ToolBarArea.BottomToolBarArea
    window.statusBar().showMessage("Could not read the cache: busy")
    assert notice.isVisible()


def test_a_newer_version_is_announced_with_its_link(qtbot, fake_queries) -> None:
    window, controller = _window(qtbot, fake_queries)
    _report(qtbot, controller, status=AVAILABLE)
    notice = window.update_notice
    assert notice.isVisible()
    assert notice.message.text() == f"Frontdesk 0.3.0 is available: {LINK}"
    assert "bold" not in notice.message.styleSheet()

    _report(qtbot, controller, status={**AVAILABLE, "update": None})  # updated
    assert not notice.isVisible()


def test_without_a_download_address_the_words_stand_alone(qtbot, fake_queries) -> None:
    window, controller = _window(qtbot, fake_queries)
    _report(qtbot, controller, status={**REQUIRED, "download_url": None})
    assert window.update_notice.message.text().endswith("sent once Frontdesk is updated.")
    _report(qtbot, controller, status={**AVAILABLE, "download_url": None})
    assert window.update_notice.message.text() == "Frontdesk 0.3.0 is available."


def test_what_the_server_sent_is_shown_as_text_never_as_markup(qtbot, fake_queries) -> None:
    window, controller = _window(qtbot, fake_queries)
    odd = 'https://dl.example/fd?a=1&b="%2"<b>'
    _report(qtbot, controller, status={**AVAILABLE, "download_url": odd})
    escaped = "https://dl.example/fd?a=1&amp;b=&quot;%2&quot;&lt;b&gt;"
    assert window.update_notice.message.text() == (
        f'Frontdesk 0.3.0 is available: <a href="{escaped}">{escaped}</a>'
    )


def test_the_notice_speaks_russian(qtbot, fake_queries) -> None:
    window, controller = _window(qtbot, fake_queries)
    _report(qtbot, controller, status=REQUIRED)
    open_settings_and_choose(qtbot, window, language_key=Qt.Key.Key_End)  # Русский
    notice = window.update_notice
    qtbot.waitUntil(lambda: notice.message.text().startswith("Версия Frontdesk"), timeout=WAIT_MS)
    assert notice.message.text() == (
        "Версия Frontdesk на этом рабочем месте (0.1.0) устарела: сервер принимает 0.2.0 и "
        f"новее. Ваша работа сохранена здесь и будет отправлена после обновления Frontdesk: {LINK}"
    )
    _report(qtbot, controller, status=AVAILABLE)
    assert notice.message.text() == f"Доступна новая версия Frontdesk 0.3.0: {LINK}"
    assert window.desk_actions.help_menu.title() == "Спра&вка"


def _about(qtbot: QtBot, window) -> AboutDialog:
    window.desk_actions.about_action.trigger()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is not None, timeout=WAIT_MS)
    dialog = window.findChild(AboutDialog)
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize(
    ("status", "current", "minimum"),
    [
        (None, "not known yet", "not known yet"),
        (REQUIRED, "0.3.0", "0.2.0"),
        (AVAILABLE, "0.3.0", "any"),
    ],
)
def test_about_shows_the_versions_and_the_data_folder(
    qtbot, fake_queries: FakeCustomerQueries, tmp_path: Path, status, current, minimum
) -> None:
    window, controller = _window(qtbot, fake_queries)
    window.data_dir = tmp_path / "desk"
    if status is not None:
        _report(qtbot, controller, status=status)
    assert window.desk_actions.about_action.text() == "&About Frontdesk…"

    dialog = _about(qtbot, window)

    assert dialog.windowTitle() == "About Frontdesk"
    assert dialog.version_label.text() == __version__
    assert (dialog.server_label.text(), dialog.minimum_label.text()) == (current, minimum)
    assert dialog.data_label.text() == str(tmp_path / "desk")
    dialog.accept()
    qtbot.waitUntil(lambda: window.findChild(AboutDialog) is None, timeout=WAIT_MS)
