"""Printing a till receipt, from the till window.

The print is counted (a second print is a COPY) and the customer named in a background
operation; the receipt then goes to the printer the window was given.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from frontdesk.services.till.desk import PrintedReceipt, TillDesk
from frontdesk.services.till.ports import TillTransaction
from frontdesk.ui.receipts import Receipt
from frontdesk.ui.till.refusals import Refusal, attempt

Submit = Callable[..., None]
#: Sends a receipt to a printer over a parent widget (``ui.receipts.print_receipt``: the
#: system's print dialog).
Printer = Callable[[Receipt, QWidget], object]


class ReceiptFlows(QObject):
    """Receipt prints for one till window.

    Args:
        desk: the register's till.
        submit: runs a background operation (``OpRunner.submit``).
        printer: sends each receipt to a printer.
        parent: the window, over which the printer asks where to print.

    Signals:
        refused(str): the till refused the print; the text says why.
    """

    refused = Signal(str)

    def __init__(
        self, desk: TillDesk, *, submit: Submit, printer: Printer, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._desk, self._submit, self._printer = desk, submit, printer
        self._parent = parent

    def print_receipt(self, tx: TillTransaction | None) -> None:
        """Print the receipt of ``tx`` (None: nothing is selected, nothing to print)."""
        if tx is not None:
            tx_id = tx.id
            work = attempt(lambda: self._desk.print_receipt(tx_id))
            self._submit(work, on_success=self._on_receipt_ready)

    def _on_receipt_ready(self, result: PrintedReceipt | Refusal) -> None:
        if isinstance(result, Refusal):
            self.refused.emit(result.message)
            return
        receipt = Receipt(result.tx, customer=result.customer, copy=result.copy)
        self._printer(receipt, self._parent)
