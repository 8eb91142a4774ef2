"""Find an order from the main window (Desk > Find order…, Ctrl+Shift+O): by its number, its
tracking number, or the caller's phone number. The main lookup finds customers; a caller
who reads out "1Z999…" or "WEB-100234" wants their parcel, so the order search has its own
box, opened with whatever the lookup holds. A number this desk does not hold is asked of
the server when it can be reached. Enter on an answer opens the order."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Signal, Slot
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from frontdesk.services.orders.desk import NUMBER, PHONE, TRACKING, FoundOrders
from frontdesk.ui.orders import texts
from frontdesk.ui.orders.orders_tab import OrdersModel
from frontdesk.ui.widgets.tables import fit_columns, make_table

Submit = Callable[..., None]
SEARCH_CHANNEL = "order-search"
_BY = {
    NUMBER: QT_TRANSLATE_NOOP("Orders", "Found by order number."),
    TRACKING: QT_TRANSLATE_NOOP("Orders", "Found by tracking number."),
    PHONE: QT_TRANSLATE_NOOP("Orders", "The orders of the customers with this phone number."),
}


class OrderSearchDialog(QDialog):
    """Signals:
    order_chosen(str): open the order with this number.
    found(int): a search answered with this many orders.
    """

    order_chosen = Signal(str)
    found = Signal(int)

    def __init__(
        self,
        *,
        find: Callable[[str], FoundOrders],
        submit: Submit,
        text: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orderSearch")
        self.setWindowTitle(texts.tr("Find order"))
        self._find, self._submit = find, submit
        self.edit = QLineEdit(text, self)
        self.edit.setObjectName("orderSearchEdit")
        self.edit.setPlaceholderText(texts.tr("Order number, tracking number or phone"))
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.search)
        label = QLabel(texts.tr("&Order, tracking or phone number:"), self)
        label.setBuddy(self.edit)
        self.summary = QLabel(texts.tr("Type a number, then press Enter."), self)
        self.summary.setObjectName("orderSearchSummary")
        self.summary.setWordWrap(True)
        self.model = OrdersModel(self)
        self.view = make_table(self, name="orderSearchResults", accessible=texts.tr("Orders"))
        self.view.setModel(self.model)
        self.view.activated.connect(self._on_view_activated)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.resize(760, 420)
        if text.strip():
            self.search()

    def search(self) -> None:
        text, find = self.edit.text().strip(), self._find
        if not text:
            return
        self.summary.setText(texts.tr("Looking for “%1”…").replace("%1", text))
        self._submit(lambda: find(text), on_success=lambda found: self._show(text, found),
                     on_failure=self.summary.setText, channel=SEARCH_CHANNEL)  # fmt: skip

    def _show(self, text: str, found: FoundOrders) -> None:
        self.model.set_rows(found.orders)
        if found.orders:
            self.summary.setText(texts.tr(_BY[found.by]) + " " + texts.tr(
                "Enter opens the order."))  # fmt: skip
            self.view.setCurrentIndex(self.model.index(0, 0))
            fit_columns(self.view, self.view.resizeColumnsToContents)
            self.view.setFocus()
        else:
            self.summary.setText(texts.tr("No order matches “%1”.").replace("%1", text))
        self.found.emit(len(found.orders))

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.order_chosen.emit(self.model.row_at(index.row()).order.number)
