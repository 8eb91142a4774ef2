"""The main window's right-hand side: a hint until a customer is open, then the customer.

The window builds the panels (and builds them again on a language change); this page lays
them out and shows a loaded customer in them. Its texts keep the window's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from frontdesk.ui.desk_reads import CustomerView
from frontdesk.ui.widgets.crosssell_panel import CrossSellPanel
from frontdesk.ui.widgets.history_panel import HistoryPanel
from frontdesk.ui.widgets.profile_card import ProfileCard
from frontdesk.ui.widgets.timeline_panel import TimelinePanel

translate = QCoreApplication.translate


class CustomerPage(QStackedWidget):
    """The profile card, the offers and the History and Timeline tabs, or a hint without them."""

    def __init__(
        self,
        *,
        card: ProfileCard,
        offers: CrossSellPanel,
        history: HistoryPanel,
        timeline: TimelinePanel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("customerStack")
        self._card, self._history, self._timeline = card, history, timeline
        self.empty_label = _empty_label(self)
        self.tabs = _tabs(history, timeline, self)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(card)
        layout.addWidget(offers)
        layout.addWidget(self.tabs, 1)
        self.addWidget(self.empty_label)
        self.addWidget(page)

    def show_customer(self, customer_id: str, view: CustomerView) -> None:
        self._card.show_profile(view.profile)
        self._history.show_history(view.history)
        self._timeline.show_timeline(customer_id, view.timeline, total=view.timeline_total)
        self.setCurrentIndex(1)

    def show_empty_cache(self) -> None:
        """Say how to fill the cache instead of how to find a customer in it."""
        self.empty_label.setText(
            translate(
                "MainWindow",
                "The local cache has no customers yet.\n"
                "Log in and sync first: frontdesk login --server URL --user NAME, "
                "then frontdesk sync.",
            )
        )


def _empty_label(parent: QWidget) -> QLabel:
    label = QLabel(
        translate(
            "MainWindow", "Find a customer: type in the search box (Ctrl+F), then press Enter."
        ),
        parent,
    )
    label.setObjectName("emptyState")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _tabs(history: HistoryPanel, timeline: TimelinePanel, parent: QWidget) -> QTabWidget:
    tabs = QTabWidget(parent)
    tabs.setObjectName("customerTabs")
    tabs.setDocumentMode(True)
    tabs.setAccessibleName(translate("MainWindow", "Customer sections"))
    # Alt+H / Alt+T switch sections; Tab goes straight to the tables.
    tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tabs.addTab(history, translate("MainWindow", "&History"))
    tabs.addTab(timeline, translate("MainWindow", "&Timeline"))
    return tabs
