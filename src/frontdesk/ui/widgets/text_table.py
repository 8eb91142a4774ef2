"""A small read-only table of texts (the admin pages, the reports): the look of
``widgets.tables.make_table``, rows set in one go, each row's key kept on its first cell.

For lists of tens or hundreds of rows the server sends at once; the customer tables, which
scroll through the cache, use models instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from frontdesk.ui.widgets.tables import read_only_rows

#: Extra width of each column past its widest text, in pixels.
COLUMN_PADDING = 24


def text_table(parent: QWidget, name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    read_only_rows(table)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


def fill_rows(
    table: QTableWidget,
    rows: Sequence[Sequence[str]],
    keys: Sequence[str],
    *,
    numbers: Sequence[int] = (),
) -> None:
    """Show ``rows`` of texts; ``keys[i]`` (a user name, a device id) is row i's key; the
    columns in ``numbers`` are right-aligned, so their digits line up."""
    table.setRowCount(len(rows))
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for r, (row, key) in enumerate(zip(rows, keys, strict=True)):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c in numbers:
                item.setTextAlignment(right)
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for column in range(table.columnCount() - 1):  # room to breathe; the last one stretches
        table.setColumnWidth(column, table.columnWidth(column) + COLUMN_PADDING)


def selected_key(table: QTableWidget) -> str | None:
    """The key of the selected row, None when no row is selected."""
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return None if item is None else item.data(Qt.ItemDataRole.UserRole)
