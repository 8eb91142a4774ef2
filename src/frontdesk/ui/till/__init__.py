"""The branch till window: shifts, payments, refunds and voids, reports, receipts."""

from PySide6.QtWidgets import QWidget

from frontdesk.services.till_desk import TillDesk
from frontdesk.ui.sync_controller import SyncController
from frontdesk.ui.till.window import TillWindow

__all__ = ["TillWindow", "open_till_window"]


def open_till_window(
    parent: QWidget, desk: TillDesk, *, sync: SyncController | None = None
) -> TillWindow:
    """Show the till of ``desk`` in its own window (one per parent window), raised.

    With ``sync`` (the desk's background sync) the till reloads after each sync run.
    """
    window = parent.findChild(TillWindow, "tillWindow")
    if window is None:
        window = TillWindow(desk, parent, sync=sync)
    elif window.isVisible():
        window.raise_()  # already open behind the main window: bring it up
    window.show()
    window.activateWindow()
    return window
