"""Attachments in the case view over a real cache, driven by keys: Ctrl+Shift+A attaches
the file chosen in the system's dialog (the one thing replaced: a native dialog), the list
shows it with its size, author and visibility, a file over the limit is refused in words,
and Open hands a copy to the system (through Qt's own URL handler hook)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from case_desk import NOW, OVERDUE_CASE, desk_cases, fill_case_desk
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.protocol import PullPage
from frontdesk.protocol.cases import CaseAttachmentPublic, CaseEventPublic
from frontdesk.ui.main_window import MainWindow, build_main_window

WAIT_MS = 10_000
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SCAN = b"%PDF-1.4 " + bytes(range(256)) * 6


class FileUrls(QObject):
    """Where Qt sends the file URLs the desk asks the system to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


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
    return window


@pytest.fixture
def file_urls():
    handler = FileUrls()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def scan(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "statement scan.pdf"
    path.write_bytes(SCAN)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    return path


def _open(qtbot: QtBot, window: MainWindow, case_id: str):
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        return window.case_flows.open_case(case_id)


def _outbox(client: ClientContext) -> list[tuple[str, dict]]:
    with client.uow as uow:
        return [(e.kind, e.payload) for e in uow.outbox.pending(limit=100)]


def test_ctrl_shift_a_attaches_the_chosen_file(qtbot, window, client, scan, tmp_path) -> None:
    view = _open(qtbot, window, OVERDUE_CASE)
    panel = view.attachments_panel
    assert panel.empty_label.isVisible() and not panel.open_button.isEnabled()
    panel.visibility_combo.setFocus()
    qtbot.keyClick(panel.visibility_combo, Qt.Key.Key_Down)  # for the customer
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        qtbot.keyClick(panel.visibility_combo, Qt.Key.Key_A, CTRL_SHIFT)
    assert view.error_label.text() == ""
    (line,) = panel.lines()
    assert line.startswith("statement scan.pdf · 1.5 kB · ann, ")
    assert line.endswith("For the customer  (not sent yet)")
    assert "[For the customer] Attached statement scan.pdf" in view.history_texts()[-1]
    kind, payload = _outbox(client)[-1]
    assert kind == "case.attach" and payload["sha256"] == hashlib.sha256(SCAN).hexdigest()
    assert payload["visibility"] == "customer" and payload["media_type"] == "application/pdf"
    view.resize(760, 820)
    qtbot.waitUntil(lambda: not panel.empty_label.isVisible(), timeout=WAIT_MS)
    QApplication.processEvents()  # the layout after the empty label went
    view.grab().save(str(tmp_path / "case-attachments.png"))


def test_a_file_over_the_limit_is_refused_in_words(qtbot, window, client, scan) -> None:
    with client.uow as uow:
        uow.sync_state.keep_attachment_limit(1024)
        uow.commit()
    view = _open(qtbot, window, OVERDUE_CASE)
    view.history_view.setFocus()
    qtbot.keyClick(view.history_view, Qt.Key.Key_A, CTRL_SHIFT)
    assert view.error_label.text() == (
        "statement scan.pdf is 1.5 kB: the server takes attachments of at most 1.0 kB."
    )
    assert _outbox(client) == []


def test_open_hands_a_private_copy_to_the_system(qtbot, window, scan, file_urls) -> None:
    view = _open(qtbot, window, OVERDUE_CASE)
    view.history_view.setFocus()
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        qtbot.keyClick(view.history_view, Qt.Key.Key_A, CTRL_SHIFT)
    panel = view.attachments_panel
    panel.list_view.setFocus()
    qtbot.keyClick(panel.list_view, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.case_flows.attachment_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(panel.open_button, Qt.Key.Key_Space)
    (url,) = file_urls.opened
    copy = Path(url.toLocalFile())
    assert copy == Path(opened.args[0]) and copy.name == "statement scan.pdf"
    assert copy.read_bytes() == SCAN and copy.stat().st_mode & 0o077 == 0


def test_another_desks_file_not_fetched_yet_is_not_available_offline(
    qtbot, window, client, file_urls
) -> None:
    sha = hashlib.sha256(b"elsewhere").hexdigest()
    shown = CaseAttachmentPublic(sha256=sha, file_name="photo.jpg", media_type="image/jpeg",
                                 size=9)  # fmt: skip
    line = CaseEventPublic(id="e9001", case_id=OVERDUE_CASE, kind="attached", author="bob",
                           at=NOW, body="photo.jpg", visibility="internal", new=sha,
                           seq=9001, attachment=shown)  # fmt: skip
    with client.uow as uow:
        uow.replica.apply(PullPage(cursor=9001, has_more=False, case_events=[line]))
        uow.commit()
    view = _open(qtbot, window, OVERDUE_CASE)
    panel = view.attachments_panel
    assert panel.lines()[0].startswith("photo.jpg · 9 bytes · bob, ")
    panel.list_view.setCurrentRow(0)
    qtbot.keyClick(panel.open_button, Qt.Key.Key_Space)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    assert view.error_label.text() == (
        "photo.jpg is not available offline: it opens once the desk is online again."
    )
    assert file_urls.opened == []


def test_the_attachments_read_russian_in_the_russian_window(qtbot, client, scan, tmp_path) -> None:
    from frontdesk.ui.preferences import Preferences

    preferences = Preferences()
    preferences.language = "ru"
    window = build_main_window(client.queries, preferences=preferences)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.set_cases(desk_cases(client), clock=lambda: NOW)
    window.show()
    view = _open(qtbot, window, OVERDUE_CASE)
    panel = view.attachments_panel
    assert panel.empty_label.text() == "Файлов не приложено."
    view.history_view.setFocus()
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        qtbot.keyClick(view.history_view, Qt.Key.Key_A, CTRL_SHIFT)
    assert panel.attach_button.text() == "Приложить файл…"
    (line,) = panel.lines()
    assert line.startswith("statement scan.pdf · 1,5 кБ · ann, ")
    assert "Приложен файл statement scan.pdf" in view.history_texts()[-1]
    view.resize(760, 820)
    QApplication.processEvents()
    view.grab().save(str(tmp_path / "case-attachments-ru.png"))
