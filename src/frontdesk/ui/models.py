"""Qt item models over the read models: search results and purchase history rows.

Each model holds a list of immutable rows and describes its columns once (title, text,
sort key, alignment); ``RowSortProxy`` sorts by those Python keys, so money sorts by its
exact Decimal amount and dates by the datetime, never by display text or float.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from frontdesk.services.read_models import CustomerMatch, PurchaseRow
from frontdesk.ui.formatting import (
    format_count,
    format_datetime,
    format_money,
)

Row = TypeVar("Row")
AnyIndex = QModelIndex | QPersistentModelIndex

#: Data role under which every model returns the row object itself.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
#: Returns are drawn in a red that reads on light and dark backgrounds alike.
RETURN_COLOR = QColor("#c62828")


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


@dataclass(frozen=True)
class Column(Generic[Row]):
    """How one column shows a row: its title, its text, its sort key and its alignment."""

    title: str
    text: Callable[[Row], str]
    key: Callable[[Row], Any]
    align: Qt.AlignmentFlag = _LEFT


class ColumnRoles:
    """What every read-only model here shares, table or tree: its ``columns``, their titles
    and the roles a cell answers. Mixed in before the Qt model class it serves."""

    columns: Sequence[Column[Any]] = ()
    context = "RowTableModel"  # translation context of the column titles

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.context, self.columns[section].title)
        return None

    def cell(self, row: Any, column: int, role: int) -> Any:
        """The value of ``role`` for a loaded row in ``column``."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[column].text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[column].align)
        if role == ROW_ROLE:
            return row
        return self.extra_data(row, column, role)

    def extra_data(self, row: Any, column: int, role: int) -> Any:
        """Roles beyond text and alignment (colours, tooltips); subclasses override."""
        return None


class ColumnTableModel(ColumnRoles, QAbstractTableModel):
    """A flat read-only table: subclasses say how many rows there are and where a row
    comes from."""

    def _valid(self, index: AnyIndex) -> bool:
        return (
            index.isValid()
            and not index.parent().isValid()
            and 0 <= index.row() < self.rowCount()
            and 0 <= index.column() < len(self.columns)
        )


