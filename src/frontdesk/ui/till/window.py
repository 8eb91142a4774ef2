"""The till window: one register's shift, its payments, refunds and voids, reports, receipts.

Every till call runs as a background operation on ``TillDesk`` (the cache, or the server for
a supervisor's sign-in, or the supervisor's kept verifier when the server cannot be reached);
results come back on the main thread. A discount over the cashier's limit comes back as a
refusal that opens the supervisor approval dialog; the approved payment is then recorded
with the approval. A refusal comes back as a ``Refusal`` value rather than an exception
(``ui.till.refusals``), so the window knows which field or dialog to show it in, worded in
the interface's language. A payment of any till of the branch is refunded by its receipt
number (``ui.till.receipt_refund``) through the same path as the shift's own rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.till.desk import PrintedReceipt, ShiftView, TillDesk
from frontdesk.services.till.ports import ShiftRecord, TillTransaction
from frontdesk.ui.formatting import format_datetime, format_money
from frontdesk.ui.ops import OpRunner
from frontdesk.ui.receipts import Receipt, print_receipt
from frontdesk.ui.till.dialogs import (
    AdjustDialog,
    ApprovalDialog,
    CloseDialog,
    CloseRequest,
    caption,
    discount_summary,
)
from frontdesk.ui.till.fields import MoneyField
from frontdesk.ui.till.payment_form import PaymentBox, PaymentForm
from frontdesk.ui.till.receipt_refund import ReceiptRefundDialog
from frontdesk.ui.till.refund_flows import RefundFlows, approved_by
from frontdesk.ui.till.refusals import Refusal, attempt
from frontdesk.ui.till.reports import report_text
from frontdesk.ui.till.table import COLUMNS as COLUMNS
from frontdesk.ui.till.table import DECLINED_COLOUR as DECLINED_COLOUR
from frontdesk.ui.till.table import ShiftTable
from frontdesk.ui.widgets.form_errors import error_label, show_error

Dialog = AdjustDialog | ApprovalDialog | CloseDialog | ReceiptRefundDialog


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

    def __init__(self, desk: TillDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("tillWindow")
        self.desk = desk
        self.ops = OpRunner(self)
        self.ops.failed.connect(self._on_ops_failed)
        self.refunds = RefundFlows(self)
        self.view = ShiftView(None, [], {})
        self.dialog: Dialog | None = None
        #: Sends a receipt to a printer; the system's print dialog unless replaced.
        self.print_hook: Callable[[Receipt, QWidget], object] = print_receipt
        self.setWindowTitle(self.tr("Till %1").replace("%1", desk.register))
        self._build()
        self.resize(1180, 760)
        self.reload()

    # Construction

    def _build(self) -> None:
        self.header = QLabel(self)
        self.header.setObjectName("tillHeader")
        self.shift_box = self._make_shift_box()
        self.payment_box = PaymentBox(self.desk.rules, self)
        self.payment_box.submitted.connect(self._on_payment_box_submitted)
        self.payment_box.customer_search.connect(self._on_payment_box_customer_search)
        self.table = ShiftTable(self)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        self.report_view = QPlainTextEdit(self)
        self.report_view.setObjectName("reportView")
        self.report_view.setAccessibleName(self.tr("Shift report"))
        self.report_view.setReadOnly(True)
        self.report_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._make_buttons()
        self._lay_out()

    def _make_shift_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Open a shift"), self)
        box.setObjectName("shiftBox")
        self.float_field = MoneyField(box, "openingFloat", accessible=self.tr("Starting float"))
        self.open_button = QPushButton(self.tr("&Open shift"), box)
        self.open_button.setObjectName("openShift")
        self.open_button.clicked.connect(self.open_shift)
        self.float_field.edit.returnPressed.connect(self.open_shift)
        row = QHBoxLayout()
        row.addWidget(caption(box, self.tr("Starting &float"), self.float_field.edit))
        row.addWidget(self.float_field.edit, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.float_field.error)
        return box

    def _button(self, name: str, text: str, slot: Callable[[], None], key: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setShortcut(QKeySequence(key))
        button.setToolTip(f"{text.replace('&', '')} ({key})")
        button.clicked.connect(slot)
        return button

    def _make_buttons(self) -> None:
        self.print_button = self._button("printReceipt", self.tr("&Print receipt…"),
                                         self.print_selected, "Ctrl+P")  # fmt: skip
        self.refund_button = self._button("refundButton", self.tr("&Refund…"),
                                          self.refund_selected, "F8")  # fmt: skip
        self.void_button = self._button("voidButton", self.tr("&Void…"), self.void_selected, "F9")
        self.receipt_refund_button = self._button(
            "refundByReceipt", self.tr("Refund by rece&ipt…"), self.refund_by_receipt, "F7"
        )
        self.x_button = self._button("xReport", self.tr("&X-report"), self.show_x_report, "F5")
        self.close_button = self._button("closeShift", self.tr("&Close shift…"),
                                         self.close_shift, "F10")  # fmt: skip
        self.status = error_label(self, "tillStatus")

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(self.shift_box)
        left.addWidget(self.payment_box)
        left.addStretch(1)
        actions = QHBoxLayout()
        for button in (self.print_button, self.refund_button, self.void_button,
                       self.receipt_refund_button):  # fmt: skip
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.x_button, self.close_button):
            actions.addWidget(button)
        right = QVBoxLayout()
        right.addWidget(self.table, 3)
        right.addLayout(actions)
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

    def follow_sync(self, controller: Any) -> None:
        """Reload after each sync run of ``controller`` (a ``SyncController``): a push is
        when the server says a refund was declined, a pull brings the branch's refunds."""
        controller.outcome_arrived.connect(self._on_sync_controller_outcome_arrived)

    def _on_sync_controller_outcome_arrived(self, _outcome: object) -> None:
        self.reload()

    def _on_view_loaded(self, view: ShiftView) -> None:
        self.view = view
        self._show_header(view.shift)
        self.shift_box.setVisible(view.shift is None)
        self.payment_box.setEnabled(view.shift is not None)
        self.x_button.setEnabled(view.shift is not None)
        self.receipt_refund_button.setEnabled(view.shift is not None)
        self.close_button.setEnabled(view.shift is not None)
        self.table.fill(view)
        self._on_table_selection_changed()
        if view.shift is not None and not self.payment_box.amount.edit.hasFocus():
            self.payment_box.amount.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view_loaded.emit()

    def _show_header(self, shift: ShiftRecord | None) -> None:
        who = self.tr("Register %1 · cashier %2").replace("%1", self.desk.register)
        who = who.replace("%2", self.desk.cashier)
        if shift is None:
            state = self.tr("no open shift")
        else:
            state = (
                self.tr("shift open since %1, float %2")
                .replace("%1", format_datetime(shift.opened_at))
                .replace("%2", format_money(shift.opening_float))
            )
        self.header.setText(f"<b>{who}</b> — {state}")

    def open_shift(self) -> None:
        amount = self.float_field.check(self.desk.rules, allow_zero=True)
        if amount is None:
            return
        self.ops.submit(attempt(lambda: self.desk.open_shift(amount)),
                        on_success=self._on_shift_opened)  # fmt: skip

    def _on_shift_opened(self, result: ShiftRecord | Refusal) -> None:
        if isinstance(result, Refusal):
            self.float_field.fail(result.message.removeprefix("float:").strip())
            self.refused.emit(result.message)
            return
        self.float_field.clear()
        self.report_view.clear()
        self.reload()

    # Payments

    def _on_payment_box_customer_search(self, text: str) -> None:
        queries = self.desk.queries
        if queries is None or not text:
            self.payment_box.show_customers([])
            return
        self.ops.submit(
            lambda: queries.search(text, limit=20),
            on_success=self.payment_box.show_customers,
            channel="customers",
        )

    def _on_payment_box_submitted(self, form: PaymentForm) -> None:
        self.ops.submit(attempt(self._payment(form)), on_success=self._on_payment_recorded)

    def _payment(
        self, form: PaymentForm, credentials: tuple[str, str] | None = None
    ) -> Callable[[], TillTransaction]:
        desk = self.desk

        def work() -> TillTransaction:
            approval = desk.approve(*credentials) if credentials else None
            return desk.pay(
                amount=form.amount, tenders=form.tenders, customer_id=form.customer_id,
                purpose=form.purpose, key=form.key, discount=form.discount, approval=approval,
            )  # fmt: skip

        return work

    def _on_payment_recorded(self, result: TillTransaction | Refusal) -> None:
        if isinstance(result, Refusal):
            if result.kind == "needs_approval" and self.payment_box.pending is not None:
                self._ask_approval(self.payment_box.pending)
            else:
                self.payment_box.refused(result.message)
            self.refused.emit(result.message)
            return
        self.payment_box.recorded(result.change)
        said = self.tr("Paid: receipt %1, change due %2").replace("%1", result.receipt_no)
        said = said.replace("%2", format_money(result.change))
        if result.approval is not None:
            said += " — " + approved_by(result)
        self.say(said)
        self.payment_recorded.emit(result.receipt_no)
        self.reload()

    # A discount over the cashier's limit (a supervisor signs in in the dialog)

    def _ask_approval(self, form: PaymentForm) -> ApprovalDialog:
        dialog = ApprovalDialog(discount_summary(form.amount, form.discount, self.desk.rules), self)
        dialog.submitted.connect(lambda signed: self._on_approval_submitted(dialog, form, signed))
        dialog.rejected.connect(self.payment_box.approval_cancelled)
        self.open_dialog(dialog)
        return dialog

    def _on_approval_submitted(
        self, dialog: ApprovalDialog, form: PaymentForm, signed: tuple[str, str]
    ) -> None:
        self.ops.submit(attempt(self._payment(form, signed)),
                        on_success=lambda result: self._on_approved(dialog, result))  # fmt: skip

    def _on_approved(self, dialog: ApprovalDialog, result: TillTransaction | Refusal) -> None:
        if isinstance(result, Refusal) and result.kind == "approval":
            dialog.show_error(result.message, supervisor=True)
            self.refused.emit(result.message)
            return
        dialog.accept()
        self._on_payment_recorded(result)

    # The transactions table

    def selected(self) -> TillTransaction | None:
        tx_id = self.table.selected_id()
        return next((tx for tx in self.view.transactions if tx.id == tx_id), None)

    def select_receipt(self, receipt_no: str) -> None:
        self.table.select_receipt(receipt_no)

    def _on_table_selection_changed(self) -> None:
        tx = self.selected()
        left = self.view.left_to_refund.get(tx.id) if tx else None
        self.print_button.setEnabled(tx is not None)
        self.refund_button.setEnabled(left is not None and left.amount > 0)
        self.void_button.setEnabled(tx is not None and left is not None and left == tx.amount)

    # Refunds and voids (``ui.till.refund_flows``)

    def refund_selected(self) -> AdjustDialog | None:
        return self.refunds.adjust(self.selected(), void=False)

    def void_selected(self) -> AdjustDialog | None:
        return self.refunds.adjust(self.selected(), void=True)

    def refund_by_receipt(self) -> ReceiptRefundDialog | None:
        """Find a payment of any till of the branch by its receipt number and refund it."""
        return self.refunds.by_receipt() if self.view.shift is not None else None

    # Reports and closing

    def show_x_report(self) -> None:
        self.ops.submit(attempt(self.desk.report), on_success=self._on_x_report)

    def _on_x_report(self, result: Any) -> None:
        if isinstance(result, Refusal):
            self.say(result.message)
            return
        self.report_view.setPlainText(report_text(result, register=self.desk.register))
        self.report_shown.emit("x")

    def close_shift(self) -> None:
        self.ops.submit(attempt(self.desk.report), on_success=self._on_close_totals)

    def _on_close_totals(self, result: Any) -> None:
        if isinstance(result, Refusal):
            self.say(result.message)
            return
        dialog = CloseDialog(result, self)
        dialog.submitted.connect(lambda asked: self._on_close_submitted(dialog, asked))
        self.open_dialog(dialog)

    def _on_close_submitted(self, dialog: CloseDialog, asked: CloseRequest) -> None:
        desk = self.desk

        def work() -> Any:
            approval = (
                desk.approve(asked.supervisor, asked.password or "") if asked.supervisor else None
            )
            return desk.close(asked.counted, approval)

        self.ops.submit(attempt(work), on_success=lambda result: self._on_closed(dialog, result))

    def _on_closed(self, dialog: CloseDialog, result: Any) -> None:
        if isinstance(result, Refusal):
            if result.kind == "unsynced":
                dialog.ask_override(result.message)
            else:
                dialog.show_error(result.message, supervisor=result.kind == "approval")
            self.refused.emit(result.message)
            return
        shift, totals = result
        dialog.accept()
        text = report_text(totals, register=self.desk.register, closed=shift)
        self.report_view.setPlainText(text)
        self.report_shown.emit("z")
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

    def open_dialog(self, dialog: Dialog) -> None:
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
