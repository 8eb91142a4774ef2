"""The till's dialogs: refund or void a payment, approve a discount over the cashier's limit,
and close the shift by counting the drawer.

Each dialog checks what was typed, then emits ``submitted``; the till window does the work
in a background operation and answers with ``accept()`` or ``show_error(...)``, so what the
cashier typed stays when something is refused.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.discounts import DiscountOffer, allowance
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money
from frontdesk.domain.till import CashCount, Tender, TillRules, count_cash
from frontdesk.domain.till_totals import ShiftTotals
from frontdesk.services.till.ports import TillTransaction
from frontdesk.ui.formatting import format_money
from frontdesk.ui.till.fields import MoneyField, SupervisorFields
from frontdesk.ui.widgets.form_errors import error_label, show_error

#: Notes and coins of the till's currencies, largest first (others: count by value).
DENOMINATIONS = {
    "GBP": ("50", "20", "10", "5", "2", "1", "0.50", "0.20", "0.10", "0.05", "0.02", "0.01"),
    "EUR": ("500", "200", "100", "50", "20", "10", "5", "2", "1", "0.50", "0.20", "0.10",
            "0.05", "0.02", "0.01"),
}  # fmt: skip
MAX_PIECES = 100_000


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A refund or void as asked for: ``amount`` (None for a void) and ``tender`` count only
    for refunds."""

    payment_id: str
    key: str
    amount: Money | None
    tender: Tender
    reason: str
    supervisor: str
    password: str
    #: A return by lines: (line number, quantity) of the payment's receipt ``receipt``.
    lines: tuple[tuple[int, Decimal], ...] = ()
    receipt: str = ""


class AdjustingDialog(QDialog):
    """What a refund or void dialog shares: its fields (made by the dialog), sending them as
    an ``Adjustment`` once a supervisor has signed in, and showing the till's answer.

    Signals:
        submitted(object): a checked ``Adjustment``; the window answers with ``accept()``
            or ``show_error(...)``.
    """

    submitted = Signal(object)
    is_void = False
    key: str
    amount: MoneyField
    tender_combo: QComboBox
    reason_edit: QLineEdit
    supervisor: SupervisorFields
    form_error: QLabel
    buttons: QDialogButtonBox

    def submit(self, payment_id: str, amount: Money | None) -> None:
        credentials = self.supervisor.credentials()
        if credentials is None:
            return
        show_error(self.form_error, "")
        self.buttons.setEnabled(False)  # until the till has answered
        self.submitted.emit(
            Adjustment(
                payment_id=payment_id, key=self.key, amount=amount,
                tender=Tender(self.tender_combo.currentData()),
                reason=self.reason_edit.text().strip(), supervisor=credentials[0],
                password=credentials[1], lines=self.lines_asked(), receipt=self.receipt_asked(),
            )
        )  # fmt: skip

    def lines_asked(self) -> tuple[tuple[int, Decimal], ...]:
        """The lines coming back (a dialog that returns by line says which)."""
        return ()

    def receipt_asked(self) -> str:
        return ""

    def show_error(self, message: str, *, supervisor: bool = False) -> None:
        self.buttons.setEnabled(True)
        if supervisor:
            self.supervisor.fail(message)
        elif message.startswith("amount:") and not self.is_void:
            self.amount.fail(message.removeprefix("amount:").strip())
        else:
            show_error(self.form_error, message)


