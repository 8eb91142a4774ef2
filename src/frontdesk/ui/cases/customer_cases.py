"""The open customer's cases on the profile card: how many are open, the two most urgent
(Enter opens one in the case view), "All N cases…" (the Cases page on this customer) when
there are more, and "New case…".

First from the cache; then, when the desk is not known to be offline, from the server
(``fetch_of_customer``: cases of the customer opened at other branches too), in the
background. Offline, or signed out, the server's answer is quietly left out: the cache's
list stays on the card.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)
from shiboken6 import isValid

from frontdesk.domain.cases import OPEN_STATUSES
from frontdesk.services.cases.desk import DeskCases
from frontdesk.services.cases.ports import CaseRow
from frontdesk.ui.cases import texts
from frontdesk.ui.cases.flows import CaseFlows
from frontdesk.ui.cases.queue_models import OVERDUE_RED, row_due
from frontdesk.ui.widgets.profile_card import ProfileCard

Submit = Callable[..., None]
CARD_CHANNEL, FETCH_CHANNEL = "customer-cases", "customer-cases-fetch"
#: Rows of open cases the card shows; the rest are on the Cases page ("All N cases…"): the
#: card shares its height with the offers and the history, and must not scroll.
CARD_ROWS = 2


class CaseStrip(QWidget):
    """The card's line of cases: "Open cases: 2", the most urgent, "All 5 cases…", "New case…".

    Signals:
        case_chosen(str): open this case id.
        new_case_requested(): open a case for this customer.
        all_cases_requested(): show every case of this customer (on the Cases page).
    """

    case_chosen = Signal(str)
    new_case_requested = Signal()
    all_cases_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerCases")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("customerCaseCount")
        self.list = QListWidget(self)
        self.list.setObjectName("customerCaseList")
        self.list.setAccessibleName(texts.tr("Open cases"))
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)  # the tooltip has it all
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.hide()
        self.count_label.setBuddy(self.list)
        self.new_button = QPushButton(texts.tr("New case…"), self)
        self.new_button.setObjectName("customerNewCaseButton")
        self.new_button.setAccessibleName(texts.tr("New case"))
        self.new_button.setToolTip(texts.tr("Open a case for this customer (Ctrl+Shift+N)"))
        self.new_button.clicked.connect(self.new_case_requested)
        self.all_button = QPushButton(self)
        self.all_button.setObjectName("customerAllCasesButton")
        self.all_button.setToolTip(texts.tr("Every case of this customer, on the Cases page"))
        self.all_button.clicked.connect(self.all_cases_requested)
        self.all_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.list, 1)
        layout.addStretch(0)
        layout.addWidget(self.all_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        self.show_cases([], now=None)

    def show_cases(self, rows: Sequence[CaseRow], *, now: datetime | None) -> None:
        """The open ones among ``rows``, most urgent first."""
        open_rows = [row for row in rows if row.status in OPEN_STATUSES]
        open_rows.sort(key=lambda row: (row.due_at is None, row.due_at or row.opened_at))
        self.count_label.setText(
            texts.tr("Open &cases: %1").replace("%1", str(len(open_rows)))
            if open_rows else texts.tr("No open cases")
        )  # fmt: skip
        self.list.clear()
        for row in open_rows[:CARD_ROWS]:
            self.list.addItem(self._item(row, now))
        self.list.setVisible(bool(open_rows))
        self.all_button.setText(texts.tr("All %1 cases…").replace("%1", str(len(rows))))
        self.all_button.setVisible(len(open_rows) > CARD_ROWS)
        if open_rows:
            self.list.setCurrentRow(0)
            rows_shown = min(CARD_ROWS, len(open_rows))
            self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows_shown
                                     + 2 * self.list.frameWidth())  # fmt: skip

    def _item(self, row: CaseRow, now: datetime | None) -> QListWidgetItem:
        due, overdue = row_due(row, now) if now is not None else ("", False)
        status = texts.name_of(texts.STATUSES, row.status)
        # The due time before the subject: on a narrow card the subject is what gets cut.
        text = " · ".join(part for part in (row.number, due, status, row.subject) if part)
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, row.id)
        item.setToolTip(text)
        if overdue:
            item.setForeground(QBrush(OVERDUE_RED))
        return item

    def item_texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    @Slot(QListWidgetItem)
    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.case_chosen.emit(item.data(Qt.ItemDataRole.UserRole))


class CustomerCases(QObject):
    """Shows the open customer's cases on the card (rebuilt with it on a language change).

    Args:
        cases: the desk's cases.
        submit: runs a background operation.
        flows: opens a case picked on the card.
        online: whether the server answered the last sync (None: not known yet).

    Signals:
        cases_shown(str): the card shows this customer's cases from the cache.
        fetched(str): ... and now from the server as well.
    """

    cases_shown = Signal(str)
    fetched = Signal(str)

    def __init__(
        self,
        cases: DeskCases,
        *,
        submit: Submit,
        flows: CaseFlows,
        online: Callable[[], bool | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cases, self._submit, self._flows, self._online = cases, submit, flows, online
        self.strip: CaseStrip | None = None
        self.customer_id: str | None = None
        flows.case_written.connect(self._on_flows_case_written)

    def show_on(
        self, card: ProfileCard, *, new_case: Callable[[], None], all_cases: Callable[[], None]
    ) -> None:
        strip = CaseStrip(card)
        card.cases_slot.addWidget(strip)
        strip.case_chosen.connect(self._flows.open_case)
        strip.new_case_requested.connect(new_case)
        strip.all_cases_requested.connect(all_cases)
        self.strip = strip

    def load(self, customer_id: str) -> None:
        """The cache's list now; the server's after it, unless the desk is offline."""
        self.customer_id = customer_id
        cases = self.cases
        self._submit(lambda: cases.of_customer(customer_id),
                     on_success=lambda rows: self._show(customer_id, rows, self.cases_shown),
                     on_failure=lambda _why: None, channel=CARD_CHANNEL)  # fmt: skip
        if self._online() is not False:
            self._submit(lambda: cases.fetch_of_customer(customer_id),
                         on_success=lambda rows: self._show(customer_id, rows, self.fetched),
                         on_failure=lambda _why: None, channel=FETCH_CHANNEL)  # fmt: skip

    def _show(self, customer_id: str, rows: list[CaseRow], shown: Signal) -> None:
        if customer_id != self.customer_id or self.strip is None or not isValid(self.strip):
            return
        self.strip.show_cases(rows, now=self._flows.clock())
        shown.emit(customer_id)

    @Slot(str)
    def _on_flows_case_written(self, _case_id: str) -> None:
        if self.customer_id is not None:
            cases, customer_id = self.cases, self.customer_id
            self._submit(lambda: cases.of_customer(customer_id),
                         on_success=lambda rows: self._show(customer_id, rows, self.cases_shown),
                         on_failure=lambda _why: None, channel=CARD_CHANNEL)  # fmt: skip
