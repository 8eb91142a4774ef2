"""The main window: lookup on the left, the open customer (profile, history, lines) on the right.

The window composes the panels (``DeskContent``, built again on a language change) and the
collaborators that outlive them: ``DeskReads`` asks the cache (every question a background
operation), ``WriteFlows`` runs the desk's writes, ``CrossSellFlows`` the offers and their
feedback, ``ConflictFlows`` edit conflicts; ``DeskActions`` holds the menu and the toolbar,
``CacheStatus`` the status bar. They report back by signal; the window shows what arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from frontdesk.services.conflicts import DeskConflicts
from frontdesk.services.desk import DeskWrites
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.read_models import CustomerProfile, SyncStatus
from frontdesk.ui.appearance import Appearance
from frontdesk.ui.conflict_flows import ConflictFlows
from frontdesk.ui.crosssell_flows import CrossSellFlows
from frontdesk.ui.desk_actions import DeskActions
from frontdesk.ui.desk_content import DeskContent
from frontdesk.ui.desk_reads import CustomerView, DeskReads
from frontdesk.ui.desk_reads import load_customer as load_customer  # bench/desk_open.py
from frontdesk.ui.layout_memory import restore_layout, restore_panels, save_layout, save_panels
from frontdesk.ui.ops import OpRunner
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.settings_dialog import SettingsDialog
from frontdesk.ui.sync_controller import SyncController
from frontdesk.ui.widgets.cache_status import CacheStatus
from frontdesk.ui.widgets.sync_status import add_sync_status
from frontdesk.ui.write_flows import WriteFlows


def _part(name: str) -> Any:
    """A panel of the window's current content, which tests, tools and benchmarks reach."""
    return property(lambda window: getattr(window.content, name))


