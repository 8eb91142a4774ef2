"""One order: where it is (the line an agent reads out), carrier and tracking, its lines and
total, its events; "Request cancellation…" asks for a reason and queues the request.

A late order says so in words and with a sign on the where-is-it line, red as well; a phone
order the server has not answered says "waiting for the server"; one it refused shows why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.orders.ports import OrderEvent, OrderLine
from frontdesk.services.orders.read_model import OrderView
from frontdesk.ui.formatting import (
    format_datetime,
    format_decimal,
    format_money,
    format_unit_price,
)
from frontdesk.ui.models import Column, RowTableModel
from frontdesk.ui.orders import texts
from frontdesk.ui.widgets.form_errors import error_label, show_error
from frontdesk.ui.widgets.tables import fit_columns, make_table

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PRODUCT_COLUMN = 1


def quantity_text(line: OrderLine) -> str:
    places = max(0, -int(line.quantity.normalize().as_tuple().exponent))
    return format_decimal(line.quantity, places=places)


def stretch_product_column(view: QTableView) -> None:
    """The product's name takes the room left; the figures stay beside it, not far right."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(PRODUCT_COLUMN, QHeaderView.ResizeMode.Stretch)


class LinesModel(RowTableModel[OrderLine]):
    context = "Orders"
    columns = (
        Column(QT_TRANSLATE_NOOP("Orders", "SKU"), text=lambda ln: ln.sku, key=lambda ln: ln.sku),
        Column(QT_TRANSLATE_NOOP("Orders", "Product"), text=lambda ln: ln.description,
               key=lambda ln: ln.description),
        Column(QT_TRANSLATE_NOOP("Orders", "Quantity"), text=quantity_text,
               key=lambda ln: ln.quantity, align=_RIGHT),
        Column(QT_TRANSLATE_NOOP("Orders", "Price"),
               text=lambda ln: format_unit_price(ln.unit_price),
               key=lambda ln: ln.unit_price.amount, align=_RIGHT),
        Column(QT_TRANSLATE_NOOP("Orders", "Amount"), text=lambda ln: format_money(ln.line_total),
               key=lambda ln: ln.line_total.amount, align=_RIGHT),
    )  # fmt: skip


def _event_detail(event: OrderEvent) -> str:
    pending = texts.tr("Not sent yet") if event.pending else ""
    return " · ".join(part for part in (pending, event.detail) if part)


class EventsModel(RowTableModel[OrderEvent]):
    context = "Orders"
    columns = (
        Column(QT_TRANSLATE_NOOP("Orders", "When"), text=lambda e: format_datetime(e.at),
               key=lambda e: e.at),
        Column(QT_TRANSLATE_NOOP("Orders", "What"), text=texts.event_text,
               key=texts.event_text),
        Column(QT_TRANSLATE_NOOP("Orders", "By"), text=lambda e: e.author, key=lambda e: e.author),
        Column(QT_TRANSLATE_NOOP("Orders", "Details"), text=_event_detail, key=_event_detail),
    )  # fmt: skip

    def extra_data(self, row: OrderEvent, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and row.pending:
            font = QFont()
            font.setItalic(True)  # made here, still on its way to the server
            return font
        return None


class OrderViewDialog(QDialog):
    """An order as the cache holds it.

    Signals:
        cancel_requested(str, str): the agent asked to cancel this order number, with why.
    """

    cancel_requested = Signal(str, str)

    def __init__(self, view: OrderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderView")
        self.view = view
        order = view.order
        self.setWindowTitle(texts.tr("Order %1").replace("%1", order.number))
        self.where_label = self._where_label(view)
        self.lines = LinesModel(self)
        self.lines.set_rows(order.lines)
        self.lines_view = make_table(self, name="orderLinesView", accessible=texts.tr("Lines"))
        self.lines_view.setModel(self.lines)
        stretch_product_column(self.lines_view)
        self.events = EventsModel(self)
        self.events.set_rows(view.events)
        self.events_view = make_table(self, name="orderEventsView", accessible=texts.tr("Events"))
        self.events_view.setModel(self.events)
        self.error_label = error_label(self, "orderError")
        self.cancel_button = QPushButton(texts.tr("Request ca&ncellation…"), self)
        self.cancel_button.setObjectName("requestCancelButton")
        self.cancel_button.clicked.connect(self.ask_cancellation)
        self._lay_out(view)
        for table in (self.lines_view, self.events_view):
            fit_columns(table, table.resizeColumnsToContents)
        self.resize(860, 560)

    def _where_label(self, view: OrderView) -> QLabel:
        label = QLabel(texts.where_text(view.where), self)
        label.setObjectName("whereIsIt")
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        label.setFont(font)
        if view.late or view.order.refused:
            label.setStyleSheet(f"color: {texts.LATE_RED.name()};")
        return label

    def _lay_out(self, view: OrderView) -> None:
        order = view.order
        form = QFormLayout()
        status = texts.status_text(order.status, waiting=order.waiting_for_server,
                                   refused=order.refused)  # fmt: skip
        rows = [
            (texts.tr("Status"), status),
            (texts.tr("Placed"), format_datetime(order.placed_at)),
            (texts.tr("Payment"), texts.name_of(texts.PAYMENTS, order.payment_state)),
            (texts.tr("Promised"), texts.full_day(order.promised_on) or "—"),
            (texts.tr("Carrier"), order.carrier or "—"),
            (texts.tr("Tracking"), order.tracking_number or "—"),
            (texts.tr("Total"), format_money(order.total)),
        ]
        for title, value in rows:
            shown = QLabel(value, self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(title, shown)
        if view.cancel_requested:
            form.addRow(texts.tr("Cancellation"), QLabel(texts.tr("requested"), self))
        self.cancel_button.setEnabled(view.cancellable and not view.cancel_requested)
        lines_title = QLabel(texts.tr("&Lines"), self)
        lines_title.setBuddy(self.lines_view)
        events_title = QLabel(texts.tr("&Events"), self)
        events_title.setBuddy(self.events_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where_label)
        layout.addLayout(form)
        layout.addWidget(lines_title)
        layout.addWidget(self.lines_view, 2)
        layout.addWidget(events_title)
        layout.addWidget(self.events_view, 2)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    def ask_cancellation(self) -> None:
        dialog = CancelDialog(self.view.order.number, parent=self)
        dialog.reason_given.connect(
            lambda reason: self.cancel_requested.emit(self.view.order.number, reason)
        )
        dialog.open()

    def show_error(self, message: str) -> None:
        show_error(self.error_label, message)


class CancelDialog(QDialog):
    """Why the customer wants the order cancelled (required).

    Signals:
        reason_given(str): the reason, stripped.
    """

    reason_given = Signal(str)

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cancelOrderDialog")
        self.setWindowTitle(texts.tr("Request cancellation of %1").replace("%1", number))
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("cancelReasonEdit")
        self.reason_edit.setMaxLength(2_000)
        self.reason_edit.setPlaceholderText(texts.tr("What the customer said"))
        label = QLabel(texts.tr("&Reason:"), self)
        label.setBuddy(self.reason_edit)
        hint = QLabel(texts.tr("The back office decides; the request goes at the next sync."), self)
        hint.setWordWrap(True)
        self.error_label = error_label(self, "cancelReasonError")
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(texts.tr("&Send request"),
                                           QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason_edit)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def _on_accepted(self) -> None:
        reason = self.reason_edit.text().strip()
        if not reason:
            show_error(self.error_label, texts.tr("Say why: the back office decides on it."))
            return
        self.reason_given.emit(reason)
        self.accept()
