"""The till window with a basket: what the basket adds to the window, and how it is laid out.

The basket fills the left of the window (scan field, lines, totals, then the knowledge base's
articles for the basket's products), the payment box and the customer's offers stand beside
it, and the shift's transactions and reports share a tab below (the report tab comes up when
a report is made). A scanner is heard from any focus in the window (``ui.till.scanner``); F2
puts the cursor in the scan field, Ctrl+K in the articles.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.till.basket import BasketView, TillBasket
from frontdesk.ui.knowledge.suggestions import KbSuggester
from frontdesk.ui.till.articles_box import BasketArticles
from frontdesk.ui.till.basket_box import BasketBox
from frontdesk.ui.till.basket_flows import BasketFlows
from frontdesk.ui.till.offers_box import OffersBox
from frontdesk.ui.till.payment_flows import PaymentFlows
from frontdesk.ui.till.scanner import FieldScan, ScanFilter, share_scans


class BasketParts(QObject):
    """The basket, its offers and its scanner in one till window.

    Args:
        window: the till window (its header, shift box, payment box, shift table, buttons,
            report view and status line are laid out here).
        basket: the register's basket.
        flows: ``submit``, ``open_dialog`` and ``parent``, as the window's other flows get.
        payments: the window's payments, which settle the basket.
        knowledge: the desk's knowledge base (None: no articles beside the basket).
    """

    def __init__(self, window: Any, basket: TillBasket, *, flows: dict[str, Any],
                 payments: PaymentFlows, knowledge: KbSuggester | None = None) -> None:  # fmt: skip
        super().__init__(window)
        self.window, self.payments = window, payments
        self.box = BasketBox(window)
        self.offers = OffersBox(window)
        self.articles = BasketArticles(knowledge, window) if knowledge is not None else None
        if self.articles is not None:
            QShortcut(QKeySequence("Ctrl+K"), window, activated=self.articles.focus_list)
        self.flows = BasketFlows(basket, box=self.box, offers=self.offers, **flows)
        self.flows.basket_shown.connect(self._on_flows_basket_shown)
        self.scanner = ScanFilter(window)
        self.scanner.scanned.connect(self.flows.scanned)
        self.scanner.field_scanned.connect(self._on_scanner_field_scanned)
        self.box.hold_requested.connect(self.flows.hold)
        self.box.recall_requested.connect(self.flows.recall)
        window.payment_box.customer_chosen.connect(self.flows.attach_customer)
        # A loyalty card scanned there finds its owner; a product's barcode goes to the basket.
        share_scans(window.payment_box.search_edit)
        QShortcut(QKeySequence("F2"), window, activated=self.box.focus_scan)
        self._lay_out(window)
        self._first = True  # until the shift is first shown open
        self.flows.load()

    def _lay_out(self, window: QMainWindow) -> None:
        self.tabs = QTabWidget(window)
        self.tabs.setObjectName("tillTabs")
        shift = QWidget(self.tabs)
        shift_layout = QVBoxLayout(shift)
        shift_layout.setContentsMargins(0, 0, 0, 0)
        shift_layout.addWidget(window.table, 1)  # type: ignore[attr-defined]
        shift_layout.addWidget(window.buttons)  # type: ignore[attr-defined]
        self.tabs.addTab(shift, self.tr("Shift transactions"))
        self.tabs.addTab(_report_tab(window, self.tabs), self.tr("Report"))
        _keys_from_anywhere(window, window.buttons)  # type: ignore[attr-defined]
        left = QVBoxLayout()
        left.addWidget(self.box, 3)
        if self.articles is not None:
            # Under the products it is about: the offers beside need the right's height.
            left.addWidget(self.articles)
        left.addWidget(self.tabs, 2)
        right = QVBoxLayout()
        right.addWidget(window.shift_box)  # type: ignore[attr-defined]
        right.addWidget(window.payment_box)  # type: ignore[attr-defined]
        right.addWidget(self.offers, 1)
        right.addWidget(self._keys_help(window))
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        central = QWidget(window)
        layout = QVBoxLayout(central)
        layout.addWidget(window.header)  # type: ignore[attr-defined]
        layout.addLayout(body, 1)
        layout.addWidget(window.status)  # type: ignore[attr-defined]
        window.setCentralWidget(central)

    def _keys_help(self, parent: QWidget) -> QLabel:
        keys = self.tr(
            "Keys: F2 scan or find · F4 quantity · Delete removes a line · F6 line discount · "
            "Shift+F6 basket discount · F11 hold · F12 recall · Ctrl+O add the offer · "
            "F7 refund by receipt · F8 refund · F9 void · F5 X-report · F10 close shift"
        )
        if self.articles is not None:
            keys += " · " + self.tr("Ctrl+K articles")
        label = QLabel(keys, parent)
        label.setObjectName("tillKeys")
        label.setWordWrap(True)
        label.setEnabled(False)  # drawn quieter: a reminder, not a control
        return label

    def _on_scanner_field_scanned(self, scan: FieldScan) -> None:
        if self.box.isEnabled():  # the shift is open: the basket takes products
            self.flows.field_scanned(scan)
        else:
            scan.keep()

    def _on_flows_basket_shown(self, view: BasketView) -> None:
        self.payments.basket_view = view
        if self.articles is not None:
            self.articles.basket_shown(view)
        total = view.totals.amount if view.lines else None
        self.window.payment_box.show_basket(total, customer_id=view.customer_id,
                                            name=view.customer_name)  # fmt: skip

    def shift_loaded(self, open_: bool) -> None:
        """The shift on show is open (or not): the basket works only in an open shift."""
        self.box.setEnabled(open_)
        self.offers.setEnabled(open_)
        if self.articles is not None:
            self.articles.setEnabled(open_)
        focus = QApplication.focusWidget()
        elsewhere = focus is None or focus.window() is not self.window or not focus.isEnabled()
        if open_ and (self._first or elsewhere):
            self.box.focus_scan()  # the cashier's next key, or scan, is for the basket
        self._first = self._first and not open_

    def paid(self) -> None:
        """The basket was settled: the till has a new, empty one."""
        self.flows.load()
        self.box.focus_scan()

    def show_report(self) -> None:
        self.tabs.setCurrentIndex(1)

    def focus_scan(self) -> None:
        self.box.scan_edit.setFocus(Qt.FocusReason.OtherFocusReason)


def _report_tab(window: Any, parent: QWidget) -> QWidget:
    """The X-report and closing the shift, over the report they make."""
    tab = QWidget(parent)
    buttons = QHBoxLayout()
    buttons.addWidget(window.buttons.x_button)
    buttons.addWidget(window.buttons.close_button)
    buttons.addStretch(1)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(buttons)
    layout.addWidget(window.report_view, 1)
    return tab


def _keys_from_anywhere(window: QWidget, actions: QWidget) -> None:
    """The shift's keys (F5, F7-F10, Ctrl+P...) work whichever tab is on show: a button's own
    shortcut works only while the button can be seen."""
    for button in actions.findChildren(QPushButton):
        key = button.shortcut()
        if not key.isEmpty():
            button.setShortcut(QKeySequence())
            QShortcut(key, window, activated=button.click)
