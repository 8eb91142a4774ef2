"""The search box's result list: every kind found, grouped under a heading per kind.

A query that finds customers only lists them as the customer lookup always has (the table's
header names the columns). Once other kinds come too, each group gets a heading row that
names the kind and its columns (``Orders · Number · Total · Branch``), the table's header is
hidden, and the rows under it say what each column of that kind holds. Headings cannot be
selected: Up and Down step over them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QFont, QGuiApplication, QPalette, QStandardItem

from frontdesk.domain.query_kinds import Kind, is_receipt_number
from frontdesk.domain.till import receipt_register
from frontdesk.services.omnibox import Found, Group, Hit
from frontdesk.services.read_models import CustomerMatch, NumberedPurchase
from frontdesk.ui.cases import texts as case_texts
from frontdesk.ui.catalogue.texts import status_name, unit_name
from frontdesk.ui.formatting import format_datetime, format_money
from frontdesk.ui.models import ROW_ROLE, SearchResultsModel
from frontdesk.ui.orders import texts as order_texts

_CONTEXT = "OmniboxModel"
_READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
#: Each kind's heading: its name (with the count) and what its other columns hold.
HEADINGS = {
    Kind.CUSTOMER: (QT_TRANSLATE_NOOP("OmniboxModel", "Customers (%1)"),
                    QT_TRANSLATE_NOOP("OmniboxModel", "Account"),
                    QT_TRANSLATE_NOOP("OmniboxModel", "Phone"),
                    QT_TRANSLATE_NOOP("OmniboxModel", "Branch")),
    Kind.RECEIPT: (QT_TRANSLATE_NOOP("OmniboxModel", "Receipts (%1)"),
                   QT_TRANSLATE_NOOP("OmniboxModel", "Number"),
                   QT_TRANSLATE_NOOP("OmniboxModel", "Amount"),
                   QT_TRANSLATE_NOOP("OmniboxModel", "Till")),
    Kind.ORDER: (QT_TRANSLATE_NOOP("OmniboxModel", "Orders (%1)"),
                 QT_TRANSLATE_NOOP("OmniboxModel", "Number"),
                 QT_TRANSLATE_NOOP("OmniboxModel", "Total"),
                 QT_TRANSLATE_NOOP("OmniboxModel", "Branch")),
    Kind.CASE: (QT_TRANSLATE_NOOP("OmniboxModel", "Cases (%1)"),
                QT_TRANSLATE_NOOP("OmniboxModel", "Number"),
                QT_TRANSLATE_NOOP("OmniboxModel", "Status"),
                QT_TRANSLATE_NOOP("OmniboxModel", "Priority")),
    Kind.PRODUCT: (QT_TRANSLATE_NOOP("OmniboxModel", "Products (%1)"),
                   QT_TRANSLATE_NOOP("OmniboxModel", "SKU"),
                   QT_TRANSLATE_NOOP("OmniboxModel", "Category"),
                   QT_TRANSLATE_NOOP("OmniboxModel", "Unit")),
}  # fmt: skip
#: How the summary line counts each kind.
COUNTS = {
    Kind.CUSTOMER: QT_TRANSLATE_NOOP("OmniboxModel", "customers: %1"),
    Kind.RECEIPT: QT_TRANSLATE_NOOP("OmniboxModel", "receipts: %1"),
    Kind.ORDER: QT_TRANSLATE_NOOP("OmniboxModel", "orders: %1"),
    Kind.CASE: QT_TRANSLATE_NOOP("OmniboxModel", "cases: %1"),
    Kind.PRODUCT: QT_TRANSLATE_NOOP("OmniboxModel", "products: %1"),
}
_TX_KINDS = {
    "payment": QT_TRANSLATE_NOOP("OmniboxModel", "Payment, %1"),
    "refund": QT_TRANSLATE_NOOP("OmniboxModel", "Refund, %1"),
    "void": QT_TRANSLATE_NOOP("OmniboxModel", "Void, %1"),
}
_PURCHASE_KINDS = {
    False: QT_TRANSLATE_NOOP("OmniboxModel", "Sale, %1"),
    True: QT_TRANSLATE_NOOP("OmniboxModel", "Return, %1"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def counts_text(found: Found) -> str:
    """``Found: customers: 2 · orders: 1``."""
    parts = [tr(COUNTS[g.kind]).replace("%1", str(len(g.hits))) for g in found.groups]
    return tr("Found: %1").replace("%1", " · ".join(parts))


def _receipt_cells(tx: Any) -> list[str]:
    if isinstance(tx, NumberedPurchase):
        return _purchase_cells(tx)
    when = tr(_TX_KINDS.get(tx.kind, "%1")).replace("%1", format_datetime(tx.occurred_at))
    return [when, tx.receipt_no, format_money(tx.amount), tx.register]


def _purchase_cells(numbered: NumberedPurchase) -> list[str]:
    """A purchase under the receipts: what and whose first, its till where its number says."""
    purchase = numbered.purchase
    kind = _PURCHASE_KINDS[purchase.is_return]
    when = tr(kind).replace("%1", format_datetime(purchase.purchased_at))
    whose = numbered.customer_name if numbered.known_customer else None
    if whose is None:
        whose = tr("walk-in") if numbered.customer_id is None else tr("customer not at this desk")
    return [f"{when} · {whose}", purchase.number, format_money(purchase.total),
            _till_of(purchase.number) or purchase.branch]  # fmt: skip


def _till_of(number: str) -> str | None:
    return receipt_register(number) if is_receipt_number(number) else None


def _order_cells(order: Any) -> list[str]:
    status = order_texts.name_of(order_texts.STATUSES, order.status)
    placed = order_texts.short_day(order.placed_at.date())
    return [f"{status}, {placed}", order.number, format_money(order.total), order.branch]


def _case_cells(case: Any) -> list[str]:
    status = case_texts.name_of(case_texts.STATUSES, case.status)
    priority = case_texts.name_of(case_texts.PRIORITIES, case.priority)
    return [case.subject, case.number, status, priority]


def _product_cells(product: Any) -> list[str]:
    unit = unit_name(product.unit)
    name = product.name
    if product.status != "active":  # discontinued: said at once, not only on its card
        name = f"{name} ({status_name(product.status)})"
    return [name, product.sku, product.category, unit]


_CELLS: dict[Kind, Callable[[Any], list[str]]] = {
    Kind.RECEIPT: _receipt_cells, Kind.ORDER: _order_cells, Kind.CASE: _case_cells,
    Kind.PRODUCT: _product_cells,
}  # fmt: skip


class OmniboxResultsModel(SearchResultsModel):
    """Customers as ``SearchResultsModel`` shows them; other kinds found under headings.

    ``entry(row)`` is the row's ``Hit`` or, on a heading, its ``Kind``.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Hit | Kind] = []
        self.grouped = False  # whether headings are shown (more than one kind found)

    def set_rows(self, rows: Sequence[CustomerMatch]) -> None:
        hits = tuple(Hit(Kind.CUSTOMER, m.id, m.display_name, m.account_number, m) for m in rows)
        groups = (Group(Kind.CUSTOMER, hits),) if hits else ()
        self.set_found(Found("", None, groups))

    def set_found(self, found: Found) -> None:
        """Show ``found``: one model reset (views and tests see ``modelReset``)."""
        # Another kind alone gets its heading too: the header names the customer columns.
        alone = len(found.groups) == 1 and found.groups[0].kind is not Kind.CUSTOMER
        self.grouped = len(found.groups) > 1 or alone
        entries: list[Hit | Kind] = []
        for group in found.groups:
            entries += [group.kind] if self.grouped else []
            entries += group.hits
        rows = [self._heading(e, found) if isinstance(e, Kind) else self._hit_items(e)
                for e in entries]  # fmt: skip
        self.beginResetModel()
        blocked = self.blockSignals(True)  # the reset below says it all at once
        try:
            self.setRowCount(0)
            for items in rows:
                self.appendRow(items)
        finally:
            self.blockSignals(blocked)
        self._entries = entries
        self._rows = [e.item for e in entries if isinstance(e, Hit) and e.kind is Kind.CUSTOMER]
        self.endResetModel()

    def _heading(self, kind: Kind, found: Found) -> list[QStandardItem]:
        titles = HEADINGS[kind]
        count = str(len(found.of(kind)))
        font = QFont()
        font.setBold(True)
        shade = QBrush(QGuiApplication.palette().color(QPalette.ColorRole.Midlight))
        items = []
        for title in titles:
            item = QStandardItem(tr(title).replace("%1", count))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not selectable: arrows step over it
            item.setFont(font)
            item.setBackground(shade)
            items.append(item)
        return items

    def _hit_items(self, hit: Hit) -> list[QStandardItem]:
        if hit.kind is Kind.CUSTOMER:
            return self._items(hit.item)
        cells = _CELLS[hit.kind](hit.item)
        tip = " · ".join(cell for cell in (cells[1], cells[0], cells[2]) if cell)
        items = []
        for text in cells:
            item = QStandardItem(text)
            item.setFlags(_READ_ONLY)
            item.setToolTip(tip)
            item.setData(hit, ROW_ROLE)
            items.append(item)
        return items

    # What a row is

    def entry(self, row: int) -> Hit | Kind:
        return self._entries[row]

    def hit(self, row: int) -> Hit | None:
        entry = self._entries[row] if 0 <= row < len(self._entries) else None
        return entry if isinstance(entry, Hit) else None

    def selectable(self, row: int) -> bool:
        return self.hit(row) is not None

    def first_selectable(self) -> int:
        return next((row for row in range(len(self._entries)) if self.selectable(row)), -1)

    def customer_id(self, row: int) -> str:
        hit = self.hit(row)
        return hit.key if hit is not None and hit.kind is Kind.CUSTOMER else ""

    def texts_of(self, column: int) -> list[str]:
        """Every row's text in ``column`` (headings too): what the column must fit."""
        return [self.item(row, column).text() for row in range(self.rowCount())]