class RowTableModel(ColumnTableModel, Generic[Row]):
    """A read-only table over a list of rows, described by ``columns`` (a class attribute)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A painted cell asks for a dozen roles: no index.parent() here (a flat table's
        # indexes have none), which made ``_valid`` most of the search list's paint time.
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self.columns)):
            return None
        return self.cell(self._rows[row], column, role)

    def sort_key(self, row: int, column: int) -> Any:
        return self.columns[column].key(self._rows[row])


def _money_key(money: Any) -> tuple[str, Any]:
    return (money.currency.code, money.amount)


#: Which search-results column shows the field a match was found by (e-mail, card: none).
_MATCHED_COLUMNS = {"name": 0, "account_number": 1, "phone": 2}


class SearchResultsModel(QStandardItemModel):
    """Customers matching the current search: name, account, phone, branch.

    Qt's own item model, filled once per result list: painting the list then runs no Python,
    whereas a Python ``data()`` is asked a dozen roles for every visible cell on every
    repaint, each call waiting its turn for the GIL while a search runs beside it.
    """

    context = "SearchResultsModel"
    columns = (
        Column(
            QT_TRANSLATE_NOOP("SearchResultsModel", "Name"),
            text=lambda m: m.display_name,
            key=lambda m: m.display_name.casefold(),
        ),
        Column(
            QT_TRANSLATE_NOOP("SearchResultsModel", "Account"),
            text=lambda m: m.account_number,
            key=lambda m: m.account_number,
        ),
        Column(
            QT_TRANSLATE_NOOP("SearchResultsModel", "Phone"),
            text=lambda m: m.phone,
            key=lambda m: m.phone,
        ),
        Column(
            QT_TRANSLATE_NOOP("SearchResultsModel", "Branch"),
            text=lambda m: m.branch,
            key=lambda m: m.branch.casefold(),
        ),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(self.columns), parent)
        self._rows: list[CustomerMatch] = []
        self._bold = QFont()
        self._bold.setBold(True)  # the agent sees at a glance why this customer came up
        # In the language of the moment: a language switch builds the panels, and this, anew.
        self.setHorizontalHeaderLabels([_tr(self.context, c.title) for c in self.columns])

    def set_rows(self, rows: Sequence[CustomerMatch]) -> None:
        """Show ``rows``: one model reset (views and tests see ``modelReset``)."""
        items = [self._items(row) for row in rows]
        self.beginResetModel()
        blocked = self.blockSignals(True)  # the reset below says it all at once
        try:
            self.setRowCount(0)
            for row_items in items:
                self.appendRow(row_items)
        finally:
            self.blockSignals(blocked)
        self._rows = list(rows)
        self.endResetModel()

    def _items(self, row: CustomerMatch) -> list[QStandardItem]:
        tip = "\n".join(part for part in (row.display_name, row.email, row.phone) if part)
        matched = _MATCHED_COLUMNS.get(row.matched_field)
        items = []
        for number, column in enumerate(self.columns):
            item = QStandardItem(column.text(row))
            item.setFlags(_READ_ONLY)
            item.setToolTip(tip)
            item.setData(row, ROW_ROLE)
            if number == matched:
                item.setFont(self._bold)
            items.append(item)
        return items

    def rows(self) -> list[CustomerMatch]:
        return list(self._rows)

    def row_at(self, row: int) -> CustomerMatch:
        return self._rows[row]

    def customer_id(self, row: int) -> str:
        return self._rows[row].id


_READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


def _number_key(row: PurchaseRow) -> tuple[int, str]:
    # Invoice numbers are mostly digits; sort 9 before 10, and text numbers after them.
    digits = row.number.lstrip("C")
    return (int(digits), row.number) if digits.isdigit() else (2**63, row.number)


def _return_text(row: PurchaseRow) -> str:
    if not row.is_return:
        return ""
    if row.original_number:
        return QCoreApplication.translate("PurchaseHistoryModel", "↩ Return of %1").replace(
            "%1", row.original_number
        )
    return QCoreApplication.translate("PurchaseHistoryModel", "↩ Return")


class PurchaseHistoryModel(RowTableModel[PurchaseRow]):
    """A customer's purchases and returns; returns are drawn in red and labelled."""

    context = "PurchaseHistoryModel"
    columns = (
        Column(
            QT_TRANSLATE_NOOP("PurchaseHistoryModel", "Date"),
            text=lambda p: format_datetime(p.purchased_at),
            key=lambda p: p.purchased_at,
        ),
        Column(
            QT_TRANSLATE_NOOP("PurchaseHistoryModel", "Number"),
            text=lambda p: p.number,
            key=_number_key,
        ),
        Column(
            QT_TRANSLATE_NOOP("PurchaseHistoryModel", "Branch"),
            text=lambda p: p.branch,
            key=lambda p: p.branch.casefold(),
        ),
        Column(
            QT_TRANSLATE_NOOP("PurchaseHistoryModel", "Items"),
            text=lambda p: format_count(p.item_count),
            key=lambda p: p.item_count,
            align=_RIGHT,
        ),
        Column(
            QT_TRANSLATE_NOOP("PurchaseHistoryModel", "Total"),
            text=lambda p: format_money(p.total),
            key=lambda p: _money_key(p.total),
            align=_RIGHT,
        ),
        Column(
            QT_TRANSLATE_NOOP("PurchaseHistoryModel", "Return"),
            text=_return_text,
            key=lambda p: (p.is_return, p.original_number or ""),
        ),
    )

    def extra_data(self, row: PurchaseRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.is_return:
            return QBrush(RETURN_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and row.is_return:
            return _return_text(row).lstrip("↩ ")
        return None

    def purchase_id(self, row: int) -> str:
        return self._rows[row].id


class RowSortProxy(QSortFilterProxyModel):
    """Sorts a ``RowTableModel`` by its columns' Python sort keys (exact, type-aware)."""

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return super().lessThan(left, right)
        return model.sort_key(left.row(), left.column()) < model.sort_key(
            right.row(), right.column()
        )
