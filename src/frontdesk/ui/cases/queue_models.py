"""The rows of the cases panel: cases (a queue, search results) and follow-ups due.

Qt's own item models, filled once per answer (as the customer search results are): painting
then runs no Python. The words come from ``texts`` so a Russian window shows Russian
statuses; an overdue case says so in its due column, in red as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QLocale, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from frontdesk.domain.cases import OPEN_STATUSES
from frontdesk.services.cases.ports import CaseRow, FollowUp
from frontdesk.ui.cases import texts
from frontdesk.ui.formatting import date_pattern, format_datetime

_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
#: The red of the window's refusals (``form_errors.ERROR_STYLE``), which reads on both themes.
OVERDUE_RED = QColor("#d32f2f")
CASE_HEADERS = (
    QT_TRANSLATE_NOOP("Cases", "Number"),
    QT_TRANSLATE_NOOP("Cases", "Customer"),
    QT_TRANSLATE_NOOP("Cases", "Subject"),
    QT_TRANSLATE_NOOP("Cases", "Category"),
    QT_TRANSLATE_NOOP("Cases", "Priority"),
    QT_TRANSLATE_NOOP("Cases", "Status"),
    QT_TRANSLATE_NOOP("Cases", "Assignee"),
    QT_TRANSLATE_NOOP("Cases", "Due"),
)
FOLLOW_UP_HEADERS = (
    QT_TRANSLATE_NOOP("Cases", "Call back by"),
    QT_TRANSLATE_NOOP("Cases", "Customer"),
    QT_TRANSLATE_NOOP("Cases", "Reason"),
    QT_TRANSLATE_NOOP("Cases", "Outcome"),
    QT_TRANSLATE_NOOP("Cases", "Agent"),
    QT_TRANSLATE_NOOP("Cases", "Contact"),
)


@dataclass(frozen=True, slots=True)
class Names:
    """What the rows' codes are called here: categories in the window's language, teams."""

    categories: dict[str, str] = field(default_factory=dict)
    teams: dict[str, str] = field(default_factory=dict)


def row_due(row: CaseRow, now: datetime) -> tuple[str, bool]:
    """A row's due time in words, and whether it is overdue (an open case past its due)."""
    if row.due_at is None:
        return texts.tr("No due time"), False
    when = format_datetime(row.due_at)
    if row.status in OPEN_STATUSES and row.due_at < now:
        return texts.tr("Overdue since %1").replace("%1", when), True
    return texts.tr("Due %1").replace("%1", when), False


def format_day(day: date) -> str:
    """A calendar day (a follow-up's) in the locale's short format, four-digit year."""
    locale = QLocale()
    return locale.toString(QDate(day.year, day.month, day.day), date_pattern(locale))


def _item(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setFlags(_READ_ONLY)
    item.setToolTip(text)
    return item


class CaseRowsModel(QStandardItemModel):
    """Cases, one a row: number, customer, subject, category, priority, status, assignee, due."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(CASE_HEADERS), parent)
        self._rows: list[CaseRow] = []
        self.setHorizontalHeaderLabels([texts.tr(title) for title in CASE_HEADERS])

    def set_rows(self, rows: Sequence[CaseRow], names: Names, now: datetime) -> None:
        self.beginResetModel()
        blocked = self.blockSignals(True)  # the reset says it all at once
        try:
            self.setRowCount(0)
            for row in rows:
                self.appendRow(self._items(row, names, now))
        finally:
            self.blockSignals(blocked)
        self._rows = list(rows)
        self.endResetModel()

    def _items(self, row: CaseRow, names: Names, now: datetime) -> list[QStandardItem]:
        due, overdue = row_due(row, now)
        cells = [
            _item(row.number + ("" if row.synced else " *")),
            _item(row.customer_name),
            _item(row.subject),
            _item(names.categories.get(row.category, row.category)),
            _item(texts.name_of(texts.PRIORITIES, row.priority)),
            _item(texts.name_of(texts.STATUSES, row.status)),
            _item(texts.assignee_text(row.assignee_user, row.assignee_team, names.teams)),
            _item(due),
        ]
        if not row.synced:
            cells[0].setToolTip(texts.tr("Opened or changed here; not sent yet"))
        if overdue:
            cells[-1].setForeground(QBrush(OVERDUE_RED))
        return cells

    def row_at(self, index: int) -> CaseRow | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None


class FollowUpsModel(QStandardItemModel):
    """Contacts whose call back is due: the date, the customer, why, what came of it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(FOLLOW_UP_HEADERS), parent)
        self._rows: list[FollowUp] = []
        self.setHorizontalHeaderLabels([texts.tr(title) for title in FOLLOW_UP_HEADERS])

    def set_rows(self, rows: Sequence[FollowUp], now: datetime) -> None:
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
            for row in rows:
                self.appendRow(self._items(row, now))
        finally:
            self.blockSignals(blocked)
        self._rows = list(rows)
        self.endResetModel()

    def _items(self, row: FollowUp, now: datetime) -> list[QStandardItem]:
        late = row.follow_up < now.date()
        when = format_day(row.follow_up)
        due = texts.tr("%1 (late)").replace("%1", when) if late else when
        cells = [_item(due), _item(row.customer_name), _item(row.reason), _item(row.outcome),
                 _item(row.agent), _item(format_datetime(row.occurred_at))]  # fmt: skip
        if late:
            cells[0].setForeground(QBrush(OVERDUE_RED))
        return cells

    def row_at(self, index: int) -> FollowUp | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None
