"""The window's side of edit conflicts: show the open customer's, count them all, settle them.

Every read and every choice runs as a background operation on ``DeskConflicts``; results come
back on the main thread. The notices live on the profile card (rebuilt on a language change),
the count in the status bar (which outlives it). A sync run that brings new conflicts, or
settles some, reopens the customer on screen so the profile and its notices agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot

from frontdesk.services.conflict_ports import EditConflict
from frontdesk.services.conflicts import DeskConflicts
from frontdesk.ui.widgets.conflict_panel import ConflictCountLabel, ConflictPanel

if TYPE_CHECKING:
    from frontdesk.ui.main_window import MainWindow

CONFLICTS_CHANNEL, COUNT_CHANNEL = "conflicts", "conflict-count"


class ConflictFlows(QObject):
    """Loads and settles the desk's edit conflicts for one window.

    Signals:
        conflicts_shown(str): the notices of this customer id (perhaps none) are on screen.
        conflict_resolved(int, str): this conflict id was settled ("mine" or "theirs").
        resolve_failed(str): settling was refused; the text says why (shown on the notice).
        count_shown(int): the status bar shows this many open conflicts.
    """

    conflicts_shown = Signal(str)
    conflict_resolved = Signal(int, str)
    resolve_failed = Signal(str)
    count_shown = Signal(int)

    def __init__(self, window: MainWindow, conflicts: DeskConflicts) -> None:
        super().__init__(window)
        self._window = window
        self._conflicts = conflicts
        self._panel: ConflictPanel | None = None
        self._shown_for: str | None = None
        self.count_label = ConflictCountLabel(window)
        window.statusBar().addPermanentWidget(self.count_label)
        window.customer_shown.connect(self._on_window_customer_shown)

    @property
    def panel(self) -> ConflictPanel:
        """The notices on the window's current profile card (a new card after a rebuild)."""
        panel: ConflictPanel = self._window.profile_card.conflict_panel
        if panel is not self._panel:
            panel.resolution_chosen.connect(self._on_panel_resolution_chosen)
            self._panel = panel
        return panel

    def follow(self, controller: Any) -> None:
        """Keep the count (and the open customer) up to date with a ``SyncController``."""
        controller.outcome_arrived.connect(self._on_controller_outcome_arrived)

    def load(self, customer_id: str) -> None:
        if customer_id != self._shown_for:
            self.panel.show_conflicts([])  # never another customer's notices meanwhile
            self._shown_for = customer_id
        self._window.ops.submit(
            lambda: self._conflicts.open_for(customer_id),
            on_success=lambda found: self._on_conflicts_loaded(customer_id, found),
            channel=CONFLICTS_CHANNEL,
        )

    def refresh_count(self) -> None:
        self._window.ops.submit(
            self._conflicts.count_open, on_success=self._show_count, channel=COUNT_CHANNEL
        )

    def resolve(self, conflict_id: int, resolution: str) -> None:
        customer_id = self._shown_for
        self._window.ops.submit(
            lambda: self._conflicts.resolve(conflict_id, resolution),
            on_success=lambda _entry: self._on_resolved(customer_id, conflict_id, resolution),
            on_failure=lambda message: self._on_resolve_failed(conflict_id, message),
        )

    # Results

    def _on_conflicts_loaded(self, customer_id: str, found: list[EditConflict]) -> None:
        if customer_id != self._shown_for:
            return
        self.panel.show_conflicts(found)
        self.refresh_count()
        self.conflicts_shown.emit(customer_id)

    def _on_resolved(self, customer_id: str | None, conflict_id: int, resolution: str) -> None:
        self.conflict_resolved.emit(conflict_id, resolution)
        if customer_id is not None and customer_id == self._open_customer():
            self._window.open_customer(customer_id)  # "use mine" changed the profile
        else:
            self.refresh_count()

    def _on_resolve_failed(self, conflict_id: int, message: str) -> None:
        self.panel.show_error(conflict_id, message)
        self.resolve_failed.emit(message)

    def _show_count(self, count: int) -> None:
        self.count_label.show_count(count)
        self.count_shown.emit(count)

    def _open_customer(self) -> str | None:
        profile = self._window.current_profile
        return None if profile is None else profile.id

    # Slots

    @Slot(str)
    def _on_window_customer_shown(self, customer_id: str) -> None:
        self.load(customer_id)

    @Slot(int, str)
    def _on_panel_resolution_chosen(self, conflict_id: int, resolution: str) -> None:
        self.resolve(conflict_id, resolution)

    @Slot(object)
    def _on_controller_outcome_arrived(self, outcome: Any) -> None:
        count = outcome.status.get("conflicts")
        if count is None or count == self.count_label.count:
            return
        self._show_count(int(count))
        customer_id = self._open_customer()
        if customer_id is not None:
            self._window.open_customer(customer_id)


def attach_conflicts(window: MainWindow, conflicts: DeskConflicts) -> ConflictFlows:
    """Give ``window`` conflict notices on its profile and their count in its status bar.

    Call after ``attach_sync`` (if the window syncs), so sync runs update the count too.
    """
    flows = ConflictFlows(window, conflicts)
    controller = getattr(window, "sync_controller", None)
    if controller is not None:
        flows.follow(controller)
    window.conflict_flows = flows  # type: ignore[attr-defined]
    flows.refresh_count()
    if window.current_profile is not None:
        flows.load(window.current_profile.id)
    return flows
