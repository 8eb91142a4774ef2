"""The Products page: a search box (words, a SKU, or a scanner's digits and Enter), a category
filter, the matching products, and the product card beside them.

A page of the main window beside the customer page (F4 opens it, Esc goes back). It shows what
``ProductFlows`` loaded and says what the agent asked for by signal. By keys: the search box
(Enter: a code opens its card at once, words search), Down to the list, Tab to the category
filter, the list (Enter opens the card), then the card's links and its also-bought list.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.catalogue.ports import CategoryNode
from frontdesk.ui.catalogue import texts
from frontdesk.ui.catalogue.card_view import ProductCardView
from frontdesk.ui.catalogue.results_model import ProductResultsModel
from frontdesk.ui.widgets.tables import make_table

#: Typing pauses this long before the list follows (a scanner's digits come faster).
TYPING_PAUSE_MS = 250
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ProductsPanel(QWidget):
    """The window's Products page.

    Signals:
        back_requested(): the agent asked for the customer page again.
        search_requested(str, object): search these words in this category code (or None).
        code_entered(str, object): Enter in the search box: open the product with this SKU
            or barcode if there is one, else search (category code or None).
        product_chosen(str): open this SKU's card.
    """

    back_requested = Signal()
    search_requested = Signal(str, object)
    code_entered = Signal(str, object)
    product_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productsPanel")
        self.model = ProductResultsModel(self)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._on_typing_timeout)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("productsBack")
        self.back_button.clicked.connect(self.back_requested)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("productSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.textEdited.connect(lambda _text: self._typing.start())
        self.search_box.installEventFilter(self)
        self.category_label = QLabel(self)
        self.category_box = QComboBox(self)
        self.category_box.setObjectName("productCategory")
        self.category_box.setMinimumContentsLength(18)
        self.category_label.setBuddy(self.category_box)
        self.category_box.currentIndexChanged.connect(lambda _i: self._search_now())
        self.count_label = QLabel(self)
        self.count_label.setObjectName("productCount")
        self.table = make_table(self, name="productResults", accessible="")
        self.table.setModel(self.model)
        self.table.activated.connect(self._on_table_activated)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.card = ProductCardView(self)
        self.card.product_requested.connect(self.product_chosen)
        self._lay_out()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.category_label)
        top.addWidget(self.category_box)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.count_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.card)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.search_box, self.category_box)
        self.setTabOrder(self.category_box, self.table)
        self.setTabOrder(self.table, self.card)

    def retranslate(self) -> None:
        self.back_button.setText(texts.tr("← Customer"))
        self.back_button.setToolTip(texts.tr("The customer page again (Esc)"))
        self.search_box.setPlaceholderText(
            texts.tr("Scan a barcode, or type a SKU or words (F4)"))  # fmt: skip
        self.search_box.setAccessibleName(texts.tr("Find a product"))
        self.category_label.setText(texts.tr("&Category:"))
        self.table.setAccessibleName(texts.tr("Products found"))
        self.card.retranslate()
        if self.category_box.count():
            self.category_box.setItemText(0, texts.tr("All categories"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self.show_count()

    def show_categories(self, nodes: Sequence[CategoryNode], language: str) -> None:
        """The filter's choices: every category, indented under its parent."""
        chosen = self.category()
        self.category_box.blockSignals(True)
        self.category_box.clear()
        self.category_box.addItem(texts.tr("All categories"), None)
        for node, depth in _tree_order(nodes):
            self.category_box.addItem("    " * depth + node.name_in(language), node.code)
        found = self.category_box.findData(chosen)
        self.category_box.setCurrentIndex(max(found, 0))
        self.category_box.blockSignals(False)

    def category(self) -> str | None:
        return self.category_box.currentData()

    def show_count(self) -> None:
        total = self.model.total
        text = texts.tr("Found: %1").replace("%1", str(total)) if total else ""
        if not total and (self.search_box.text().strip() or self.category()):
            text = texts.tr("No product matches")
        self.count_label.setText(text)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in _ENTER_KEYS:
                self._typing.stop()
                self.code_entered.emit(self.search_box.text().strip(), self.category())
                return True
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                self.table.selectRow(max(self.table.currentIndex().row(), 0))
                return True
        return super().eventFilter(watched, event)

    def _search_now(self) -> None:
        self._typing.stop()
        self.search_requested.emit(self.search_box.text().strip(), self.category())

    @Slot()
    def _on_typing_timeout(self) -> None:
        self._search_now()

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        sku = self.model.sku_at(index.row())
        if sku is not None:
            self.product_chosen.emit(sku)


def _tree_order(nodes: Sequence[CategoryNode]) -> list[tuple[CategoryNode, int]]:
    """The categories depth first, each with its depth (a parent missing: at the top)."""
    codes = {node.code for node in nodes}
    children: dict[str | None, list[CategoryNode]] = {}
    for node in nodes:
        parent = node.parent if node.parent in codes else None
        children.setdefault(parent, []).append(node)
    ordered: list[tuple[CategoryNode, int]] = []
    todo = [(node, 0) for node in reversed(children.get(None, []))]
    seen: set[str] = set()
    while todo:
        node, depth = todo.pop()
        if node.code in seen:
            continue
        seen.add(node.code)
        ordered.append((node, depth))
        todo += [(child, depth + 1) for child in reversed(children.get(node.code, []))]
    return ordered
