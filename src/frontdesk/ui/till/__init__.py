"""The branch till window: shifts, payments, refunds and voids, reports, receipts."""

from frontdesk.ui.till.window import TillWindow

__all__ = ["TillWindow"]
