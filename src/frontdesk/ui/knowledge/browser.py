"""The article's text: Markdown rendered in a ``QTextBrowser`` that loads nothing by itself.

``loadResource`` answers nothing for every URL (a remote image, a local file named by an
article, a stylesheet): an article cannot make the desk reach the network or read its disk.
Links do nothing until clicked; then another article or a document opens here, an external
page in the system's browser.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from frontdesk.ui.knowledge.texts import article_html

_PAGE = re.compile(r"page=(\d+)")
EXTERNAL = ("http", "https", "mailto")


class ArticleBrowser(QTextBrowser):
    """Shows one article's body.

    Signals:
        article_linked(str): a link to this article id was clicked.
        document_linked(str, int): a link to this document (sha256) at this page (1 when
            the link names none) was clicked.
        external_opened(str): this external address was handed to the system's browser.
    """

    article_linked = Signal(str)
    document_linked = Signal(str, int)
    external_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbArticleText")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        #: Every resource the text asked for and was refused (tests read it).
        self.refused: list[str] = []
        self.anchorClicked.connect(self._on_anchor_clicked)

    def show_markdown(self, body_md: str) -> None:
        self.setHtml(article_html(body_md))

    def loadResource(self, kind: int, url: QUrl) -> object:
        self.refused.append(url.toString())
        return None

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == "kb":
            self._follow_kb(url)
        elif scheme in EXTERNAL:
            QDesktopServices.openUrl(url)
            self.external_opened.emit(url.toString())
        elif not scheme and url.hasFragment():
            self.scrollToAnchor(url.fragment())

    def _follow_kb(self, url: QUrl) -> None:
        kind, _, ident = url.path().partition("/")
        if kind == "article" and ident:
            self.article_linked.emit(ident)
        elif kind == "document" and ident:
            page = _PAGE.search(url.fragment())
            self.document_linked.emit(ident, int(page.group(1)) if page else 1)

    def plain_text(self) -> str:
        return self.document().toPlainText()

    def print_to(self, printer: object) -> None:
        document: QTextDocument = self.document()
        document.print_(printer)
