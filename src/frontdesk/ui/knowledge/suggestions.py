"""Suggested articles beside what the agent has open (a customer, a case, a till's basket),
the window an article chosen there opens in, and ``KbSuggester`` which fills the one and
opens the other in background operations."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget
from shiboken6 import isValid

from frontdesk.services.knowledge.desk import DeskKnowledge
from frontdesk.services.knowledge.ports import KbHit
from frontdesk.ui.knowledge.reader import KbReader
from frontdesk.ui.knowledge.reader_flows import KbWriter, Opening, ReaderFlows, Submit
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
        self.flows: ReaderFlows | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.reader)
        self.resize(820, 680)


class KbSuggester(QObject):
    """Fills suggestion boxes and opens the article chosen in one, off the UI thread.

    Args:
        knowledge: the desk's knowledge base.
        submit: runs a background operation (``OpRunner.submit``).
        writer: writes 'shown' and the feedback (None: nothing is written).

    Signals:
        suggestions_shown(str, int): this many suggestions for a "customer", "case" or "till".
    """

    suggestions_shown = Signal(str, int)

    def __init__(self, knowledge: DeskKnowledge, *, submit: Submit, writer: KbWriter | None,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.knowledge, self.writer, self._submit = knowledge, writer, submit

    def suggest(self, context: str, work: Callable[[], list[KbHit]],
                box: Callable[[], QWidget | None]) -> None:  # fmt: skip
        """``work``'s hits into ``box()`` (any widget with ``show_hits``), looked up when
        they come: it may be gone by then."""

        def show(hits: list[KbHit]) -> None:
            target = box()
            if target is not None and isValid(target):
                target.show_hits(hits)  # type: ignore[attr-defined]
                self.suggestions_shown.emit(context, len(hits))

        self._submit(work, on_success=show, on_failure=lambda _why: None,
                     channel=f"kb-suggest-{context}")  # fmt: skip

    def for_basket(self, box: QWidget, skus: list[str], *, limit: int = 5) -> None:
        self.suggest("till", lambda: self.knowledge.for_products(skus, limit=limit), lambda: box)

    def open_in_window(self, article_id: str, opening: Opening, *, parent: Any) -> ArticleWindow:
        """An article in a window of its own (from a case or the till)."""
        window = ArticleWindow(parent)
        window.flows = ReaderFlows(self.knowledge, submit=self._submit, writer=self.writer,
                                   reader=window.reader, parent=window)  # fmt: skip
        window.flows.open_article(article_id, opening)
        window.show()
        return window
