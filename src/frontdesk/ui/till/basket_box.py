"""The basket on the till window: the scan/find field, the lines, their keys and the totals.

The box shows a ``BasketView`` as the till computed it (``show_basket``) and asks for changes by
signal; ``BasketFlows`` runs them. Keys: F2 the scan field, F4 the current line's quantity,
Delete (in the lines) or Ctrl+Delete removes it, F6 its discount, Shift+F6 the basket's;
F11 holds the basket, F12 recalls a held one.
Enter in the scan field adds what was typed or scanned, with the quantity in Qty; several
products matching words: a list to pick from (Enter adds).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.catalogue.ports import ProductSummary
from frontdesk.services.till.basket import BasketLineView, BasketView
from frontdesk.ui.formatting import format_money
from frontdesk.ui.till.basket_model import BasketModel, basket_table
from frontdesk.ui.till.dialogs import caption
from frontdesk.ui.till.scanner import take_scans
from frontdesk.ui.widgets.form_errors import error_label, show_error

#: Products a search lists at once before the list scrolls.
CHOICE_ROWS = 6


class BasketBox(QGroupBox):
    """The open basket.

    Signals:
        code_entered(str, object): add what was typed or scanned, this ``Decimal`` quantity.
        product_picked(str, object): add this SKU (picked from a search), this quantity.
        remove_requested(int): remove this line.
        quantity_requested(int): change this line's quantity (the window asks how much).
        line_discount_requested(int): discount this line (the window asks how much).
        basket_discount_requested(): discount the whole basket.
        hold_requested(): put the basket aside (F11).
        recall_requested(): list the held baskets to recall one (F12).
    """

    code_entered = Signal(str, object)
    product_picked = Signal(str, object)
    remove_requested = Signal(int)
    quantity_requested = Signal(int)
    line_discount_requested = Signal(int)
    basket_discount_requested = Signal()
    hold_requested = Signal()
    recall_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Basket"), parent)
        self.setObjectName("basketBox")
        self.view: BasketView | None = None
        self._make_entry()
        self.model = BasketModel(self)
        self.table = basket_table(self, self.model, accessible=self.tr("Basket lines"))
        self.table.installEventFilter(self)  # Delete removes the current line
        self._make_buttons()
        self._make_totals()
        self._lay_out()

    def _make_entry(self) -> None:
        self.scan_edit = QLineEdit(self)
        self.scan_edit.setObjectName("scanEdit")
        self.scan_edit.setAccessibleName(self.tr("Scan or find a product"))
        self.scan_edit.setPlaceholderText(self.tr("Barcode, SKU or words of the name, then Enter"))
        self.scan_edit.returnPressed.connect(self._on_scan_entered)
        take_scans(self.scan_edit)
        self.quantity_edit = QLineEdit("1", self)
        self.quantity_edit.setObjectName("scanQuantity")
        self.quantity_edit.setAccessibleName(self.tr("Quantity to add"))
        self.quantity_edit.setMaximumWidth(80)
        self.quantity_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.quantity_edit.returnPressed.connect(self._on_scan_entered)
        self.choices = QListWidget(self)
        self.choices.setObjectName("productChoices")
        self.choices.setAccessibleName(self.tr("Products found"))
        self.choices.itemActivated.connect(self._on_choices_item_activated)
        self.choices.hide()
        self.scan_error = error_label(self, "scanError")

    def _make_buttons(self) -> None:
        self.quantity_button = self._button("lineQuantity", self.tr("&Quantity…"), "F4")
        self.quantity_button.clicked.connect(lambda: self._line_asked(self.quantity_requested))
        self.remove_button = self._button("removeLine", self.tr("Re&move line"), "Ctrl+Del")
        self.remove_button.clicked.connect(lambda: self._line_asked(self.remove_requested))
        self.line_discount_button = self._button("lineDiscount", self.tr("&Line discount…"), "F6")
        self.line_discount_button.clicked.connect(
            lambda: self._line_asked(self.line_discount_requested)
        )
        self.basket_discount_button = self._button(
            "basketDiscount", self.tr("Bas&ket discount…"), "Shift+F6"
        )
        self.basket_discount_button.clicked.connect(self.basket_discount_requested)
        self.hold_button = self._button("holdBasket", self.tr("&Hold"), "F11")
        self.hold_button.clicked.connect(self.hold_requested)
        self.recall_button = self._button("recallBasket", self.tr("Re&call…"), "F12")
        self.recall_button.clicked.connect(self.recall_requested)

    def _button(self, name: str, text: str, key: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setShortcut(QKeySequence(key))
        button.setAutoDefault(False)
        shown = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{text.replace('&', '')} ({shown})")
        return button

    def _make_totals(self) -> None:
        self.gross_label = _figure(self, "basketGross")
        self.line_discounts_label = _figure(self, "basketLineDiscounts")
        self.basket_discount_label = _figure(self, "basketDiscount")
        self.total_label = _figure(self, "basketTotal")
        font = QFont(self.total_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.total_label.setFont(font)
        self.approval_label = QLabel(self)
        self.approval_label.setObjectName("basketApproval")
        self.approval_label.setWordWrap(True)

    def _lay_out(self) -> None:
        entry = QHBoxLayout()
        entry.addWidget(caption(self, self.tr("&Scan or find"), self.scan_edit))
        entry.addWidget(self.scan_edit, 1)
        entry.addWidget(caption(self, self.tr("Q&ty"), self.quantity_edit))
        entry.addWidget(self.quantity_edit)
        buttons = QHBoxLayout()
        for button in (self.quantity_button, self.remove_button, self.line_discount_button,
                       self.basket_discount_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.hold_button)
        buttons.addWidget(self.recall_button)
        totals = QFormLayout()
        totals.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        totals.addRow(self.tr("Subtotal"), self.gross_label)
        totals.addRow(self.tr("Line discounts"), self.line_discounts_label)
        totals.addRow(self.tr("Basket discount"), self.basket_discount_label)
        totals.addRow(self.tr("Total due"), self.total_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.approval_label, 1)
        bottom.addLayout(totals)
        layout = QVBoxLayout(self)
        layout.addLayout(entry)
        layout.addWidget(self.scan_error)
        layout.addWidget(self.choices)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(bottom)

    # Showing the basket

    def show_basket(self, view: BasketView) -> None:
        """The basket as the till has it now (every figure is the till's)."""
        self.view = view
        changed = self.model.show(view.lines)
        if changed is not None:
            self.table.selectRow(changed)
            self.table.scrollTo(self.model.index(changed, 0))
        totals = view.totals
        self.gross_label.setText(format_money(totals.gross))
        self.line_discounts_label.setText(format_money(-totals.line_discounts))
        self.basket_discount_label.setText(format_money(-totals.basket_discount))
        self.total_label.setText(format_money(totals.amount))
        self.approval_label.setText(self._approval_text(view))
        has_lines = bool(view.lines)
        for button in (self.quantity_button, self.remove_button, self.line_discount_button,
                       self.basket_discount_button, self.hold_button):  # fmt: skip
            button.setEnabled(has_lines)

    def _approval_text(self, view: BasketView) -> str:
        if view.needs_approval:
            text = self.tr("The discounts are over your limit of %1: a supervisor approves "
                           "them before payment.")  # fmt: skip
            return text.replace("%1", format_money(view.allowance))
        if view.approval is not None:
            return self.tr("Discounts approved by %1.").replace("%1", view.approval.supervisor)
        return ""

    def current_line(self) -> BasketLineView | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.view is None or index.row() >= len(self.view.lines):
            return None
        return self.view.lines[index.row()]

    # Adding

    def quantity(self) -> Decimal | None:
        text = self.quantity_edit.text().strip().replace(",", ".")
        try:
            value = Decimal(text or "1")
        except InvalidOperation:
            value = Decimal(0)
        if not value.is_finite() or value <= 0:
            self.fail(self.tr("Quantity: type a number more than 0, such as 2 or 0.350."))
            self.quantity_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.quantity_edit.selectAll()
            return None
        return value

    def _on_scan_entered(self) -> None:
        text = self.scan_edit.text().strip()
        quantity = self.quantity()
        if text and quantity is not None:
            self.fail("")
            self.code_entered.emit(text, quantity)

    def added(self) -> None:
        """The line is in: ready for the next product."""
        if self.choices.hasFocus():  # picked from the list: back to where products go in
            self.scan_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scan_edit.clear()
        self.quantity_edit.setText("1")
        self._hide_choices()
        self.fail("")

    def show_choices(self, found: list[ProductSummary], quantity: Decimal) -> None:
        """Several products match the words typed: the cashier picks one (Enter adds it)."""
        self.choices.clear()
        for product in found:
            item = QListWidgetItem(f"{product.sku} · {product.name}")
            item.setData(Qt.ItemDataRole.UserRole, (product.sku, quantity))
            self.choices.addItem(item)
        rows = min(self.choices.count(), CHOICE_ROWS)
        self.choices.setFixedHeight(self.choices.sizeHintForRow(0) * rows
                                    + 2 * self.choices.frameWidth())  # fmt: skip
        self.choices.show()
        self.choices.setCurrentRow(0)
        self.choices.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_choices_item_activated(self, item: QListWidgetItem) -> None:
        sku, quantity = item.data(Qt.ItemDataRole.UserRole)
        self.product_picked.emit(sku, quantity)

    def _hide_choices(self) -> None:
        self.choices.hide()
        self.choices.clear()

    def fail(self, message: str) -> None:
        show_error(self.scan_error, message)

    def focus_scan(self) -> None:
        self.scan_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.scan_edit.selectAll()

    # Lines

    def _line_asked(self, signal: Signal) -> None:
        line = self.current_line()
        if line is None:
            self.fail(self.tr("Pick a line first (the arrows in the lines)."))
            return
        signal.emit(line.line_no)  # type: ignore[attr-defined]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Delete):  # fmt: skip
            self._line_asked(self.remove_requested)
            return True
        return super().eventFilter(watched, event)


def _figure(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label