class AdjustDialog(AdjustingDialog):
    """Refund part or all of a payment, or void it, with a supervisor signing in."""

    def __init__(
        self,
        payment: TillTransaction,
        *,
        void: bool,
        left: Money,
        rules: TillRules,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("voidDialog" if void else "refundDialog")
        self.payment, self.is_void, self.rules = payment, void, rules
        self.key = str(uuid.uuid4())  # one per dialog: a retried or double-clicked OK is one
        title = self.tr("Void %1") if void else self.tr("Refund %1")
        self.setWindowTitle(title.replace("%1", payment.receipt_no))
        self.amount = MoneyField(self, "refundAmount", accessible=self.tr("Refund amount"))
        self.amount.edit.setText(str(left.amount))
        self.tender_combo = tender_combo(self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("adjustReason")
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setMaxLength(200)
        self.supervisor = SupervisorFields(self)
        self.form_error = error_label(self, "adjustError")
        self.buttons = ok_cancel(self, self.tr("Void") if void else self.tr("Refund"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self._lay_out(left)

    def _lay_out(self, left: Money) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Paid"), QLabel(format_money(self.payment.amount), self))
        if not self.is_void:
            form.addRow(self.tr("Left to refund"), QLabel(format_money(left), self))
            form.addRow(caption(self, self.tr("&Amount"), self.amount.edit), self.amount.edit)
            form.addRow("", self.amount.error)
            form.addRow(caption(self, self.tr("&Tender"), self.tender_combo), self.tender_combo)
        else:
            self.amount.edit.hide()
            self.tender_combo.hide()
        form.addRow(caption(self, self.tr("&Reason"), self.reason_edit), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.supervisor)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())

    def _on_buttons_accepted(self) -> None:
        if self.is_void:
            self.submit(self.payment.id, None)
            return
        amount = self.amount.check(self.rules, currency=self.payment.amount.currency)
        if amount is not None:
            self.submit(self.payment.id, amount)


class ApprovalDialog(QDialog):
    """A supervisor signs in at the cashier's desk to approve what the cashier cannot alone.

    Signals:
        submitted(object): ``(username, password)``; the window answers with ``accept()``
            or ``show_error(...)``.
    """

    submitted = Signal(object)

    def __init__(self, summary: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.setWindowTitle(self.tr("Supervisor approval"))
        self.summary = QLabel(summary, self)
        self.summary.setObjectName("approvalSummary")
        self.summary.setWordWrap(True)
        self.supervisor = SupervisorFields(self)
        self.form_error = error_label(self, "approvalError")
        self.buttons = ok_cancel(self, self.tr("Approve"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.supervisor)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.supervisor.user_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_buttons_accepted(self) -> None:
        credentials = self.supervisor.credentials()
        if credentials is None:
            return
        show_error(self.form_error, "")
        self.buttons.setEnabled(False)  # until the till has answered
        self.submitted.emit(credentials)

    def show_error(self, message: str, *, supervisor: bool = False) -> None:
        self.buttons.setEnabled(True)
        if supervisor:
            self.supervisor.fail(message)
        else:
            show_error(self.form_error, message)


def discount_summary(gross: Money, discount: DiscountOffer | None, rules: TillRules) -> str:
    """What the supervisor is asked to approve: the discount, the sale and the cashier's limit."""
    try:
        given = discount.on(gross) if discount else None
    except DomainError:
        given = None
    if given is None:  # the form checked both; say what we can
        return QCoreApplication.translate(
            "TillWindow", "This payment needs a supervisor's approval."
        )
    text = QCoreApplication.translate(
        "TillWindow",
        "A discount of %1 on a sale of %2 is over the cashier's limit of %3% of the sale (%4). "
        "A supervisor must approve it.",
    )
    return (
        text.replace("%1", format_money(given.amount)).replace("%2", format_money(gross))
        .replace("%3", str(rules.discount_limit))
        .replace("%4", format_money(allowance(gross, rules.discount_limit)))
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class CloseRequest:
    counted: CashCount
    supervisor: str | None = None
    password: str | None = None


class CloseDialog(QDialog):
    """Count the drawer by denomination; see the expected cash and the over/short as you count.

    With unsynced transactions the till refuses to close; ``ask_override`` then shows the
    supervisor sign-in, and closing again sends the supervisor's credentials along.

    Signals:
        submitted(object): a ``CloseRequest``; the window answers.
    """

    submitted = Signal(object)

    def __init__(self, totals: ShiftTotals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeShiftDialog")
        self.setWindowTitle(self.tr("Close shift"))
        self.totals = totals
        currency = totals.currency.code
        self.spins = {value: self._spin(value) for value in DENOMINATIONS.get(currency, ())}
        self.counted_label = QLabel(self)
        self.counted_label.setObjectName("countedCash")
        self.over_short_label = QLabel(self)
        self.over_short_label.setObjectName("overShort")
        self.supervisor = SupervisorFields(self)
        self.supervisor.hide()
        self.form_error = error_label(self, "closeError")
        self.buttons = ok_cancel(self, self.tr("Close shift"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self._lay_out()
        self._on_count_changed()

    def _spin(self, value: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(f"count_{value}")
        spin.setRange(0, MAX_PIECES)
        spin.setAccessibleName(self.tr("Pieces of %1").replace("%1", value))
        spin.valueChanged.connect(self._on_count_changed)
        return spin

    def _lay_out(self) -> None:
        grid = QGridLayout()
        for index, (value, spin) in enumerate(self.spins.items()):
            row, column = index % 6, (index // 6) * 2
            label = caption(self, value, spin)
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, column)
            grid.addWidget(spin, row, column + 1)
        form = QFormLayout()
        expected = QLabel(format_money(self.totals.expected_cash), self)
        expected.setObjectName("expectedCash")
        form.addRow(self.tr("Expected cash"), expected)
        form.addRow(self.tr("Counted"), self.counted_label)
        form.addRow(self.tr("Over / short"), self.over_short_label)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(form)
        layout.addWidget(self.supervisor)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.over_short_label.setStyleSheet("font-weight: bold;")
        self.setMinimumWidth(440)

    def counted(self) -> dict[str, int]:
        return {value: spin.value() for value, spin in self.spins.items() if spin.value()}

    def _on_count_changed(self) -> None:
        try:
            cash = count_cash(self.counted(), self.totals.currency)
        except DomainError as error:  # cannot happen with these spin boxes; say so if it does
            show_error(self.form_error, str(error))
            return
        difference = cash - self.totals.expected_cash
        self.counted_label.setText(format_money(cash))
        self.over_short_label.setText(over_short_text(self, difference))

    def ask_override(self, message: str) -> None:
        """The shift has unsynced transactions: a supervisor must approve closing anyway."""
        self.buttons.setEnabled(True)
        show_error(self.form_error, message)
        self.supervisor.show()
        self.supervisor.user_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, message: str, *, supervisor: bool = False) -> None:
        self.buttons.setEnabled(True)
        if supervisor:
            self.supervisor.fail(message)
        else:
            show_error(self.form_error, message)

    def _on_buttons_accepted(self) -> None:
        credentials = None
        if self.supervisor.isVisible():
            credentials = self.supervisor.credentials()
            if credentials is None:
                return
        self.buttons.setEnabled(False)
        user, password = credentials or (None, None)
        counted = CashCount.of(self.counted(), self.totals.currency)
        self.submitted.emit(CloseRequest(counted, user, password))


def over_short_text(widget: QWidget, difference: Money) -> str:
    if difference.amount > 0:
        return QCoreApplication.translate("Till", "Over by %1").replace(
            "%1", format_money(difference)
        )
    if difference.amount < 0:
        return QCoreApplication.translate("Till", "Short by %1").replace(
            "%1", format_money(-difference)
        )
    return QCoreApplication.translate("Till", "Exact")


def tender_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName("refundTender")
    combo.setAccessibleName(QCoreApplication.translate("Till", "Tender"))
    combo.addItem(QCoreApplication.translate("Till", "Cash"), "cash")
    combo.addItem(QCoreApplication.translate("Till", "Card"), "card")
    combo.addItem(QCoreApplication.translate("Till", "Bank transfer"), "bank_transfer")
    return combo


def ok_cancel(parent: QWidget, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
        QCoreApplication.translate("Till", "Cancel")
    )
    buttons.rejected.connect(parent.reject)  # type: ignore[attr-defined]
    return buttons


def caption(parent: QWidget, text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label
