"""Refunds and voids from the till window, a supervisor signing in in the dialog.

A row of the shift is refunded or voided in ``AdjustDialog``; a payment of any till of the
branch is found by its receipt number and refunded in ``ReceiptRefundDialog``. Both come
back here as an ``Adjustment``, done by one path: the supervisor's approval, then
``TillDesk.refund`` or ``TillDesk.void``, in a background operation.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget
from shiboken6 import isValid

from frontdesk.domain.money import Money
from frontdesk.services.till.basket import TillBasket
from frontdesk.services.till.branch import ReceiptToRefund
from frontdesk.services.till.desk import TillDesk
from frontdesk.services.till.ports import TillTransaction
from frontdesk.services.till.returns import RefundableLine
from frontdesk.ui.till.dialogs import AdjustDialog, AdjustingDialog, Adjustment
from frontdesk.ui.till.receipt_refund import ReceiptRefundDialog
from frontdesk.ui.till.refusals import Refusal, attempt

translate = QCoreApplication.translate
Submit = Callable[..., None]


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
    """The till window's refunds and voids; one per window.

    Args:
        desk: the register's till.
        submit: runs a background operation (``OpRunner.submit``).
        open_dialog: opens a dialog over the window (which keeps it as its current dialog).
        parent: the window.

    Signals:
        adjusted(str, str): a refund or void got this receipt number; the text says so.
        refused(str): the till refused it; the message is shown in the dialog.
    """

    adjusted = Signal(str, str)
    refused = Signal(str)

    def __init__(
        self,
        desk: TillDesk,
        *,
        submit: Submit,
        open_dialog: Callable[[QDialog], None],
        parent: QWidget,
        basket: TillBasket | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._submit, self._open_dialog = desk, submit, open_dialog
        self._basket = basket  # returns by line go through it
        self._parent = parent

    def adjust(
        self, tx: TillTransaction | None, left: Money | None, *, void: bool
    ) -> AdjustDialog | None:
        """Refund or void ``tx``, a payment of the shift with ``left`` still to refund."""
        if tx is None or left is None:
            return None
        dialog = AdjustDialog(tx, void=void, left=left, rules=self._desk.rules, parent=self._parent)
        dialog.submitted.connect(lambda asked: self._on_adjust_submitted(dialog, asked))
        self._open_dialog(dialog)
        return dialog

    def by_receipt(self) -> ReceiptRefundDialog:
        dialog = ReceiptRefundDialog(self._desk.rules, self._parent)
        dialog.find_requested.connect(lambda number: self._on_receipt_find(dialog, number))
        dialog.amount_requested.connect(
            lambda receipt, lines: self._on_amount_requested(dialog, receipt, lines)
        )
        dialog.submitted.connect(lambda asked: self._on_adjust_submitted(dialog, asked))
        self._open_dialog(dialog)
        return dialog

    def _on_receipt_find(self, dialog: ReceiptRefundDialog, number: str) -> None:
        desk, basket = self._desk, self._basket

        def find() -> tuple[ReceiptToRefund, tuple[RefundableLine, ...]]:
            found = desk.receipt_to_refund(number)
            return found, basket.refundable(number).lines if basket is not None else ()

        self._submit(
            attempt(find),
            on_success=lambda found: isValid(dialog) and dialog.show_found(*_pair(found)),
            channel="receipt",
        )  # a dialog closed meanwhile is gone: nothing to show

    def _on_amount_requested(self, dialog: ReceiptRefundDialog, receipt: str,
                             lines: list[tuple[int, Decimal]]) -> None:  # fmt: skip
        basket = self._basket
        if basket is None:
            return
        self._submit(
            attempt(lambda: basket.refund_amount(receipt, lines)),
            on_success=lambda amount: isValid(dialog) and dialog.show_amount(amount),
            channel="return-amount",
        )

    def _on_adjust_submitted(self, dialog: AdjustingDialog, asked: Adjustment) -> None:
        desk, basket = self._desk, self._basket

        def work() -> TillTransaction:
            # The approval is asked for this very refund or void (its key and amount).
            signed = (asked.supervisor, asked.password)
            if dialog.is_void:
                return desk.void(asked.payment_id, reason=asked.reason, supervisor=signed,
                                 key=asked.key)  # fmt: skip
            if asked.lines and basket is not None:
                return basket.refund_lines(asked.receipt, asked.lines, tender=asked.tender,
                                           reason=asked.reason, key=asked.key,
                                           supervisor=signed)  # fmt: skip
            assert asked.amount is not None  # a refund's dialog checked it
            return desk.refund(asked.payment_id, amount=asked.amount, tender=asked.tender,
                               reason=asked.reason, supervisor=signed, key=asked.key)  # fmt: skip

        title = dialog.windowTitle()  # "Refund SHOP1-00000042": what the status bar repeats
        self._submit(
            attempt(work), on_success=lambda result: self._on_adjusted(dialog, title, result)
        )

    def _on_adjusted(
        self, dialog: AdjustingDialog, title: str, result: TillTransaction | Refusal
    ) -> None:
        shown = isValid(dialog)  # closed meanwhile: the refund stands
        if isinstance(result, Refusal):
            if shown:
                dialog.show_error(result.message, supervisor=result.kind == "approval")
            self.refused.emit(result.message)
            return
        if shown:
            dialog.accept()
        done = translate("TillWindow", "%1 %2: receipt %3").replace("%1", title)
        done = done.replace("%2", approved_by(result)).replace("%3", result.receipt_no)
        self.adjusted.emit(result.receipt_no, done)


def _pair(found: Any) -> tuple[Any, tuple[RefundableLine, ...]]:
    """(the receipt found, its lines) or (the refusal, no lines)."""
    return found if isinstance(found, tuple) else (found, ())
