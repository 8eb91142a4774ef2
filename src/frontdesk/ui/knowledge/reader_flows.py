"""A reader's controller: the article, its translation, linked articles and documents read
in background operations; 'shown', Helpful / Not helpful, Used in this case and a
supervisor's correction written through the outbox, each in a background operation too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from shiboken6 import isValid

from frontdesk.services.knowledge import writes
from frontdesk.services.knowledge.desk import DeskKnowledge
from frontdesk.services.knowledge.documents import DocumentUnavailable
from frontdesk.services.knowledge.ports import KbArticle
from frontdesk.ui.knowledge.reader import KbReader
from frontdesk.ui.knowledge.texts import tr

Submit = Callable[..., None]


@dataclass(frozen=True)
class KbWriter:
    """What the desk writes about articles: ``uow()`` a fresh unit of work each time,
    ``role()`` the role at the desk now (drafts are a supervisor's)."""

    uow: Callable[[], Any]
    role: Callable[[], str | None]

    def feedback(self, **fields: Any) -> Any:
        return writes.record_feedback(self.uow(), **fields)

    def draft(self, **fields: Any) -> Any:
        return writes.submit_draft(self.uow(), role=self.role() or "", **fields)


@dataclass(frozen=True)
class Opening:
    """Why the article is open: ``context`` for the feedback ('search', 'customer', 'case',
    'till', 'link'), the query typed, and the case it was opened from."""

    context: str | None = None
    query: str = ""
    case_id: str | None = None


@dataclass(frozen=True)
class _Unavailable:
    message: str
    offline: bool


class ReaderFlows(QObject):
    """Runs one reader.

    Signals:
        article_shown(str): this article id is on screen.
        document_shown(str): this document (sha256) is on screen.
        document_unavailable(str): a document could not be opened; the reader says why.
        written(str): this feedback verdict (or "draft") is in the outbox.
    """

    article_shown = Signal(str)
    document_shown = Signal(str)
    document_unavailable = Signal(str)
    written = Signal(str)

    def __init__(self, knowledge: DeskKnowledge, *, submit: Submit, writer: KbWriter | None,
                 reader: KbReader, parent: QObject) -> None:  # fmt: skip
        super().__init__(parent)
        self.knowledge, self.writer, self.reader = knowledge, writer, reader
        self._submit = _while_alive(self, submit)
        self._channel = f"kb-reader-{id(self)}"
        self.opening = Opening()
        view = reader.article_view
        view.browser.article_linked.connect(self._on_browser_article_linked)
        view.browser.document_linked.connect(self.open_document)
        view.document_requested.connect(self.open_document)
        view.translation_requested.connect(self._on_view_translation_requested)
        view.feedback_given.connect(self._on_view_feedback_given)
        view.used_in_case_requested.connect(self._on_view_used_in_case_requested)
        view.correction_requested.connect(self._on_view_correction_requested)

    def open_article(self, article_id: str, opening: Opening = Opening()) -> None:
        self.opening = opening
        self._submit(lambda: self.knowledge.article(article_id), on_success=self._show,
                     on_failure=self._on_failure, channel=self._channel)  # fmt: skip

    def _show(self, article: KbArticle) -> None:
        view = self.reader.article_view
        role = self.writer.role() if self.writer is not None else None
        view.allow(used_in_case=self.opening.case_id is not None and self.writer is not None,
                   correction=role in writes.SUPERVISORS)  # fmt: skip
        view.show_article(article)
        self.reader.show_article_page()
        self._write("shown", article)  # one per opening: the reader showed it
        self.article_shown.emit(article.id)

    @Slot(str, int)
    def open_document(self, sha256: str, page: int = 1) -> None:
        article = self.reader.article_view.article
        known = {d.sha256: d for d in (article.documents if article else ())}
        name = known[sha256].name if sha256 in known else sha256[:12]
        self.reader.pdf_pane.show_loading(name)
        self.reader.show_pdf_page()

        def work() -> Path | _Unavailable:
            try:
                return self.knowledge.open_document(sha256)
            except DocumentUnavailable as error:
                return _Unavailable(str(error), error.offline)

        self._submit(work, on_success=lambda found: self._on_document(sha256, found, page),
                     on_failure=self._on_document_failure,
                     channel=self._channel + "-doc")  # fmt: skip

    def _on_document(self, sha256: str, found: Path | _Unavailable, page: int) -> None:
        pane = self.reader.pdf_pane
        if isinstance(found, _Unavailable):
            text = (
                tr("Not available offline: this document opens once the desk is back online.")
                if found.offline
                else tr("This document cannot be shown: %1").replace("%1", found.message)
            )
            pane.show_message(text)
            self.document_unavailable.emit(text)
        elif pane.show_pdf(found, page=page):
            self.document_shown.emit(sha256)

    def _on_document_failure(self, message: str) -> None:
        text = tr("This document cannot be shown: %1").replace("%1", message)
        self.reader.pdf_pane.show_message(text)
        self.document_unavailable.emit(text)

    def _on_failure(self, message: str) -> None:
        self.reader.article_view.show_status(message)

    def _write(self, verdict: str, article: KbArticle) -> None:
        if self.writer is None:
            return
        opening, writer = self.opening, self.writer
        case_id = opening.case_id if verdict == "used_in_case" else None
        self._submit(lambda: writer.feedback(
            article_id=article.id, version=article.version, verdict=verdict, case_id=case_id,
            query=opening.query, context=opening.context),
            on_success=lambda _entry: self._on_written(verdict),
            on_failure=self._on_failure)  # fmt: skip

    def _on_written(self, verdict: str) -> None:
        thanks = {"helpful": tr("Thank you: noted as helpful."),
                  "not_helpful": tr("Thank you: noted as not helpful."),
                  "used_in_case": tr("Noted as used in this case."),
                  "draft": tr("Your correction is sent for review.")}  # fmt: skip
        if verdict in thanks:
            self.reader.article_view.show_status(thanks[verdict])
        self.written.emit(verdict)

    @Slot(str)
    def _on_browser_article_linked(self, article_id: str) -> None:
        self.open_article(article_id, Opening("link", case_id=self.opening.case_id))

    @Slot(str)
    def _on_view_translation_requested(self, article_id: str) -> None:
        self.open_article(article_id, self.opening)

    @Slot(str)
    def _on_view_feedback_given(self, verdict: str) -> None:
        article = self.reader.article_view.article
        if article is not None:
            self._write(verdict, article)

    @Slot()
    def _on_view_used_in_case_requested(self) -> None:
        article = self.reader.article_view.article
        if article is not None and self.opening.case_id is not None:
            self.reader.article_view.used_button.setEnabled(False)
            self._write("used_in_case", article)

    @Slot()
    def _on_view_correction_requested(self) -> None:
        from frontdesk.ui.knowledge.draft_dialog import DraftDialog

        article = self.reader.article_view.article
        if article is None or self.writer is None:
            return
        dialog = DraftDialog(article, self.reader.window())
        if dialog.exec() == DraftDialog.DialogCode.Accepted:
            self.send_draft(article, **dialog.values())

    def send_draft(self, article: KbArticle, *, title: str, body_md: str, note: str) -> None:
        writer = self.writer
        assert writer is not None
        self._submit(lambda: writer.draft(article_id=article.id, base_version=article.version,
                                          title=title, body_md=body_md, note=note),
                     on_success=lambda _entry: self._on_written("draft"),
                     on_failure=self._on_failure)  # fmt: skip


def _while_alive(flows: QObject, submit: Submit) -> Submit:
    """``submit`` whose results reach ``flows`` only while it lives: a reader's window may
    be closed (and deleted) while what it asked for is still on its way; a write asked
    for is made all the same."""

    def alive(callback: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
        if callback is None:
            return None
        return lambda result: callback(result) if isValid(flows) else None

    def run(work: Callable[[], Any], *, on_success: Any = None, on_failure: Any = None,
            **options: Any) -> None:  # fmt: skip
        submit(work, on_success=alive(on_success), on_failure=alive(on_failure), **options)

    return run
