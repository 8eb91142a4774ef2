"""The Products page's controller: every question to the catalogue a background operation,
every answer shown on the page.

A search is one operation for the answer's SKUs and its first page of lines; the list asks
for more pages as it scrolls (``ProductResultsModel``). Enter in the search box first tries
the text as a code (a scanner types a barcode's digits and Enter): a product found opens its
card at once; otherwise the words are searched and the list takes the keyboard. Each kind of
question has its channel, so a slow old answer never overwrites a newer one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, Signal, Slot

from frontdesk.services.catalogue.desk import DeskCatalogue
from frontdesk.services.catalogue.ports import ProductCard
from frontdesk.ui.catalogue.products_panel import ProductsPanel
from frontdesk.ui.catalogue.results_model import PAGE

#: SKUs one answer may hold; the list loads their lines a page at a time.
MAX_ANSWER = 1_000
Submit = Callable[..., None]


class ProductFlows(QObject):
    """Runs the Products page.

    Signals:
        answer_shown(int): the list shows a search's answer of this many products.
        card_shown(str): the card shows this SKU ("" when a code found nothing).
    """

    answer_shown = Signal(int)
    card_shown = Signal(str)

    def __init__(
        self, desk: DeskCatalogue, *, submit: Submit, panel: ProductsPanel, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.desk, self.panel, self._submit = desk, panel, submit
        panel.search_requested.connect(self.search)
        panel.code_entered.connect(self.enter)
        panel.product_chosen.connect(self.open_product)
        panel.model.page_wanted.connect(self._on_model_page_wanted)
        panel.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

    def set_language(self, language: str) -> None:
        self.desk.language = language
        self.load_categories()

    def load_categories(self) -> None:
        self._submit(self.desk.categories, on_success=self._on_categories_loaded,
                     channel="product-categories")  # fmt: skip

    def search(self, text: str, category: str | None) -> None:
        self._submit(lambda: self._answer(text, category), on_success=self._on_answer,
                     channel="product-search")  # fmt: skip

    def enter(self, text: str, category: str | None) -> None:
        """Enter in the search box: a code opens its card, words search and focus the list."""
        if not text and category is None:
            return

        def work() -> tuple[Any, ProductCard | None]:
            card = self.desk.card(text) if text else None
            if card is not None and category is None:
                return ([card.product.sku], self.desk.summaries([card.product.sku])), card
            return self._answer(text, category), None

        self._submit(work, on_success=self._on_entered, channel="product-search")

    def open_product(self, sku: str) -> None:
        self._submit(lambda: self.desk.card(sku), on_success=self._on_card_loaded,
                     channel="product-card")  # fmt: skip

    def _answer(self, text: str, category: str | None) -> tuple[list[str], list[Any]]:
        if not text and category is None:
            return [], []
        skus = self.desk.matching_skus(text, category=category, limit=MAX_ANSWER)
        return skus, self.desk.summaries(skus[:PAGE])

    @Slot(object)
    def _on_answer(self, answer: tuple[list[str], list[Any]]) -> None:
        skus, first = answer
        self.panel.model.show_answer(skus, first)
        self.panel.show_count()
        self.answer_shown.emit(len(skus))

    def _on_entered(self, result: tuple[Any, ProductCard | None]) -> None:
        answer, card = result
        self._on_answer(answer)
        table = self.panel.table
        if card is not None:
            self._show_card(card)
            self.panel.search_box.selectAll()  # the next scan replaces it
        elif self.panel.model.rowCount():
            table.setFocus(Qt.FocusReason.OtherFocusReason)
            table.selectionModel().setCurrentIndex(
                self.panel.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_card_loaded(self, card: ProductCard | None) -> None:
        self._show_card(card)

    def _show_card(self, card: ProductCard | None) -> None:
        self.panel.card.show_card(card)
        self.card_shown.emit(card.product.sku if card is not None else "")

    def _on_categories_loaded(self, nodes: list[Any]) -> None:
        self.panel.show_categories(nodes, self.desk.language)

    @Slot(object)
    def _on_model_page_wanted(self, skus: list[str]) -> None:
        self._submit(lambda: self.desk.summaries(skus), on_success=self.panel.model.add_lines,
                     channel="product-page")  # fmt: skip

    def _on_current_row_changed(self, current: Any, _previous: Any) -> None:
        sku = self.panel.model.sku_at(current.row()) if current.isValid() else None
        shown = self.panel.card.card
        if sku is not None and (shown is None or shown.product.sku != sku):
            self.open_product(sku)
