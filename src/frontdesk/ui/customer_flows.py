"""The main window's open customer, and the search that finds one.

Searches and customers come from ``DeskReads`` (background operations); the customer page and
the search panel (both rebuilt on a language change) show what comes back; a rebuilt page
shows the same customer and search again. A contact logged, a customer saved or created opens
that customer again, with what was written; an empty cache says so on the customer page.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from frontdesk.services.omnibox import Found
from frontdesk.services.read_models import CustomerProfile, SyncStatus
from frontdesk.ui.crosssell_flows import CrossSellFlows
from frontdesk.ui.desk_actions import DeskActions
from frontdesk.ui.desk_content import DeskContent
from frontdesk.ui.desk_reads import CustomerView, DeskReads
from frontdesk.ui.write_flows import WriteFlows

translate = QCoreApplication.translate  # the window's texts, in its context


class CustomerFlows(QObject):
    """Opens customers and runs searches for one window; it outlives language rebuilds.

    Args:
        reads: asks the cache for searches and customers.
        writes: logs contacts with, and edits, the open customer.
        crosssell: loads the offers of each customer opened.
        actions: the window's actions (find, log contact, edit customer).
        parent: the window.

    The window hands over each content it builds (``show_on``).

    Signals:
        customer_shown(str): the profile and history of this customer id are on screen.
        open_failed(str): a customer could not be opened; the text says why.
        hit_chosen(object): the agent opened this search ``Hit`` of another kind (a
            receipt, order, case or product).
    """

    customer_shown = Signal(str)
    open_failed = Signal(str)
    hit_chosen = Signal(object)

    def __init__(
        self,
        reads: DeskReads,
        *,
        writes: WriteFlows,
        crosssell: CrossSellFlows,
        actions: DeskActions,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._reads, self._writes, self._crosssell = reads, writes, crosssell
        self._actions = actions
        self._content: DeskContent | None = None
        self._customer_id: str | None = None
        self._profile: CustomerProfile | None = None
        self._connect(reads, writes, actions)

    def _connect(self, reads: DeskReads, writes: WriteFlows, actions: DeskActions) -> None:
        reads.customer_loaded.connect(self._on_reads_customer_loaded)
        reads.first_customer_found.connect(self.open)
        reads.searched.connect(self._on_reads_searched)
        reads.search_failed.connect(self._on_reads_search_failed)
        reads.sync_status_loaded.connect(self._on_reads_sync_status_loaded)
        for written in (writes.contact_logged, writes.customer_saved, writes.customer_created):
            written.connect(self.open)
        actions.find_action.triggered.connect(self._on_find_action_triggered)
        actions.contact_action.triggered.connect(self.log_contact)
        actions.edit_action.triggered.connect(self.edit_customer)

    def show_on(self, content: DeskContent) -> None:
        """Show customers and searches on ``content`` from now on (new panels after a rebuild).

        The search typed and the customer open on the old content come back on the new one.
        """
        old, self._content = self._content, content
        search = content.search_panel
        search.search_requested.connect(self._on_search_panel_search_requested)
        search.customer_chosen.connect(self.open)
        search.hit_chosen.connect(self.hit_chosen)
        search.new_customer_requested.connect(self._writes.new_customer)
        if old is not None:
            search.search_edit.setText(old.search_panel.search_edit.text())
        if old is not None and self._customer_id is not None:
            self.open(self._customer_id)

    @property
    def profile(self) -> CustomerProfile | None:
        """The customer on screen (None before one opens)."""
        return self._profile

    def open(self, customer_id: str) -> None:
        self._customer_id = customer_id
        self._reads.customer(customer_id)
        self._crosssell.load(customer_id)

    def search(self, query: str) -> None:
        if self._content is None:
            return
        panel = self._content.search_panel
        if not query:
            self._reads.cancel_search()
            panel.show_results(query, [])
            panel.show_hint()
            return
        panel.show_searching()
        self._reads.search(query)

    def log_contact(self) -> None:
        if self._profile is not None and self._writes.available():
            self._writes.log_contact(self._profile)

    def edit_customer(self) -> None:
        if self._profile is not None and self._writes.available():
            self._writes.edit_profile(self._profile)

    @Slot(str, object)
    def _on_reads_customer_loaded(self, customer_id: str, view: CustomerView | None) -> None:
        if view is None:
            missing = translate("MainWindow", "Customer %1 is not in the local cache.")
            self.open_failed.emit(missing.replace("%1", customer_id))
            return
        self._profile = view.profile
        if self._content is not None:
            self._content.customer_page.show_customer(customer_id, view)
        self._actions.enable_customer_actions(self._writes.available())
        self.customer_shown.emit(customer_id)

    @Slot(str)
    def _on_search_panel_search_requested(self, query: str) -> None:
        self.search(query)

    @Slot(str, object)
    def _on_reads_searched(self, query: str, found: Found) -> None:
        if self._content is not None:
            self._content.search_panel.show_results(query, found)

    @Slot(str)
    def _on_reads_search_failed(self, message: str) -> None:
        if self._content is not None:
            self._content.search_panel.show_error(message)

    @Slot(object)
    def _on_reads_sync_status_loaded(self, status: SyncStatus) -> None:
        if status.customers == 0 and self._content is not None:
            self._content.customer_page.show_empty_cache()

    @Slot()
    def _on_find_action_triggered(self) -> None:
        if self._content is not None:
            self._content.search_panel.focus_search()
