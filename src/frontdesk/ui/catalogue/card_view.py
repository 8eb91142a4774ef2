"""The product card: what the agent reads out about one product.

Name, codes, category path, status (a discontinued product links to its replacement), the
branch's price today, stock per branch with the time each figure was true (an old figure is
marked in words, not in colour only), description and attributes, literature links (opened in
the system's browser), and what the product's buyers also bought (Enter opens one). Links in
the labels are reached with Tab and followed with Enter. It shows what it is given; the
controller (``ProductFlows``) reads the cache.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.catalogue.ports import ProductCard
from frontdesk.ui.catalogue import texts

THUMBNAIL = 96
STALE_COLOUR = "#c62828"
_PRODUCT_LINK = "product:"
_LINKS = Qt.TextInteractionFlag.TextBrowserInteraction
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _label(parent: QWidget, name: str, *, links: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if links else Qt.TextFormat.PlainText)
    if links:
        label.setTextInteractionFlags(_LINKS)
        label.setOpenExternalLinks(False)
    return label


class _AlsoBoughtList(QListWidget):
    """Enter opens the product under the cursor (a list's Enter does nothing by itself)."""

    chosen = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in _ENTER_KEYS and item is not None:
            self.chosen.emit(item.data(Qt.ItemDataRole.UserRole))
            return
        super().keyPressEvent(event)


class ProductCardView(QScrollArea):
    """One product's card.

    Signals:
        product_requested(str): open this SKU's card (its replacement, an also-bought one).
        link_opened(str): a literature link was handed to the system's browser.
    """

    product_requested = Signal(str)
    link_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productCard")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.card: ProductCard | None = None
        body = QWidget(self)
        self.setWidget(body)
        self._build(body)
        self.retranslate()
        self.show_card(None)

    def _build(self, body: QWidget) -> None:
        self.thumbnail = QLabel(body)
        self.thumbnail.setObjectName("productThumbnail")
        self.thumbnail.setFixedSize(THUMBNAIL, THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = _label(body, "productName")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.name_label.setFont(font)
        self.codes_label = _label(body, "productCodes")
        self.codes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label = _label(body, "productPath")
        self.status_label = _label(body, "productStatus", links=True)
        self.status_label.linkActivated.connect(self._on_label_link_activated)
        self.price_label = _label(body, "productPrice")
        font = self.price_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.price_label.setFont(font)
        self.stock_title, self.stock_label = _title(body), _label(body, "productStock", links=True)
        self.about_title, self.about_label = _title(body), _label(body, "productDescription")
        self.literature_title = _title(body)
        self.literature_label = _label(body, "productLiterature", links=True)
        self.literature_label.linkActivated.connect(self._on_label_link_activated)
        self.also_title = _title(body)
        self.also_list = _AlsoBoughtList(body)
        self.also_list.setObjectName("alsoBought")
        self.also_list.chosen.connect(self.product_requested)
        self.also_list.itemActivated.connect(self._on_also_list_item_activated)
        self.empty_label = _label(body, "productCardEmpty")
        self._lay_out(body)

    def _lay_out(self, body: QWidget) -> None:
        head = QGridLayout()
        head.addWidget(self.thumbnail, 0, 0, 4, 1, Qt.AlignmentFlag.AlignTop)
        for row, label in enumerate((self.name_label, self.codes_label, self.path_label,
                                     self.status_label)):  # fmt: skip
            head.addWidget(label, row, 1)
        head.setColumnStretch(1, 1)
        head.setHorizontalSpacing(12)
        layout = QVBoxLayout(body)
        layout.addLayout(head)
        for widget in (self.price_label, self.stock_title, self.stock_label, self.about_title,
                       self.about_label, self.literature_title, self.literature_label,
                       self.also_title, self.also_list, self.empty_label):  # fmt: skip
            layout.addWidget(widget)
        layout.addStretch(1)

    def retranslate(self) -> None:
        self.stock_title.setText(texts.tr("Stock"))
        self.about_title.setText(texts.tr("Description"))
        self.literature_title.setText(texts.tr("Literature"))
        self.also_title.setText(texts.tr("Customers who bought this also bought"))
        self.also_list.setAccessibleName(texts.tr("Customers who bought this also bought"))
        self.thumbnail.setAccessibleName(texts.tr("Product picture"))
        self.empty_label.setText(
            texts.tr(
                "Scan a barcode, or type a SKU or words of a product's name, then press Enter."
            )
        )
        if self.card is not None:
            self.show_card(self.card)

    def show_card(self, card: ProductCard | None) -> None:
        """Show ``card``; None: the empty card, which says how to find a product."""
        self.card = card
        parts = [w for w in self.findChildren(QWidget) if w.parent() is self.widget()]
        for widget in parts:
            widget.setVisible(card is not None)
        self.empty_label.setVisible(card is None)
        if card is None:
            return
        self._show_head(card)
        self.price_label.setText(texts.price_line(card))
        self._show_stock(card)
        self._show_about(card)
        self._show_literature(card)
        self._show_also_bought(card)

    def _show_head(self, card: ProductCard) -> None:
        product = card.product
        self.name_label.setText(card.name)
        codes = [texts.tr("SKU %1").replace("%1", product.sku)]
        codes += [texts.tr("barcode %1").replace("%1", code) for code in product.barcodes]
        self.codes_label.setText(" · ".join(codes))
        self.path_label.setText(" › ".join(card.category_path))
        self.path_label.setVisible(bool(card.category_path))
        self.status_label.setText(_status_html(card))
        pixmap = QPixmap()
        if product.thumbnail and pixmap.loadFromData(product.thumbnail):
            self.thumbnail.setPixmap(pixmap.scaled(
                THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))  # fmt: skip
        else:
            self.thumbnail.clear()
            self.thumbnail.setText(texts.tr("No picture"))

    def _show_stock(self, card: ProductCard) -> None:
        if not card.stock:
            self.stock_label.setText(escape(texts.tr("No stock figures for this product")))
            return
        lines = []
        for line in card.stock:
            text = escape(texts.stock_line(line, card.product.unit))
            if line.stale:
                old = escape(texts.tr("old figure"))
                text = f'<span style="color:{STALE_COLOUR}">{text} — {old}</span>'
            lines.append(text)
        self.stock_label.setText("<br>".join(lines))

    def _show_about(self, card: ProductCard) -> None:
        attributes = [f"{name}: {value}" for name, value in card.product.attributes.items()]
        about = "\n".join(part for part in (card.description, "; ".join(attributes)) if part)
        self.about_label.setText(about)
        self.about_title.setVisible(bool(about))
        self.about_label.setVisible(bool(about))

    def _show_literature(self, card: ProductCard) -> None:
        links = []
        for link in card.product.literature:
            if link.url:
                links.append(f'<a href="{escape(link.url)}">{escape(link.title)}</a>')
            else:
                article = texts.tr("knowledge base article %1").replace("%1", link.article_id or "")
                links.append(f"{escape(link.title)} ({escape(article)})")
        self.literature_label.setText("<br>".join(links))
        self.literature_title.setVisible(bool(links))
        self.literature_label.setVisible(bool(links))

    def _show_also_bought(self, card: ProductCard) -> None:
        self.also_list.clear()
        for offer in card.also_bought:
            item = QListWidgetItem(f"{offer.name} ({offer.sku})", self.also_list)
            item.setData(Qt.ItemDataRole.UserRole, offer.sku)
        self.also_title.setVisible(bool(card.also_bought))
        self.also_list.setVisible(bool(card.also_bought))
        rows = max(self.also_list.count(), 1)
        height = self.also_list.sizeHintForRow(0) if self.also_list.count() else 20
        self.also_list.setFixedHeight(rows * height + 2 * self.also_list.frameWidth() + 4)
        if card.also_bought:
            self.also_list.setCurrentRow(0)

    @Slot(str)
    def _on_label_link_activated(self, link: str) -> None:
        if link.startswith(_PRODUCT_LINK):
            self.product_requested.emit(link.removeprefix(_PRODUCT_LINK))
            return
        QDesktopServices.openUrl(QUrl(link))
        self.link_opened.emit(link)

    @Slot(QListWidgetItem)
    def _on_also_list_item_activated(self, item: QListWidgetItem) -> None:
        self.product_requested.emit(item.data(Qt.ItemDataRole.UserRole))


def _title(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _status_html(card: ProductCard) -> str:
    text = escape(texts.status_name(card.product.status))
    replacement = card.replacement
    if replacement is not None:
        link = f'<a href="{_PRODUCT_LINK}{escape(replacement.sku)}">{escape(replacement.name)}</a>'
        text += " — " + escape(texts.tr("replaced by %1")).replace("%1", link)
    return text
