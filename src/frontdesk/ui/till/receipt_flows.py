"""Printing a till receipt, from the till window, on paper or as a PDF file.

The print is counted (a second print is a COPY) and the customer named in a background
operation; the receipt then goes to the printer the window was given, or to the PDF file the
cashier names. A gift receipt (the lines, no prices) is not a copy of the receipt and is
not counted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from frontdesk.services.till.desk import PrintedReceipt, TillDesk
from frontdesk.services.till.ports import TillTransaction
from frontdesk.ui.receipts import Receipt, write_pdf
from frontdesk.ui.till.refusals import Refusal, attempt

Submit = Callable[..., None]
#: Sends a receipt to a printer over a parent widget (``ui.receipts.print_receipt``: the
#: system's print dialog).
Printer = Callable[[Receipt, QWidget], object]


def save_pdf(receipt: Receipt, parent: QWidget) -> Path | None:
    """Ask where to save the receipt as PDF (the system's file dialog), then write it."""
    suggested = str(Path.home() / f"{receipt.tx.receipt_no}.pdf")
    title = QCoreApplication.translate("TillWindow", "Save receipt as PDF")
    pattern = QCoreApplication.translate("TillWindow", "PDF files (*.pdf)")
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return write_pdf(receipt, Path(path)) if path else None


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
        self, desk: TillDesk, *, submit: Submit, printer: Printer, parent: QWidget,
        saver: Printer = save_pdf,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._desk, self._submit, self._printer = desk, submit, printer
        self._saver, self._parent = saver, parent

    def print_receipt(self, tx: TillTransaction | None, *, pdf: bool = False) -> None:
        """Print the receipt of ``tx`` (None: nothing is selected, nothing to print), or
        save it as PDF."""
        if tx is not None:
            tx_id, send = tx.id, self._saver if pdf else self._printer
            work = attempt(lambda: self._desk.print_receipt(tx_id))
            self._submit(work, on_success=lambda result: self._on_receipt_ready(result, send))

    def print_gift(self, tx: TillTransaction | None) -> None:
        """A gift receipt of a basket payment: what was bought, without a price."""
        if tx is not None and tx.kind == "payment" and tx.lines:
            self._printer(Receipt.of(tx, gift=True), self._parent)
        elif tx is not None:
            said = QCoreApplication.translate(
                "TillWindow", "Only a payment for a basket of products has a gift receipt."
            )
            self.refused.emit(said)

    def _on_receipt_ready(self, result: PrintedReceipt | Refusal, send: Printer) -> None:
        if isinstance(result, Refusal):
            self.refused.emit(result.message)
            return
        receipt = Receipt.of(result.tx, customer=result.customer, copy=result.copy,
                             sold=result.sold)  # fmt: skip
        send(receipt, self._parent)
