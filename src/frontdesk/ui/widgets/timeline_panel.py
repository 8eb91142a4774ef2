"""The customer's timeline: logged contacts, purchases, the lines of their cases and the events
of their orders together, newest first. Activating a case line (Enter, double click) asks for
that case (``case_chosen``), an order event for that order (``order_chosen``).

The model holds the events fetched so far and says how many the whole timeline has; when the
view scrolls to the end of what is loaded, Qt asks ``fetchMore`` and the model asks for the
page after its last event (``page_wanted``). The panel fetches it in a background operation
(the cache pages it by keyset in SQL) and hands it back with ``append``. A customer with
20,000 purchases opens with one page of a hundred.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from frontdesk.services.cases.ports import CaseEvent
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.read_models import TimelineEvent
from frontdesk.ui.cases import texts as case_texts
from frontdesk.ui.formatting import format_count, format_datetime, format_money
from frontdesk.ui.models import RETURN_COLOR, AnyIndex, Column, ColumnTableModel
from frontdesk.ui.widgets.tables import fit_columns, make_table

TIMELINE_CHANNEL = "timeline"
_CONTEXT = "TimelineModel"
_KINDS = {
    "call": QT_TRANSLATE_NOOP("TimelineModel", "Call"),
    "visit": QT_TRANSLATE_NOOP("TimelineModel", "Visit"),
    "email": QT_TRANSLATE_NOOP("TimelineModel", "E-mail"),
    "purchase": QT_TRANSLATE_NOOP("TimelineModel", "Purchase"),
    "return": QT_TRANSLATE_NOOP("TimelineModel", "Return"),
    "case_opened": QT_TRANSLATE_NOOP("TimelineModel", "Case opened"),
    "case_assigned": QT_TRANSLATE_NOOP("TimelineModel", "Case assigned"),
    "case_status": QT_TRANSLATE_NOOP("TimelineModel", "Case status"),
    "order_placed": QT_TRANSLATE_NOOP("TimelineModel", "Order placed"),
    "order_status": QT_TRANSLATE_NOOP("TimelineModel", "Order status"),
    "order_payment": QT_TRANSLATE_NOOP("TimelineModel", "Order payment"),
    "order_shipping": QT_TRANSLATE_NOOP("TimelineModel", "Order shipping"),
    "order_promised": QT_TRANSLATE_NOOP("TimelineModel", "Order delivery date"),
    "order_note": QT_TRANSLATE_NOOP("TimelineModel", "Order note"),
    "order_cancel_request": QT_TRANSLATE_NOOP("TimelineModel", "Order cancellation requested"),
}
# An order's move says where it went, as a case's does.
_ORDER_MOVES = {
    "confirmed": QT_TRANSLATE_NOOP("TimelineModel", "Order confirmed"),
    "paid": QT_TRANSLATE_NOOP("TimelineModel", "Order paid"),
    "picking": QT_TRANSLATE_NOOP("TimelineModel", "Order being picked"),
    "shipped": QT_TRANSLATE_NOOP("TimelineModel", "Order shipped"),
    "delivered": QT_TRANSLATE_NOOP("TimelineModel", "Order delivered"),
    "cancelled": QT_TRANSLATE_NOOP("TimelineModel", "Order cancelled"),
    "returned": QT_TRANSLATE_NOOP("TimelineModel", "Order returned"),
}
# A move says where the case went: "Case resolved" reads better than "Case status".
_MOVES = {
    "open": QT_TRANSLATE_NOOP("TimelineModel", "Case in progress"),
    "waiting": QT_TRANSLATE_NOOP("TimelineModel", "Case waiting on customer"),
    "escalated": QT_TRANSLATE_NOOP("TimelineModel", "Case escalated"),
    "resolved": QT_TRANSLATE_NOOP("TimelineModel", "Case resolved"),
    "closed": QT_TRANSLATE_NOOP("TimelineModel", "Case closed"),
    "reopened": QT_TRANSLATE_NOOP("TimelineModel", "Case reopened"),
}
# The agent is staff and sees internal comments too, but must see which ones they are.
_COMMENTS = {
    "internal": QT_TRANSLATE_NOOP("TimelineModel", "Internal case comment"),
    "customer": QT_TRANSLATE_NOOP("TimelineModel", "Case comment"),
}
_DETAILS_COLUMN = 4
# No column is fitted wider than this many letters M (long notes are in the tooltip).
_WIDEST_EMS = 30
# Columns are fitted to the newest rows only: a screenful, not the whole page.
_FIT_ROWS = 30

Submit = Callable[..., None]


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _follow_up_text(when: date | None) -> str:
    if when is None:
        return ""
    shown = QLocale().toString(when, QLocale.FormatType.ShortFormat)
    return QCoreApplication.translate("TimelineModel", "follow up %1").replace("%1", shown)


def _summary(event: TimelineEvent) -> str:
    if event.is_order:
        return event.number
    if event.is_case:
        return f"{event.number} · {event.subject}" if event.subject else event.number
    return event.reason if event.total is None else f"{event.number} · {event.branch}"


def _case_details(event: TimelineEvent) -> str:
    line = CaseEvent(
        id=event.id, case_id=event.case_id, kind=event.kind.removeprefix("case_"),
        author=event.agent, at=event.at, body=event.notes, visibility=event.visibility,
        old=event.old, new=event.new,
    )  # fmt: skip
    words = "" if line.kind == "opened" else case_texts.event_text(line, {})
    note = event.notes if line.kind in ("status", "assigned") else ""
    pending = _tr("Not sent yet") if event.pending else ""
    return " · ".join(part.replace("\n", " ") for part in (pending, words, note) if part)


def _details(event: TimelineEvent) -> str:
    if event.is_case:
        return _case_details(event)
    if event.is_order:
        pending = _tr("Not sent yet") if event.pending else ""
        return " · ".join(part.replace("\n", " ") for part in (pending, event.notes) if part)
    if event.total is None:
        pending = QCoreApplication.translate("TimelineModel", "Not sent yet")
        pending = pending if event.pending else ""
        notes = event.notes.replace("\n", " ")
        parts = [pending, event.outcome, _follow_up_text(event.follow_up), notes]
        return " · ".join(part for part in parts if part)
    details = format_money(event.total)
    if event.kind == "return" and event.original_number:
        of = QCoreApplication.translate("TimelineModel", "%1, return of %2")
        details = of.replace("%1", details).replace("%2", event.original_number)
    return details


def _kind_text(event: TimelineEvent) -> str:
    if event.kind == "case_status" and event.new in _MOVES:
        return _tr(_MOVES[event.new])
    if event.kind == "order_status" and event.new in _ORDER_MOVES:
        return _tr(_ORDER_MOVES[event.new])
    if event.kind == "case_comment":
        return _tr(_COMMENTS["customer" if event.visibility == "customer" else "internal"])
    return _tr(_KINDS.get(event.kind, event.kind))


def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)  # the desk's own contact, still on its way to the server
    return font


def _no_sort(_event: TimelineEvent) -> None:
    return None  # the timeline has one order: newest first


class TimelineModel(ColumnTableModel):
    """Timeline events in the cache's order (newest first), loaded a page at a time.

    Signals:
        page_wanted(object): the view reached the last loaded event; the events after this
            ``TimelineEvent`` are wanted (asked once until ``append`` answers).
    """

    page_wanted = Signal(object)

    context = _CONTEXT
    columns = (
        Column(QT_TRANSLATE_NOOP("TimelineModel", "When"), text=lambda e: format_datetime(e.at),
               key=_no_sort),
        Column(QT_TRANSLATE_NOOP("TimelineModel", "What"), text=_kind_text, key=_no_sort),
        Column(QT_TRANSLATE_NOOP("TimelineModel", "Summary"), text=_summary, key=_no_sort),
        Column(QT_TRANSLATE_NOOP("TimelineModel", "Agent"), text=lambda e: e.agent, key=_no_sort),
        # Last: it takes the room that is left; the whole text is in its tooltip.
        Column(QT_TRANSLATE_NOOP("TimelineModel", "Details"), text=_details, key=_no_sort),
    )  # fmt: skip

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[TimelineEvent] = []
        self._texts: dict[int, tuple[str, ...]] = {}  # formatting dates is not free
        self._total = 0
        self._asking = False

    # Filling

    def start(self, events: Sequence[TimelineEvent], *, total: int) -> None:
        """A newly opened timeline: its first page and how many events it has in all."""
        self.beginResetModel()
        self._events = list(events)
        self._texts = {}
        self._total = max(total, len(self._events))
        self._asking = False
        self.endResetModel()

    def append(self, after: TimelineEvent | None, events: Sequence[TimelineEvent]) -> bool:
        """The page after ``after``; ignored (False) if the model has moved on meanwhile."""
        if after != self.last_event():
            return False
        if events:
            first = len(self._events)
            self.beginInsertRows(QModelIndex(), first, first + len(events) - 1)
            self._events.extend(events)
            self._total = max(self._total, len(self._events))
            self.endInsertRows()
        else:  # the timeline was shorter than counted (something left the cache)
            self._total = len(self._events)
        # Only now: a view asking again while the rows go in would ask for this page twice.
        self._asking = False
        return True

    def events(self) -> list[TimelineEvent]:
        """The events loaded so far, newest first."""
        return list(self._events)

    def text(self, row: int, column: int) -> str:
        """What the cell shows, formatted once per row."""
        texts = self._texts.get(row)
        if texts is None:
            event = self._events[row]
            texts = self._texts[row] = tuple(spec.text(event) for spec in self.columns)
        return texts[column]

    def event_at(self, row: int) -> TimelineEvent:
        return self._events[row]

    def last_event(self) -> TimelineEvent | None:
        return self._events[-1] if self._events else None

    def total(self) -> int:
        """How many events the whole timeline has (loaded or not)."""
        return self._total

    # Qt's model interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._events)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        return self.cell(self._events[index.row()], index.column(), role)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._events) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self._asking or not self.canFetchMore(parent):
            return
        self._asking = True
        self.page_wanted.emit(self.last_event())

    def extra_data(self, row: TimelineEvent, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and row.kind == "return":
            return QBrush(RETURN_COLOR)
        if role == Qt.ItemDataRole.FontRole and row.pending:
            return _italic()
        if role == Qt.ItemDataRole.ToolTipRole and column == _DETAILS_COLUMN:
            return _details(row) or None
        return None


class TimelinePanel(QWidget):
    """The open customer's timeline, newest first, fetched further as the agent scrolls.

    Signals:
        page_shown(int): a further page arrived; the model now has this many rows.
        case_chosen(str): a case line was activated: open this case id.
        order_chosen(str): an order event was activated: open the order with this number.
        reloaded(str): the timeline of this customer id was read again from its newest event.
    """

    page_shown = Signal(int)
    case_chosen = Signal(str)
    order_chosen = Signal(str)
    reloaded = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self._queries: AbstractCustomerQueries | None = None
        self._submit: Submit | None = None
        self._customer_id: str | None = None
        self.model = TimelineModel(self)
        self.model.page_wanted.connect(self._on_model_page_wanted)
        self.title = QLabel(self.tr("Timeline"), self)
        self.title.setObjectName("sectionTitle")
        font = self.title.font()
        font.setBold(True)  # as the history's section titles
        self.title.setFont(font)
        self.view = make_table(self, name="timelineView", accessible=self.tr("Timeline"))
        self.view.setModel(self.model)
        self.view.activated.connect(self._on_view_activated)
        self.title.setBuddy(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)

    def bind(self, queries: AbstractCustomerQueries, submit: Submit) -> None:
        """Where further pages come from: ``submit`` is ``OpRunner.submit``."""
        self._queries, self._submit = queries, submit

    def show_timeline(
        self, customer_id: str, events: Sequence[TimelineEvent], *, total: int
    ) -> None:
        """A newly opened customer's timeline: the first page and the count of all events."""
        self._customer_id = customer_id
        self.model.start(events, total=total)
        self.title.setText(self.tr("Timeline (%1)").replace("%1", format_count(self.model.total())))
        if events:
            fit_columns(self.view, self._fit_to_page)

    def current_event(self) -> TimelineEvent | None:
        """The event the timeline's cursor is on, if any."""
        index = self.view.currentIndex()
        return self.model.event_at(index.row()) if index.isValid() else None

    def reload(self) -> None:
        """Read the open customer's timeline again from its newest event (a case of theirs
        was written here); the count and the first page arrive together."""
        if self._queries is None or self._submit is None or self._customer_id is None:
            return
        queries, customer_id = self._queries, self._customer_id
        self._submit(
            lambda: (queries.timeline(customer_id), queries.timeline_count(customer_id)),
            on_success=lambda found: self._on_reloaded(customer_id, *found),
            channel=TIMELINE_CHANNEL,
        )

    def _on_reloaded(self, customer_id: str, events: list[TimelineEvent], total: int) -> None:
        if customer_id == self._customer_id:
            self.show_timeline(customer_id, events, total=total)
            self.reloaded.emit(customer_id)

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        event = self.model.event_at(index.row()) if index.isValid() else None
        if event is not None and event.is_case:
            self.case_chosen.emit(event.case_id)
        elif event is not None and event.is_order:
            self.order_chosen.emit(event.number)

    def _fit_to_page(self) -> None:
        # Measured here on the newest rows: resizeColumnsToContents asks every role of
        # every cell and costs the UI thread far more.
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        padding = metrics.horizontalAdvance("M") * 2
        widest = metrics.horizontalAdvance("M") * _WIDEST_EMS
        for column in range(len(self.model.columns) - 1):
            texts = [str(self.model.headerData(column, Qt.Orientation.Horizontal))]
            rows = range(min(self.model.rowCount(), _FIT_ROWS))
            texts += [self.model.text(row, column) for row in rows]
            width = max(metrics.horizontalAdvance(text) for text in texts) + padding
            header.resizeSection(column, min(width, widest))

    @Slot(object)
    def _on_model_page_wanted(self, after: TimelineEvent | None) -> None:
        if self._queries is None or self._submit is None or self._customer_id is None:
            return
        queries, customer_id = self._queries, self._customer_id
        self._submit(
            lambda: queries.timeline(customer_id, after=after),
            on_success=lambda events: self._on_page_loaded(customer_id, after, events),
            channel=TIMELINE_CHANNEL,
        )

    def _on_page_loaded(
        self, customer_id: str, after: TimelineEvent | None, events: list[TimelineEvent]
    ) -> None:
        if customer_id == self._customer_id and self.model.append(after, events):
            self.page_shown.emit(self.model.rowCount())
