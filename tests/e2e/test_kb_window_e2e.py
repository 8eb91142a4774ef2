"""The real Debian FAQ, from the back office to the report, through the real window.

The FAQ is imported on a real server process; a desk signs in and syncs (its PDFs fetched
ahead); the server stops. Offline, the agent presses Ctrl+K and types a customer's question
in English at an English desk and one in Russian at a Russian desk, by keys: each answer is
in the first three; Enter reads it, its PDF opens from the desk's own copy, the Helpful
button's Alt key marks it helpful. The server comes back, the
desk syncs, and ``frontdesk-server kb report --json`` counts the opening and the vote.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_support import free_port, run_server_command
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_cases_e2e import PASSWORD, Server, login, ok

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.ui.app import _desk_window
from frontdesk.ui.appearance import TRANSLATIONS
from frontdesk.ui.preferences import Preferences

FAQ = Path(__file__).resolve().parents[3] / "shared" / "data" / "kb" / "debian-faq"
pytestmark = pytest.mark.skipif(
    not FAQ.is_dir(), reason=f"the Debian FAQ of the shared data is not at {FAQ}"
)
WAIT_MS = 20_000
#: (the desk's language, a customer's words typed, the source of the answer without its
#: language, the Helpful button's Alt key)
QUESTIONS = (
    ("en", "how to create my own apt repository", "ftparchives#ownrepository", "f"),
    ("ru", "что такое виртуальнный пакет", "pkg-basics#virtual", "о"),
)  # fmt: skip


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    run_server_command(db_url, "add-user", "ann", "--role", "agent", "--branch", "Leeds",
                       "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    imported = json.loads(run_server_command(db_url, "kb", "import", str(FAQ), "--json"))
    assert imported, "the import said nothing"
    running = Server(db_url, free_port(), tmp_path / "server.log")
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def desk(server: Server, tmp_path: Path, keyring_env, monkeypatch) -> Iterator[Path]:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    data_dir = tmp_path / "ann"
    login(data_dir, server, "ann")  # signs in and syncs: the articles and their PDFs
    yield data_dir


def _ask(qtbot, window, question: str, answer: str):
    """Ctrl+K, the question by keys, Down to the answer (in the first three), Enter."""
    ui = window.knowledge_ui
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    box = ui.panel.search_box
    assert box.hasFocus()
    box.selectAll()
    with qtbot.waitSignal(ui.hits_shown, timeout=WAIT_MS, check_params_cb=lambda n: n > 0):
        _type(qtbot, box, question)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    sources = [hit.source.split("/", 2)[-1] for hit in ui.panel.model.hits[:3]]
    assert answer in sources, (question, [h.source for h in ui.panel.model.hits[:5]])
    for _ in range(sources.index(answer)):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    with qtbot.waitSignal(ui.reader.article_shown, timeout=WAIT_MS):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    return ui.panel.reader.article_view.article


def _type(qtbot, widget, text: str) -> None:
    """As a keyboard types: QTest's key tables know ASCII only, the rest goes as text."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                               Qt.KeyboardModifier.NoModifier)  # fmt: skip


def _read_pdf_and_vote(qtbot, window, article, helpful: str) -> None:
    ui = window.knowledge_ui
    view = ui.panel.reader.article_view
    (pdf,) = article.documents
    assert pdf.offline and pdf.mime == "application/pdf"  # fetched ahead by the sync
    (button,) = [b for b in view.findChildren(type(view.copy_button), "kbDocument")
                 if b.isVisible()]  # fmt: skip
    with qtbot.waitSignal(ui.reader.document_shown, timeout=WAIT_MS,
                          check_params_cb=lambda sha: sha == pdf.sha256):  # fmt: skip
        button.click()
    assert ui.panel.reader.pdf_pane.document.pageCount() == pdf.pages > 10
    qtbot.keyClick(ui.panel.reader.pdf_pane.view, Qt.Key.Key_Escape)
    assert ui.panel.reader.currentWidget() is view
    with qtbot.waitSignal(ui.reader.written, timeout=WAIT_MS,
                          check_params_cb=lambda verdict: verdict == "helpful"):  # fmt: skip
        # With its text: QTest's key tables know ASCII letters only.
        QTest.sendKeyEvent(QTest.KeyAction.Click, window, Qt.Key(ord(helpful.upper())), helpful,
                           Qt.KeyboardModifier.AltModifier)  # fmt: skip


def test_the_faq_answers_offline_in_both_languages_and_the_vote_reaches_the_report(
    qtbot, server: Server, desk: Path
) -> None:
    server.stop()
    client: ClientContext = build_client(load_settings(data_dir=desk))
    read = []
    try:
        for language, question, answer, helpful in QUESTIONS:
            window = _window(qtbot, client, language)
            article = _ask(qtbot, window, question, answer)
            assert article.lang == language
            _read_pdf_and_vote(qtbot, window, article, helpful)
            read.append(article)
            qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
            window.ops.shutdown()
            window.close()
    finally:
        TRANSLATIONS.apply("en")
        client.close()
    server.start()
    ok(desk, "sync")
    report = json.loads(run_server_command(server.db_url, "kb", "report", "--json"))
    rows = {row["article_id"]: row for row in report["rows"]}
    for article in read:
        row = rows[article.id]
        assert (row["lang"], row["shown"], row["helpful"], row["not_helpful"]) == (
            article.lang, 1, 1, 0)  # fmt: skip


def _window(qtbot, client: ClientContext, language: str):
    preferences = Preferences()
    preferences.language = language
    window = _desk_window(client, preferences=preferences)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    return window
