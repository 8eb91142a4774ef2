"""A document on screen: a PDF in Qt's own viewer (``QPdfView``), or, plainly, why it
cannot be shown (not available offline; no good copy)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.ui.knowledge.texts import tr


class PdfPane(QWidget):
    """The document part of a reader.

    Signals:
        back_requested(): the agent wants the article again.
        document_shown(str): this file's pages are on screen.
    """

    back_requested = Signal()
    document_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbPdfPane")
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("kbPdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("kbPdfBack")
        self.back_button.clicked.connect(self.back_requested)
        self.name_label = QLabel(self)
        self.name_label.setObjectName("kbPdfName")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("kbPdfMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.name_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(self.view, 1)

    def retranslate(self) -> None:
        self.back_button.setText(tr("← Article"))
        self.back_button.setToolTip(tr("The article again (Esc)"))
        self.view.setAccessibleName(tr("Document"))

    def show_loading(self, name: str) -> None:
        self.document.close()
        self.name_label.setText(name)
        self.message_label.setText(tr("Opening…"))
        self.message_label.setVisible(True)

    def show_pdf(self, path: Path, *, page: int = 1) -> bool:
        """The file's pages from ``page`` (1-based); False when Qt cannot read it."""
        self.document.close()
        if self.document.load(str(path)) != QPdfDocument.Error.None_:
            self.show_message(tr("This document cannot be shown: the file is not a PDF "
                                 "this desk can read."))  # fmt: skip
            return False
        self.message_label.setVisible(False)
        self.view.setVisible(True)
        last = max(self.document.pageCount() - 1, 0)
        self.view.pageNavigator().jump(min(max(page - 1, 0), last), QPointF(), 0)
        self.document_shown.emit(str(path))
        return True

    def show_message(self, text: str) -> None:
        self.document.close()
        self.view.setVisible(False)
        self.message_label.setText(text)
        self.message_label.setVisible(True)

    def page_count(self) -> int:
        return self.document.pageCount()
