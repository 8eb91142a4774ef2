"""Articles for the products in the basket, beside the customer's offers: what the
knowledge base says about what is being sold (a product sheet, how to use it, a warranty).
Asked again only when the basket's products change, not for a quantity or a discount;
Enter or a click opens the article in a window of its own, recorded as opened at the till.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from frontdesk.services.knowledge.ports import KbHit
from frontdesk.services.till.basket import BasketView
from frontdesk.ui.knowledge.reader_flows import Opening
from frontdesk.ui.knowledge.results import HitDelegate
from frontdesk.ui.knowledge.suggestions import ArticleWindow, KbSuggester, SuggestionsBox

#: Articles shown beside the basket: a glance, not a search.
ARTICLES_SHOWN = 3


class BasketArticles(QGroupBox):
    """The knowledge base's articles for the basket's products.

    Args:
        suggester: asks the knowledge base and opens the article chosen.
        parent: the till window (an article's window belongs to it).
    """

    def __init__(self, suggester: KbSuggester, parent: QWidget) -> None:
        super().__init__(self.tr("Articles for this basket"), parent)
        self.setObjectName("tillArticles")
        self.suggester = suggester
        self.skus: tuple[str, ...] = ()
        self.window_open: ArticleWindow | None = None
        self.suggestions = SuggestionsBox(self)
        self.suggestions.heading.hide()  # the box's title says what the list is
        listing = self.suggestions.list
        listing.setAccessibleName(self.tr("Articles for this basket"))
        listing.setItemDelegate(HitDelegate(listing, snippet=False, meta=False))  # titles only
        listing.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # As tall as its titles, no more: the offers above keep the column's room.
        row = listing.fontMetrics().lineSpacing() + 14  # the delegate's margins
        listing.setFixedHeight(ARTICLES_SHOWN * row + 2 * listing.frameWidth() + 2)
        self.suggestions.hit_chosen.connect(self._on_suggestions_hit_chosen)
        self.empty = QLabel(self)
        self.empty.setObjectName("tillArticlesEmpty")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.suggestions, 1)
        layout.addWidget(self.empty)
        self.show_hits([])

    def basket_shown(self, view: BasketView) -> None:
        """Ask again when the products differ from the last basket's."""
        skus = tuple(sorted({line.sku for line in view.lines}))
        if skus == self.skus:
            return
        self.skus = skus
        if skus:
            self.suggester.for_basket(self, list(skus), limit=ARTICLES_SHOWN)
        else:
            self.show_hits([])

    def show_hits(self, hits: Sequence[KbHit]) -> None:
        self.suggestions.show_hits(hits)
        self.suggestions.setVisible(bool(hits))
        self.empty.setVisible(not hits)
        empty = (self.tr("No articles for these products.") if self.skus
                 else self.tr("Articles for the products scanned appear here."))  # fmt: skip
        self.empty.setText(empty)

    def hits(self) -> list[KbHit]:
        return list(self.suggestions.model.hits)

    def focus_list(self) -> None:
        self.suggestions.list.setFocus()
        if self.suggestions.model.rowCount() and not self.suggestions.list.currentIndex().isValid():
            self.suggestions.list.setCurrentIndex(self.suggestions.model.index(0))

    @Slot(str)
    def _on_suggestions_hit_chosen(self, article_id: str) -> None:
        self.window_open = self.suggester.open_in_window(article_id, Opening("till"),
                                                         parent=self.window())  # fmt: skip
