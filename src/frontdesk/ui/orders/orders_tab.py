"""The 360's Orders tab: the open customer's orders, newest first, with their status, total,
promised day and a late mark (a sign and words, red as well). Enter opens the order;
"New phone order…" takes one for this customer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from frontdesk.services.orders.read_model import ListedOrder
from frontdesk.ui.formatting import format_datetime, format_money
from frontdesk.ui.models import Column, RowTableModel
from frontdesk.ui.orders import texts
from frontdesk.ui.widgets.tables import fit_columns, make_table

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LATE_COLUMN = 5


def _status(item: ListedOrder) -> str:
    order = item.order
    return texts.status_text(order.status, waiting=order.waiting_for_server,
                             refused=order.refused)  # fmt: skip


class OrdersModel(RowTableModel[ListedOrder]):
    context = "Orders"
    columns = (
        Column(QT_TRANSLATE_NOOP("Orders", "Order"), text=lambda i: i.order.number,
               key=lambda i: i.order.number),
        Column(QT_TRANSLATE_NOOP("Orders", "Placed"),
               text=lambda i: format_datetime(i.order.placed_at), key=lambda i: i.order.placed_at),
        Column(QT_TRANSLATE_NOOP("Orders", "Status"), text=_status, key=_status),
        Column(QT_TRANSLATE_NOOP("Orders", "Total"), text=lambda i: format_money(i.order.total),
               key=lambda i: i.order.total.amount, align=_RIGHT),
        Column(QT_TRANSLATE_NOOP("Orders", "Promised"),
               text=lambda i: texts.full_day(i.order.promised_on),
               key=lambda i: i.order.promised_on),
        Column(QT_TRANSLATE_NOOP("Orders", "Late"), text=lambda i: texts.late_text(i.days_late),
               key=lambda i: i.days_late),
    )  # fmt: skip

    def extra_data(self, row: ListedOrder, column: int, role: int) -> Any:
        if row.late and role == Qt.ItemDataRole.ForegroundRole and column == _LATE_COLUMN:
            return QBrush(texts.LATE_RED)
        if row.late and role == Qt.ItemDataRole.FontRole and column == _LATE_COLUMN:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and row.order.refused:
            return row.order.refused_reason
        return None


class OrdersTab(QWidget):
    """The customer's orders.

    Signals:
        order_chosen(str): open the order with this number.
        new_order_requested(): take a phone order for this customer.
    """

    order_chosen = Signal(str)
    new_order_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ordersTab")
        self.model = OrdersModel(self)
        self.view = make_table(self, name="ordersView", accessible=texts.tr("Orders"))
        self.view.setModel(self.model)
        self.view.activated.connect(self._on_view_activated)
        self.summary = QLabel(self)
        self.summary.setObjectName("ordersSummary")
        self.summary.setBuddy(self.view)
        self.new_button = QPushButton(texts.tr("New &phone order…"), self)
        self.new_button.setObjectName("newPhoneOrderButton")
        self.new_button.setToolTip(texts.tr("Take an order over the phone (Ctrl+Shift+T)"))
        self.new_button.clicked.connect(self.new_order_requested)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self.setFocusProxy(self.view)
        self.show_orders([])

    def show_orders(self, items: Sequence[ListedOrder]) -> None:
        self.model.set_rows(items)
        late = sum(1 for item in items if item.late)
        if not items:
            words = texts.tr("No orders")
        else:
            words = texts.tr("Orders: %1").replace("%1", str(len(items)))
            if late:
                words += " · " + texts.tr("%1 late %2").replace("%1", str(late)).replace(
                    "%2", texts.LATE_SIGN)  # fmt: skip
        self.summary.setText(words)
        if items:
            self.view.setCurrentIndex(self.model.index(0, 0))
            fit_columns(self.view, self.view.resizeColumnsToContents)

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.order_chosen.emit(self.model.row_at(index.row()).order.number)
