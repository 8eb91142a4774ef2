"""The branch till window: shifts, payments, refunds and voids, reports, receipts."""

from PySide6.QtWidgets import QWidget

from frontdesk.services.till.desk import TillDesk
from frontdesk.ui.till.window import TillWindow

__all__ = ["TillWindow", "open_till_window"]


def open_till_window(parent: QWidget, desk: TillDesk) -> TillWindow:
    """Show the till of ``desk`` in its own window (one per parent window), raised."""
    window = parent.findChild(TillWindow, "tillWindow")
    if window is None:
        window = TillWindow(desk, parent)
        controller = getattr(parent, "sync_controller", None)  # see ui.widgets.sync_status
        if controller is not None:
            window.follow_sync(controller)
    elif window.isVisible():
        window.raise_()  # already open behind the main window: bring it up
    window.show()
    window.activateWindow()
    return window
