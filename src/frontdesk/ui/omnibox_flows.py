"""What the search box's hits of other kinds open: each its own view.

A case opens in the case window, an order in the order view, a product on the Products page
with its card, a receipt in the till window when the till is open and the receipt is its own,
else in a read-only receipt (what the printed one shows). A purchase found by its number
opens its customer's 360 with that purchase current and its lines open; a walk-in's opens
as a read-only receipt of its lines. The window gives each kind's
source to the omnibox (``Omnibox``) as it is given that context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from frontdesk.domain.query_kinds import Kind
from frontdesk.services.omnibox import Hit
from frontdesk.services.read_models import NumberedPurchase
from frontdesk.ui.receipts import Receipt, purchase_html, receipt_html


class ReceiptDialog(QDialog):
    """A receipt to read, not to change: what its paper copy shows. Esc closes it.

    Args:
        number: the receipt's number (the title names it).
        text: the receipt as HTML (``receipt_html``, ``purchase_html``).
    """

    def __init__(self, number: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle(self.tr("Receipt %1").replace("%1", number))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("receiptText")
        self.browser.setAccessibleName(self.tr("Receipt"))
        self.browser.setHtml(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(420, 560)

    @classmethod
    def of_transaction(cls, tx: Any, parent: QWidget | None = None) -> ReceiptDialog:
        return cls(tx.receipt_no, receipt_html(Receipt.of(tx)), parent)


class OmniboxFlows(QObject):
    """Opens the hits of other kinds that the window's search box lists.

    Args:
        window: the main window (its case flows, orders, products and till, where given).

    Signals:
        purchase_shown(str): the customer of a purchase found by its number is open, that
            purchase the history's current row with its lines shown (the purchase id).
    """

    purchase_shown = Signal(str)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self.receipt_dialog: ReceiptDialog | None = None
        self._wanted: tuple[str, str] | None = None  # (customer id, purchase id) to select
        self._selecting: str | None = None  # the purchase whose lines are awaited
        window.customers.hit_chosen.connect(self._on_customers_hit_chosen)
        window.customer_shown.connect(self._on_window_customer_shown)
        window.lines_shown.connect(self._on_window_lines_shown)

    @Slot(object)
    def _on_customers_hit_chosen(self, hit: Hit) -> None:
        opener = {Kind.CASE: self._open_case, Kind.ORDER: self._open_order,
                  Kind.PRODUCT: self._open_product, Kind.RECEIPT: self._open_receipt}  # fmt: skip
        opener[hit.kind](hit)

    def _open_case(self, hit: Hit) -> None:
        self._window.case_flows.open_case(hit.key)

    def _open_order(self, hit: Hit) -> None:
        self._window.orders_ui.flows.open_order(hit.key)

    def _open_product(self, hit: Hit) -> None:
        self._window.show_products()
        self._window.product_flows.open_product(hit.key)

    def _open_receipt(self, hit: Hit) -> None:
        if isinstance(hit.item, NumberedPurchase):
            self._open_purchase(hit.item)
            return
        till = self._window.findChild(QWidget, "tillWindow")
        if till is not None and till.isVisible() and hit.item.register == till.desk.register:
            till.select_receipt(hit.key)
            till.raise_()
            till.activateWindow()
            return
        self._show_dialog(ReceiptDialog.of_transaction(hit.item, self._window))

    def _open_purchase(self, numbered: NumberedPurchase) -> None:
        """A customer's purchase in their 360, where its lines are; a walk-in's (or one of
        a customer this desk has not got) as a receipt to read."""
        purchase = numbered.purchase
        if numbered.known_customer and numbered.customer_id is not None:
            self._wanted = (numbered.customer_id, purchase.id)
            self._window.show_customer_page()
            self._window.customer_tabs.setCurrentWidget(self._window.history_panel)
            self._window.open_customer(numbered.customer_id)
            return
        queries = self._window.reads.queries
        self._window.ops.submit(
            lambda: queries.purchase_lines(purchase.id),
            on_success=lambda lines: self._show_dialog(
                ReceiptDialog(purchase.number, purchase_html(numbered, lines), self._window)
            ),
        )

    def _show_dialog(self, dialog: ReceiptDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.receipt_dialog = dialog
        dialog.open()

    @Slot(str)
    def _on_window_customer_shown(self, customer_id: str) -> None:
        wanted, self._wanted = self._wanted, None
        if wanted is None or wanted[0] != customer_id:
            return
        panel = self._window.history_panel
        self._selecting = wanted[1]
        if panel.select_purchase(wanted[1]):
            panel.history_view.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._selecting = None

    @Slot(str)
    def _on_window_lines_shown(self, purchase_id: str) -> None:
        if self._selecting == purchase_id:
            self._selecting = None
            self.purchase_shown.emit(purchase_id)
