"""Cross-sell beside the basket: the attached customer's top offers, each with its reason in
the cashier's language; Enter (or Add) puts the one picked in the basket, and the till
records the offer as accepted in the same transaction (``TillBasket.add_offer``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.read_models import RecommendationRow
from frontdesk.ui.crosssell_reasons import reason_text

#: Offers shown beside the basket: what a cashier can say in one breath.
OFFERS_SHOWN = 3


class OffersBox(QGroupBox):
    """The attached customer's top offers.

    Signals:
        add_requested(object): put this ``RecommendationRow`` in the basket.
    """

    add_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Offers for this customer"), parent)
        self.setObjectName("tillOffers")
        self.list = QListWidget(self)
        self.list.setObjectName("tillOfferList")
        self.list.setAccessibleName(self.tr("Offers"))
        self.list.setWordWrap(True)
        self.list.setSpacing(3)  # one offer from the next at a glance
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.empty = QLabel(self)
        self.empty.setObjectName("tillOffersEmpty")
        self.empty.setWordWrap(True)
        self.add_button = QPushButton(self.tr("&Add offer to basket"), self)
        self.add_button.setObjectName("addOffer")
        self.add_button.setAutoDefault(False)
        self.add_button.setShortcut(QKeySequence("Ctrl+O"))
        self.add_button.setToolTip(self.tr("Add the offer picked to the basket (Ctrl+O)"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignRight)
        self.show_offers([], customer=False)

    def show_offers(self, offers: list[RecommendationRow], *, customer: bool) -> None:
        self.list.clear()
        for offer in offers[:OFFERS_SHOWN]:
            item = QListWidgetItem(f"{offer.name} ({offer.sku})\n{reason_text(offer)}")
            item.setData(Qt.ItemDataRole.UserRole, offer)
            self.list.addItem(item)
        self.list.setVisible(bool(offers))
        self.add_button.setEnabled(bool(offers))
        self.empty.setVisible(not offers)
        self.empty.setText(
            self.tr("No offers for this customer.") if customer
            else self.tr("Attach a customer to see their offers.")
        )  # fmt: skip
        if offers:
            self.list.setCurrentRow(0)

    def offers(self) -> list[RecommendationRow]:
        return [self.list.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.list.count())]

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.add_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _on_add_button_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.add_requested.emit(item.data(Qt.ItemDataRole.UserRole))
