"""What the search box's hits of other kinds open: each its own view.

A case opens in the case window, an order in the order view, a product on the Products page
with its card, a receipt in the till window when the till is open and the receipt is its own,
else in a read-only receipt (what the printed one shows). The window gives each kind's
source to the omnibox (``Omnibox``) as it is given that context.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from frontdesk.domain.query_kinds import Kind
from frontdesk.services.omnibox import Hit
from frontdesk.ui.receipts import Receipt, receipt_html


class ReceiptDialog(QDialog):
    """A receipt to read, not to change: what its paper copy shows. Esc closes it."""

    def __init__(self, tx: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle(self.tr("Receipt %1").replace("%1", tx.receipt_no))
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("receiptText")
        self.browser.setAccessibleName(self.tr("Receipt"))
        self.browser.setHtml(receipt_html(Receipt.of(tx)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(420, 560)


class OmniboxFlows(QObject):
    """Opens the hits of other kinds that the window's search box lists.

    Args:
        window: the main window (its case flows, orders, products and till, where given).
    """

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._window = window
        self.receipt_dialog: ReceiptDialog | None = None
        window.customers.hit_chosen.connect(self._on_customers_hit_chosen)

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
        till = self._window.findChild(QWidget, "tillWindow")
        if till is not None and till.isVisible() and hit.item.register == till.desk.register:
            till.select_receipt(hit.key)
            till.raise_()
            till.activateWindow()
            return
        dialog = ReceiptDialog(hit.item, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.receipt_dialog = dialog
        dialog.open()
