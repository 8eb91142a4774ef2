"""The window's side of cross-sell: the open customer's offers, and the agent's feedback on them.

The offers come from ``DeskReads`` and the feedback goes through ``WriteFlows``, both in
background operations; the panel (rebuilt on a language change) shows what comes back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from frontdesk.services.read_models import RecommendationRow
from frontdesk.ui.desk_reads import DeskReads
from frontdesk.ui.widgets.crosssell_panel import CrossSellPanel
from frontdesk.ui.write_flows import WriteFlows


class CrossSellFlows(QObject):
    """Offers and feedback for one window; it outlives language rebuilds.

    Args:
        reads: asks the cache for the offers.
        writes: records the feedback (the buttons are off when the desk cannot write).
        parent: the window.

    The window hands over each cross-sell panel it builds (``show_on``) and calls ``load``
    for each customer it opens.

    Signals:
        recommendations_shown(str): the panel shows this customer id's offers (or why none).
        feedback_failed(str): feedback was refused; the text says why.
    """

    recommendations_shown = Signal(str)
    feedback_failed = Signal(str)

    def __init__(self, reads: DeskReads, writes: WriteFlows, parent: QObject | None = None):
        super().__init__(parent)
        self._reads, self._writes = reads, writes
        self._panel: CrossSellPanel | None = None
        self._customer_id: str | None = None
        reads.recommendations_loaded.connect(self._on_reads_recommendations_loaded)
        reads.recommendations_failed.connect(self._on_reads_recommendations_failed)
        writes.feedback_recorded.connect(self._on_writes_feedback_recorded)
        writes.feedback_failed.connect(self._on_writes_feedback_failed)

    def show_on(self, panel: CrossSellPanel) -> None:
        """Show the offers on ``panel`` from now on (a new panel after a rebuild)."""
        self._panel = panel
        panel.feedback_enabled = self._writes.available()
        panel.feedback_given.connect(self._on_panel_feedback_given)

    def load(self, customer_id: str) -> None:
        self._customer_id = customer_id
        if self._panel is not None:
            self._panel.show_loading()
        self._reads.recommendations(customer_id)

    @Slot(str, list)
    def _on_reads_recommendations_loaded(self, customer_id: str, offers: list) -> None:
        if self._panel is not None:
            self._panel.show_recommendations(offers)
        self.recommendations_shown.emit(customer_id)

    @Slot(str, str)
    def _on_reads_recommendations_failed(self, customer_id: str, message: str) -> None:
        if self._panel is not None:
            self._panel.show_unavailable(message)
        self.recommendations_shown.emit(customer_id)

    @Slot(object, str)
    def _on_panel_feedback_given(self, offer: RecommendationRow, outcome: str) -> None:
        if self._customer_id is not None and self._writes.available():
            self._writes.record_feedback(self._customer_id, offer, outcome)

    @Slot(str, str)
    def _on_writes_feedback_recorded(self, sku: str, outcome: str) -> None:
        if self._panel is not None:
            self._panel.mark_feedback(sku, outcome, recorded=True)

    @Slot(str, str, str)
    def _on_writes_feedback_failed(self, sku: str, outcome: str, message: str) -> None:
        if self._panel is not None:
            self._panel.mark_feedback(sku, outcome, recorded=False)
        self.feedback_failed.emit(message)
