"""The main window: lookup on the left, the open customer (profile, history, lines) on the right.

Every question to the cache goes through ``OpRunner``: the window submits a plain function of
the queries port and shows the answer when it comes back on the main thread. Searches,
customer loads and line loads each have their own channel, so a newer request always wins.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.desk import DeskWrites
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.read_models import (
    CustomerProfile,
    RecommendationRow,
    SyncStatus,
    TimelineEvent,
)
from frontdesk.ui.appearance import Appearance
from frontdesk.ui.formatting import format_count, format_datetime
from frontdesk.ui.history_model import HistoryPage, load_history
from frontdesk.ui.icons import themed_icon
from frontdesk.ui.layout_memory import restore_layout, restore_panels, save_layout, save_panels
from frontdesk.ui.ops import OpRunner
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.settings_dialog import SettingsDialog
from frontdesk.ui.widgets.crosssell_panel import CrossSellPanel
from frontdesk.ui.widgets.history_panel import HISTORY_CHANNEL, HistoryPanel
from frontdesk.ui.widgets.profile_card import ProfileCard
from frontdesk.ui.widgets.search_panel import SearchPanel
from frontdesk.ui.widgets.timeline_panel import TIMELINE_CHANNEL, TimelinePanel
from frontdesk.ui.write_flows import WriteFlows

#: How many matches one search shows; the lookup issue brings paging and ranking.
SEARCH_LIMIT = 50
SEARCH_CHANNEL, CUSTOMER_CHANNEL, LINES_CHANNEL = "search", "customer", "lines"
CROSSSELL_CHANNEL = "crosssell"
#: Offers shown for the open customer.
RECOMMENDATIONS = 5


@dataclass(frozen=True, slots=True)
class CustomerView:
    """Everything the right-hand side shows for one customer, loaded in one operation."""

    profile: CustomerProfile
    timeline: list[TimelineEvent]  # the newest page; the panel fetches more as it scrolls
    timeline_total: int
    history: HistoryPage


def load_customer(queries: AbstractCustomerQueries, customer_id: str) -> CustomerView | None:
    profile = queries.profile(customer_id)
    if profile is None:
        return None
    return CustomerView(
        profile,
        queries.timeline(customer_id),
        queries.timeline_count(customer_id),
        load_history(queries, customer_id),
    )


class MainWindow(QMainWindow):
    """Frontdesk's main window over a customer-queries port.

    Signals:
        customer_shown(str): the profile and history of this customer id are on screen.
        lines_shown(str): the lines of this purchase id are on screen.
        sync_status_shown(): the status bar shows the cache's sync status.
        recommendations_shown(str): the cross-sell panel shows this customer's offers
            (or why there are none).
    """

    customer_shown = Signal(str)
    recommendations_shown = Signal(str)
    lines_shown = Signal(str)
    sync_status_shown = Signal()

    def __init__(
        self,
        queries: AbstractCustomerQueries,
        *,
        preferences: Preferences | None = None,
        writes: DeskWrites | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.queries = queries
        self.preferences = preferences or Preferences()
        self.appearance = Appearance(self.preferences, self)
        self.appearance.apply_saved()  # before any text is made: it picks the translator
        self.appearance.language_changed.connect(self._on_appearance_language_changed)
        self.ops = OpRunner(self)
        self.ops.failed.connect(self._on_ops_failed)
        self.setObjectName("mainWindow")
        self.settings_dialog: SettingsDialog | None = None
        self._customer_id: str | None = None
        self.current_profile: CustomerProfile | None = None
        self.write_flows = WriteFlows(self, writes)
        self._build_actions()
        self._build_status_bar()
        self._build_content()
        self.resize(1280, 800)
        restore_layout(self, self.preferences)

    # Construction

    def _build_content(self) -> None:
        """Every panel, in the current language (built again when the language changes)."""
        self.setWindowTitle(self.tr("Frontdesk"))
        self.search_panel = SearchPanel(self)
        self.search_panel.can_create = self.write_flows.available()
        self.profile_card = ProfileCard(self)
        self.crosssell_panel = CrossSellPanel(self)
        self.crosssell_panel.feedback_enabled = self.write_flows.available()
        self.history_panel = HistoryPanel(self)
        self.history_panel.bind(self.queries, self.ops.submit)
        self.timeline_panel = TimelinePanel(self)
        self.timeline_panel.bind(self.queries, self.ops.submit)
        self.empty_label = self._make_empty_label()
        self.customer_stack = self._make_customer_stack()
        self._build_central()
        self._connect()
        self._translate_chrome()

    def _build_actions(self) -> None:
        self.find_action = QAction(themed_icon("search"), "", self)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("F3")])
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.find_action.triggered.connect(lambda: self.search_panel.focus_search())
        self.contact_action = self._customer_action("contactAction", "Ctrl+L")
        self.contact_action.triggered.connect(self.log_contact)
        self.edit_action = self._customer_action("editCustomerAction", "Ctrl+E")
        self.edit_action.triggered.connect(self.edit_customer)
        self.settings_action = QAction(themed_icon("settings"), "", self)
        self.settings_action.setObjectName("settingsAction")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.quit_action = QAction("", self)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.desk_menu = self.menuBar().addMenu("")
        self.desk_menu.addActions(
            [self.find_action, self.contact_action, self.edit_action, self.settings_action]
        )
        self.till_action = QAction("", self)
        self.till_action.setObjectName("tillAction")
        self.till_action.setEnabled(False)  # until set_till() gives the desk's till
        self.till_action.triggered.connect(self.open_till)
        self.desk_menu.addAction(self.till_action)
        self.lock_action = self._customer_action("lockAction", "Ctrl+Shift+L")  # Ctrl+L: contact
        self.desk_menu.addAction(self.lock_action)
        self.desk_menu.addSeparator()
        self.desk_menu.addAction(self.quit_action)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addActions(
            [self.find_action, self.contact_action, self.edit_action, self.settings_action]
        )
        self.addToolBar(self.toolbar)

    def _customer_action(self, name: str, shortcut: str) -> QAction:
        action = QAction("", self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setEnabled(False)  # until a customer is open (and the desk can write)
        return action

    def _translate_chrome(self) -> None:
        # Menus, toolbar and status bar outlive a language change; only their texts change.
        self.desk_menu.setTitle(self.tr("&Desk"))
        self.find_action.setText(self.tr("&Find customer"))
        self.find_action.setToolTip(self.tr("Find a customer (Ctrl+F or F3)"))
        self.contact_action.setText(self.tr("&Log contact…"))
        self.contact_action.setToolTip(self.tr("Log a call, visit or e-mail (Ctrl+L)"))
        self.edit_action.setText(self.tr("&Edit customer…"))
        self.edit_action.setToolTip(self.tr("Edit contacts and notes (Ctrl+E)"))
        self.settings_action.setText(self.tr("&Settings…"))
        self.settings_action.setToolTip(self.tr("Language and theme (Ctrl+,)"))
        self.till_action.setText(self.tr("&Till…"))
        self.lock_action.setText(self.tr("L&ock"))
        self.lock_action.setToolTip(self.tr("Hide the desk until someone signs in (Ctrl+Shift+L)"))
        self.quit_action.setText(self.tr("&Quit"))
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        self.toolbar.setAccessibleName(self.tr("Toolbar"))
        self.server_label.setAccessibleName(self.tr("Server"))
        self.user_label.setAccessibleName(self.tr("User"))
        self.sync_label.setAccessibleName(self.tr("Sync"))

    def _make_empty_label(self) -> QLabel:
        label = QLabel(
            self.tr("Find a customer: type in the search box (Ctrl+F), then press Enter."), self
        )
        label.setObjectName("emptyState")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        return label

    def _make_customer_stack(self) -> QStackedWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.profile_card)
        layout.addWidget(self.crosssell_panel)
        layout.addWidget(self._make_customer_tabs(), 1)
        stack = QStackedWidget(self)
        stack.setObjectName("customerStack")
        stack.addWidget(self.empty_label)
        stack.addWidget(page)
        return stack

    def _make_customer_tabs(self) -> QTabWidget:
        self.customer_tabs = QTabWidget(self)
        self.customer_tabs.setObjectName("customerTabs")
        self.customer_tabs.setDocumentMode(True)
        self.customer_tabs.setAccessibleName(self.tr("Customer sections"))
        # Alt+H / Alt+T switch sections; Tab goes straight to the tables.
        self.customer_tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.customer_tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.customer_tabs.addTab(self.history_panel, self.tr("&History"))
        self.customer_tabs.addTab(self.timeline_panel, self.tr("&Timeline"))
        return self.customer_tabs

    def _build_central(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.search_panel)
        splitter.addWidget(self.customer_stack)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([560, 720])
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 10, 10, 4)
        layout.addWidget(splitter)
        self.setCentralWidget(central)
        self.setTabOrder(self.search_panel.search_edit, self.search_panel.results_view)
        self.setTabOrder(self.search_panel.results_view, self.history_panel.history_view)
        self.setTabOrder(self.history_panel.history_view, self.timeline_panel.view)

    def _chain_feedback_buttons(self) -> None:
        # Offers arrive after the panels: put their buttons where they are read.
        chain = [
            self.search_panel.results_view,
            *self.crosssell_panel.feedback_buttons.values(),
            self.history_panel.history_view,
        ]
        for before, after in pairwise(chain):
            self.setTabOrder(before, after)

    def _build_status_bar(self) -> None:
        self.server_label = self._status_label("statusServer")
        self.user_label = self._status_label("statusUser")
        self.sync_label = self._status_label("statusSync")
        for label in (self.server_label, self.user_label, self.sync_label):
            self.statusBar().addPermanentWidget(label)

    def _status_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setContentsMargins(8, 0, 8, 0)
        return label

    def _connect(self) -> None:
        self.search_panel.search_requested.connect(self._on_search_panel_search_requested)
        self.search_panel.customer_chosen.connect(self.open_customer)
        self.search_panel.new_customer_requested.connect(self.write_flows.new_customer)
        self.history_panel.lines_shown.connect(self.lines_shown)
        self.crosssell_panel.feedback_given.connect(self._on_crosssell_panel_feedback_given)

    # Actions (each runs its query as a background operation)

    def refresh_sync_status(self) -> None:
        self.ops.submit(self.queries.sync_status, on_success=self._on_sync_status_loaded)

    def open_settings(self) -> None:
        """Open the Settings dialog (language, theme); OK applies the choice at once."""
        dialog = SettingsDialog(
            language=self.preferences.language, theme=self.preferences.theme, parent=self
        )
        dialog.accepted.connect(lambda: self._on_settings_dialog_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def retranslate(self) -> None:
        """Build the panels again in the current language; the customer and the search stay."""
        channels = (SEARCH_CHANNEL, CUSTOMER_CHANNEL, LINES_CHANNEL, CROSSSELL_CHANNEL)
        for channel in (*channels, HISTORY_CHANNEL, TIMELINE_CHANNEL):
            self.ops.supersede(channel)
        save_panels(self, self.preferences)
        query = self.search_panel.search_edit.text()
        old = self.centralWidget()
        self._build_content()
        old.deleteLater()
        restore_panels(self, self.preferences)
        self.search_panel.search_edit.setText(query)
        if self._customer_id is not None:
            self.open_customer(self._customer_id)
        self.refresh_sync_status()

    def set_till(self, till_factory: Callable[[], Any]) -> None:
        """Enable Desk > Till…; ``till_factory`` makes the desk's ``TillDesk`` (reads the cache)."""
        self._till_factory = till_factory
        self.till_action.setEnabled(True)

    def set_lock(self, sign_in: Callable[[str, str], Any], *, offline_days: int) -> Any:
        """Enable Desk > Lock: a lock screen any user of the desk signs in on (ui/lock_screen)."""
        from frontdesk.ui.lock_screen import LockScreen

        self.lock_screen = LockScreen(
            self, sign_in=sign_in, submit=self.ops.submit, offline_days=offline_days
        )
        self.lock_action.triggered.connect(lambda: self.lock_screen.lock())
        self.lock_screen.unlocked.connect(lambda _user: self.refresh_sync_status())
        self.lock_action.setEnabled(True)
        return self.lock_screen

    def open_till(self) -> None:
        """Open the till in its own window; the desk is made off the UI thread."""
        from frontdesk.ui.till import open_till_window

        factory = getattr(self, "_till_factory", None)
        if factory is not None:
            self.ops.submit(factory, on_success=lambda desk: open_till_window(self, desk))

    def log_contact(self) -> None:
        if self.current_profile is not None and self.write_flows.available():
            self.write_flows.log_contact(self.current_profile)

    def edit_customer(self) -> None:
        if self.current_profile is not None and self.write_flows.available():
            self.write_flows.edit_profile(self.current_profile)

    def open_customer(self, customer_id: str) -> None:
        self._customer_id = customer_id
        self.ops.supersede(LINES_CHANNEL)
        self.ops.submit(
            lambda: load_customer(self.queries, customer_id),
            on_success=lambda view: self._on_customer_loaded(customer_id, view),
            channel=CUSTOMER_CHANNEL,
        )
        self.load_recommendations(customer_id)

    def load_recommendations(self, customer_id: str) -> None:
        self.crosssell_panel.show_loading()
        self.ops.submit(
            lambda: self.queries.recommendations(customer_id, k=RECOMMENDATIONS),
            on_success=lambda offers: self._on_recommendations_loaded(customer_id, offers),
            on_failure=lambda message: self._on_recommendations_failed(customer_id, message),
            channel=CROSSSELL_CHANNEL,
        )

    def open_first_customer(self) -> None:
        """Open the customer with the latest purchase, if the cache has any (demo, smoke)."""
        self.ops.submit(self.queries.first_customer_id, on_success=self._on_first_customer_found)

    def search(self, query: str) -> None:
        if not query:
            self.ops.supersede(SEARCH_CHANNEL)
            self.search_panel.show_results(query, [])
            self.search_panel.show_hint()
            return
        self.search_panel.show_searching()
        self.ops.submit(
            lambda: self.queries.search(query, limit=SEARCH_LIMIT),
            on_success=lambda matches: self.search_panel.show_results(query, matches),
            on_failure=self.search_panel.show_error,
            channel=SEARCH_CHANNEL,
        )

    # Results

    def _on_customer_loaded(self, customer_id: str, view: CustomerView | None) -> None:
        if view is None:
            self.statusBar().showMessage(
                self.tr("Customer %1 is not in the local cache.").replace("%1", customer_id)
            )
            return
        self.current_profile = view.profile
        self.profile_card.show_profile(view.profile)
        self.history_panel.show_history(view.history)
        self.timeline_panel.show_timeline(customer_id, view.timeline, total=view.timeline_total)
        for action in (self.contact_action, self.edit_action):
            action.setEnabled(self.write_flows.available())
        self.customer_stack.setCurrentIndex(1)
        self.customer_shown.emit(customer_id)

    def _on_recommendations_loaded(self, customer_id: str, offers: list[RecommendationRow]) -> None:
        self.crosssell_panel.show_recommendations(offers)
        self._chain_feedback_buttons()
        self.recommendations_shown.emit(customer_id)

    def _on_recommendations_failed(self, customer_id: str, message: str) -> None:
        self.crosssell_panel.show_unavailable(message)
        self.recommendations_shown.emit(customer_id)

    def _on_first_customer_found(self, customer_id: str | None) -> None:
        if customer_id is not None:
            self.open_customer(customer_id)

    def _on_sync_status_loaded(self, status: SyncStatus) -> None:
        self.server_label.setText(self.tr("Server: %1").replace("%1", status.server_url or "—"))
        self.user_label.setText(self.tr("User: %1").replace("%1", status.username or "—"))
        self.sync_label.setText(self._sync_text(status))
        if status.customers == 0:
            self.empty_label.setText(
                self.tr(
                    "The local cache has no customers yet.\n"
                    "Log in and sync first: frontdesk login --server URL --user NAME, "
                    "then frontdesk sync."
                )
            )
        self.sync_status_shown.emit()

    def _sync_text(self, status: SyncStatus) -> str:
        if status.last_pull_at is None:
            return self.tr("Never synced")
        return (
            self.tr("Synced %1 · cursor %2 · %3 customers · %4 purchases")
            .replace("%1", format_datetime(status.last_pull_at))
            .replace("%2", str(status.cursor))
            .replace("%3", format_count(status.customers))
            .replace("%4", format_count(status.purchases))
        )

    # Slots

    @Slot(str)
    def _on_search_panel_search_requested(self, query: str) -> None:
        self.search(query)

    @Slot(object, str)
    def _on_crosssell_panel_feedback_given(self, offer: RecommendationRow, outcome: str) -> None:
        if self._customer_id is not None and self.write_flows.available():
            self.write_flows.record_feedback(self._customer_id, offer, outcome)

    @Slot(str)
    def _on_ops_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Could not read the cache: %1").replace("%1", message))

    @Slot(str)
    def _on_appearance_language_changed(self, _language: str) -> None:
        # After the dialog has closed: never rebuild under a running slot of the old widgets.
        QTimer.singleShot(0, self.retranslate)

    def _on_settings_dialog_accepted(self, dialog: SettingsDialog) -> None:
        self.appearance.choose(language=dialog.language(), theme=dialog.theme())

    def closeEvent(self, event: QCloseEvent) -> None:
        save_layout(self, self.preferences)
        self.ops.shutdown()
        super().closeEvent(event)


def build_main_window(
    queries: AbstractCustomerQueries,
    *,
    open_first: bool = False,
    preferences: Preferences | None = None,
    writes: DeskWrites | None = None,
) -> MainWindow:
    """The main window over ``queries``, with the sync status requested.

    With ``open_first`` the customer with the latest purchase is opened once the cache answers.
    ``preferences`` (default: in memory only) keep the layout, language and theme;
    ``writes`` (default: none, a read-only window) log contacts, edits and feedback.
    """
    window = MainWindow(queries, preferences=preferences, writes=writes)
    window.refresh_sync_status()
    if open_first:
        window.open_first_customer()
    return window
