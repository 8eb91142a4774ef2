"""The payment form: customer or walk-in, purpose, amount, discount, tenders, change due.

The form checks every field with the domain's rules before anything is recorded: a wrong
field gets its message under it, and the form emits ``submitted`` only when the tenders
settle what is left to pay after the discount (cash may be over; what is left to pay and
the change are shown as the cashier types). Whether a discount needs a supervisor is the
till's call (``services.till``): the window then asks for one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from frontdesk.domain.discounts import (
    Discount,
    DiscountKind,
    DiscountOffer,
    parse_discount,
)
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money
from frontdesk.domain.till import (
    Purpose,
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
from frontdesk.ui.till.refusals import domain_text
from frontdesk.ui.widgets.form_errors import error_label, show_error


@dataclass(frozen=True, slots=True)
class PaymentForm:
    """A checked payment, parsed once from the form's fields, ready for ``TillDesk.pay``.

    ``amount`` is the sale before the ``discount``; the ``tenders`` settle what is left.
    """

    amount: Money
    tenders: tuple[tuple[Tender, Money], ...]
    customer_id: str | None
    purpose: Purpose
    key: str
    discount: DiscountOffer | None = None
    #: The open basket's total: the basket settles it (its lines, discounts, customer).
    basket: bool = False


def typed(money: Money) -> str:
    """``money`` as a cashier would type it here (``6,95`` in Russian): a field reads it back."""
    return str(money.amount).replace(".", QLocale().decimalPoint())


class _Shown(Exception):
    """A field was wrong and says so under itself: nothing is submitted."""


class PaymentBox(QGroupBox):
    """Take a payment; Enter in any amount field takes it.

    With a basket (``show_basket``) the amount due is the basket's total, read only, and the
    basket carries the discounts; the customer chosen is the basket's.

    Signals:
        submitted(object): a checked ``PaymentForm``.
        customer_search(str): the cashier asked to look up customers by this text.
        customer_chosen(object): the cashier chose this customer id (None: walk-in).
    """

    submitted = Signal(object)
    customer_search = Signal(str)
    customer_chosen = Signal(object)

    def __init__(self, rules: TillRules, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Payment"), parent)
        self.setObjectName("paymentBox")
        self.rules = rules
        self.key = str(uuid.uuid4())
        # The form last submitted, until the till has answered it.
        self.pending: PaymentForm | None = None
        self.basket_total: Money | None = None
        self._choosing = True  # the cashier's choice of customer, not the till's answer
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
        self._make_discount()
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

    def _make_discount(self) -> None:
        self.discount_edit = QLineEdit(self)
        self.discount_edit.setObjectName("discountValue")
        self.discount_edit.setAccessibleName(self.tr("Discount"))
        self.discount_edit.setMaxLength(40)
        self.discount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.discount_edit.setPlaceholderText(self.tr("none"))
        self.discount_kind = QComboBox(self)
        self.discount_kind.setObjectName("discountKind")
        self.discount_kind.setAccessibleName(self.tr("Discount in"))
        self.discount_kind.addItem("%", DiscountKind.PERCENT.value)
        self.discount_kind.addItem(self.rules.base.code, DiscountKind.AMOUNT.value)
        self.discount_error = error_label(self, "discountValueError")
        self.to_pay_label = QLabel(self)
        self.to_pay_label.setObjectName("toPay")

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(caption(self, self.tr("&Find"), self.search_edit), self.search_edit)
        form.addRow(caption(self, self.tr("C&ustomer"), self.customer_combo), self.customer_combo)
        form.addRow(caption(self, self.tr("&Purpose"), self.purpose_combo), self.purpose_combo)
        form.addRow(caption(self, self.tr("Amount &due"), self.amount.edit), self.amount.edit)
        form.addRow("", self.amount.error)
        discount = QHBoxLayout()
        discount.addWidget(self.discount_edit, 1)
        discount.addWidget(self.discount_kind)
        form.addRow(caption(self, self.tr("Disc&ount"), self.discount_edit), discount)
        form.addRow("", self.discount_error)
        form.addRow(self.tr("To pay"), self.to_pay_label)
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
        edits = [self.amount.edit, self.discount_edit, *(f.edit for f in self.tenders.values())]
        for edit in edits:
            edit.returnPressed.connect(self.submit)
            edit.textEdited.connect(self._on_amount_edited)
        self.discount_kind.currentIndexChanged.connect(self._on_amount_edited)
        self.purpose_combo.currentIndexChanged.connect(self._on_purpose_combo_changed)
        self.customer_combo.currentIndexChanged.connect(self._on_customer_combo_changed)

    def _on_customer_combo_changed(self, _index: int) -> None:
        if self._choosing:
            self.customer_chosen.emit(self.customer_combo.currentData())

    def show_basket(self, total: Money | None, *, customer_id: str | None, name: str) -> None:
        """The basket's total to pay (None: no basket, the amount is typed) and its customer."""
        self.basket_total = total
        basket = total is not None
        self.amount.edit.setReadOnly(basket)
        self.amount.edit.setText(typed(total) if total is not None else "")
        if basket:
            self.discount_edit.clear()
            self.purpose_combo.setCurrentIndex(0)
        for widget in (self.discount_edit, self.discount_kind, self.purpose_combo):
            widget.setEnabled(not basket)
        self._show_attached(customer_id, name)
        self._on_amount_edited()

    def _show_attached(self, customer_id: str | None, name: str) -> None:
        self._choosing = False
        try:
            index = self.customer_combo.findData(customer_id)
            if index < 0:
                self.customer_combo.addItem(name or str(customer_id), customer_id)
                index = self.customer_combo.count() - 1
            self.customer_combo.setCurrentIndex(index)
        finally:
            self._choosing = True

    def _on_purpose_combo_changed(self, _index: int) -> None:
        # Only a purchase can be discounted; an account payment pays off what is owed.
        purchase = self.purpose_combo.currentData() == "purchase"
        if not purchase:
            self.discount_edit.clear()
            show_error(self.discount_error, "")
        self.discount_edit.setEnabled(purchase)
        self.discount_kind.setEnabled(purchase)
        self._on_amount_edited()

    def show_customers(self, matches: list[CustomerMatch]) -> None:
        """Walk-in first, then the matches; the best match is chosen."""
        self.customer_combo.clear()
        self.customer_combo.addItem(self.tr("Walk-in"), None)
        for match in matches:
            label = f"{match.display_name} · {match.account_number}"
            self.customer_combo.addItem(label, match.id)
        self.customer_combo.setCurrentIndex(1 if matches else 0)

    def _on_amount_edited(self, *_args: object) -> None:
        show_error(self.tender_error, "")
        show_error(self.form_error, "")
        show_error(self.discount_error, "")
        self.to_pay_label.setText(self._quiet(lambda: format_money(self._due())))
        self.change_label.setText(self._quiet(lambda: format_money(self._settle().change)))

    @staticmethod
    def _quiet(show: Callable[[], str]) -> str:
        try:
            return show()
        except DomainError:
            return ""

    def _discount(self) -> Discount | None:
        gross = self._money(self.amount.text(), "amount")
        kind, text = self._discount_typed()
        return parse_discount(text, kind, gross)

    def _discount_typed(self) -> tuple[str, str]:
        """(kind, number): a typed "%" means a percentage whatever the kind box says."""
        text, kind = self.discount_edit.text().strip(), self.discount_kind.currentData()
        if text.endswith("%"):
            text, kind = text.removesuffix("%").strip(), DiscountKind.PERCENT.value
        return kind, text.replace(",", ".") if "." not in text else text

    def _due(self) -> Money:
        gross = self._money(self.amount.text(), "amount")
        discount = self._discount()
        return gross - discount.amount if discount else gross

    def _settle(self) -> Settlement:
        due = self._due()
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
        """Parse every field once; emit ``submitted`` only if all are right, else show what is
        wrong at the field it is about."""
        try:
            form, change = self._checked()
        except _Shown:
            return
        self.change_label.setText(format_money(change))
        self.take_button.setEnabled(False)  # until the till has answered
        self.pending = form
        self.submitted.emit(form)

    def _checked(self) -> tuple[PaymentForm, Money]:
        gross = self.amount.check(self.rules)
        if gross is None:
            raise _Shown
        discount = self._discount_given(gross)
        tenders = self._tendered()
        due = gross - discount.amount if discount else gross
        try:
            settlement = settle(due, [TenderLine(tender, money) for tender, money in tenders])
        except DomainError as error:
            self._tender_fail(domain_text(error))
            raise _Shown from None
        offered = DiscountOffer(discount.kind, discount.value) if discount else None
        return self._form(gross, tenders, offered), settlement.change

    def _discount_given(self, gross: Money) -> Discount | None:
        kind, text = self._discount_typed()
        try:
            return parse_discount(text, kind, gross)
        except DomainError as error:
            self.discount_fail(domain_text(error))
            raise _Shown from None

    def _tendered(self) -> tuple[tuple[Tender, Money], ...]:
        given = [(t, f) for t, f in self.tenders.items() if f.text()]
        if not given:
            self._tender_fail(self.tr("Enter what the customer hands over in one or more tenders."))
            raise _Shown
        checked = [(tender, field.check(self.rules)) for tender, field in given]
        if any(money is None for _tender, money in checked):
            raise _Shown
        return tuple((tender, money) for tender, money in checked if money is not None)

    def discount_fail(self, message: str) -> None:
        show_error(self.discount_error, message)
        self.discount_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.discount_edit.selectAll()

    def _form(
        self, gross: Money, tenders: tuple[tuple[Tender, Money], ...], offered: DiscountOffer | None
    ) -> PaymentForm:
        return PaymentForm(
            amount=gross,
            tenders=tenders,
            customer_id=self.customer_combo.currentData(),
            purpose=Purpose(self.purpose_combo.currentData()),
            key=self.key,
            discount=offered,
            basket=self.basket_total is not None,
        )

    def _tender_fail(self, message: str) -> None:
        show_error(self.tender_error, message)
        self.tenders[Tender.CASH].edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def approval_cancelled(self) -> None:
        """No supervisor approved the discount: nothing was recorded, the form stays."""
        self.pending = None
        self.take_button.setEnabled(True)
        self.discount_fail(self.tr("Over your discount limit: a supervisor must approve it."))

    def recorded(self, change: Money) -> None:
        """The payment is recorded: clear for the next one, keep the change on show."""
        self.pending = None
        self.key = str(uuid.uuid4())
        for field in (self.amount, *self.tenders.values()):
            field.clear()
        self.discount_edit.clear()
        self.to_pay_label.clear()
        self.search_edit.clear()
        self._choosing = False
        try:
            self.show_customers([])
        finally:
            self._choosing = True
        self.purpose_combo.setCurrentIndex(0)
        self.change_label.setText(format_money(change))
        self.take_button.setEnabled(True)
        self.amount.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def refused(self, message: str) -> None:
        self.pending = None
        self.take_button.setEnabled(True)
        field = message.partition(":")[0]
        if field == "amount":
            self.amount.fail(message.partition(":")[2].strip())
        elif field == "discount":
            self.discount_fail(message.partition(":")[2].strip())
        elif field.startswith("tender"):
            self._tender_fail(message.partition(":")[2].strip())
        else:
            show_error(self.form_error, message)
