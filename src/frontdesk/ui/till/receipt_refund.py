"""Refund by receipt number: a payment of this till or of another till of the branch.

The cashier types (or scans) a receipt number and presses Enter; the window looks it up in
a background operation (``TillDesk.receipt_to_refund``) and answers with ``show_found``: the
receipt's lines, what was paid back of it already, what is left, or why it cannot be
refunded. The refund itself is asked for like any other (``Adjustment``), with a supervisor
signing in, and the window does it through the same path as a refund of its own rows.

A receipt of a basket lists its lines with what is left to return of each
(``ui.till.line_returns``): the cashier types the quantities coming back, and the amount
follows from the till (``amount_requested``, answered by ``show_amount``); the refund is
then by those lines. With no line picked, an amount is refunded as before.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.money import Money
from frontdesk.domain.till import TillRules
from frontdesk.services.till.branch import ReceiptToRefund
from frontdesk.services.till.ports import TillTransaction
from frontdesk.services.till.returns import RefundableLine
from frontdesk.ui.formatting import format_datetime, format_money
from frontdesk.ui.till.dialogs import AdjustingDialog, caption, ok_cancel, tender_combo
from frontdesk.ui.till.fields import MoneyField, SupervisorFields
from frontdesk.ui.till.line_returns import ReturnLinesTable
from frontdesk.ui.till.payment_form import typed
from frontdesk.ui.till.refusals import Refusal
from frontdesk.ui.till.table import tender_name
from frontdesk.ui.widgets.form_errors import error_label, show_error

translate = QCoreApplication.translate
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ReceiptRefundDialog(AdjustingDialog):
    """Find a receipt of the branch by its number, see its lines and refund all or part.

    Signals:
        find_requested(str): look this receipt number up; the window answers ``show_found``.
        amount_requested(str, object): what returning these (line, quantity) of this receipt
            pays back; the window answers ``show_amount``.
        submitted(object): a checked ``Adjustment`` for the found payment (see
            ``AdjustingDialog``).
    """

    find_requested = Signal(str)
    amount_requested = Signal(str, object)

    def __init__(self, rules: TillRules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptRefundDialog")
        self.setWindowTitle(self.tr("Refund by receipt"))
        self.rules = rules
        self.found: ReceiptToRefund | None = None
        self.key = str(uuid.uuid4())
        self._make_lookup()
        self._make_refund()
        self._lay_out()
        self._set_found(None)
        self.receipt_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _make_lookup(self) -> None:
        self.receipt_edit = QLineEdit(self)
        self.receipt_edit.setObjectName("receiptNumber")
        self.receipt_edit.setAccessibleName(self.tr("Receipt number"))
        self.receipt_edit.setPlaceholderText("SHOP1-00000042")
        self.receipt_edit.setMaxLength(40)
        self.receipt_edit.textEdited.connect(self._on_receipt_edit_text_edited)
        self.receipt_edit.installEventFilter(self)  # Enter finds; it never refunds
        self.find_button = QPushButton(self.tr("&Find"), self)
        self.find_button.setObjectName("findReceipt")
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self.find)
        self.receipt_error = error_label(self, "receiptError")
        self.summary = QLabel(self)
        self.summary.setObjectName("receiptSummary")
        self.summary.setWordWrap(True)
        self.lines = _lines_table(self)
        self.return_lines = ReturnLinesTable(self)
        self.return_lines.asked_changed.connect(self._on_return_lines_asked_changed)
        self.return_lines.hide()
        hint = self.tr(
            "Lines to return: type the quantity coming back under Return (Space: all that "
            "is left of the line); the amount follows. No line picked: refund an amount."
        )
        self.return_hint = QLabel(hint, self)
        self.return_hint.setObjectName("returnHint")
        self.return_hint.setWordWrap(True)
        self.return_hint.setBuddy(self.return_lines)
        self.return_hint.hide()
        self.return_error = error_label(self, "returnLinesError")

    def _make_refund(self) -> None:
        self.left_label = QLabel(self)
        self.left_label.setObjectName("receiptLeft")
        self.left_label.setStyleSheet("font-weight: bold;")
        self.amount = MoneyField(self, "refundAmount", accessible=self.tr("Refund amount"))
        self.tender_combo = tender_combo(self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("adjustReason")
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setMaxLength(200)
        self.supervisor = SupervisorFields(self)
        self.form_error = error_label(self, "adjustError")
        self.buttons = ok_cancel(self, self.tr("&Refund"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _lay_out(self) -> None:
        find = QHBoxLayout()
        find.addWidget(caption(self, self.tr("Receipt &number"), self.receipt_edit))
        find.addWidget(self.receipt_edit, 1)
        find.addWidget(self.find_button)
        form = QFormLayout()
        form.addRow(self.tr("Left to refund"), self.left_label)
        form.addRow(caption(self, self.tr("&Amount"), self.amount.edit), self.amount.edit)
        form.addRow("", self.amount.error)
        form.addRow(caption(self, self.tr("&Tender"), self.tender_combo), self.tender_combo)
        form.addRow(caption(self, self.tr("R&eason"), self.reason_edit), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(find)
        layout.addWidget(self.receipt_error)
        layout.addWidget(self.summary)
        layout.addWidget(self.return_hint)
        layout.addWidget(self.return_lines, 1)
        layout.addWidget(self.return_error)
        layout.addWidget(self.lines, 1)
        layout.addLayout(form)
        layout.addWidget(self.supervisor)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.resize(720, 700)

    # Finding the receipt

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.receipt_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER
        ):
            self.find()
            return True
        return super().eventFilter(watched, event)

    def find(self) -> None:
        number = self.receipt_edit.text().strip()
        if not number:
            self._fail_lookup(self.tr("Type or scan the receipt number."))
            return
        show_error(self.receipt_error, "")
        self.find_button.setEnabled(False)  # until the till has answered
        self.find_requested.emit(number)

    def show_found(self, result: ReceiptToRefund | Refusal,
                   lines: tuple[RefundableLine, ...] = ()) -> None:  # fmt: skip
        """The till's answer to ``find_requested``: the payment and, for a basket, its lines."""
        self.find_button.setEnabled(True)
        if isinstance(result, Refusal):
            self._set_found(None)
            self._fail_lookup(result.text)
            return
        self._set_found(result)
        self.return_lines.setVisible(bool(lines))
        self.return_hint.setVisible(bool(lines))
        self.return_lines.show_lines(lines)
        focus = self.return_lines if lines else self.amount.edit
        focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.amount.edit.selectAll()

    # Returning lines

    def _on_return_lines_asked_changed(self) -> None:
        show_error(self.return_error, "")
        try:
            asked = self.return_lines.asked()
        except ValueError as error:
            show_error(self.return_error, str(error))
            return
        self.amount.edit.setReadOnly(bool(asked))  # the till prices a return of lines
        if asked and self.found is not None:
            self.amount_requested.emit(self.found.payment.receipt_no, asked)
        elif self.found is not None:
            self.amount.edit.setText(str(self.found.left.amount))

    def show_amount(self, result: Money | Refusal) -> None:
        """What the lines asked for pay back, as the till prices them (or why it cannot)."""
        if isinstance(result, Refusal):
            show_error(self.return_error, result.text)
            return
        self.amount.edit.setText(typed(result))

    def lines_asked(self) -> tuple[tuple[int, Decimal], ...]:
        return tuple(self.return_lines.asked()) if self.return_lines.isVisible() else ()

    def receipt_asked(self) -> str:
        return self.found.payment.receipt_no if self.found is not None else ""

    def _fail_lookup(self, message: str) -> None:
        show_error(self.receipt_error, message)
        self.receipt_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.receipt_edit.selectAll()

    def _on_receipt_edit_text_edited(self, _text: str) -> None:
        if self.found is not None:  # another receipt: nothing of the last one may be refunded
            self._set_found(None)

    def _set_found(self, found: ReceiptToRefund | None) -> None:
        self.found = found
        for widget in (self.amount.edit, self.tender_combo, self.reason_edit, self.supervisor,
                       self.ok):  # fmt: skip
            widget.setEnabled(found is not None)
        if found is None:
            self.summary.clear()
            self.lines.setRowCount(0)
            self.return_lines.show_lines(())
            self.return_lines.hide()
            self.return_hint.hide()
            self.amount.edit.setReadOnly(False)
            self.left_label.clear()
            self.amount.clear()
            self.setWindowTitle(self.tr("Refund by receipt"))
            return
        self.key = str(uuid.uuid4())  # one per found receipt: a retried OK refunds once
        self.setWindowTitle(self.tr("Refund %1").replace("%1", found.payment.receipt_no))
        self.summary.setText(self._summary(found))
        _fill_lines(self.lines, _receipt_lines(found))
        self.left_label.setText(format_money(found.left))
        self.amount.edit.setText(str(found.left.amount))

    def _summary(self, found: ReceiptToRefund) -> str:
        tx = found.payment
        text = self.tr("Receipt %1 of till %2, %3, cashier %4") if found.pulled else self.tr(
            "Receipt %1 of this till (%2), %3, cashier %4")  # fmt: skip
        return (
            text.replace("%1", tx.receipt_no).replace("%2", tx.register)
            .replace("%3", format_datetime(tx.occurred_at)).replace("%4", tx.cashier)
        )  # fmt: skip

    # Refunding it

    def _on_buttons_accepted(self) -> None:
        if self.found is None:
            return
        paid = self.found.payment
        try:
            self.lines_asked()
        except ValueError as error:
            show_error(self.return_error, str(error))
            self.return_lines.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        amount = self.amount.check(self.rules, currency=paid.amount.currency)
        if amount is not None:
            self.submit(paid.id, amount)


