"""The customer's timeline: logged contacts and purchases together, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from frontdesk.services.read_models import InteractionRow, PurchaseRow
from frontdesk.ui.formatting import format_datetime, format_money
from frontdesk.ui.models import RETURN_COLOR, Column, RowSortProxy, RowTableModel
from frontdesk.ui.widgets.tables import fit_columns, make_table

_CONTEXT = "TimelineModel"
_KINDS = {
    "call": QT_TRANSLATE_NOOP("TimelineModel", "Call"),
    "visit": QT_TRANSLATE_NOOP("TimelineModel", "Visit"),
    "email": QT_TRANSLATE_NOOP("TimelineModel", "E-mail"),
    "purchase": QT_TRANSLATE_NOOP("TimelineModel", "Purchase"),
    "return": QT_TRANSLATE_NOOP("TimelineModel", "Return"),
}
_DETAILS_COLUMN = 3


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event in the customer's life with the company: a contact or a purchase."""

    at: datetime
    kind: str
    summary: str
    details: str
    agent: str = ""
    pending: bool = False


def _follow_up_text(when: date | None) -> str:
    if when is None:
        return ""
    shown = QLocale().toString(when, QLocale.FormatType.ShortFormat)
    return QCoreApplication.translate("TimelineModel", "follow up %1").replace("%1", shown)


def contact_entry(row: InteractionRow) -> TimelineEntry:
    parts = [row.outcome, _follow_up_text(row.follow_up), row.notes.replace("\n", " ")]
    return TimelineEntry(
        at=row.occurred_at,
        kind=row.channel,
        summary=row.reason,
        details=" · ".join(part for part in parts if part),
        agent=row.agent,
        pending=row.pending,
    )


def purchase_entry(row: PurchaseRow) -> TimelineEntry:
    details = format_money(row.total)
    if row.is_return and row.original_number:
        of = QCoreApplication.translate("TimelineModel", "%1, return of %2")
        details = of.replace("%1", details).replace("%2", row.original_number)
    return TimelineEntry(
        at=row.purchased_at,
        kind="return" if row.is_return else "purchase",
        summary=f"{row.number} · {row.branch}",
        details=details,
    )


def timeline(
    contacts: Sequence[InteractionRow], purchases: Sequence[PurchaseRow]
) -> list[TimelineEntry]:
    """Contacts and purchases merged, newest first."""
    entries = [contact_entry(c) for c in contacts] + [purchase_entry(p) for p in purchases]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def _kind_text(entry: TimelineEntry) -> str:
    text = _tr(_KINDS.get(entry.kind, entry.kind))
    pending = QCoreApplication.translate("TimelineModel", "%1 (not sent yet)")
    return pending.replace("%1", text) if entry.pending else text


class TimelineModel(RowTableModel[TimelineEntry]):
    """Timeline entries: when, what, summary, details, agent; returns drawn in red."""

    context = _CONTEXT
    columns = (
        Column(
            QT_TRANSLATE_NOOP("TimelineModel", "When"),
            text=lambda e: format_datetime(e.at),
            key=lambda e: e.at,
        ),
        Column(QT_TRANSLATE_NOOP("TimelineModel", "What"), text=_kind_text, key=lambda e: e.kind),
        Column(
            QT_TRANSLATE_NOOP("TimelineModel", "Summary"),
            text=lambda e: e.summary,
            key=lambda e: e.summary.casefold(),
        ),
        Column(
            QT_TRANSLATE_NOOP("TimelineModel", "Details"),
            text=lambda e: e.details,
            key=lambda e: e.details.casefold(),
        ),
        Column(
            QT_TRANSLATE_NOOP("TimelineModel", "Agent"),
            text=lambda e: e.agent,
            key=lambda e: e.agent.casefold(),
        ),
    )

    def extra_data(self, row: TimelineEntry, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and row.kind == "return":
            return QBrush(RETURN_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and column == _DETAILS_COLUMN:
            return row.details or None
        return None


class TimelinePanel(QWidget):
    """A sortable table of the open customer's timeline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self.model = TimelineModel(self)
        self.proxy = RowSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.title = QLabel(self.tr("Timeline"), self)
        self.title.setObjectName("sectionTitle")
        self.view = make_table(self, name="timelineView", accessible=self.tr("Timeline"))
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.view.horizontalHeader().setSectionResizeMode(
            _DETAILS_COLUMN, QHeaderView.ResizeMode.Interactive
        )
        self.title.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)

    def show_timeline(self, entries: Sequence[TimelineEntry]) -> None:
        self.model.set_rows(entries)
        self.title.setText(self.tr("Timeline (%1)").replace("%1", str(len(entries))))
        if entries:
            fit_columns(self.view, self.view.resizeColumnsToContents)
