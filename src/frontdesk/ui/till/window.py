"""The till window: one register's shift, its payments, refunds and voids, reports, receipts.

Every till call runs as a background operation on ``TillDesk`` (the cache, or the server for
a supervisor's sign-in, or the supervisor's kept verifier when the server cannot be reached).
The window composes the boxes and the flows that make those calls (``ShiftBox``,
``PaymentFlows``, ``RefundFlows``, ``ReportFlows``, ``ReceiptFlows``); a refusal comes back
as a ``Refusal`` value (``ui.till.refusals``), shown by the flow at its field or dialog,
worded in the interface's language, and announced by ``refused``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from frontdesk.services.till.basket import TillBasket
from frontdesk.services.till.desk import ShiftView, TillDesk
from frontdesk.services.till.ports import TillTransaction
from frontdesk.ui.knowledge.suggestions import KbSuggester
from frontdesk.ui.ops import OpRunner
from frontdesk.ui.receipts import print_receipt
from frontdesk.ui.sync_controller import SyncController
from frontdesk.ui.till.basket_parts import BasketParts
from frontdesk.ui.till.dialogs import AdjustDialog
from frontdesk.ui.till.payment_flows import PaymentFlows, paid_text
from frontdesk.ui.till.payment_form import PaymentBox
from frontdesk.ui.till.receipt_flows import Printer, ReceiptFlows, save_pdf
from frontdesk.ui.till.receipt_refund import ReceiptRefundDialog
from frontdesk.ui.till.refund_flows import RefundFlows
from frontdesk.ui.till.report_flows import ReportFlows, report_view
from frontdesk.ui.till.shift_actions import ShiftActions
from frontdesk.ui.till.shift_box import ShiftBox, header_text
from frontdesk.ui.till.table import COLUMNS as COLUMNS
from frontdesk.ui.till.table import DECLINED_COLOUR as DECLINED_COLOUR
from frontdesk.ui.till.table import ShiftTable
from frontdesk.ui.widgets.form_errors import error_label, show_error
from frontdesk.ui.widgets.update_notice import add_update_notice


class TillWindow(QMainWindow):
    """One register's till.

    Args:
        desk: the register's till.
        parent: the main window the till belongs to (None: a window of its own).
        sync: the desk's background sync; the till reloads after each run.
        printer: sends a receipt to a printer (default: the system's print dialog).
        basket: the register's basket (None: the till takes typed amounts only).
        saver: saves a receipt as PDF (default: asks where, in the system's file dialog).
        knowledge: the desk's knowledge base, for the articles of the basket's products
            (None, or no basket: none shown).

    Signals:
        view_loaded(): the shift and its transactions on screen are current.
        payment_recorded(str): a payment got this receipt number.
        adjusted(str): a refund or void got this receipt number.
        report_shown(str): the report view shows an X (``x``) or Z (``z``) report.
        refused(str): the till refused something; the message is shown where it belongs.
    """

    view_loaded = Signal()
    payment_recorded = Signal(str)
    adjusted = Signal(str)
    report_shown = Signal(str)
    refused = Signal(str)

    def __init__(
        self,
        desk: TillDesk,
        parent: QWidget | None = None,
        *,
        sync: SyncController | None = None,
        printer: Printer = print_receipt,
        basket: TillBasket | None = None,
        saver: Printer = save_pdf,
        knowledge: KbSuggester | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("tillWindow")
        self.desk = desk
        # One at a time: the till's calls (shift, basket, payments) share one unit of work,
        # whose session is not for two threads at once; each takes milliseconds.
        self.ops = OpRunner(self, max_threads=1)
        self.ops.failed.connect(self._on_ops_failed)
        if sync is not None:
            # A push is when the server says a refund was declined, a pull brings the
            # branch's refunds: reload after each run.
            sync.outcome_arrived.connect(self._on_sync_outcome_arrived)
        self.view = ShiftView(None, [], {})
        self.dialog: QDialog | None = None
        self.setWindowTitle(self.tr("Till %1").replace("%1", desk.register))
        self.basket = basket
        self._build()
        # A cashier may work in this window alone: the desk's update notice shows here too.
        self.update_notice = add_update_notice(self, sync) if sync is not None else None
        self._make_flows(printer, saver, knowledge)
        self.resize(1280, 800) if basket is not None else self.resize(1180, 760)
        self.reload()

    # Construction

    def _make_flows(self, printer: Printer, saver: Printer,
                    knowledge: KbSuggester | None) -> None:  # fmt: skip
        flows = {"submit": self.ops.submit, "open_dialog": self.open_dialog, "parent": self}
        self.payments = PaymentFlows(self.desk, box=self.payment_box, basket=self.basket, **flows)
        self.basket_ui = (
            BasketParts(self, self.basket, flows=flows, payments=self.payments,
                        knowledge=knowledge)
            if self.basket is not None else None
        )  # fmt: skip
        self.payments.payment_recorded.connect(self._on_payments_payment_recorded)
        self.payments.refused.connect(self.refused)
        self.refunds = RefundFlows(self.desk, basket=self.basket, **flows)
        self.refunds.adjusted.connect(self._on_refunds_adjusted)
        self.refunds.refused.connect(self.refused)
        self.reports = ReportFlows(self.desk, **flows)
        self.receipts = ReceiptFlows(
            self.desk, submit=self.ops.submit, printer=printer, parent=self, saver=saver
        )
        self._connect_paper()

    def _connect_paper(self) -> None:
        """What ends on paper or in the report view: the X and Z reports, the receipts."""
        self.reports.report_ready.connect(self._on_reports_report_ready)
        self.reports.refused.connect(self.refused)
        self.reports.failed.connect(self.say)
        self.buttons.x_button.clicked.connect(self.reports.x_report)
        self.buttons.close_button.clicked.connect(self.reports.close_shift)
        self.receipts.refused.connect(self.say)
        self.buttons.print_button.clicked.connect(self.print_selected)
        self.buttons.gift_button.clicked.connect(lambda: self.receipts.print_gift(self.selected()))
        self.buttons.pdf_button.clicked.connect(
            lambda: self.receipts.print_receipt(self.selected(), pdf=True)
        )

    def _build(self) -> None:
        self.header = QLabel(self)
        self.header.setObjectName("tillHeader")
        self.shift_box = ShiftBox(self.desk, submit=self.ops.submit, parent=self)
        self.shift_box.shift_opened.connect(self._on_shift_box_shift_opened)
        self.shift_box.refused.connect(self.refused)
        self.payment_box = PaymentBox(self.desk.rules, self)
        self.table = ShiftTable(self)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.report_view = report_view(self)
        self._make_buttons()
        if self.basket is None:
            self._lay_out()

    def _make_buttons(self) -> None:
        self.buttons = ShiftActions(self)
        self.buttons.refund_button.clicked.connect(self.refund_selected)
        self.buttons.void_button.clicked.connect(self.void_selected)
        self.buttons.receipt_refund_button.clicked.connect(self.refund_by_receipt)
        self.status = error_label(self, "tillStatus")

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.shift_box)
        left.addWidget(self.payment_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.table, 3)
        right.addWidget(self.buttons)
        right.addWidget(self.report_view, 2)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(central)

    # The shift

    def reload(self) -> None:
        self.ops.submit(self.desk.view, on_success=self._on_view_loaded, channel="view")

    def _on_sync_outcome_arrived(self, _outcome: object) -> None:
        self.reload()

    def _on_view_loaded(self, view: ShiftView) -> None:
        self.view = view
        self.header.setText(header_text(self.desk, view.shift))
        self.shift_box.setVisible(view.shift is None)
        self.payment_box.setEnabled(view.shift is not None)
        self.buttons.enable_for_shift(view.shift is not None)
        self.table.fill(view)
        self._on_table_selection_changed()
        if self.basket_ui is not None:
            self.basket_ui.shift_loaded(view.shift is not None)
        elif view.shift is not None and not self.payment_box.amount.edit.hasFocus():
            self.payment_box.amount.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view_loaded.emit()

    def _on_shift_box_shift_opened(self) -> None:
        self.report_view.clear()
        self.reload()

    # Payments

    def _on_payments_payment_recorded(self, result: TillTransaction) -> None:
        self.say(paid_text(result))
        self.payment_recorded.emit(result.receipt_no)
        if self.basket_ui is not None:
            self.basket_ui.paid()
        self.reload()

    # The transactions table

    def selected(self) -> TillTransaction | None:
        return self.table.selected()

    def select_receipt(self, receipt_no: str) -> None:
        self.table.select_receipt(receipt_no)

    def _on_table_selection_changed(self) -> None:
        tx = self.selected()
        self.buttons.enable_for_selection(tx, self.table.left_to_refund(tx))

    # Refunds and voids (``ui.till.refund_flows``)

    def refund_selected(self) -> AdjustDialog | None:
        tx = self.selected()
        return self.refunds.adjust(tx, self.table.left_to_refund(tx), void=False)

    def void_selected(self) -> AdjustDialog | None:
        tx = self.selected()
        return self.refunds.adjust(tx, self.table.left_to_refund(tx), void=True)

    def _on_refunds_adjusted(self, receipt_no: str, message: str) -> None:
        self.say(message)
        self.adjusted.emit(receipt_no)
        self.reload()

    def refund_by_receipt(self) -> ReceiptRefundDialog | None:
        """Find a payment of any till of the branch by its receipt number and refund it."""
        return self.refunds.by_receipt() if self.view.shift is not None else None

    # Reports and receipts (``ui.till.report_flows``, ``ui.till.receipt_flows``)

    def _on_reports_report_ready(self, kind: str, text: str) -> None:
        self.report_view.setPlainText(text)
        if self.basket_ui is not None:
            self.basket_ui.show_report()
        self.report_shown.emit(kind)
        if kind == "z":
            self.reload()

    def print_selected(self) -> None:
        self.receipts.print_receipt(self.selected())

    # Shared

    def open_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def say(self, message: str) -> None:
        self.status.setStyleSheet("")
        show_error(self.status, message)

    def _on_ops_failed(self, message: str) -> None:
        show_error(self.status, self.tr("The till could not do that: %1").replace("%1", message))
        self.refused.emit(message)

    def closeEvent(self, event: Any) -> None:
        if self.basket_ui is not None:
            self.basket_ui.scanner.detach()
        self.ops.shutdown()
        super().closeEvent(event)
