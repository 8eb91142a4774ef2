"""The Knowledge page: one search box, the answers as they are typed (title and snippet with
the matched words marked, language and source), and the reader beside them.

By keys only: type; Down or Enter goes to the answers (Enter opens the first); Up/Down choose
and open; Enter reads the article (the keyboard goes into it); Esc from the article comes
back to the answers, from the answers to the search box, from the search box to the customer.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.knowledge.ports import KbHit
from frontdesk.ui.knowledge.reader import KbReader
from frontdesk.ui.knowledge.results import HitDelegate, KbHitsModel
from frontdesk.ui.knowledge.texts import tr

#: Typing pauses this long before the answers follow.
TYPING_PAUSE_MS = 150
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class KnowledgePanel(QWidget):
    """The window's Knowledge page.

    Signals:
        back_requested(): the agent asked for the customer page again.
        search_requested(str): search these words.
        hit_chosen(str): read this article id.
    """

    back_requested = Signal()
    search_requested = Signal(str)
    hit_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knowledgePanel")
        self.model = KbHitsModel(self)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._on_typing_timeout)
        self._searched = ""
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("knowledgeBack")
        self.back_button.clicked.connect(self.back_requested)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("knowledgeSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textEdited.connect(lambda _text: self._typing.start())
        self.search_box.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("knowledgeCount")
        self.results = QListView(self)
        self.results.setObjectName("knowledgeResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A steady width: rows measured before a scroll bar appeared would overlap after it.
        self.results.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.results.activated.connect(self._on_results_activated)
        self.results.installEventFilter(self)
        self.reader = KbReader(self)
        self.reader.article_view.browser.installEventFilter(self)
        self._lay_out()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.search_box, 1)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.results, 1)
        column.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([480, 720])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.search_box, self.results)
        self.setTabOrder(self.results, self.reader)

    def retranslate(self) -> None:
        self.back_button.setText(tr("← Customer"))
        self.back_button.setToolTip(tr("The customer page again (Esc)"))
        self.search_box.setPlaceholderText(
            tr("Ask in your own words, in English or Russian (Ctrl+K)"))  # fmt: skip
        self.search_box.setAccessibleName(tr("Search the knowledge base"))
        self.results.setAccessibleName(tr("Articles found"))
        self.reader.retranslate()
        self.show_count()

    def show_hits(self, text: str, hits: Sequence[KbHit]) -> None:
        """The answers to ``text`` (an older search's answers never arrive here)."""
        self._searched = text
        self.model.show_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        self.show_count()

    def show_count(self) -> None:
        total = len(self.model.hits)
        text = tr("Articles: %1").replace("%1", str(total)) if total else ""
        if not total and self._searched:
            text = tr("No article answers this; try other words.")
        self.count_label.setText(text)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def focus_results(self) -> None:
        if self.model.rowCount():
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0, 0))

    def search_now(self) -> None:
        self._typing.stop()
        self.search_requested.emit(self.search_box.text().strip())

    def query(self) -> str:
        return self.search_box.text().strip()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and watched is not self.search_box:
                event.accept()  # Esc steps back inside the page before the window's Esc
                return True
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._key(watched, event.key()):
                return True
        return super().eventFilter(watched, event)

    def _key(self, watched: QObject, key: int) -> bool:
        """One key of the page's own; True when it was used."""
        if watched is self.search_box:
            if key in _ENTER_KEYS and self.model.rowCount():
                self.focus_results()
                self._on_results_activated(self.results.currentIndex())
                return True
            if key == Qt.Key.Key_Down and self.model.rowCount():
                self.focus_results()
                return True
            if key == Qt.Key.Key_Escape:
                self.back_requested.emit()
                return True
        elif watched is self.results and key == Qt.Key.Key_Escape:
            self.focus_search()
            return True
        elif watched is self.reader.article_view.browser and key == Qt.Key.Key_Escape:
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    @Slot()
    def _on_typing_timeout(self) -> None:
        self.search_now()

    @Slot(QModelIndex)
    def _on_results_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.hit_chosen.emit(self.model.hits[index.row()].article_id)
