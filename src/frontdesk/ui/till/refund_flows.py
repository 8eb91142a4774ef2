"""Refunds and voids from the till window, a supervisor signing in in the dialog.

A row of the shift is refunded or voided in ``AdjustDialog``; a payment of any till of the
branch is found by its receipt number and refunded in ``ReceiptRefundDialog``. Both come
back here as an ``Adjustment``, done by one path: the supervisor's approval, then
``TillDesk.refund`` or ``TillDesk.void``, in a background operation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from shiboken6 import isValid

from frontdesk.services.till.ports import TillTransaction
from frontdesk.ui.till.dialogs import AdjustDialog, AdjustingDialog, Adjustment
from frontdesk.ui.till.receipt_refund import ReceiptRefundDialog
from frontdesk.ui.till.refusals import Refusal, attempt

if TYPE_CHECKING:
    from frontdesk.ui.till.window import TillWindow

translate = QCoreApplication.translate


def approved_by(tx: TillTransaction) -> str:
    """``approved by sue`` (``(checked offline)`` if so), or empty without an approval."""
    approval = tx.approval
    if approval is None:
        return ""
    text = (
        translate("TillWindow", "approved by %1 (checked offline)") if approval.offline
        else translate("TillWindow", "approved by %1")
    )  # fmt: skip
    return text.replace("%1", approval.supervisor)


class RefundFlows(QObject):
    """The till window's refunds and voids; one per window."""

    def __init__(self, window: TillWindow) -> None:
        super().__init__(window)
        self._window = window

    def adjust(self, tx: TillTransaction | None, *, void: bool) -> AdjustDialog | None:
        """Refund or void ``tx``, a payment of the shift (None: nothing selected)."""
        window = self._window
        if tx is None or tx.id not in window.view.left_to_refund:
            return None
        left = window.view.left_to_refund[tx.id]
        dialog = AdjustDialog(tx, void=void, left=left, rules=window.desk.rules, parent=window)
        dialog.submitted.connect(lambda asked: self._on_adjust_submitted(dialog, asked))
        window.open_dialog(dialog)
        return dialog

    def by_receipt(self) -> ReceiptRefundDialog:
        dialog = ReceiptRefundDialog(self._window.desk.rules, self._window)
        dialog.find_requested.connect(lambda number: self._on_receipt_find(dialog, number))
        dialog.submitted.connect(lambda asked: self._on_adjust_submitted(dialog, asked))
        self._window.open_dialog(dialog)
        return dialog

    def _on_receipt_find(self, dialog: ReceiptRefundDialog, number: str) -> None:
        desk = self._window.desk
        self._window.ops.submit(
            attempt(lambda: desk.receipt_to_refund(number)),
            on_success=lambda found: isValid(dialog) and dialog.show_found(found),
            channel="receipt",
        )  # a dialog closed meanwhile is gone: nothing to show

    def _on_adjust_submitted(self, dialog: AdjustingDialog, asked: Adjustment) -> None:
        desk = self._window.desk

        def work() -> TillTransaction:
            approval = desk.approve(asked.supervisor, asked.password)
            if dialog.is_void:
                return desk.void(asked.payment_id, reason=asked.reason, approval=approval,
                                 key=asked.key)  # fmt: skip
            assert asked.amount is not None  # a refund's dialog checked it
            return desk.refund(asked.payment_id, amount=asked.amount, tender=asked.tender,
                               reason=asked.reason, approval=approval, key=asked.key)  # fmt: skip

        title = dialog.windowTitle()  # "Refund SHOP1-00000042": what the status bar repeats
        self._window.ops.submit(
            attempt(work), on_success=lambda result: self._on_adjusted(dialog, title, result)
        )

    def _on_adjusted(
        self, dialog: AdjustingDialog, title: str, result: TillTransaction | Refusal
    ) -> None:
        window, shown = self._window, isValid(dialog)  # closed meanwhile: the refund stands
        if isinstance(result, Refusal):
            if shown:
                dialog.show_error(result.message, supervisor=result.kind == "approval")
            window.refused.emit(result.message)
            return
        if shown:
            dialog.accept()
        done = translate("TillWindow", "%1 %2: receipt %3").replace("%1", title)
        window.say(done.replace("%2", approved_by(result)).replace("%3", result.receipt_no))
        window.adjusted.emit(result.receipt_no)
        window.reload()
