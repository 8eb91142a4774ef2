"""The sync state in the window: status bar, offline banner, "Sync now", both languages.

A hand-written worker stands in for the real one; its outcomes are reported from another
thread, as the real worker's are, and reach the widgets on the main thread.
"""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_drive import open_settings_and_choose
from ui_fakes import FakeCustomerQueries

from frontdesk.sync.worker import DEMAND, START, SyncOutcome
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.sync_controller import SyncController

WAIT_MS = 5_000
STATUS = {
    "waiting": 3,
    "failed": 1,
    "failed_items": [{"seq": 7, "kind": "customer.edit", "error": "rejected: no such customer"}],
    "last_successful_sync": "2024-03-01T09:30:00+00:00",
    "last_error": None,
}


class FakeWorker:
    def __init__(self, report) -> None:
        self.report = report
        self.started = self.stopped = False
        self.sync_requests = 0

    def start(self) -> None:
        self.started = True

    def stop(self, *, timeout_s: float = 10.0) -> bool:
        self.stopped = True
        return True

    def request_sync(self) -> None:
        self.sync_requests += 1

    def notify_write(self) -> None:
        pass

    def report_from_thread(self, outcome: SyncOutcome) -> None:
        thread = threading.Thread(target=self.report, args=(outcome,))
        thread.start()
        thread.join()


def _window(qtbot: QtBot, queries: FakeCustomerQueries) -> tuple[MainWindow, SyncController]:
    workers: list[FakeWorker] = []
    controller = SyncController(lambda report: workers.append(FakeWorker(report)) or workers[0])
    window = build_main_window(queries, preferences=Preferences(), sync=controller)
    qtbot.addWidget(window, before_close_func=lambda w: (controller.stop(), w.ops.shutdown()))
    controller.start()
    window.show()
    return window, controller


def _report(qtbot: QtBot, controller: SyncController, **fields) -> None:
    outcome = SyncOutcome(
        online=fields.get("online", True),
        error=fields.get("error"),
        reasons=frozenset({START}),
        status=fields.get("status", STATUS),
    )
    with qtbot.waitSignal(controller.outcome_arrived, timeout=WAIT_MS):
        controller._worker.report_from_thread(outcome)


def test_status_bar_shows_waiting_failed_last_sync_and_the_error(qtbot, fake_queries) -> None:
    window, controller = _window(qtbot, fake_queries)
    view = window.sync_status_view
    assert view.state_label.text() == "Connecting…"
    _report(qtbot, controller, online=False, error="cannot reach the server: refused")
    assert view.state_label.text() == "Offline"
    assert view.counts_label.text() == "3 waiting · 1 failed"
    assert "rejected: no such customer" in view.counts_label.toolTip()
    assert view.last_label.text().startswith("Last sync ")
    assert view.state_label.toolTip() == "Last error: cannot reach the server: refused"


def test_banner_follows_the_connection(qtbot, fake_queries) -> None:
    window, controller = _window(qtbot, fake_queries)
    banner = window.offline_banner
    assert not banner.isVisible()
    with qtbot.waitSignal(controller.online_changed, timeout=WAIT_MS) as went:
        _report(qtbot, controller, online=False, error="connection refused")
    assert went.args == [False]
    assert banner.isVisible()
    assert "3 change(s) wait here" in banner.message.text()
    assert "connection refused" in banner.message.text()
    _report(qtbot, controller, online=True)
    assert not banner.isVisible()


def test_sync_now_wakes_the_worker(qtbot, fake_queries) -> None:
    window, controller = _window(qtbot, fake_queries)
    qtbot.mouseClick(window.sync_status_view.sync_button, Qt.MouseButton.LeftButton)
    assert controller._worker.sync_requests == 1
    assert DEMAND == "demand"  # the worker names such runs "demand"


def test_sync_state_speaks_russian_and_survives_a_rebuild(qtbot, fake_queries) -> None:
    window, controller = _window(qtbot, fake_queries)
    _report(qtbot, controller, online=False, error="refused")
    open_settings_and_choose(qtbot, window, language_key=Qt.Key.Key_End)  # Русский
    # The translator's LanguageChange events are posted; the widgets redo their texts then.
    qtbot.waitUntil(
        lambda: window.sync_status_view.state_label.text() == "Нет связи", timeout=WAIT_MS
    )
    view, banner = window.sync_status_view, window.offline_banner
    assert view.sync_button.text() == "Синхронизировать"
    assert view.counts_label.text() == "в очереди: 3 · с ошибкой: 1"
    assert banner.isVisible() and banner.message.text().startswith("Нет связи с сервером")
    open_settings_and_choose(qtbot, window, language_key=Qt.Key.Key_Up)  # Русский -> English
    qtbot.waitUntil(
        lambda: window.sync_status_view.state_label.text() == "Offline", timeout=WAIT_MS
    )


@pytest.mark.parametrize(
    ("server", "warned"),
    [("http://vm:8765", True), ("http://127.0.0.1:8765", False), ("https://hq.example", False)],
)
def test_plain_http_off_this_machine_shows_a_warning_beside_the_server(
    qtbot: QtBot, fake_queries: FakeCustomerQueries, server: str, warned: bool
) -> None:
    fake_queries.status = replace(fake_queries.status, server_url=server)
    window = build_main_window(fake_queries, preferences=Preferences())
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    qtbot.waitUntil(lambda: server in window.cache_status.server_label.text(), timeout=WAIT_MS)

    warning = window.cache_status.plain_http_label
    assert warning.isVisible() is warned
    assert warning.text() == "⚠ Not encrypted (plain http)"
