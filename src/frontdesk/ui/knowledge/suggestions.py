"""Suggested articles beside what the agent has open (a customer, a case, a till's basket),
and the window an article chosen there opens in."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from frontdesk.services.knowledge.ports import KbHit
from frontdesk.ui.knowledge.reader import KbReader
from frontdesk.ui.knowledge.results import HitDelegate, KbHitsModel
from frontdesk.ui.knowledge.texts import tr


class SuggestionsBox(QWidget):
    """A short list of articles (titles, language and source); Enter or a click opens one.

    Signals:
        hit_chosen(str): read this article id.
    """

    hit_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbSuggestions")
        self.model = KbHitsModel(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("kbSuggestionsHeading")
        self.list = QListView(self)
        self.list.setObjectName("kbSuggestionsList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(HitDelegate(self.list, snippet=False))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.list.activated.connect(self._on_list_activated)
        self.list.clicked.connect(self._on_list_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.list.setAccessibleName(tr("Suggested articles"))
        self.show_hits(self.model.hits)

    def show_hits(self, hits: Sequence[KbHit]) -> None:
        self.model.show_hits(hits)
        self.heading.setText(tr("Suggested articles") if hits else
                             tr("No suggested articles for this."))  # fmt: skip

    @Slot(QModelIndex)
    def _on_list_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.hit_chosen.emit(self.model.hits[index.row()].article_id)


class ArticleWindow(QWidget):
    """An article opened from a suggestion, in a window of its own beside the case or till."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("kbArticleWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(tr("Article"))
        self.reader = KbReader(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reader)
        self.resize(820, 680)
