"""The main window: lookup on the left, the open customer (profile, history, lines) on the right.

The window composes the panels (``DeskContent``, built again on a language change) and the
collaborators that outlive them: ``DeskReads`` asks the cache (every question a background
operation), ``CustomerFlows`` opens customers and runs searches, ``WriteFlows`` runs the desk's
writes, ``CrossSellFlows`` the offers and their feedback, ``ConflictFlows`` edit conflicts;
``DeskActions`` holds the menu and the toolbar, ``CacheStatus`` the status bar. They report
back by signal; the window shows what arrives.

The menus follow the role of whoever signed in at the desk (``follow_role``): read from the
cache at the start and after every sign-in on the lock screen, so a supervisor taking over a
cashier's till gets the reports, and an agent after them loses the till. Switching user
never touches the outbox: what the last user left queued is still pushed, as theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from frontdesk import __version__
from frontdesk.services.back_office import DeskBackOffice, DeskRole
from frontdesk.services.cases.desk import DeskCases
from frontdesk.services.conflicts import DeskConflicts
from frontdesk.services.desk import DeskWrites
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.read_models import SyncStatus
from frontdesk.ui.appearance import Appearance
from frontdesk.ui.conflict_flows import ConflictFlows
from frontdesk.ui.crosssell_flows import CrossSellFlows
from frontdesk.ui.customer_flows import CustomerFlows
from frontdesk.ui.desk_actions import DeskActions
from frontdesk.ui.desk_content import DeskContent
from frontdesk.ui.desk_reads import DeskReads
from frontdesk.ui.layout_memory import restore_layout, restore_panels, save_layout, save_panels
from frontdesk.ui.omnibox_flows import OmniboxFlows
from frontdesk.ui.ops import OpRunner
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.sync_controller import SyncController
from frontdesk.ui.widgets.cache_status import CacheStatus
from frontdesk.ui.widgets.sync_status import add_sync_status
from frontdesk.ui.widgets.update_notice import add_update_notice
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
        data_dir: the desk's data folder, which Help > About shows.

    Signals:
        customer_shown(str): the profile and history of this customer id are on screen.
        lines_shown(str): the lines of this purchase id are on screen.
        sync_status_shown(): the status bar shows the cache's sync status.
        recommendations_shown(str): the cross-sell panel shows this customer's offers
            (or why there are none).
        role_shaped(str): the menus show what this role may do ("" when not known).
        content_built(): the panels were built again (a language change).
    """

    customer_shown = Signal(str)
    recommendations_shown = Signal(str)
    lines_shown = Signal(str)
    sync_status_shown = Signal()
    role_shaped = Signal(str)
    content_built = Signal()

    def __init__(
        self,
        queries: AbstractCustomerQueries,
        *,
        preferences: Preferences | None = None,
        writes: DeskWrites | None = None,
        sync: SyncController | None = None,
        conflicts: DeskConflicts | None = None,
        data_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.queries = queries
        self.data_dir = data_dir
        self.preferences = preferences or Preferences()
        self.appearance = Appearance(self.preferences, self)
        self.appearance.apply_saved()  # before any text is made: it picks the translator
        self.ops = OpRunner(self)
        self.setObjectName("mainWindow")
        self.reads = DeskReads(queries, self.ops, self)
        self.write_flows = WriteFlows(writes, submit=self.ops.submit, parent=self)
        self.crosssell = CrossSellFlows(self.reads, self.write_flows, self)
        self.desk_actions = DeskActions(self)
        self.customers = CustomerFlows(
            self.reads,
            writes=self.write_flows,
            crosssell=self.crosssell,
            actions=self.desk_actions,
            parent=self,
        )
        self.omnibox_flows = OmniboxFlows(self)
        self.cache_status = CacheStatus(self.statusBar())
        self.sync = sync
        self.conflict_flows: ConflictFlows | None = None
        self.case_flows: Any = None  # CaseFlows, once the window is given the desk's cases
        self.case_queues: Any = None  # CaseQueues: the cases panel and the status bar count
        self.customer_cases: Any = None  # CustomerCases: the open customer's cases on the card
        self.product_flows: Any = None  # ProductFlows: the Products page, once given the catalogue
        self._at_desk: Callable[[], Any] | None = None
        self._role = DeskRole(None)  # as the cache last said: the cases' Breaches follow it
        # The customer page (``content``) and, once the window has cases, the Cases page.
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("deskPages")
        self.setCentralWidget(self.pages)
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
        self.reads.sync_status_loaded.connect(self._on_reads_sync_status_loaded)
        self.desk_actions.settings_action.triggered.connect(
            lambda: self.appearance.open_settings(self)
        )
        self.customers.customer_shown.connect(self.customer_shown)
        self.customers.open_failed.connect(self.statusBar().showMessage)
        self.crosssell.recommendations_shown.connect(self._on_crosssell_recommendations_shown)
        self.crosssell.feedback_failed.connect(self.statusBar().showMessage)
        self.desk_actions.quit_action.triggered.connect(self.close)
        self.desk_actions.about_action.triggered.connect(self.open_about)

    def _add_status(self, sync: SyncController | None, conflicts: DeskConflicts | None) -> None:
        if sync is not None:
            self.update_notice = add_update_notice(self, sync)
            self.sync_status_view, self.offline_banner = add_sync_status(self, sync)
        if conflicts is not None:
            bar, submit = self.statusBar(), self.ops.submit
            flows = ConflictFlows(conflicts, submit=submit, status_bar=bar, sync=sync, parent=self)
            flows.show_on(self.profile_card.conflict_panel)
            flows.customer_changed.connect(self.customers.open)
            self.customer_shown.connect(flows.load)
            self.conflict_flows = flows

    def _build_content(self) -> None:
        """Every panel, in the current language (built again when the language changes)."""
        self.setWindowTitle(self.tr("Frontdesk"))
        can_write = self.write_flows.available()
        self.content = DeskContent(
            self.queries, submit=self.ops.submit, can_write=can_write, parent=self
        )
        self.pages.insertWidget(0, self.content)
        self.customers.show_on(self.content)
        self._offer_every_kind()
        self.crosssell.show_on(self.crosssell_panel)
        if self.conflict_flows is not None:
            self.conflict_flows.show_on(self.profile_card.conflict_panel)
        self.history_panel.lines_shown.connect(self.lines_shown)
        self.desk_actions.retranslate()
        self.cache_status.retranslate()
        self._show_cases_on_content()
        self.content_built.emit()

    search_panel = _part("search_panel")
    profile_card = _part("profile_card")
    crosssell_panel = _part("crosssell_panel")
    history_panel = _part("history_panel")
    timeline_panel = _part("timeline_panel")
    customer_tabs = _part("customer_tabs")

    # Actions

    def refresh_sync_status(self) -> None:
        self.reads.sync_status()
        if self.conflict_flows is not None:
            self.conflict_flows.refresh_count()

    def open_about(self) -> None:
        """Help > About: this desk's version, the server's (as the last sync learnt)."""
        from frontdesk.ui.about_dialog import AboutDialog

        last = self.sync.last if self.sync is not None else None
        status = last.status if last is not None else None
        dialog = AboutDialog(
            version=__version__, status=status, data_dir=self.data_dir, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def retranslate(self) -> None:
        """Build the panels again in the current language; the customer and the search stay."""
        self.reads.supersede_all()
        save_panels(self, self.preferences)
        old, shown = self.content, self.pages.currentWidget()
        self._build_content()
        self.pages.removeWidget(old)
        old.deleteLater()
        self.pages.setCurrentWidget(self.content if shown is old else shown)
        restore_panels(self, self.preferences)
        self.refresh_sync_status()
        if self.case_queues is not None:
            self.case_queues.retranslate()
        if self.product_flows is not None:
            self.product_flows.panel.retranslate()
            self.product_flows.set_language(self.appearance.language)

    def set_till(
        self, till_factory: Callable[[], Any], *, basket: Callable[[Any], Any] | None = None
    ) -> None:
        """Enable Desk > Till…; ``till_factory`` makes the desk's ``TillDesk`` (reads the cache),
        ``basket`` that till's ``TillBasket``."""
        from frontdesk.ui.till import TillLauncher

        action, submit = self.desk_actions.till_action, self.ops.submit
        TillLauncher(till_factory, action=action, submit=submit, sync=self.sync, parent=self,
                     make_basket=basket)  # fmt: skip

    def set_lock(self, sign_in: Callable[[str, str], Any], *, offline_days: int) -> Any:
        """Enable Desk > Lock: a lock screen any user of the desk signs in on (ui/lock_screen)."""
        from frontdesk.ui.lock_screen import install_lock_screen

        action, submit = self.desk_actions.lock_action, self.ops.submit
        self.lock_screen = install_lock_screen(
            self, action=action, sign_in=sign_in, submit=submit, offline_days=offline_days
        )
        self.lock_screen.unlocked.connect(lambda _user: self.refresh_sync_status())
        self.lock_screen.unlocked.connect(lambda _user: self.reshape())
        self.lock_screen.locked.connect(self._close_back_office)
        if self.sync is not None:
            self.sync.outcome_arrived.connect(self._on_sync_outcome_arrived)
        return self.lock_screen

    def set_back_office(self, back_office: DeskBackOffice) -> None:
        """Enable Desk > Cross-sell report… and Users and devices… (shown by role)."""
        from frontdesk.ui.admin_pages import BackOfficeLauncher

        actions, submit = self.desk_actions, self.ops.submit
        self.back_office = BackOfficeLauncher(
            back_office, reports=actions.reports_action, admin=actions.admin_action,
            submit=submit, parent=self,
        )  # fmt: skip
        actions.board_action.triggered.connect(self.back_office.open_board)
        actions.board_action.setEnabled(True)
        self.back_office.customer_requested.connect(self.open_customer)

    def set_cases(self, cases: DeskCases, *, clock: Callable[[], Any] | None = None) -> Any:
        """Enable cases: the case view, new cases, the queues and their counts."""
        from frontdesk.ui.cases.flows import CaseFlows

        extra = {} if clock is None else {"clock": clock}
        self.case_flows = CaseFlows(cases, submit=self.ops.submit, parent=self, **extra)
        self.give_search(cases=cases)
        self.case_flows.open_failed.connect(self.statusBar().showMessage)
        self.case_flows.case_written.connect(self._on_case_flows_case_written)
        action = self.desk_actions.new_case_action
        action.setVisible(True)
        action.triggered.connect(self.new_case)
        self.customer_shown.connect(lambda _id: action.setEnabled(True))
        self._add_case_queues(cases)
        self._add_customer_cases(cases)
        return self.case_flows

    def set_orders(self, orders: Any) -> Any:
        """Enable orders (a ``DeskOrders``): the Orders tab, Find order, New phone order."""
        from frontdesk.ui.orders.desk_orders_ui import DeskOrdersUi

        self.orders_ui = DeskOrdersUi(self, orders)
        self.give_search(orders=orders)
        return self.orders_ui

    def _add_case_queues(self, cases: DeskCases) -> None:
        from frontdesk.ui.cases.queues import CaseQueues, CasesStatus
        from frontdesk.ui.cases.queues_panel import CasesPanel

        # A page of its own, shown when asked for: Desk > Cases, Ctrl+Shift+C, the status
        # bar's count. Under the customer it left the card and the history no room.
        panel = CasesPanel(self.pages)
        self.pages.addWidget(panel)
        panel.back_requested.connect(self.show_customer_page)
        panel.allow_breaches(self._role.oversees_cases)
        status = CasesStatus(self.statusBar())
        self.statusBar().addPermanentWidget(status)
        self.case_queues = CaseQueues(
            cases, submit=self.ops.submit, flows=self.case_flows, panel=panel, status=status,
            clock=self.case_flows.clock, reveal=lambda: self.pages.setCurrentWidget(panel),
            parent=self,
        )  # fmt: skip
        self.case_queues.customer_requested.connect(self._on_case_queues_customer_requested)
        actions = self.desk_actions
        actions.cases_action.setVisible(True)
        actions.cases_action.triggered.connect(self.toggle_cases)
        self._allow_other_pages()
        if self.sync is not None:
            # A slot of the window's own child, so the connection goes with the window (a
            # lambda would outlive it and reach its deleted thread pool).
            self.sync.outcome_arrived.connect(self.case_queues.on_sync_outcome)
        self.case_queues.refresh()

    def _allow_other_pages(self) -> None:
        """Esc and Ctrl+F lead back to the customer from the Cases or the Products page."""
        actions = self.desk_actions
        if actions.customer_page_action.isVisible():
            return  # the first page beside the customer's did it
        actions.customer_page_action.setVisible(True)
        actions.customer_page_action.triggered.connect(self.show_customer_page)
        actions.find_action.triggered.connect(self._on_find_action_triggered)
        self.pages.currentChanged.connect(self._on_pages_current_changed)

    def set_catalogue(self, catalogue: Any) -> Any:
        """Enable the Products page (Desk > Products, F4) over a ``DeskCatalogue``."""
        from frontdesk.ui.catalogue.flows import ProductFlows
        from frontdesk.ui.catalogue.products_panel import ProductsPanel

        catalogue.language = self.appearance.language
        panel = ProductsPanel(self.pages)
        self.pages.addWidget(panel)
        panel.back_requested.connect(self.show_customer_page)
        self.product_flows = ProductFlows(catalogue, submit=self.ops.submit, panel=panel,
                                          parent=self)  # fmt: skip
        action = self.desk_actions.products_action
        action.setVisible(True)
        action.triggered.connect(self.show_products)
        self._allow_other_pages()
        self.product_flows.load_categories()
        self.give_search(catalogue=catalogue)
        return self.product_flows

    def set_knowledge(self, knowledge: Any, *, writer: Any = None) -> Any:
        """Enable the knowledge base (a ``DeskKnowledge``): Desk > Knowledge base (Ctrl+K),
        the customer's Articles tab, suggestions in cases; ``writer`` a ``KbWriter``."""
        from frontdesk.ui.knowledge.desk_ui import DeskKnowledgeUi

        self.knowledge_ui = DeskKnowledgeUi(self, knowledge, writer)
        self._allow_other_pages()
        return self.knowledge_ui

    def desk_role(self) -> str | None:
        """The role at the desk as the cache last said (None before it answered)."""
        return self._role.role

    def give_search(self, **sources: Any) -> None:
        """Let the search box find another kind: ``cases``, ``orders``, ``catalogue`` (their
        desk services) or ``receipt`` (a receipt number's transaction, any till of the
        branch)."""
        for name, source in sources.items():
            setattr(self.reads.omnibox, name, source)
        self._offer_every_kind()

    def _offer_every_kind(self) -> None:
        box = self.reads.omnibox
        if any(s is not None for s in (box.cases, box.orders, box.catalogue, box.receipt)):
            self.search_panel.show_every_kind()

    def show_products(self) -> None:
        """F4: the Products page with the keyboard in its search box (a scan goes there)."""
        panel = self.product_flows.panel
        self.pages.setCurrentWidget(panel)
        panel.focus_search()

    def _add_customer_cases(self, cases: DeskCases) -> None:
        from frontdesk.ui.cases.customer_cases import CustomerCases

        online = (lambda: self.sync.online) if self.sync is not None else (lambda: None)
        self.customer_cases = CustomerCases(
            cases, submit=self.ops.submit, flows=self.case_flows, online=online, parent=self
        )
        self.customer_shown.connect(self.customer_cases.load)
        self._show_cases_on_content()

    def _show_cases_on_content(self) -> None:
        """The open customer's cases on the card, a case number in the search box (both
        rebuilt on a language change)."""
        if self.customer_cases is None:
            return
        self.customer_cases.show_on(
            self.profile_card, new_case=self.new_case, all_cases=self._open_customer_cases
        )
        self.timeline_panel.case_chosen.connect(self.case_flows.open_case)
        search = self.search_panel
        search.case_numbers = True
        search.case_number_entered.connect(self.case_flows.open_number)

    @Slot(str)
    def _on_case_flows_case_written(self, _case_id: str) -> None:
        # The written case may be the open customer's: its new line belongs on the timeline.
        if self.customers.profile is not None:
            self.timeline_panel.reload()

    def toggle_cases(self) -> None:
        """Ctrl+Shift+C: the Cases page, the keyboard in its table; again, the customer."""
        if self.pages.currentWidget() is self.case_queues.panel:
            self.show_customer_page()
        else:
            self.case_queues.open_panel()

    def show_customer_page(self) -> None:
        """Back from the Cases or Products page (Esc, Desk > Customer): the customer as it
        was left."""
        if self.pages.currentWidget() is self.content:
            return
        self.pages.setCurrentWidget(self.content)
        focus = self.history_panel.history_view if self.customers.profile else None
        if focus is None:
            self.search_panel.focus_search()
        else:
            focus.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _open_customer_cases(self) -> None:
        profile = self.customers.profile
        if profile is not None:
            self.case_queues.open_customer(profile.id, profile.display_name)

    def new_case(self) -> None:
        """Desk > New case: for the customer on screen, about the purchase (and line) picked
        in the history when the history has the focus, or the contact or purchase picked on
        the timeline when the timeline has it (a contact's words become the description)."""
        profile = self.customers.profile
        if profile is None or self.case_flows is None:
            return
        self.case_flows.new_case(profile.id, profile.display_name, start=self._case_start())

    def _case_start(self) -> Any:
        from frontdesk.ui.cases.case_start import CaseStart, from_timeline

        if self.timeline_panel.view.hasFocus():
            return from_timeline(self.timeline_panel.current_event())
        links, about = self._case_links()
        return CaseStart(links=tuple(links), about=about)

    def _case_links(self) -> tuple[list[dict[str, Any]], str]:
        view = self.history_panel.history_view
        purchase = self.history_panel.current_purchase() if view.hasFocus() else None
        if purchase is None:
            return [], ""
        line = self.history_panel.history_model.line_of(view.currentIndex())
        about = self.tr("Purchase %1").replace("%1", purchase.number)
        if line is not None:
            about += " · " + self.tr("%1 (%2)").replace("%1", line.description).replace(
                "%2", line.sku)  # fmt: skip
        links = [{"kind": "purchase", "ref": purchase.id, "line": line.sku if line else None}]
        return links, about

    def follow_role(self, at_desk: Callable[[], Any]) -> None:
        """Shape the menus by the role of who is at the desk (``at_desk()`` reads it from the
        cache: a ``SignedIn`` or None), now and after each sign-in on the lock screen."""
        self._at_desk = at_desk
        self.reshape()

    def _close_back_office(self) -> None:
        # Separate windows: the lock screen covers only this one, and whoever signs in next
        # may not be allowed them.
        for name in ("reportDialog", "adminPages", "supervisorBoard"):
            for widget in self.findChildren(QWidget, name):
                widget.close()

    def reshape(self) -> None:
        if self._at_desk is not None:
            self.ops.submit(self._at_desk, on_success=self._on_role_read, channel="desk-role")

    def _on_role_read(self, signed: Any) -> None:
        role = DeskRole(None if signed is None else signed.role)
        self.desk_actions.shape(role)
        self._role = role
        if self.case_queues is not None:
            self.case_queues.panel.allow_breaches(role.oversees_cases)
        for name, allowed in (("tillWindow", role.till), ("reportDialog", role.reports),
                              ("adminPages", role.admin)):  # fmt: skip
            if not allowed:
                for widget in self.findChildren(QWidget, name):
                    widget.close()
        self.role_shaped.emit(role.role or "")

    @Slot(object)
    def _on_sync_outcome_arrived(self, outcome: Any) -> None:
        """An admin took the access back: lock at once and say why (the server's words)."""
        if outcome.access_revoked:
            reason = self.tr("The server took this desk's access back: %1.")
            username = outcome.status.get("username") or ""
            self.lock_screen.lock(username, reason=reason.replace("%1", outcome.error or ""))

    def open_customer(self, customer_id: str) -> None:
        self.customers.open(customer_id)

    # Slots

    @Slot(str)
    def _on_case_queues_customer_requested(self, customer_id: str) -> None:
        self.show_customer_page()
        self.customers.open(customer_id)

    @Slot()
    def _on_find_action_triggered(self) -> None:
        # Ctrl+F from the Cases page: the customer search is on the customer page.
        if self.pages.currentWidget() is not self.content:
            self.pages.setCurrentWidget(self.content)
            self.search_panel.focus_search()

    @Slot(int)
    def _on_pages_current_changed(self, _index: int) -> None:
        elsewhere = self.pages.currentWidget() is not self.content
        self.desk_actions.customer_page_action.setEnabled(elsewhere)

    @Slot(str)
    def _on_crosssell_recommendations_shown(self, customer_id: str) -> None:
        self.content.chain_feedback_buttons()
        self.recommendations_shown.emit(customer_id)

    @Slot(object)
    def _on_reads_sync_status_loaded(self, status: SyncStatus) -> None:
        self.cache_status.show_status(status)
        self.sync_status_shown.emit()

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
    data_dir: Path | None = None,
) -> MainWindow:
    """The main window over ``queries`` (see ``MainWindow``), with the sync status requested.

    With ``open_first`` the customer with the latest purchase is opened once the cache answers.
    """
    window = MainWindow(
        queries,
        preferences=preferences,
        writes=writes,
        sync=sync,
        conflicts=conflicts,
        data_dir=data_dir,
    )
    window.refresh_sync_status()
    if open_first:
        window.reads.first_customer()
    return window
