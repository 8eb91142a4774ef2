"""The window's side of edit conflicts: show the open customer's, count them all, settle them.

Every read and every choice runs as a background operation on ``DeskConflicts``; results come
back on the main thread. The notices live on the profile card (rebuilt on a language change),
the count in the status bar (which outlives it). A sync run that brings new conflicts, or
settles some, reopens the customer on screen so the profile and its notices agree.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QStatusBar

from frontdesk.services.conflict_ports import EditConflict
from frontdesk.services.conflicts import DeskConflicts
from frontdesk.sync.worker import SyncOutcome
from frontdesk.ui.sync_controller import SyncController
from frontdesk.ui.widgets.conflict_panel import ConflictCountLabel, ConflictPanel

CONFLICTS_CHANNEL, COUNT_CHANNEL = "conflicts", "conflict-count"
Submit = Callable[..., None]


class ConflictFlows(QObject):
    """Loads and settles the desk's edit conflicts for one window.

    Args:
        conflicts: the desk's conflicts (reads and choices).
        submit: runs a background operation (``OpRunner.submit``).
        status_bar: the window's status bar, where the count of open conflicts shows.
        sync: the window's background sync, if it has one: each run may bring or settle some.
        parent: the window.

    The window hands over the notices of each profile card it builds (``show_on``) and calls
    ``load`` for each customer it shows.

    Signals:
        conflicts_shown(str): the notices of this customer id (perhaps none) are on screen.
        conflict_resolved(int, str): this conflict id was settled ("mine" or "theirs").
        resolve_failed(str): settling was refused; the text says why (shown on the notice).
        count_shown(int): the status bar shows this many open conflicts.
        customer_changed(str): this customer (the one shown) changed: reopen it.
    """

    conflicts_shown = Signal(str)
    conflict_resolved = Signal(int, str)
    resolve_failed = Signal(str)
    count_shown = Signal(int)
    customer_changed = Signal(str)

    def __init__(
        self,
        conflicts: DeskConflicts,
        *,
        submit: Submit,
        status_bar: QStatusBar,
        sync: SyncController | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._conflicts = conflicts
        self._submit = submit
        self._panel: ConflictPanel | None = None
        self._shown_for: str | None = None
        self.count_label = ConflictCountLabel(status_bar)
        status_bar.addPermanentWidget(self.count_label)
        if sync is not None:
            sync.outcome_arrived.connect(self._on_sync_outcome_arrived)

    def show_on(self, panel: ConflictPanel) -> None:
        """Show the notices on ``panel`` from now on (a new profile card after a rebuild)."""
        self._panel = panel
        panel.resolution_chosen.connect(self._on_panel_resolution_chosen)

    def load(self, customer_id: str) -> None:
        if customer_id != self._shown_for:
            self._show([])  # never another customer's notices meanwhile
            self._shown_for = customer_id
        self._submit(
            lambda: self._conflicts.open_for(customer_id),
            on_success=lambda found: self._on_conflicts_loaded(customer_id, found),
            channel=CONFLICTS_CHANNEL,
        )

    def refresh_count(self) -> None:
        self._submit(self._conflicts.count_open, on_success=self._show_count, channel=COUNT_CHANNEL)

    def resolve(self, conflict_id: int, resolution: str) -> None:
        customer_id = self._shown_for
        self._submit(
            lambda: self._conflicts.resolve(conflict_id, resolution),
            on_success=lambda _entry: self._on_resolved(customer_id, conflict_id, resolution),
            on_failure=lambda message: self._on_resolve_failed(conflict_id, message),
        )

    # Results

    def _on_conflicts_loaded(self, customer_id: str, found: list[EditConflict]) -> None:
        if customer_id != self._shown_for:
            return
        self._show(found)
        self.refresh_count()
        self.conflicts_shown.emit(customer_id)

    def _on_resolved(self, customer_id: str | None, conflict_id: int, resolution: str) -> None:
        self.conflict_resolved.emit(conflict_id, resolution)
        if customer_id is not None and customer_id == self._shown_for:
            self.customer_changed.emit(customer_id)  # "use mine" changed the profile
        else:
            self.refresh_count()

    def _on_resolve_failed(self, conflict_id: int, message: str) -> None:
        if self._panel is not None:
            self._panel.show_error(conflict_id, message)
        self.resolve_failed.emit(message)

    def _show(self, found: list[EditConflict]) -> None:
        if self._panel is not None:
            self._panel.show_conflicts(found)

    def _show_count(self, count: int) -> None:
        self.count_label.show_count(count)
        self.count_shown.emit(count)

    # Slots

    @Slot(int, str)
    def _on_panel_resolution_chosen(self, conflict_id: int, resolution: str) -> None:
        self.resolve(conflict_id, resolution)

    @Slot(object)
    def _on_sync_outcome_arrived(self, outcome: SyncOutcome) -> None:
        count = outcome.status.get("conflicts")
        if count is None or count == self.count_label.count:
            return
        self._show_count(int(count))
        if self._shown_for is not None:
            self.customer_changed.emit(self._shown_for)
