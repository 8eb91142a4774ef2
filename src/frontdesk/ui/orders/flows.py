"""The window's side of orders: open an order in its view, find one, take a phone order, ask
for a cancellation. Every read and write runs as a background operation on ``DeskOrders``;
results come back on the main thread. A refusal shows inline on the dialog and keeps what
the agent typed; a write that went through says so by ``order_written``, which the Orders
tab and the timeline follow."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from frontdesk.domain.errors import DomainError
from frontdesk.services.errors import FrontdeskError
from frontdesk.services.orders.desk import NUMBER, DeskOrders, FoundOrders
from frontdesk.services.orders.read_model import ListedOrder, OrderView
from frontdesk.ui.orders import texts
from frontdesk.ui.orders.order_search import OrderSearchDialog
from frontdesk.ui.orders.order_view import OrderViewDialog
from frontdesk.ui.orders.phone_order_dialog import PhoneOrderDialog

Submit = Callable[..., None]
VIEW_CHANNEL = "order-view"
_ORDER_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$")


class OrderRefusedHere(FrontdeskError):
    """The desk refused a write (the field and why, in the service's words)."""


def _refusals_worded(work: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        try:
            return work()
        except DomainError as error:
            raise OrderRefusedHere(str(error)) from None

    return run


class OrderFlows(QObject):
    """Opens orders and runs their writes for one window; it outlives language rebuilds.

    Signals:
        order_shown(str): the order view shows this order number.
        order_written(str): a write for this customer id is in the cache and the outbox.
        phone_order_shown(str): the phone-order dialog for this customer id is open.
        search_shown(): the order search is open.
        message(str): something to say in the status bar.
    """

    order_shown = Signal(str)
    order_written = Signal(str)
    phone_order_shown = Signal(str)
    search_shown = Signal()
    message = Signal(str)

    def __init__(
        self,
        orders: DeskOrders,
        *,
        submit: Submit,
        parent: QWidget,
        online: Callable[[], bool | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.orders, self._submit, self._parent, self._online = orders, submit, parent, online
        self.view: OrderViewDialog | None = None
        self.search: OrderSearchDialog | None = None
        self.phone_order: PhoneOrderDialog | None = None

    # Reading

    def open_order(self, number: str) -> None:
        orders = self.orders
        self._submit(lambda: orders.view(number), on_success=lambda view: self._show(number, view),
                     on_failure=self.message.emit, channel=VIEW_CHANNEL)  # fmt: skip

    def _show(self, number: str, view: OrderView | None) -> None:
        if view is None:
            self.message.emit(texts.tr("No order %1 at this desk.").replace("%1", number))
            return
        if self.view is not None and isValid(self.view):
            self.view.close()
        dialog = OrderViewDialog(view, parent=self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.cancel_requested.connect(self._on_view_cancel_requested)
        self.view = dialog
        dialog.open()
        self.order_shown.emit(view.order.number)

    def open_search(self, text: str = "") -> None:
        """The order search, with ``text`` (what the lookup holds) searched at once."""
        if self.search is not None and isValid(self.search):
            self.search.close()
        dialog = OrderSearchDialog(find=self._finder(), submit=self._submit,
                                   text=text, parent=self._parent)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.order_chosen.connect(self.open_order)
        self.search = dialog
        dialog.open()
        self.search_shown.emit()

    def _finder(self) -> Callable[[str], FoundOrders]:
        orders, online = self.orders, self._online

        def find(text: str) -> FoundOrders:
            found = orders.find(text)
            if found.orders or online() is False or not _ORDER_NUMBER.match(text.strip()):
                return found
            try:  # a number another branch holds: the server knows it
                view = orders.fetch_number(text)
            except FrontdeskError:
                return found
            if view is None:
                return found
            return FoundOrders(NUMBER, (ListedOrder(view.order, view.where.days_late),))

        return find

    # Writing

    def new_phone_order(self, customer_id: str, customer_name: str) -> None:
        if self.phone_order is not None and isValid(self.phone_order):
            self.phone_order.close()
        dialog = PhoneOrderDialog(customer_name, find=self.orders.product, submit=self._submit,
                                  parent=self._parent)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda lines, note: self._place(dialog, customer_id, lines, note))
        self.phone_order = dialog
        dialog.open()
        self.phone_order_shown.emit(customer_id)

    def _place(self, dialog: PhoneOrderDialog, customer_id: str, lines: Any, note: str) -> None:
        orders = self.orders
        work = _refusals_worded(lambda: orders.place(customer_id, lines, note=note))
        self._submit(work, on_success=lambda order: self._on_placed(dialog, order),
                     on_failure=lambda why: self._refused(dialog, why))  # fmt: skip

    def _on_placed(self, dialog: PhoneOrderDialog, order: Any) -> None:
        if isValid(dialog):
            dialog.accept()
        self.message.emit(texts.tr("Phone order %1 taken: waiting for the server to confirm it.")
                          .replace("%1", order.number))  # fmt: skip
        self.order_written.emit(order.customer_id or "")

    def _on_view_cancel_requested(self, number: str, reason: str) -> None:
        orders, view = self.orders, self.view
        work = _refusals_worded(lambda: orders.request_cancellation(number, reason))
        self._submit(work, on_success=lambda _event: self._on_cancel_asked(number),
                     on_failure=lambda why: self._refused(view, why))  # fmt: skip

    def _on_cancel_asked(self, number: str) -> None:
        self.message.emit(texts.tr("Cancellation of %1 requested; the back office decides.")
                          .replace("%1", number))  # fmt: skip
        customer = self.view.view.order.customer_id if self.view and isValid(self.view) else None
        self.open_order(number)  # shown again, with its pending request
        self.order_written.emit(customer or "")

    def _refused(self, dialog: Any, why: str) -> None:
        if dialog is not None and isValid(dialog):
            dialog.show_error(texts.tr("The desk refused it: %1").replace("%1", why))
        else:
            self.message.emit(why)
