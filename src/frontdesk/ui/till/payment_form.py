"""The payment form: customer or walk-in, purpose, amount due, tenders, change due.

The form checks every field with the domain's rules before anything is recorded: a wrong
field gets its message under it, and the form emits ``submitted`` only when the tenders
settle the amount due (cash may be over; the change is shown as the cashier types).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money
from frontdesk.domain.till import (
    Settlement,
    Tender,
    TenderLine,
    TillRules,
    parse_amount,
    settle,
)
from frontdesk.services.read_models import CustomerMatch
from frontdesk.ui.formatting import format_money
from frontdesk.ui.till.dialogs import caption
from frontdesk.ui.till.fields import MoneyField
from frontdesk.ui.widgets.form_errors import error_label, show_error


@dataclass(frozen=True, slots=True)
class PaymentForm:
    """A checked payment, ready for ``TillDesk.pay``."""

    amount: str
    tenders: list[tuple[str, str]]
    customer_id: str | None
    purpose: str
    key: str


class PaymentBox(QGroupBox):
    """Take a payment; Enter in any amount field takes it.

    Signals:
        submitted(object): a checked ``PaymentForm``.
        customer_search(str): the cashier asked to look up customers by this text.
    """

    submitted = Signal(object)
    customer_search = Signal(str)

    def __init__(self, rules: TillRules, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Payment"), parent)
        self.setObjectName("paymentBox")
        self.rules = rules
        self.key = str(uuid.uuid4())
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("customerSearch")
        self.search_edit.setAccessibleName(self.tr("Find customer"))
        self.search_edit.setPlaceholderText(self.tr("Name, phone or account, then Enter"))
        self.customer_combo = QComboBox(self)
        self.customer_combo.setObjectName("customerCombo")
        self.customer_combo.setAccessibleName(self.tr("Customer"))
        self.purpose_combo = QComboBox(self)
        self.purpose_combo.setObjectName("purposeCombo")
        self.purpose_combo.setAccessibleName(self.tr("Purpose"))
        self.purpose_combo.addItem(self.tr("Purchase"), "purchase")
        self.purpose_combo.addItem(self.tr("Account payment"), "account")
        self.amount = MoneyField(self, "amountDue", accessible=self.tr("Amount due"))
        self.tenders = {
            Tender.CASH: MoneyField(self, "tenderCash", accessible=self.tr("Cash")),
            Tender.CARD: MoneyField(self, "tenderCard", accessible=self.tr("Card")),
            Tender.BANK_TRANSFER: MoneyField(
                self, "tenderBank", accessible=self.tr("Bank transfer")
            ),
        }
        self.tender_error = error_label(self, "tenderError")
        self.change_label = QLabel(self)
        self.change_label.setObjectName("changeDue")
        bold = QFont(self.change_label.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.4)
        self.change_label.setFont(bold)
        self.form_error = error_label(self, "paymentError")
        self.take_button = QPushButton(self.tr("&Take payment"), self)
        self.take_button.setObjectName("takePayment")
        self.take_button.setDefault(True)
        self._lay_out()
        self._connect()
        self.show_customers([])

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(caption(self, self.tr("&Find"), self.search_edit), self.search_edit)
        form.addRow(caption(self, self.tr("C&ustomer"), self.customer_combo), self.customer_combo)
        form.addRow(caption(self, self.tr("&Purpose"), self.purpose_combo), self.purpose_combo)
        form.addRow(caption(self, self.tr("Amount &due"), self.amount.edit), self.amount.edit)
        form.addRow("", self.amount.error)
        texts = {
            Tender.CASH: self.tr("Ca&sh"),
            Tender.CARD: self.tr("Car&d"),
            Tender.BANK_TRANSFER: self.tr("&Bank transfer"),
        }
        for tender, field in self.tenders.items():
            form.addRow(caption(self, texts[tender], field.edit), field.edit)
            form.addRow("", field.error)
        form.addRow("", self.tender_error)
        form.addRow(self.tr("Change due"), self.change_label)
        form.addRow("", self.form_error)
        form.addRow("", self.take_button)

    def _connect(self) -> None:
        self.search_edit.returnPressed.connect(
            lambda: self.customer_search.emit(self.search_edit.text().strip())
        )
        self.take_button.clicked.connect(self.submit)
        for field in (self.amount, *self.tenders.values()):
            field.edit.returnPressed.connect(self.submit)
            field.edit.textEdited.connect(self._on_amount_edited)

    def show_customers(self, matches: list[CustomerMatch]) -> None:
        """Walk-in first, then the matches; the best match is chosen."""
        self.customer_combo.clear()
        self.customer_combo.addItem(self.tr("Walk-in"), None)
        for match in matches:
            label = f"{match.display_name} · {match.account_number}"
            self.customer_combo.addItem(label, match.id)
        self.customer_combo.setCurrentIndex(1 if matches else 0)

    def _on_amount_edited(self, _text: str) -> None:
        show_error(self.tender_error, "")
        show_error(self.form_error, "")
        change = self._quiet_change()
        self.change_label.setText(format_money(change) if change is not None else "")

    def _quiet_change(self) -> Money | None:
        try:
            return self._settle().change
        except DomainError:
            return None

    def _settle(self) -> Settlement:
        due = self._money(self.amount.text(), "amount")
        lines = [
            TenderLine(tender, self._money(field.text(), tender.value))
            for tender, field in self.tenders.items()
            if field.text()
        ]
        return settle(due, lines)

    def _money(self, text: str, field: str) -> Money:
        # parse_amount checks the limit before making Money: 1e309 never reaches quantize.
        return parse_amount(text, self.rules.base, field=field, rules=self.rules)

    def submit(self) -> None:
        """Check every field; emit ``submitted`` only if all are right."""
        if self.amount.check(self.rules) is None:
            return
        given = [(t, f) for t, f in self.tenders.items() if f.text()]
        if not given:
            self._tender_fail(self.tr("Enter what the customer hands over in one or more tenders."))
            return
        if any(field.check(self.rules) is None for _tender, field in given):
            return
        try:
            settlement = self._settle()
        except DomainError as error:
            self._tender_fail(getattr(error, "message", str(error)))
            return
        self.change_label.setText(format_money(settlement.change))
        self.take_button.setEnabled(False)  # until the till has answered
        self.submitted.emit(self._form(given))

    def _form(self, given: list) -> PaymentForm:
        return PaymentForm(
            amount=self.amount.text(),
            tenders=[(tender.value, field.text()) for tender, field in given],
            customer_id=self.customer_combo.currentData(),
            purpose=self.purpose_combo.currentData(),
            key=self.key,
        )

    def _tender_fail(self, message: str) -> None:
        show_error(self.tender_error, message)
        self.tenders[Tender.CASH].edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def recorded(self, change: Money) -> None:
        """The payment is recorded: clear for the next one, keep the change on show."""
        self.key = str(uuid.uuid4())
        for field in (self.amount, *self.tenders.values()):
            field.clear()
        self.search_edit.clear()
        self.show_customers([])
        self.purpose_combo.setCurrentIndex(0)
        self.change_label.setText(format_money(change))
        self.take_button.setEnabled(True)
        self.amount.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def refused(self, message: str) -> None:
        self.take_button.setEnabled(True)
        field = message.partition(":")[0]
        if field == "amount":
            self.amount.fail(message.partition(":")[2].strip())
        elif field.startswith("tender"):
            self._tender_fail(message.partition(":")[2].strip())
        else:
            show_error(self.form_error, message)
