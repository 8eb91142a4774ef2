"""The Knowledge page on a real desk cache: searched by keys only in both languages, an
article read (safe Markdown, a link to another article followed inside, a remote image never
loaded), its PDF in Qt's viewer, a document not held offline, feedback and a correction in
the outbox, suggestions for a customer, a case and a basket."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_desk import HOLD_EN, HOLD_RU, KERNEL_EN, kb_cache, kb_knowledge
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_drive import activate, type_text
from ui_fakes import FakeCustomerQueries

from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.ui.knowledge.reader_flows import KbWriter
from frontdesk.ui.main_window import MainWindow, build_main_window

WAIT_MS = 10_000


def _window(qtbot: QtBot, fake_queries, database, tmp_path: Path, *, language: str = "en",
            role: str | None = "agent") -> MainWindow:  # fmt: skip
    from frontdesk.ui.preferences import Preferences

    preferences = Preferences()
    preferences.language = language
    window = build_main_window(fake_queries, preferences=preferences)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    writer = KbWriter(uow=lambda: SqlAlchemyUnitOfWork(database.writer), role=lambda: role)
    window.set_knowledge(kb_knowledge(database, tmp_path, language=language), writer=writer)
    window.show()
    activate(qtbot, window)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    return window


@pytest.fixture
def database(tmp_path: Path):
    database = kb_cache(tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, fake_queries: FakeCustomerQueries, database):
    window = _window(qtbot, fake_queries, database, tmp_path)
    yield window
    window.ops.shutdown()


def _outbox(database) -> list[tuple[str, dict]]:
    uow = SqlAlchemyUnitOfWork(database.writer)
    with uow:
        return [(e.kind, e.payload) for e in uow.outbox.pending(limit=100)]


def _search_by_keys(qtbot: QtBot, window: MainWindow, words: str):
    ui = window.knowledge_ui
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is ui.panel and ui.panel.search_box.hasFocus()
    with qtbot.waitSignal(ui.hits_shown, timeout=WAIT_MS, check_params_cb=lambda n: n > 0):
        type_text(qtbot, ui.panel.search_box, words)
    return ui


def _read_first(qtbot: QtBot, ui) -> None:
    with qtbot.waitSignal(ui.reader.article_shown, timeout=WAIT_MS):
        qtbot.keyClick(ui.panel.search_box, Qt.Key.Key_Return)


def test_keys_only_search_open_and_back(qtbot: QtBot, window: MainWindow, database) -> None:
    ui = _search_by_keys(qtbot, window, "pakage on hlod")
    hit = ui.panel.model.hits[0]
    assert hit.title == HOLD_EN.title and hit.translation_lang == "ru"
    _read_first(qtbot, ui)
    view = ui.panel.reader.article_view
    assert view.title_label.text() == HOLD_EN.title
    assert "English · faq/en/hold" in view.meta_label.text()
    assert view.browser.hasFocus()
    qtbot.keyClick(view.browser, Qt.Key.Key_Escape)
    assert ui.panel.results.hasFocus()
    qtbot.keyClick(ui.panel.results, Qt.Key.Key_Escape)
    assert ui.panel.search_box.hasFocus()
    qtbot.keyClick(ui.panel.search_box, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.content
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)  # 'shown' is written in the background
    kinds = [(kind, p["verdict"], p["context"], p["query"]) for kind, p in _outbox(database)]
    assert kinds == [("kb.feedback", "shown", "search", "pakage on hlod")]


def test_a_russian_desk_finds_in_russian_and_opens_the_translation(
    qtbot: QtBot, fake_queries, database, tmp_path: Path
) -> None:
    window = _window(qtbot, fake_queries, database, tmp_path, language="ru")
    ui = _search_by_keys(qtbot, window, "зафиксировать пакет")
    assert ui.panel.model.hits[0].article_id == HOLD_RU.id
    _read_first(qtbot, ui)
    view = ui.panel.reader.article_view
    assert view.meta_label.text().startswith("Русский")
    assert view.translation_button.text() == "Открыть на английском"
    with qtbot.waitSignal(ui.reader.article_shown, timeout=WAIT_MS) as shown:
        view.translation_button.click()
    assert shown.args == [HOLD_EN.id]


def test_markdown_is_safe_links_open_inside_and_remote_images_never_load(
    qtbot: QtBot, window: MainWindow
) -> None:
    ui = _search_by_keys(qtbot, window, "hold")
    _read_first(qtbot, ui)
    browser = ui.panel.reader.article_view.browser
    html = browser.toHtml()
    assert "<script>" not in html and "alert(1)" in browser.plain_text()  # shown, not run
    assert "https://images.example.com/hold.png" in browser.refused
    assert browser.document().resource(2, "https://images.example.com/hold.png") is None
    with qtbot.waitSignal(ui.reader.article_shown, timeout=WAIT_MS) as shown:
        browser.anchorClicked.emit(_url(f"kb:article/{KERNEL_EN.id}"))
    assert shown.args == [KERNEL_EN.id]
    assert ui.panel.reader.article_view.title_label.text() == KERNEL_EN.title


def _url(text: str):
    from PySide6.QtCore import QUrl

    return QUrl(text)


def test_the_pdf_opens_in_qts_viewer_and_esc_returns(qtbot: QtBot, window: MainWindow) -> None:
    ui = _search_by_keys(qtbot, window, "hold")
    _read_first(qtbot, ui)
    reader = ui.panel.reader
    with qtbot.waitSignal(ui.reader.document_shown, timeout=WAIT_MS):
        reader.article_view.browser.anchorClicked.emit(
            _url(f"kb:document/{HOLD_EN.documents[0]}#page=1")
        )
    assert reader.currentWidget() is reader.pdf_pane and reader.pdf_pane.page_count() == 1
    assert reader.pdf_pane.name_label.text() == "hold-manual.pdf"
    qtbot.keyClick(reader.pdf_pane.view, Qt.Key.Key_Escape)
    assert reader.currentWidget() is reader.article_view


def test_a_document_not_held_says_not_available_offline(
    qtbot: QtBot, fake_queries, tmp_path: Path
) -> None:
    database = kb_cache(tmp_path, held=False)
    try:
        window = _window(qtbot, fake_queries, database, tmp_path)
        ui = _search_by_keys(qtbot, window, "hold")
        _read_first(qtbot, ui)
        button = ui.panel.reader.article_view.findChild(object, "kbDocument")
        assert "opens when online" in button.text()
        with qtbot.waitSignal(ui.reader.document_unavailable, timeout=WAIT_MS) as why:
            button.click()
        assert why.args[0].startswith("Not available offline")
        assert ui.panel.reader.pdf_pane.message_label.text() == why.args[0]
        window.ops.shutdown()
    finally:
        database.dispose()


def test_feedback_and_a_supervisors_correction_land_in_the_outbox(
    qtbot: QtBot, fake_queries, database, tmp_path: Path
) -> None:
    window = _window(qtbot, fake_queries, database, tmp_path, role="supervisor")
    ui = _search_by_keys(qtbot, window, "kernel")
    _read_first(qtbot, ui)
    view = ui.panel.reader.article_view
    assert view.correct_button.isVisible() and not view.used_button.isVisible()
    with qtbot.waitSignal(
        ui.reader.written, timeout=WAIT_MS, check_params_cb=lambda v: v == "helpful"
    ):
        view.helpful_button.click()
    assert not view.unhelpful_button.isEnabled()
    article = view.article
    with qtbot.waitSignal(
        ui.reader.written, timeout=WAIT_MS, check_params_cb=lambda v: v == "draft"
    ):
        ui.reader.send_draft(article, title="Can I remove an old kernel?", body_md="Yes.",
                             note="shorter")  # fmt: skip
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    items = _outbox(database)
    assert sorted((k, p.get("verdict") or "") for k, p in items) == [
        ("kb.draft", ""),
        ("kb.feedback", "helpful"),
        ("kb.feedback", "shown"),
    ]
    draft = next(p for k, p in items if k == "kb.draft")
    assert draft["article_id"] == KERNEL_EN.id and draft["base_version"] == 1


def test_an_agent_gets_no_correction_button(qtbot: QtBot, window: MainWindow) -> None:
    ui = _search_by_keys(qtbot, window, "kernel")
    _read_first(qtbot, ui)
    assert not ui.panel.reader.article_view.correct_button.isVisible()


def test_suggestions_for_a_case_and_a_basket(qtbot: QtBot, window: MainWindow, database) -> None:
    from types import SimpleNamespace

    from PySide6.QtWidgets import QDialog, QVBoxLayout

    ui = window.knowledge_ui
    case = SimpleNamespace(id="0b7c4f0e-8d6a-4a63-9b9e-2f1d7c1e0a11", category="software",
                           subject="upgrade broke",
                           description="keep a package version")  # fmt: skip
    dialog = QDialog(window)
    QVBoxLayout(dialog)
    dialog.bundle = SimpleNamespace(case=case)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(ui.suggestions_shown, timeout=WAIT_MS) as shown:
        box = ui.suggest_for_case(dialog)
    assert shown.args == ["case", box.model.rowCount()]
    assert box.model.hits[0].article_id == HOLD_EN.id
    with qtbot.waitSignal(ui.suggestions_shown, timeout=WAIT_MS):
        ui.suggest_for_basket(box, ["SKU-2", "SKU-1"])
    assert [h.article_id for h in box.model.hits][:1] == [KERNEL_EN.id]
    article_window = ui.open_in_window(HOLD_EN.id, _opening(case.id), parent=dialog)
    qtbot.waitUntil(lambda: article_window.reader.article_view.article is not None, timeout=WAIT_MS)
    used = article_window.reader.article_view.used_button
    assert used.isVisible()
    with qtbot.waitSignal(article_window.flows.written, timeout=WAIT_MS,
                          check_params_cb=lambda v: v == "used_in_case"):  # fmt: skip
        used.click()
    last = _outbox(database)[-1][1]
    assert (last["verdict"], last["case_id"], last["context"]) == ("used_in_case", case.id, "case")
    article_window.close()


def _opening(case_id: str):
    from frontdesk.ui.knowledge.reader_flows import Opening

    return Opening("case", case_id=case_id)
