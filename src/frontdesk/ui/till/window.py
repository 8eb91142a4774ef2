"""The till window: one register's shift, its payments, refunds and voids, reports, receipts.

Every till call runs as a background operation on ``TillDesk`` (the cache, or the server for
a supervisor's sign-in, or the supervisor's kept verifier when the server cannot be reached);
results come back on the main thread. A discount over the cashier's limit comes back as a
refusal that opens the supervisor approval dialog; the approved payment is then recorded
with the approval. A refusal comes back as a
``Refusal`` value rather than an exception, so the window knows which field or dialog to
show it in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.till import ApprovalNeeded, ApprovalRefused, TillRefused, UnsyncedShift
from frontdesk.services.till_desk import PrintedReceipt, ShiftView, TillDesk
from frontdesk.services.till_ports import ShiftRecord, TillTransaction
from frontdesk.ui.formatting import format_datetime, format_money, to_local_qdatetime
from frontdesk.ui.ops import OpRunner
from frontdesk.ui.receipts import Receipt, print_receipt
from frontdesk.ui.till.dialogs import (
    AdjustDialog,
    Adjustment,
    ApprovalDialog,
    CloseDialog,
    CloseRequest,
    caption,
    discount_summary,
)
from frontdesk.ui.till.fields import MoneyField
from frontdesk.ui.till.payment_form import PaymentBox, PaymentForm
from frontdesk.ui.till.reports import report_text
from frontdesk.ui.widgets.form_errors import error_label, show_error


@dataclass(frozen=True, slots=True)
class Refusal:
    """The till said no: ``kind`` is ``approval``, ``needs_approval``, ``unsynced`` or ``till``."""

    kind: str
    message: str


def attempt(work: Callable[[], Any]) -> Callable[[], Any]:
    """``work`` for a background op, with the till's refusals returned as ``Refusal``."""

    def run() -> Any:
        try:
            return work()
        except ApprovalRefused as error:
            return Refusal("approval", str(error).removeprefix("supervisor:").strip())
        except ApprovalNeeded as error:
            return Refusal("needs_approval", str(error))
        except UnsyncedShift as error:
            return Refusal("unsynced", str(error))
        except TillRefused as error:
            return Refusal("till", str(error))

    return run


def format_time(moment: datetime) -> str:
    """The time of day only: a shift's transactions share their date."""
    locale = QLocale()
    return locale.toString(to_local_qdatetime(moment).time(), QLocale.FormatType.ShortFormat)


