"""Payments from the till window's payment box, a supervisor approving a large discount.

A discount over the cashier's limit comes back as a refusal that opens the supervisor
approval dialog; the approved payment is then recorded with the approval. Every till call
runs as a background operation; the box shows what comes back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from frontdesk.services.till.basket import BasketView, TillBasket
from frontdesk.services.till.desk import TillDesk
from frontdesk.services.till.ports import TillTransaction
from frontdesk.ui.formatting import format_money
from frontdesk.ui.till.basket_flows import approval_summary
from frontdesk.ui.till.dialogs import ApprovalDialog, discount_summary
from frontdesk.ui.till.payment_form import PaymentBox, PaymentForm
from frontdesk.ui.till.refund_flows import approved_by
from frontdesk.ui.till.refusals import Refusal, attempt

translate = QCoreApplication.translate
Submit = Callable[..., None]


def paid_text(tx: TillTransaction) -> str:
    """``Paid: receipt …, change due …``, and who approved it if anyone did."""
    said = translate("TillWindow", "Paid: receipt %1, change due %2").replace("%1", tx.receipt_no)
    said = said.replace("%2", format_money(tx.change))
    return said + " — " + approved_by(tx) if tx.approval is not None else said


#: Customers the payment box offers for what the cashier typed.
CUSTOMERS_SHOWN = 20


class PaymentFlows(QObject):
    """Takes the payments of one till window.

    Args:
        desk: the register's till.
        box: the payment box whose payments and customer searches this runs.
        submit: runs a background operation (``OpRunner.submit``).
        open_dialog: opens a dialog over the window (which keeps it as its current dialog).
        parent: the window.

    Signals:
        payment_recorded(object): this payment (a ``TillTransaction``) is recorded.
        refused(str): the till refused the payment; the message is shown where it belongs.
    """

    payment_recorded = Signal(object)
    refused = Signal(str)

    def __init__(
        self,
        desk: TillDesk,
        *,
        box: PaymentBox,
        submit: Submit,
        open_dialog: Callable[[QDialog], None],
        parent: QWidget,
        basket: TillBasket | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._box, self._submit = desk, box, submit
        self._basket = basket
        #: The basket on show (for the supervisor's summary of its discounts).
        self.basket_view: BasketView | None = None
        self._open_dialog, self._parent = open_dialog, parent
        box.submitted.connect(self._on_box_submitted)
        box.customer_search.connect(self._on_box_customer_search)

    def _on_box_customer_search(self, text: str) -> None:
        queries = self._desk.queries
        if queries is None or not text:
            self._box.show_customers([])
            return
        self._submit(
            lambda: queries.search(text, limit=CUSTOMERS_SHOWN),
            on_success=self._box.show_customers,
            channel="customers",
        )

    def _on_box_submitted(self, form: PaymentForm) -> None:
        self._submit(attempt(self._payment(form)), on_success=self._on_payment_recorded)

    def _payment(
        self, form: PaymentForm, credentials: tuple[str, str] | None = None
    ) -> Callable[[], TillTransaction]:
        desk, basket = self._desk, self._basket
        if form.basket and basket is not None:
            # The basket's own total, lines, discounts and customer; its id is the key.
            return lambda: basket.settle(form.tenders, supervisor=credentials)

        def work() -> TillTransaction:
            # With credentials the approval is asked for this very payment (its key, amount).
            return desk.pay(
                amount=form.amount, tenders=form.tenders, customer_id=form.customer_id,
                purpose=form.purpose, key=form.key, discount=form.discount,
                supervisor=credentials,
            )  # fmt: skip

        return work

    def _on_payment_recorded(self, result: TillTransaction | Refusal) -> None:
        if isinstance(result, Refusal):
            if result.kind == "needs_approval" and self._box.pending is not None:
                self._ask_approval(self._box.pending)
            else:
                self._box.refused(result.message)
            self.refused.emit(result.message)
            return
        self._box.recorded(result.change)
        self.payment_recorded.emit(result)

    # A discount over the cashier's limit (a supervisor signs in in the dialog)

    def _ask_approval(self, form: PaymentForm) -> ApprovalDialog:
        summary = discount_summary(form.amount, form.discount, self._desk.rules)
        if form.basket and self.basket_view is not None:
            summary = approval_summary(self.basket_view)
        dialog = ApprovalDialog(summary, self._parent)
        dialog.submitted.connect(lambda signed: self._on_approval_submitted(dialog, form, signed))
        dialog.rejected.connect(self._box.approval_cancelled)
        self._open_dialog(dialog)
        return dialog

    def _on_approval_submitted(
        self, dialog: ApprovalDialog, form: PaymentForm, signed: tuple[str, str]
    ) -> None:
        self._submit(attempt(self._payment(form, signed)),
                     on_success=lambda result: self._on_approved(dialog, result))  # fmt: skip

    def _on_approved(self, dialog: ApprovalDialog, result: TillTransaction | Refusal) -> None:
        if isinstance(result, Refusal) and result.kind == "approval":
            dialog.show_error(result.message, supervisor=True)
            self.refused.emit(result.message)
            return
        dialog.accept()
        self._on_payment_recorded(result)
