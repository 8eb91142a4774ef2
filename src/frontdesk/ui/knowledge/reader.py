"""A reader: the article (``ArticleView``) and its documents (``PdfPane``) in one place,
with a line saying what to do before anything is open. Esc in a document goes back to its
article."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from frontdesk.ui.knowledge.article_view import ArticleView
from frontdesk.ui.knowledge.pdf_view import PdfPane
from frontdesk.ui.knowledge.texts import tr


class KbReader(QStackedWidget):
    """The article or a document of it; ``hint`` until an article is open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbReader")
        self.hint = QLabel(self)
        self.hint.setObjectName("kbReaderHint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.article_view = ArticleView(self)
        self.pdf_pane = PdfPane(self)
        for widget in (self.hint, self.article_view, self.pdf_pane):
            self.addWidget(widget)
        self.pdf_pane.back_requested.connect(self.show_article_page)
        self.pdf_pane.installEventFilter(self)
        self.pdf_pane.view.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.hint.setText(tr("Type a question in your own words: the answers appear as you "
                             "type. Up/Down choose, Enter opens."))  # fmt: skip
        self.article_view.retranslate()
        self.pdf_pane.retranslate()

    def show_article_page(self) -> None:
        self.setCurrentWidget(self.article_view)
        self.article_view.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_pdf_page(self) -> None:
        self.setCurrentWidget(self.pdf_pane)
        self.pdf_pane.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        in_pdf = self.currentWidget() is self.pdf_pane and self.article_view.article is not None
        if event.type() == QEvent.Type.ShortcutOverride and in_pdf:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                event.accept()  # back to the article, not the window's Esc
                return True
        if event.type() == QEvent.Type.KeyPress and self.currentWidget() is self.pdf_pane:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.article_view.article is not None:
                self.show_article_page()
                return True
        return super().eventFilter(watched, event)
