"""The knowledge base in the main window: the Knowledge page (Desk > Knowledge base, Ctrl+K),
the Articles tab beside the open customer (rebuilt with the panels on a language change),
articles suggested in a case's window and at the till, each opening in a reader.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from shiboken6 import isValid

from frontdesk.services.knowledge.desk import DeskKnowledge
from frontdesk.ui.knowledge.panel import KnowledgePanel
from frontdesk.ui.knowledge.reader_flows import KbWriter, Opening, ReaderFlows
from frontdesk.ui.knowledge.suggestions import ArticleWindow, KbSuggester, SuggestionsBox

SUGGESTED = 5
translate = QCoreApplication.translate


class DeskKnowledgeUi(QObject):
    """Wires the knowledge base into ``window`` (a ``MainWindow``).

    Signals:
        hits_shown(int): the Knowledge page shows this many answers.
        suggestions_shown(str, int): this many suggestions for a "customer", "case" or "till".
    """

    hits_shown = Signal(int)
    suggestions_shown = Signal(str, int)

    def __init__(self, window: Any, knowledge: DeskKnowledge, writer: KbWriter | None) -> None:
        super().__init__(window)
        self.window, self.knowledge, self.writer = window, knowledge, writer
        self.panel = KnowledgePanel(window.pages)
        window.pages.addWidget(self.panel)
        self.panel.back_requested.connect(window.show_customer_page)
        self.panel.search_requested.connect(self.search)
        self.panel.hit_chosen.connect(self._on_panel_hit_chosen)
        self.reader = ReaderFlows(knowledge, submit=window.ops.submit, writer=writer,
                                  reader=self.panel.reader, parent=self)  # fmt: skip
        # The till's window gets this one too: its basket's articles come from here.
        self.suggester = KbSuggester(knowledge, submit=window.ops.submit, writer=writer,
                                     parent=self)  # fmt: skip
        self.suggester.suggestions_shown.connect(self.suggestions_shown)
        self.action = QAction("", window)
        self.action.setObjectName("knowledgeAction")
        self.action.setShortcut(QKeySequence("Ctrl+K"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.show_page)
        actions = window.desk_actions
        actions.desk_menu.insertAction(actions.customer_page_action, self.action)
        self.customer_id: str | None = None
        self.tab: SuggestionsBox | None = None
        window.customer_shown.connect(self.suggest_for_customer)
        window.content_built.connect(self.show_on_content)
        if window.case_flows is not None:
            window.case_flows.case_shown.connect(self._on_case_shown)
        self.show_on_content()

    @Slot(str)
    def _on_case_shown(self, _case_id: str) -> None:
        view = self.window.case_flows.view
        if view is not None and isValid(view) and view.findChild(SuggestionsBox) is None:
            self.suggest_for_case(view)

    @Slot()
    def show_on_content(self) -> None:
        """The Articles tab on the panels just built, and the words of what outlives them."""
        tabs = self.window.customer_tabs
        self.tab = SuggestionsBox(tabs)
        tabs.addTab(self.tab, translate("MainWindow", "&Articles"))
        self.tab.hit_chosen.connect(lambda ident: self.open_article(ident, Opening("customer")))
        self.action.setText(translate("MainWindow", "&Knowledge base"))
        self.action.setToolTip(translate("MainWindow", "Search the company's articles and "
                                                       "documents, offline (Ctrl+K)"))  # fmt: skip
        self.knowledge.language = self.window.appearance.language
        self.panel.retranslate()
        if self.customer_id is not None:
            self.suggest_for_customer(self.customer_id)

    def show_page(self) -> None:
        self.window.pages.setCurrentWidget(self.panel)
        self.panel.focus_search()

    def search(self, text: str) -> None:
        self.window.ops.submit(lambda: self.knowledge.search(text, limit=20),
                               on_success=lambda hits: self._on_searched(text, hits),
                               channel="kb-search")  # fmt: skip

    def _on_searched(self, text: str, hits: list) -> None:
        self.panel.show_hits(text, hits)
        self.hits_shown.emit(len(hits))

    def open_article(self, article_id: str, opening: Opening) -> None:
        """On the Knowledge page, in the window: a search's answer or the customer's."""
        self.window.pages.setCurrentWidget(self.panel)
        self.reader.open_article(article_id, opening)

    @Slot(str)
    def _on_panel_hit_chosen(self, article_id: str) -> None:
        self.reader.open_article(article_id, Opening("search", query=self.panel.query()))

    @Slot(str)
    def suggest_for_customer(self, customer_id: str) -> None:
        self.customer_id = customer_id
        self._suggest("customer", lambda: self.knowledge.for_customer(customer_id, limit=SUGGESTED),
                      lambda: self.tab)  # fmt: skip

    def suggest_for_case(self, view: Any) -> SuggestionsBox:
        """A Suggested articles list in a case's window, for its category and words."""
        case = view.bundle.case
        box = SuggestionsBox(view)
        view.layout().addWidget(box)
        box.hit_chosen.connect(lambda ident: self.open_in_window(
            ident, Opening("case", case_id=case.id), parent=view))  # fmt: skip
        self._suggest("case", lambda: self.knowledge.for_case(
            category=case.category, subject=case.subject, description=case.description,
            limit=SUGGESTED), lambda: box)  # fmt: skip
        return box

    def suggest_for_basket(self, box: SuggestionsBox, skus: list[str]) -> None:
        self.suggester.for_basket(box, skus, limit=SUGGESTED)

    def _suggest(self, context: str, work: Any, box: Any) -> None:
        self.suggester.suggest(context, work, box)

    def open_in_window(self, article_id: str, opening: Opening, *, parent: Any) -> ArticleWindow:
        """An article in a window of its own (from a case or the till)."""
        return self.suggester.open_in_window(article_id, opening, parent=parent)
