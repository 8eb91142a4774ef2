"""The main window's central widget: the lookup on the left, the open customer on the right.

The window builds it again, in the new language, when the language changes; what outlives
it (the reads, the flows, the menu and the status bar) lives in the window.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.ui.widgets.crosssell_panel import CrossSellPanel
from frontdesk.ui.widgets.customer_page import CustomerPage
from frontdesk.ui.widgets.history_panel import HistoryPanel
from frontdesk.ui.widgets.profile_card import ProfileCard
from frontdesk.ui.widgets.search_panel import SearchPanel
from frontdesk.ui.widgets.timeline_panel import TimelinePanel

Submit = Callable[..., None]


class DeskContent(QWidget):
    """The search panel beside the customer page (profile, offers, history and timeline).

    Args:
        queries: the cache's customer queries, for the panels that page through them.
        submit: runs a background operation (``OpRunner.submit``).
        can_write: the desk can write (the search offers to register a new customer).
        parent: the window.
    """

    def __init__(
        self,
        queries: AbstractCustomerQueries,
        *,
        submit: Submit,
        can_write: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.search_panel = SearchPanel(self)
        self.search_panel.can_create = can_write
        self.profile_card = ProfileCard(self)
        self.crosssell_panel = CrossSellPanel(self)
        self.history_panel = HistoryPanel(self)
        self.history_panel.bind(queries, submit)
        self.timeline_panel = TimelinePanel(self)
        self.timeline_panel.bind(queries, submit)
        self.customer_page = CustomerPage(
            card=self.profile_card,
            offers=self.crosssell_panel,
            history=self.history_panel,
            timeline=self.timeline_panel,
            parent=self,
        )
        self.customer_tabs = self.customer_page.tabs
        self._lay_out()

    def _lay_out(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.search_panel)
        splitter.addWidget(self.customer_page)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([560, 720])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 4)
        layout.addWidget(splitter)
        self.setTabOrder(self.search_panel.search_edit, self.search_panel.results_view)
        self.setTabOrder(self.search_panel.results_view, self.history_panel.history_view)
        self.setTabOrder(self.history_panel.history_view, self.timeline_panel.view)

    def chain_feedback_buttons(self) -> None:
        """Offers arrive after the panels: put their buttons where they are read."""
        chain = [
            self.search_panel.results_view,
            *self.crosssell_panel.feedback_buttons.values(),
            self.history_panel.history_view,
        ]
        for before, after in pairwise(chain):
            self.setTabOrder(before, after)
