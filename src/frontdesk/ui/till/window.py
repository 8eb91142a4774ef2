"""The till window: one register's shift, its payments, refunds and voids, reports, receipts.

Every till call runs as a background operation on ``TillDesk`` (the cache, or the server for
a supervisor's sign-in, or the supervisor's kept verifier when the server cannot be reached).
The window composes the boxes and the flows that make those calls (``ShiftBox``,
``PaymentFlows``, ``RefundFlows``, ``ReportFlows``); a refusal comes back as a ``Refusal``
value (``ui.till.refusals``), shown by the flow at its field or dialog, worded in the
interface's language, and announced by ``refused``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.money import Money
from frontdesk.services.till.desk import PrintedReceipt, ShiftView, TillDesk
from frontdesk.services.till.ports import TillTransaction
from frontdesk.ui.formatting import format_money
from frontdesk.ui.ops import OpRunner
from frontdesk.ui.receipts import Receipt, print_receipt
from frontdesk.ui.sync_controller import SyncController
from frontdesk.ui.till.dialogs import AdjustDialog
from frontdesk.ui.till.payment_flows import PaymentFlows
from frontdesk.ui.till.payment_form import PaymentBox
from frontdesk.ui.till.receipt_refund import ReceiptRefundDialog
from frontdesk.ui.till.refund_flows import RefundFlows, approved_by
from frontdesk.ui.till.refusals import Refusal, attempt
from frontdesk.ui.till.report_flows import ReportFlows
from frontdesk.ui.till.shift_actions import ShiftActions
from frontdesk.ui.till.shift_box import ShiftBox, header_text
from frontdesk.ui.till.table import COLUMNS as COLUMNS
from frontdesk.ui.till.table import DECLINED_COLOUR as DECLINED_COLOUR
from frontdesk.ui.till.table import ShiftTable
from frontdesk.ui.widgets.form_errors import error_label, show_error


class TillWindow(QMainWindow):
    """One register's till.

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
        self, desk: TillDesk, parent: QWidget | None = None, *, sync: SyncController | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("tillWindow")
        self.desk = desk
        self.ops = OpRunner(self)
        self.ops.failed.connect(self._on_ops_failed)
        if sync is not None:
            # A push is when the server says a refund was declined, a pull brings the
            # branch's refunds: reload after each run.
            sync.outcome_arrived.connect(self._on_sync_outcome_arrived)
        self.view = ShiftView(None, [], {})
        self.dialog: QDialog | None = None
        #: Sends a receipt to a printer; the system's print dialog unless replaced.
        self.print_hook: Callable[[Receipt, QWidget], object] = print_receipt
        self.setWindowTitle(self.tr("Till %1").replace("%1", desk.register))
        self._build()
        self._make_flows()
        self.resize(1180, 760)
        self.reload()

    # Construction

    def _make_flows(self) -> None:
        flows = {"submit": self.ops.submit, "open_dialog": self.open_dialog, "parent": self}
        self.payments = PaymentFlows(self.desk, box=self.payment_box, **flows)
        self.payments.payment_recorded.connect(self._on_payments_payment_recorded)
        self.payments.refused.connect(self.refused)
        self.refunds = RefundFlows(self.desk, **flows)
        self.refunds.adjusted.connect(self._on_refunds_adjusted)
        self.refunds.refused.connect(self.refused)
        self.reports = ReportFlows(self.desk, **flows)
        self.reports.report_ready.connect(self._on_reports_report_ready)
        self.reports.refused.connect(self.refused)
        self.reports.failed.connect(self.say)
        self.buttons.x_button.clicked.connect(self.reports.x_report)
        self.buttons.close_button.clicked.connect(self.reports.close_shift)

    def _build(self) -> None:
        self.header = QLabel(self)
        self.header.setObjectName("tillHeader")
        self.shift_box = ShiftBox(self.desk, submit=self.ops.submit, parent=self)
        self.shift_box.shift_opened.connect(self._on_shift_box_shift_opened)
        self.shift_box.refused.connect(self.refused)
        self.payment_box = PaymentBox(self.desk.rules, self)
        self.table = ShiftTable(self)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.report_view = QPlainTextEdit(self)
        self.report_view.setObjectName("reportView")
        self.report_view.setAccessibleName(self.tr("Shift report"))
        self.report_view.setReadOnly(True)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._make_buttons()
        self._lay_out()

    def _make_buttons(self) -> None:
        self.buttons = ShiftActions(self)
        self.buttons.print_button.clicked.connect(self.print_selected)
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
        if view.shift is not None and not self.payment_box.amount.edit.hasFocus():
            self.payment_box.amount.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view_loaded.emit()

    def _on_shift_box_shift_opened(self) -> None:
        self.report_view.clear()
        self.reload()

    # Payments

    def _on_payments_payment_recorded(self, result: TillTransaction) -> None:
        said = self.tr("Paid: receipt %1, change due %2").replace("%1", result.receipt_no)
        said = said.replace("%2", format_money(result.change))
        if result.approval is not None:
            said += " — " + approved_by(result)
        self.say(said)
        self.payment_recorded.emit(result.receipt_no)
        self.reload()

    # The transactions table

    def selected(self) -> TillTransaction | None:
        tx_id = self.table.selected_id()
        return next((tx for tx in self.view.transactions if tx.id == tx_id), None)

    def select_receipt(self, receipt_no: str) -> None:
        self.table.select_receipt(receipt_no)

    def _on_table_selection_changed(self) -> None:
        tx = self.selected()
        self.buttons.enable_for_selection(tx, self._left(tx))

    def _left(self, tx: TillTransaction | None) -> Money | None:
        return self.view.left_to_refund.get(tx.id) if tx else None

    # Refunds and voids (``ui.till.refund_flows``)

    def refund_selected(self) -> AdjustDialog | None:
        tx = self.selected()
        return self.refunds.adjust(tx, self._left(tx), void=False)

    def void_selected(self) -> AdjustDialog | None:
        tx = self.selected()
        return self.refunds.adjust(tx, self._left(tx), void=True)

    def _on_refunds_adjusted(self, receipt_no: str, message: str) -> None:
        self.say(message)
        self.adjusted.emit(receipt_no)
        self.reload()

    def refund_by_receipt(self) -> ReceiptRefundDialog | None:
        """Find a payment of any till of the branch by its receipt number and refund it."""
        return self.refunds.by_receipt() if self.view.shift is not None else None

    # Reports (``ui.till.report_flows``)

    def show_x_report(self) -> None:
        self.reports.x_report()

    def _on_reports_report_ready(self, kind: str, text: str) -> None:
        self.report_view.setPlainText(text)
        self.report_shown.emit(kind)
        if kind == "z":
            self.reload()

    # Receipts

    def print_selected(self) -> None:
        tx = self.selected()
        if tx is not None:
            self.ops.submit(attempt(lambda: self.desk.print_receipt(tx.id)),
                            on_success=self._on_receipt_ready)  # fmt: skip

    def _on_receipt_ready(self, result: PrintedReceipt | Refusal) -> None:
        if isinstance(result, Refusal):
            self.say(result.message)
            return
        self.print_hook(Receipt(result.tx, customer=result.customer, copy=result.copy), self)

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
        self.ops.shutdown()
        super().closeEvent(event)
