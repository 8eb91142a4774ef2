"""One article on screen: its title, language and source, what can be done with it (copy,
print, its translation, Helpful / Not helpful, Used in this case, Suggest a correction…),
its documents, and its text.

It shows what it is given and says what the agent asked for by signal; the reader's
controller (``ReaderFlows``) runs the work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.knowledge.ports import KbArticle, KbDocumentInfo
from frontdesk.ui.knowledge.browser import ArticleBrowser
from frontdesk.ui.knowledge.texts import language_name, open_in, tr

VERDICTS = ("helpful", "not_helpful")


class ArticleView(QWidget):
    """The article part of a reader.

    Signals:
        translation_requested(str): open this article id (the other language's version).
        feedback_given(str): the agent's verdict: "helpful" or "not_helpful".
        used_in_case_requested(): the agent used the article in the case it was opened from.
        correction_requested(): a supervisor wants to suggest a correction.
        document_requested(str, int): open this document (sha256) at this page.
    """

    translation_requested = Signal(str)
    feedback_given = Signal(str)
    used_in_case_requested = Signal()
    correction_requested = Signal()
    document_requested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbArticleView")
        self.article: KbArticle | None = None
        self.title_label = QLabel(self)
        self.title_label.setObjectName("kbArticleTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.meta_label = QLabel(self)
        self.meta_label.setObjectName("kbArticleMeta")
        self.meta_label.setWordWrap(True)
        self.browser = ArticleBrowser(self)
        self.documents_row = QHBoxLayout()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("kbArticleStatus")
        self._build_buttons()
        self._lay_out()
        self.retranslate()

    def _button(self, name: str, slot: object) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _build_buttons(self) -> None:
        self.copy_button = self._button("kbCopy", self.copy_article)
        self.print_button = self._button("kbPrint", self.print_article)
        self.translation_button = self._button("kbTranslation", self._on_translation_clicked)
        self.helpful_button = self._button("kbHelpful", lambda: self._verdict("helpful"))
        self.unhelpful_button = self._button("kbNotHelpful", lambda: self._verdict("not_helpful"))
        self.used_button = self._button("kbUsedInCase", self.used_in_case_requested)
        self.correct_button = self._button("kbSuggestCorrection", self.correction_requested)
        self.used_button.setVisible(False)
        self.correct_button.setVisible(False)

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        for button in (self.copy_button, self.print_button, self.translation_button):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.helpful_button, self.unhelpful_button, self.used_button,
                       self.correct_button):  # fmt: skip
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addLayout(actions)
        layout.addLayout(self.documents_row)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.status_label)

    def retranslate(self) -> None:
        self.copy_button.setText(tr("&Copy"))
        self.copy_button.setToolTip(tr("Copy the whole article (select a paragraph and Ctrl+C "
                                       "for a part)"))  # fmt: skip
        self.print_button.setText(tr("&Print…"))
        self.helpful_button.setText(tr("Help&ful"))  # Alt+H is the Help menu's
        self.unhelpful_button.setText(tr("&Not helpful"))
        self.used_button.setText(tr("&Used in this case"))
        self.used_button.setToolTip(tr("Note on the case that this article answered it"))
        self.correct_button.setText(tr("Suggest a co&rrection…"))
        self.correct_button.setToolTip(tr("Send a corrected text; an administrator publishes it"))
        self.browser.setAccessibleName(tr("Article text"))
        if self.article is not None:
            self.show_article(self.article)

    def show_article(self, article: KbArticle) -> None:
        """``article`` on screen from its top; the verdict buttons ready again."""
        self.article = article
        self.title_label.setText(article.title)
        self.meta_label.setText(meta_line(article))
        self.browser.show_markdown(article.body_md)
        self._show_translation(article)
        self._show_documents(article.documents)
        for button in (self.helpful_button, self.unhelpful_button, self.used_button):
            button.setEnabled(True)
        self.status_label.clear()

    def _show_translation(self, article: KbArticle) -> None:
        other = article.translations[0] if article.translations else None
        self.translation_button.setVisible(other is not None)
        if other is not None:
            self.translation_button.setText(open_in(other[1]))

    def _show_documents(self, documents: tuple[KbDocumentInfo, ...]) -> None:
        while self.documents_row.count():
            item = self.documents_row.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for document in documents:
            button = QPushButton(document_label(document), self)
            button.setObjectName("kbDocument")
            button.setFlat(True)
            button.clicked.connect(
                lambda _c=False, sha=document.sha256: self.document_requested.emit(sha, 1)
            )
            self.documents_row.addWidget(button)
        self.documents_row.addStretch(1)

    def allow(self, *, used_in_case: bool, correction: bool) -> None:
        """Used in this case: opened from a case; Suggest a correction…: a supervisor's desk."""
        self.used_button.setVisible(used_in_case)
        self.correct_button.setVisible(correction)

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def copy_article(self) -> None:
        if self.article is not None:
            text = f"{self.article.title}\n\n{self.browser.plain_text()}"
            QGuiApplication.clipboard().setText(text)
            self.show_status(tr("The article is copied."))

    def print_article(self) -> None:
        if self.article is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.article.title)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.browser.print_to(printer)

    def _on_translation_clicked(self) -> None:
        if self.article is not None and self.article.translations:
            self.translation_requested.emit(self.article.translations[0][0])

    def _verdict(self, verdict: str) -> None:
        self.helpful_button.setEnabled(False)
        self.unhelpful_button.setEnabled(False)
        self.feedback_given.emit(verdict)


def meta_line(article: KbArticle) -> str:
    """ "English · debian-faq/en/pkgtools#pkgprogs · version 2" """
    version = tr("version %1").replace("%1", str(article.version))
    return " · ".join(p for p in (language_name(article.lang), article.source, version) if p)


def document_label(document: KbDocumentInfo) -> str:
    size = _size(document.size)
    text = tr("%1 (%2)").replace("%1", document.name).replace("%2", size)
    return text if document.offline else text + " · " + tr("opens when online")


def _size(size: int) -> str:
    if size >= 1_000_000:
        return tr("%1 MB").replace("%1", f"{size / 1_000_000:.1f}")
    return tr("%1 KB").replace("%1", str(max(1, round(size / 1000))))