# The form errors' red (ui.widgets.form_errors): a declined refund reads as a problem.
DECLINED_COLOUR = QColor("#d32f2f")
COLUMNS = ("receipt", "time", "kind", "customer", "amount", "tenders", "change", "left")


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
        self.view = ShiftView(None, [], {})
        self.dialog: AdjustDialog | ApprovalDialog | CloseDialog | None = None
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
        self.table = self._make_table()
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

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS), self)
        table.setObjectName("tillTransactions")
        table.setAccessibleName(self.tr("Transactions of this shift"))
        table.setHorizontalHeaderLabels(
            [self.tr("Receipt"), self.tr("Time"), self.tr("Kind"), self.tr("Customer"),
             self.tr("Amount"), self.tr("Tenders"), self.tr("Change"), self.tr("Refundable")]
        )  # fmt: skip
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("tenders"), QHeaderView.ResizeMode.Stretch)
        # Names can be long: the customer column keeps a set width and elides.
        header.setSectionResizeMode(COLUMNS.index("customer"), QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COLUMNS.index("customer"), 130)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.itemSelectionChanged.connect(self._on_table_selection_changed)
        return table

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
        for button in (self.print_button, self.refund_button, self.void_button):
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
        self.close_button.setEnabled(view.shift is not None)
        self._fill_table(view)
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
        if self.float_field.check(self.desk.rules, allow_zero=True) is None:
            return
        amount = self.float_field.text()
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
            said += " — " + self._approved_by(result)
        self._say(said)
        self.payment_recorded.emit(result.receipt_no)
        self.reload()

    # A discount over the cashier's limit (a supervisor signs in in the dialog)

    def _ask_approval(self, form: PaymentForm) -> ApprovalDialog:
        dialog = ApprovalDialog(discount_summary(form.amount, form.discount, self.desk.rules), self)
        dialog.submitted.connect(lambda signed: self._on_approval_submitted(dialog, form, signed))
        dialog.rejected.connect(self.payment_box.approval_cancelled)
        self._open(dialog)
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

    def _approved_by(self, tx: TillTransaction) -> str:
        approval = tx.approval
        if approval is None:
            return ""
        text = self.tr("approved by %1 (checked offline)") if approval.offline else self.tr(
            "approved by %1")  # fmt: skip
        return text.replace("%1", approval.supervisor)

    # The transactions table

    def _fill_table(self, view: ShiftView) -> None:
        self.table.setRowCount(len(view.transactions))
        for row, tx in enumerate(reversed(view.transactions)):  # newest first
            for column, text in enumerate(self._cells(tx, view)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the whole text where the column elides it
                item.setData(Qt.ItemDataRole.UserRole, tx.id)
                if COLUMNS[column] in ("amount", "change", "left"):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            if tx.id in view.declined:
                self._mark_declined(row, view.declined[tx.id])

    def _mark_declined(self, row: int, reason: str) -> None:
        """A refund or void the server found too large: it stays in the journal, shown so."""
        kind = self.table.item(row, COLUMNS.index("kind"))
        kind.setText(self.tr("%1 (declined)").replace("%1", kind.text()))
        left = self.table.item(row, COLUMNS.index("left"))
        left.setText(self.tr("Server declined"))
        tip = self.tr("Declined by the server: %1").replace("%1", reason)
        for column in range(len(COLUMNS)):
            item = self.table.item(row, column)
            item.setToolTip(tip)
            item.setForeground(DECLINED_COLOUR)

    def _cells(self, tx: TillTransaction, view: ShiftView) -> list[str]:
        kinds = {"payment": self.tr("Payment"), "refund": self.tr("Refund"),
                 "void": self.tr("Void")}  # fmt: skip
        kind = kinds.get(tx.kind, tx.kind)
        names = {"cash": self.tr("Cash"), "card": self.tr("Card"),
                 "bank_transfer": self.tr("Bank transfer")}  # fmt: skip
        tenders = ", ".join(f"{names[t.tender.value]} {format_money(t.amount)}" for t in tx.tenders)
        if tx.discount is not None:  # the amount is what was paid; say what came off
            off = self.tr("discount %1").replace("%1", format_money(tx.discount.amount))
            tenders += f" · {off}"
        left = view.left_to_refund.get(tx.id)
        return [
            tx.receipt_no, format_time(tx.occurred_at), kind,
            self.tr("Walk-in") if tx.customer_id is None else tx.customer_id[:8],
            format_money(tx.amount), tenders,
            format_money(tx.change) if tx.change.amount else "",
            format_money(left) if left is not None else "",
        ]  # fmt: skip

    def selected(self) -> TillTransaction | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        tx_id = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((tx for tx in self.view.transactions if tx.id == tx_id), None)

    def select_receipt(self, receipt_no: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == receipt_no:
                self.table.selectRow(row)
                return

    def _on_table_selection_changed(self) -> None:
        tx = self.selected()
        left = self.view.left_to_refund.get(tx.id) if tx else None
        self.print_button.setEnabled(tx is not None)
        self.refund_button.setEnabled(left is not None and left.amount > 0)
        self.void_button.setEnabled(tx is not None and left is not None and left == tx.amount)

    # Refunds and voids (a supervisor signs in in the dialog)

    def refund_selected(self) -> AdjustDialog | None:
        return self._adjust(void=False)

    def void_selected(self) -> AdjustDialog | None:
        return self._adjust(void=True)

    def _adjust(self, *, void: bool) -> AdjustDialog | None:
        tx = self.selected()
        if tx is None or tx.id not in self.view.left_to_refund:
            return None
        left = self.view.left_to_refund[tx.id]
        dialog = AdjustDialog(tx, void=void, left=left, rules=self.desk.rules, parent=self)
        dialog.submitted.connect(lambda asked: self._on_adjust_submitted(dialog, asked))
        self._open(dialog)
        return dialog

    def _on_adjust_submitted(self, dialog: AdjustDialog, asked: Adjustment) -> None:
        desk = self.desk

        def work() -> TillTransaction:
            approval = desk.approve(asked.supervisor, asked.password)
            if dialog.is_void:
                return desk.void(asked.payment_id, reason=asked.reason, approval=approval,
                                 key=asked.key)  # fmt: skip
            return desk.refund(asked.payment_id, amount=asked.amount, tender=asked.tender,
                               reason=asked.reason, approval=approval, key=asked.key)  # fmt: skip

        self.ops.submit(attempt(work), on_success=lambda result: self._on_adjusted(dialog, result))

    def _on_adjusted(self, dialog: AdjustDialog, result: TillTransaction | Refusal) -> None:
        if isinstance(result, Refusal):
            dialog.show_error(result.message, supervisor=result.kind == "approval")
            self.refused.emit(result.message)
            return
        dialog.accept()
        done = self.tr("%1 %2: receipt %3").replace("%1", dialog.windowTitle())
        self._say(done.replace("%2", self._approved_by(result)).replace("%3", result.receipt_no))
        self.adjusted.emit(result.receipt_no)
        self.reload()

    # Reports and closing

    def show_x_report(self) -> None:
        self.ops.submit(attempt(self.desk.report), on_success=self._on_x_report)

    def _on_x_report(self, result: Any) -> None:
        if isinstance(result, Refusal):
            self._say(result.message)
            return
        self.report_view.setPlainText(report_text(result, register=self.desk.register))
        self.report_shown.emit("x")

    def close_shift(self) -> None:
        self.ops.submit(attempt(self.desk.report), on_success=self._on_close_totals)

    def _on_close_totals(self, result: Any) -> None:
        if isinstance(result, Refusal):
            self._say(result.message)
            return
        dialog = CloseDialog(result, self)
        dialog.submitted.connect(lambda asked: self._on_close_submitted(dialog, asked))
        self._open(dialog)

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
            self._say(result.message)
            return
        self.print_hook(Receipt(result.tx, customer=result.customer, copy=result.copy), self)

    # Shared

    def _open(self, dialog: AdjustDialog | ApprovalDialog | CloseDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _say(self, message: str) -> None:
        self.status.setStyleSheet("")
        show_error(self.status, message)

    def _on_ops_failed(self, message: str) -> None:
        show_error(self.status, self.tr("The till could not do that: %1").replace("%1", message))
        self.refused.emit(message)

    def closeEvent(self, event: Any) -> None:
        self.ops.shutdown()
        super().closeEvent(event)
