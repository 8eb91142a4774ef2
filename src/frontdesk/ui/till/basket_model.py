"""The basket's lines as a table: SKU, product, quantity with its unit, unit price, the line's
own discount and its total.

A scan changes one line or adds one at the end: the model tells the view just that (a
changed row, an inserted row), so a 200-line basket keeps its scroll and current line and
only the visible rows are formatted. Anything else (a removed line renumbers the rest, a
recalled basket) resets it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from frontdesk.services.till.basket import BasketLineView
from frontdesk.ui.catalogue.texts import quantity as format_quantity
from frontdesk.ui.catalogue.texts import unit_name
from frontdesk.ui.formatting import format_money, format_unit_price
from frontdesk.ui.models import Column, RowTableModel
from frontdesk.ui.widgets.tables import make_table

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PRODUCT_COLUMN = 1


def quantity_text(line: BasketLineView) -> str:
    return f"{format_quantity(line.quantity)} {unit_name(line.unit)}"


def discount_text(line: BasketLineView) -> str:
    return format_money(-line.discount) if line.discount.amount else ""


class BasketModel(RowTableModel[BasketLineView]):
    """The open basket's lines, in order."""

    context = "TillBasket"
    columns = (
        Column(QT_TRANSLATE_NOOP("TillBasket", "SKU"), text=lambda ln: ln.sku,
               key=lambda ln: ln.sku),
        Column(QT_TRANSLATE_NOOP("TillBasket", "Product"), text=lambda ln: ln.description,
               key=lambda ln: ln.description),
        Column(QT_TRANSLATE_NOOP("TillBasket", "Quantity"), text=quantity_text,
               key=lambda ln: ln.quantity, align=_RIGHT),
        Column(QT_TRANSLATE_NOOP("TillBasket", "Price"),
               text=lambda ln: format_unit_price(ln.unit_price),
               key=lambda ln: ln.unit_price.amount, align=_RIGHT),
        Column(QT_TRANSLATE_NOOP("TillBasket", "Discount"), text=discount_text,
               key=lambda ln: ln.discount.amount, align=_RIGHT),
        Column(QT_TRANSLATE_NOOP("TillBasket", "Total"),
               text=lambda ln: format_money(ln.gross - ln.discount),
               key=lambda ln: (ln.gross - ln.discount).amount, align=_RIGHT),
    )  # fmt: skip

    def show(self, lines: Sequence[BasketLineView]) -> int | None:
        """Show ``lines``; the row that changed or was added, if just one did."""
        old, new = self._rows, list(lines)
        if len(new) == len(old) + 1 and new[: len(old)] == old:
            self.beginInsertRows(QModelIndex(), len(old), len(old))
            self._rows = new
            self.endInsertRows()
            return len(old)
        changed = [n for n, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
        if len(new) == len(old) and len(changed) <= 1:
            self._rows = new
            for row in changed:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
            return changed[0] if changed else None
        self.set_rows(new)
        return None


def basket_table(parent: QWidget, model: BasketModel, *, accessible: str) -> QTableView:
    """The lines' view: one row height for all and fixed figure columns, so nothing is
    measured over 200 rows when a line comes in; the product's name takes the room left."""
    view = make_table(parent, name="basketLines", accessible=accessible)
    view.setModel(model)
    view.setWordWrap(False)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    rows.hide()
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    wide = view.fontMetrics().horizontalAdvance("0000000000000")
    for column in range(len(model.columns)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, wide)
    header.setSectionResizeMode(PRODUCT_COLUMN, QHeaderView.ResizeMode.Stretch)
    return view