def _lines_table(parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, 2, parent)
    table.setObjectName("receiptLines")
    table.setAccessibleName(translate("ReceiptRefundDialog", "Receipt lines"))
    table.setHorizontalHeaderLabels(
        [translate("ReceiptRefundDialog", "Line"), translate("ReceiptRefundDialog", "Amount")]
    )
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill_lines(table: QTableWidget, lines: list[tuple[str, Money]]) -> None:
    table.setRowCount(len(lines))
    for row, (label, amount) in enumerate(lines):
        table.setItem(row, 0, QTableWidgetItem(label))
        value = QTableWidgetItem(format_money(amount))
        value.setTextAlignment(_RIGHT)
        table.setItem(row, 1, value)


def _receipt_lines(found: ReceiptToRefund) -> list[tuple[str, Money]]:
    """The receipt as printed (sale, discount, total, tenders, change), then what was paid
    back of it, each refund or void by its own receipt number."""
    tx = found.payment
    lines: list[tuple[str, Money]] = []
    if tx.discount is not None:
        lines.append((translate("ReceiptRefundDialog", "Sale"), tx.gross))
        lines.append((translate("ReceiptRefundDialog", "Discount"), -tx.discount.amount))
    lines.append((translate("ReceiptRefundDialog", "Total paid"), tx.amount))
    lines += [(tender_name(t.tender.value), t.amount) for t in tx.tenders]
    if tx.change.amount:
        lines.append((translate("ReceiptRefundDialog", "Change given"), -tx.change))
    lines += [(_paid_back_label(back), -_paid_back(back, tx)) for back in found.paid_back]
    return lines


def _paid_back_label(back: TillTransaction) -> str:
    if back.kind == "void":
        return translate("ReceiptRefundDialog", "Voided: %1").replace("%1", back.receipt_no)
    text = translate("ReceiptRefundDialog", "Refunded: %1")
    return text.replace("%1", back.receipt_no)


def _paid_back(back: TillTransaction, payment: TillTransaction) -> Money:
    return payment.amount if back.kind == "void" else back.amount