class MainWindow(QMainWindow):
    """Frontdesk's main window over a customer-queries port.

    Args:
        queries: the cache's customer queries.
        preferences: layout, language and theme (default: in memory only).
        writes: the desk's writes (default: none, a read-only window).
        sync: the desk's background sync: its state in the status bar, an offline banner.
        conflicts: the desk's edit conflicts: notices on the profile, a count in the status bar.

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
        sync: SyncController | None = None,
        conflicts: DeskConflicts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.queries = queries
        self.preferences = preferences or Preferences()
        self.appearance = Appearance(self.preferences, self)
        self.appearance.apply_saved()  # before any text is made: it picks the translator
        self.ops = OpRunner(self)
        self.setObjectName("mainWindow")
        self.settings_dialog: SettingsDialog | None = None
        self.reads = DeskReads(queries, self.ops, self)
        self.write_flows = WriteFlows(writes, submit=self.ops.submit, parent=self)
        self.crosssell = CrossSellFlows(self.reads, self.write_flows, self)
        self.desk_actions = DeskActions(self)
        self.cache_status = CacheStatus(self.statusBar())
        self.sync = sync
        self.conflict_flows: ConflictFlows | None = None
        self._customer_id: str | None = None
        self.current_profile: CustomerProfile | None = None
        self._connect_window()
        self._build_content()
        self._add_status(sync, conflicts)  # after the panels: the search box keeps the focus
        self.resize(1280, 800)
        restore_layout(self, self.preferences)

    # Construction

    def _connect_window(self) -> None:
        """What outlives the panels: the collaborators, the actions, the appearance."""
        self.appearance.language_changed.connect(self._on_appearance_language_changed)
        self.ops.failed.connect(self._on_ops_failed)
        reads = self.reads
        reads.customer_loaded.connect(self._on_reads_customer_loaded)
        reads.first_customer_found.connect(self.open_customer)
        reads.sync_status_loaded.connect(self._on_reads_sync_status_loaded)
        for written in (self.write_flows.contact_logged, self.write_flows.customer_saved,
                        self.write_flows.customer_created):  # fmt: skip
            written.connect(self.open_customer)
        self.crosssell.recommendations_shown.connect(self._on_crosssell_recommendations_shown)
        self.crosssell.feedback_failed.connect(self.statusBar().showMessage)
        actions = self.desk_actions
        actions.find_action.triggered.connect(lambda: self.search_panel.focus_search())
        actions.contact_action.triggered.connect(self.log_contact)
        actions.edit_action.triggered.connect(self.edit_customer)
        actions.settings_action.triggered.connect(self.open_settings)
        actions.quit_action.triggered.connect(self.close)

    def _add_status(self, sync: SyncController | None, conflicts: DeskConflicts | None) -> None:
        if sync is not None:
            self.sync_status_view, self.offline_banner = add_sync_status(self, sync)
        if conflicts is not None:
            flows = ConflictFlows(
                conflicts,
                submit=self.ops.submit,
                status_bar=self.statusBar(),
                sync=sync,
                parent=self,
            )
            flows.show_on(self.profile_card.conflict_panel)
            flows.customer_changed.connect(self.open_customer)
            self.customer_shown.connect(flows.load)
            self.conflict_flows = flows

    def _build_content(self) -> None:
        """Every panel, in the current language (built again when the language changes)."""
        self.setWindowTitle(self.tr("Frontdesk"))
        can_write = self.write_flows.available()
        self.content = DeskContent(
            self.queries, submit=self.ops.submit, can_write=can_write, parent=self
        )
        self.setCentralWidget(self.content)
        self.crosssell.show_on(self.crosssell_panel)
        if self.conflict_flows is not None:
            self.conflict_flows.show_on(self.profile_card.conflict_panel)
        self._connect_panels()
        self.desk_actions.retranslate()
        self.cache_status.retranslate()

    search_panel = _part("search_panel")
    profile_card = _part("profile_card")
    crosssell_panel = _part("crosssell_panel")
    history_panel = _part("history_panel")
    timeline_panel = _part("timeline_panel")
    customer_page = _part("customer_page")

    @property
    def customer_tabs(self) -> QTabWidget:
        return self.content.customer_page.tabs

    def _connect_panels(self) -> None:
        self.search_panel.search_requested.connect(self._on_search_panel_search_requested)
        self.search_panel.customer_chosen.connect(self.open_customer)
        self.search_panel.new_customer_requested.connect(self.write_flows.new_customer)
        self.reads.searched.connect(self.search_panel.show_results)
        self.reads.search_failed.connect(self.search_panel.show_error)
        self.history_panel.lines_shown.connect(self.lines_shown)

    # Actions (each runs its query as a background operation)

    def refresh_sync_status(self) -> None:
        self.reads.sync_status()
        if self.conflict_flows is not None:
            self.conflict_flows.refresh_count()

    def open_settings(self) -> None:
        """Open the Settings dialog (language, theme); OK applies the choice at once."""
        self.settings_dialog = self.appearance.open_settings(self)

    def retranslate(self) -> None:
        """Build the panels again in the current language; the customer and the search stay."""
        self.reads.supersede_all()
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
        from frontdesk.ui.till import TillLauncher

        launcher = TillLauncher(till_factory, submit=self.ops.submit, sync=self.sync, parent=self)
        self.desk_actions.till_action.triggered.connect(launcher.open)
        self.desk_actions.till_action.setEnabled(True)

    def set_lock(self, sign_in: Callable[[str, str], Any], *, offline_days: int) -> Any:
        """Enable Desk > Lock: a lock screen any user of the desk signs in on (ui/lock_screen)."""
        from frontdesk.ui.lock_screen import LockScreen

        self.lock_screen = LockScreen(
            self, sign_in=sign_in, submit=self.ops.submit, offline_days=offline_days
        )
        self.desk_actions.lock_action.triggered.connect(lambda: self.lock_screen.lock())
        self.lock_screen.unlocked.connect(lambda _user: self.refresh_sync_status())
        self.desk_actions.lock_action.setEnabled(True)
        return self.lock_screen

    def log_contact(self) -> None:
        if self.current_profile is not None and self.write_flows.available():
            self.write_flows.log_contact(self.current_profile)

    def edit_customer(self) -> None:
        if self.current_profile is not None and self.write_flows.available():
            self.write_flows.edit_profile(self.current_profile)

    def open_customer(self, customer_id: str) -> None:
        self._customer_id = customer_id
        self.reads.customer(customer_id)
        self.crosssell.load(customer_id)

    def open_first_customer(self) -> None:
        """Open the customer with the latest purchase, if the cache has any (demo, smoke)."""
        self.reads.first_customer()

    def search(self, query: str) -> None:
        if not query:
            self.reads.cancel_search()
            self.search_panel.show_results(query, [])
            self.search_panel.show_hint()
            return
        self.search_panel.show_searching()
        self.reads.search(query)

    # Results

    @Slot(str, object)
    def _on_reads_customer_loaded(self, customer_id: str, view: CustomerView | None) -> None:
        if view is None:
            self.statusBar().showMessage(
                self.tr("Customer %1 is not in the local cache.").replace("%1", customer_id)
            )
            return
        self.current_profile = view.profile
        self.customer_page.show_customer(customer_id, view)
        self.desk_actions.enable_customer_actions(self.write_flows.available())
        self.customer_shown.emit(customer_id)

    @Slot(str)
    def _on_crosssell_recommendations_shown(self, customer_id: str) -> None:
        self.content.chain_feedback_buttons()
        self.recommendations_shown.emit(customer_id)

    @Slot(object)
    def _on_reads_sync_status_loaded(self, status: SyncStatus) -> None:
        self.cache_status.show_status(status)
        if status.customers == 0:
            self.customer_page.show_empty_cache()
        self.sync_status_shown.emit()

    # Slots

    @Slot(str)
    def _on_search_panel_search_requested(self, query: str) -> None:
        self.search(query)

    @Slot(str)
    def _on_ops_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Could not read the cache: %1").replace("%1", message))

    @Slot(str)
    def _on_appearance_language_changed(self, _language: str) -> None:
        # After the dialog has closed: never rebuild under a running slot of the old widgets.
        QTimer.singleShot(0, self.retranslate)

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
    sync: SyncController | None = None,
    conflicts: DeskConflicts | None = None,
) -> MainWindow:
    """The main window over ``queries`` (see ``MainWindow``), with the sync status requested.

    With ``open_first`` the customer with the latest purchase is opened once the cache answers.
    """
    window = MainWindow(
        queries, preferences=preferences, writes=writes, sync=sync, conflicts=conflicts
    )
    window.refresh_sync_status()
    if open_first:
        window.open_first_customer()
    return window
