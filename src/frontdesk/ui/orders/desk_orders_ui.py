"""Orders in the main window: the 360's Orders tab (rebuilt with the panels on a language
change), order events opening their order from the timeline, and two Desk menu actions:

- Find order… (Ctrl+Shift+O): number, tracking number or phone, opened with whatever the
  customer lookup holds (an agent who typed "1Z999…" there and found no customer goes
  straight on);
- New phone order… (Ctrl+Shift+T, "take"): for the customer on screen.

The tab shows the customer's orders from the cache first; then, unless the desk is known to
be offline, from the server (another branch's orders too), in the background. Offline, the
server's answer is quietly left out.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from shiboken6 import isValid

from frontdesk.services.orders.desk import DeskOrders
from frontdesk.services.orders.read_model import ListedOrder
from frontdesk.ui.orders.flows import OrderFlows
from frontdesk.ui.orders.orders_tab import OrdersTab

CACHE_CHANNEL, FETCH_CHANNEL = "customer-orders", "customer-orders-fetch"
translate = QCoreApplication.translate


class DeskOrdersUi(QObject):
    """Wires orders into ``window`` (a ``MainWindow``); see the module's notes.

    Attributes:
        flows: the order view, search, phone order and cancellation.
        tab: the Orders tab of the current panels.
    """

    def __init__(self, window: Any, orders: DeskOrders) -> None:
        super().__init__(window)
        self.window, self.orders = window, orders
        self._online = (lambda: window.sync.online) if window.sync is not None else (lambda: None)
        self.flows = OrderFlows(orders, submit=window.ops.submit, parent=window,
                                online=self._online)  # fmt: skip
        self.flows.message.connect(window.statusBar().showMessage)
        self.flows.order_written.connect(self._on_flows_order_written)
        self.customer_id: str | None = None
        self.tab: OrdersTab | None = None
        self.find_action = self._action("findOrderAction", "Ctrl+Shift+O")
        self.find_action.triggered.connect(self.find_order)
        self.new_action = self._action("newPhoneOrderAction", "Ctrl+Shift+T")
        self.new_action.setEnabled(False)
        self.new_action.triggered.connect(self.new_phone_order)
        menu = window.desk_actions.desk_menu
        menu.insertActions(window.desk_actions.till_action, [self.find_action, self.new_action])
        window.customer_shown.connect(self.load)
        window.content_built.connect(self.show_on_content)
        self.show_on_content()

    def _action(self, name: str, shortcut: str) -> QAction:
        action = QAction("", self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        return action

    @Slot()
    def show_on_content(self) -> None:
        """The Orders tab on the panels just built, and the actions' words."""
        window = self.window
        tab = OrdersTab(window.customer_tabs)
        window.customer_tabs.addTab(tab, translate("MainWindow", "O&rders"))
        tab.order_chosen.connect(self.flows.open_order)
        tab.new_order_requested.connect(self.new_phone_order)
        window.timeline_panel.order_chosen.connect(self.flows.open_order)
        self.tab = tab
        self._retranslate()
        if self.customer_id is not None:
            self.load(self.customer_id)

    def _retranslate(self) -> None:
        self.find_action.setText(translate("MainWindow", "Find &order…"))
        self.find_action.setToolTip(
            translate(
                "MainWindow",
                "Find an order by its number, tracking number or the "
                "customer's phone (Ctrl+Shift+O)",
            )
        )
        self.new_action.setText(translate("MainWindow", "New &phone order…"))
        self.new_action.setToolTip(
            translate("MainWindow", "Take an order over the phone for this customer (Ctrl+Shift+T)")
        )

    @Slot(str)
    def load(self, customer_id: str) -> None:
        """The cache's orders now; the server's after them, unless the desk is offline."""
        self.customer_id = customer_id
        self.new_action.setEnabled(True)
        orders, submit = self.orders, self.window.ops.submit
        submit(lambda: orders.of_customer(customer_id),
               on_success=lambda items: self._show(customer_id, items),
               on_failure=lambda _why: None, channel=CACHE_CHANNEL)  # fmt: skip
        if self._online() is not False:
            submit(lambda: orders.fetch_of_customer(customer_id),
                   on_success=lambda items: self._show(customer_id, items),
                   on_failure=lambda _why: None, channel=FETCH_CHANNEL)  # fmt: skip

    def _show(self, customer_id: str, items: list[ListedOrder]) -> None:
        if customer_id == self.customer_id and self.tab is not None and isValid(self.tab):
            self.tab.show_orders(items)

    @Slot()
    def find_order(self) -> None:
        self.flows.open_search(self.window.search_panel.search_edit.text())

    @Slot()
    def new_phone_order(self) -> None:
        profile = self.window.customers.profile
        if profile is not None:
            self.flows.new_phone_order(profile.id, profile.display_name)

    @Slot(str)
    def _on_flows_order_written(self, customer_id: str) -> None:
        if customer_id and customer_id == self.customer_id:
            orders, submit = self.orders, self.window.ops.submit
            submit(lambda: orders.of_customer(customer_id),
                   on_success=lambda items: self._show(customer_id, items),
                   on_failure=lambda _why: None, channel=CACHE_CHANNEL)  # fmt: skip
            self.window.timeline_panel.reload()
