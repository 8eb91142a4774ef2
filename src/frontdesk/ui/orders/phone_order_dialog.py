"""Take a phone order: products added by SKU, a scanned barcode or words of their name, each
priced from the branch's price list, with a quantity; the total as money; a note.

Everything is done from the keyboard: type (or scan) into Product, Enter adds it with the
quantity in Qty (several matches: a list to pick from, Enter picks); Delete removes the
line picked in the table; Ctrl+Enter takes the order. The lookups run in the background;
a refusal (a bad quantity, a product not sold here, the desk's own refusal) shows under
the form and keeps the lines.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.money import Money
from frontdesk.services.orders.ports import OrderLine, PricedProduct
from frontdesk.services.orders.writes import check_order_quantity, check_whole, order_total
from frontdesk.ui.catalogue.texts import quantity as format_quantity
from frontdesk.ui.formatting import format_money, format_unit_price
from frontdesk.ui.orders import texts
from frontdesk.ui.orders.order_view import LinesModel, stretch_product_column
from frontdesk.ui.widgets.form_errors import error_label, show_error
from frontdesk.ui.widgets.tables import fit_columns, make_table

Submit = Callable[..., None]
FIND_CHANNEL = "phone-order-product"
#: Products a lookup lists at once before the list scrolls.
CHOICE_ROWS = 6


class PhoneOrderDialog(QDialog):
    """The form of a phone order for one customer.

    Args:
        customer_name: who is ordering (the title says it).
        find: products for a text (SKU, barcode, words), priced here; runs off the UI thread.
        submit: runs a background operation (``OpRunner.submit``).

    Signals:
        submitted(object, str): Take order with lines: [(SKU, Decimal quantity)], the note.
        products_shown(int): a lookup answered with this many products.
    """

    submitted = Signal(object, str)
    products_shown = Signal(int)

    def __init__(
        self,
        customer_name: str,
        *,
        find: Callable[[str], list[PricedProduct]],
        submit: Submit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("phoneOrderDialog")
        self.setWindowTitle(texts.tr("New phone order for %1").replace("%1", customer_name))
        self._find, self._submit = find, submit
        self._lines: list[OrderLine] = []
        self._taking = False
        self.product_edit = QLineEdit(self)
        self.product_edit.setObjectName("orderProductEdit")
        self.product_edit.setPlaceholderText(texts.tr("SKU, barcode or words of the name"))
        self.product_edit.returnPressed.connect(self._on_product_entered)
        self.quantity_edit = QLineEdit("1", self)
        self.quantity_edit.setObjectName("orderQuantityEdit")
        self.quantity_edit.setMaximumWidth(90)
        self.quantity_edit.returnPressed.connect(self._on_product_entered)
        self.add_button = QPushButton(texts.tr("&Add"), self)
        self.add_button.setObjectName("orderAddLineButton")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._on_product_entered)
        self.choices = QListWidget(self)
        self.choices.setObjectName("orderProductChoices")
        self.choices.setAccessibleName(texts.tr("Products found"))
        self.choices.itemActivated.connect(self._on_choice_activated)
        self.choices.hide()
        self.choices_label = QLabel(texts.tr("Several products match: pick one, Enter adds it."),
                                    self)  # fmt: skip
        self.choices_label.setBuddy(self.choices)
        self.choices_label.hide()
        self.model = LinesModel(self)
        self.lines_view = make_table(self, name="orderDraftLines", accessible=texts.tr("Lines"))
        self.lines_view.setModel(self.model)
        stretch_product_column(self.lines_view)
        self.lines_view.installEventFilter(self)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("orderTotal")
        font = self.total_label.font()
        font.setBold(True)
        self.total_label.setFont(font)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("orderNoteEdit")
        self.note_edit.setMaxLength(2_000)
        self.error_label = error_label(self, "phoneOrderError")
        self._lay_out()
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self._on_take)
        QShortcut(QKeySequence("Ctrl+Enter"), self, activated=self._on_take)
        self._show_lines()
        self.resize(820, 560)

    def _lay_out(self) -> None:
        grid = QGridLayout()
        product_label = QLabel(texts.tr("&Product:"), self)
        product_label.setBuddy(self.product_edit)
        quantity_label = QLabel(texts.tr("&Qty:"), self)
        quantity_label.setBuddy(self.quantity_edit)
        grid.addWidget(product_label, 0, 0)
        grid.addWidget(self.product_edit, 0, 1)
        grid.addWidget(quantity_label, 0, 2)
        grid.addWidget(self.quantity_edit, 0, 3)
        grid.addWidget(self.add_button, 0, 4)
        grid.setColumnStretch(1, 1)
        lines_label = QLabel(texts.tr("&Lines (Delete removes the line picked):"), self)
        lines_label.setBuddy(self.lines_view)
        note_label = QLabel(texts.tr("&Note for the back office:"), self)
        note_label.setBuddy(self.note_edit)
        hint = QLabel(texts.tr("Prices are this branch's for today. The order goes to the "
                               "server at the next sync; the server confirms or refuses it."),
                      self)  # fmt: skip
        hint.setWordWrap(True)
        hint.setObjectName("phoneOrderHint")
        buttons = QDialogButtonBox(self)
        self.take_button = buttons.addButton(texts.tr("&Take order"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)  # fmt: skip
        self.take_button.setObjectName("takeOrderButton")
        self.take_button.setToolTip(texts.tr("Take the order (Ctrl+Enter)"))
        self.take_button.setAutoDefault(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        for button in buttons.buttons():  # Enter belongs to the product field, never a button
            button.setAutoDefault(False)
        buttons.accepted.connect(self._on_take)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.choices_label)
        layout.addWidget(self.choices)
        layout.addWidget(lines_label)
        layout.addWidget(self.lines_view, 1)
        layout.addWidget(self.total_label, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(note_label)
        layout.addWidget(self.note_edit)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

    # Lines

    def lines(self) -> list[OrderLine]:
        return list(self._lines)

    def add(self, product: PricedProduct, quantity: Decimal) -> None:
        """A line of ``quantity`` of ``product`` (added to its line if it has one)."""
        for number, line in enumerate(self._lines):
            if line.sku == product.sku:
                quantity += line.quantity
                self._lines[number] = _line(line.line_no, product, quantity)
                break
        else:
            self._lines.append(_line(len(self._lines) + 1, product, quantity))
        self._show_lines()

    def remove_current(self) -> None:
        index = self.lines_view.currentIndex()
        if not index.isValid():
            return
        del self._lines[index.row()]
        self._lines = [_renumbered(line, n) for n, line in enumerate(self._lines, start=1)]
        self._show_lines()

    def total(self) -> Money | None:
        if not self._lines:
            return None
        return order_total(self._lines, self._lines[0].unit_price.currency)

    def _show_lines(self) -> None:
        self.model.set_rows(self._lines)
        total = self.total()
        words = format_money(total) if total is not None else "—"
        self.total_label.setText(texts.tr("Total: %1").replace("%1", words))
        self.take_button.setEnabled(bool(self._lines))
        if self._lines:
            fit_columns(self.lines_view, self.lines_view.resizeColumnsToContents)

    # Looking products up

    def _quantity(self) -> Decimal | None:
        try:
            return check_order_quantity(self.quantity_edit.text(), field="quantity")
        except ValidationError as error:
            self.show_error(texts.tr("Quantity: %1").replace("%1", error.message))
            self.quantity_edit.setFocus()
            return None

    def _on_product_entered(self) -> None:
        text = self.product_edit.text().strip()
        quantity = self._quantity()
        if not text or quantity is None:
            return
        self.show_error("")
        find = self._find
        self._submit(lambda: find(text), on_success=lambda found: self._on_found(found, quantity),
                     on_failure=self.show_error, channel=FIND_CHANNEL)  # fmt: skip

    def _on_found(self, found: list[PricedProduct], quantity: Decimal) -> None:
        self.products_shown.emit(len(found))
        self.choices.clear()
        if not found:
            self._hide_choices()
            self.show_error(texts.tr("No product “%1” with a price at this branch today.")
                            .replace("%1", self.product_edit.text().strip()))  # fmt: skip
            return
        if len(found) == 1:
            self._hide_choices()
            self._added(found[0], quantity)
            return
        for product in found:
            shown = f"{product.sku} · {product.name} · {format_unit_price(product.unit_price)}"
            if product.available is not None:
                shown += " · " + texts.tr("%1 here").replace("%1", format_quantity(
                    product.available))  # fmt: skip
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, (product, quantity))
            self.choices.addItem(item)
        rows = min(self.choices.count(), CHOICE_ROWS)
        self.choices.setFixedHeight(self.choices.sizeHintForRow(0) * rows
                                    + 2 * self.choices.frameWidth())  # fmt: skip
        self.choices_label.show()
        self.choices.show()
        self.choices.setCurrentRow(0)
        self.choices.setFocus()

    def _on_choice_activated(self, item: QListWidgetItem) -> None:
        product, quantity = item.data(Qt.ItemDataRole.UserRole)
        self._hide_choices()
        self._added(product, quantity)

    def _hide_choices(self) -> None:
        self.choices.hide()
        self.choices_label.hide()

    def _added(self, product: PricedProduct, quantity: Decimal) -> None:
        try:
            check_whole(product, quantity, field="quantity")
        except ValidationError as error:
            self.show_error(error.message)
            self.quantity_edit.setFocus()
            return
        if self._lines and product.unit_price.currency != self._lines[0].unit_price.currency:
            self.show_error(texts.tr("%1 is priced in another currency than this order.")
                            .replace("%1", product.sku))  # fmt: skip
            return
        self.add(product, quantity)
        self.product_edit.clear()
        self.quantity_edit.setText("1")
        self.product_edit.setFocus()
        self._warn_if_short(product)

    def _warn_if_short(self, product: PricedProduct) -> None:
        """The server refuses an order the branch cannot fill: say so now, while the
        customer is still on the line (the desk's figure may be old, so it does not block)."""
        asked = sum((line.quantity for line in self._lines if line.sku == product.sku),
                    Decimal(0))  # fmt: skip
        if product.available is not None and asked > product.available:
            self.show_error(texts.tr("Only %1 of %2 at this branch by the last stock figure: "
                                     "the server may refuse the order.")
                            .replace("%1", format_quantity(product.available))
                            .replace("%2", product.sku))  # fmt: skip

    # Taking the order

    def _on_take(self) -> None:
        if self._taking:
            return
        if not self._lines:
            self.show_error(texts.tr("Add at least one product first."))
            return
        lines = [(line.sku, line.quantity) for line in self._lines]
        self._taking = True  # once: the flows close the dialog or say why
        self.take_button.setEnabled(False)
        self.submitted.emit(lines, self.note_edit.text())

    def show_error(self, message: str) -> None:
        show_error(self.error_label, message)
        if message:
            self._taking = False
            self.take_button.setEnabled(bool(self._lines))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter belongs to the field it is pressed in (a scanner ends each code with it):
        # never the dialog's default button. Ctrl+Enter takes the order.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.lines_view and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete):  # fmt: skip
            self.remove_current()
            return True
        return super().eventFilter(watched, event)


def _line(number: int, product: PricedProduct, quantity: Decimal) -> OrderLine:
    price = product.unit_price
    total = Money.rounded(price.amount * quantity, price.currency)
    return OrderLine(number, product.sku, product.name, quantity, price, total)


def _renumbered(line: OrderLine, number: int) -> OrderLine:
    return OrderLine(number, line.sku, line.description, line.quantity, line.unit_price,
                     line.line_total)  # fmt: skip
