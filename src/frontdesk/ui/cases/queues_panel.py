"""The Cases page: the agent's queues (each with its count), a table of the one picked, and
a search over the cases' words.

A page of the main window beside the customer page (the window switches between them), outside
the panels a language change rebuilds (``retranslate`` gives it its words again). A page, not a
strip under the customer: the card and the history keep their room, the queues get the whole
window. It only shows what ``CaseQueues`` loaded and says what the agent asked for by signal.
By keys: the search box, then the queue tabs (Left/Right), then the table (Enter opens the
case, or a follow-up's customer), then "New case from this contact"; Esc goes back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.cases.oversight import Breaches
from frontdesk.services.cases.ports import FOLLOW_UPS, OVERDUE, QUEUES, CaseRow, FollowUp, Team
from frontdesk.ui.cases import texts
from frontdesk.ui.cases.breaches import BreachBar
from frontdesk.ui.cases.queue_models import (
    CASE_HEADERS,
    FOLLOW_UP_HEADERS,
    CaseRowsModel,
    FollowUpsModel,
    Names,
)
from frontdesk.ui.widgets.tables import fit_columns, make_table

#: The tab of search results, after the queues (shown once something was searched).
FOUND = "found"
#: The tab of one customer's cases (shown once the card's "All … cases" asked for it).
CUSTOMER = "customer"
#: A supervisor's tab: the cases past due, by team and category, reassigned several at once.
BREACHES = "breaches"
TABS = (*QUEUES, BREACHES, FOUND, CUSTOMER)
#: Tabs shown only once asked for (the breaches: for a supervisor).
ON_DEMAND = (BREACHES, FOUND, CUSTOMER)
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CasesPanel(QWidget):
    """The queues, their table and the case search: the window's Cases page.

    Signals:
        back_requested(): the agent asked for the customer page again (the button).
        queue_chosen(str): the agent picked this tab (a queue name, or ``found``: what the
            search box holds, searched when Enter is pressed in it).
        case_chosen(str): open this case id.
        follow_up_chosen(object): open the customer of this ``FollowUp``.
        new_case_from_contact(object): open a case about this ``FollowUp``'s contact.
        reassign_requested(object, object, object): hand these ``CaseRow``s (a list) to
            this user and team (each a str or None).
    """

    back_requested = Signal()
    queue_chosen = Signal(str)
    case_chosen = Signal(str)
    follow_up_chosen = Signal(object)
    new_case_from_contact = Signal(object)
    reassign_requested = Signal(object, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casesPanel")
        self.counts: dict[str, int] = {}
        self.customer_name = ""  # whose cases the customer tab lists
        self.customer_count: int | None = None  # how many it listed last
        self.case_model = CaseRowsModel(self)
        self.follow_up_model = FollowUpsModel(self)
        body = self
        self.back_button = QPushButton(body)
        self.back_button.setObjectName("casesBackButton")
        self.back_button.clicked.connect(self.back_requested)
        self.title_label = QLabel(body)
        self.title_label.setObjectName("casesTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.search_edit = QLineEdit(body)
        self.search_edit.setObjectName("caseSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self.tabs = self._make_tabs(body)
        self.table = make_table(body, name="caseTable", accessible="")
        self.table.setModel(self.case_model)
        self.table.activated.connect(self._on_table_activated)
        self.table.doubleClicked.connect(self._on_table_activated)
        self.summary_label = QLabel(body)
        self.summary_label.setObjectName("caseSummary")
        self.contact_button = QPushButton(body)
        self.contact_button.setObjectName("caseFromContactButton")
        self.contact_button.clicked.connect(self._on_contact_button_clicked)
        self.breach_bar = BreachBar(body)
        self.breach_bar.reassign_requested.connect(self._on_breach_bar_reassign_requested)
        self._lay_out(body)
        self.retranslate()
        self._show_kind(QUEUES[0])

    def _make_tabs(self, parent: QWidget) -> QTabBar:
        tabs = QTabBar(parent)
        tabs.setObjectName("caseQueues")
        tabs.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Left/Right pick a queue
        tabs.setExpanding(False)
        for name in TABS:
            tabs.setTabData(tabs.addTab(""), name)
        for name in ON_DEMAND:
            tabs.setTabVisible(TABS.index(name), False)
        tabs.currentChanged.connect(self._on_tabs_current_changed)
        return tabs

    def _lay_out(self, body: QWidget) -> None:
        heading = QHBoxLayout()
        heading.addWidget(self.back_button)
        heading.addSpacing(12)
        heading.addWidget(self.title_label, 1)
        heading.addWidget(self.search_edit)
        top = QHBoxLayout()
        top.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_label, 1)
        bottom.addWidget(self.contact_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 10, 10, 4)
        layout.addLayout(heading)
        layout.addLayout(top)
        layout.addWidget(self.breach_bar.counts_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.breach_bar)
        layout.addLayout(bottom)
        self.setTabOrder(self.search_edit, self.tabs)
        self.setTabOrder(self.tabs, self.table)
        self.setTabOrder(self.table, self.breach_bar.team_combo)
        self.setTabOrder(self.breach_bar.reassign_button, self.contact_button)
        self.setTabOrder(self.contact_button, self.back_button)

    def retranslate(self) -> None:
        self.title_label.setText(texts.tr("Cases"))
        self.back_button.setText(texts.tr("← &Back to customer"))
        self.back_button.setToolTip(texts.tr("The customer page again (Esc or Ctrl+Shift+C)"))
        placeholder = texts.tr("Search cases: words or a number")
        self.search_edit.setPlaceholderText(placeholder)
        # The whole placeholder, in either language: a cut hint is worse than none.
        metrics = self.search_edit.fontMetrics()
        self.search_edit.setMinimumWidth(metrics.horizontalAdvance(placeholder + "MMMM") + 24)
        self.search_edit.setAccessibleName(texts.tr("Search cases"))
        self.tabs.setAccessibleName(texts.tr("Case queues"))
        self.breach_bar.retranslate()
        self.contact_button.setText(texts.tr("&New case from this contact…"))
        self.contact_button.setToolTip(
            texts.tr("Open a case for this customer about the contact, which it then settles")
        )
        self.case_model.setHorizontalHeaderLabels(
            [texts.tr(title) for title in self._headers(self.case_model)]
        )
        self.follow_up_model.setHorizontalHeaderLabels(
            [texts.tr(title) for title in self._headers(self.follow_up_model)]
        )
        self.show_counts(self.counts)

    @staticmethod
    def _headers(model: CaseRowsModel | FollowUpsModel) -> Sequence[str]:
        return CASE_HEADERS if isinstance(model, CaseRowsModel) else FOLLOW_UP_HEADERS

    # What the flows show

    @property
    def current(self) -> str:
        return self.tabs.tabData(self.tabs.currentIndex()) or QUEUES[0]

    def show_counts(self, counts: Mapping[str, int]) -> None:
        """Each queue's name with its count: "Overdue (2)"."""
        self.counts = dict(counts)
        for index, name in enumerate(TABS):
            label = self._tab_name(name)
            count_of = OVERDUE if name == BREACHES else name  # the same cases, seen whole
            count = self.customer_count if name == CUSTOMER else self.counts.get(count_of)
            if count is not None:
                label = texts.tr("%1 (%2)").replace("%1", label).replace("%2", str(count))
            self.tabs.setTabText(index, label)

    def _tab_name(self, name: str) -> str:
        if name == BREACHES:
            return texts.tr("Breaches")
        if name == FOUND:
            return texts.tr("Found")
        if name == CUSTOMER:
            return self.customer_name
        return texts.name_of(texts.QUEUE_NAMES, name)

    def allow_breaches(self, allowed: bool) -> None:
        """Show the Breaches tab (a supervisor at the desk) or take it away."""
        index = TABS.index(BREACHES)
        if not allowed and self.tabs.currentIndex() == index:
            self.tabs.setCurrentIndex(0)
        self.tabs.setTabVisible(index, allowed)

    def show_breaches(
        self, breaches: Breaches, names: Names, teams: Sequence[Team], now: datetime
    ) -> None:
        self.show_cases(breaches.rows, names, now)
        self.breach_bar.show_breaches(breaches, names, teams)

    def show_customer_tab(self, name: str) -> None:
        """The customer tab lists ``name``'s cases (``pick(CUSTOMER)`` shows it)."""
        self.customer_name, self.customer_count = name, None
        self.tabs.setTabText(TABS.index(CUSTOMER), name)

    def pick(self, name: str) -> None:
        """Show this tab (the flows then load it, by ``queue_chosen``)."""
        index = TABS.index(name)
        self.tabs.setTabVisible(index, True)
        if self.tabs.currentIndex() == index:
            self.queue_chosen.emit(name)
        else:
            self.tabs.setCurrentIndex(index)

    def show_cases(self, rows: Sequence[CaseRow], names: Names, now: datetime) -> None:
        self.case_model.set_rows(rows, names, now)
        self._show_kind(self.current)
        self._show_summary(len(rows))
        if self.current == CUSTOMER:
            # Kept for show_counts, which relabels every tab when the queues' counts come in
            # (they may come after this list).
            self.customer_count = len(rows)
            self.tabs.setTabText(TABS.index(CUSTOMER), texts.tr("%1 (%2)").replace(
                "%1", self.customer_name).replace("%2", str(len(rows))))  # fmt: skip

    def show_follow_ups(self, rows: Sequence[FollowUp], now: datetime) -> None:
        self.follow_up_model.set_rows(rows, now)
        self._show_kind(FOLLOW_UPS)
        self._show_summary(len(rows))

    def show_error(self, message: str) -> None:
        self.summary_label.setText(texts.tr("Could not read the cases: %1").replace("%1", message))

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.table.model().rowCount():
            self.table.selectRow(0)

    def _show_kind(self, name: str) -> None:
        model = self.follow_up_model if name == FOLLOW_UPS else self.case_model
        if self.table.model() is not model:
            self.table.setModel(model)
        self.contact_button.setVisible(name == FOLLOW_UPS)
        self.breach_bar.setVisible(name == BREACHES)
        self.breach_bar.counts_label.setVisible(name == BREACHES)
        mode = QAbstractItemView.SelectionMode  # only Breaches picks several cases at once
        several = mode.ExtendedSelection if name == BREACHES else mode.SingleSelection
        self.table.setSelectionMode(several)
        self.table.setAccessibleName(self.tabs.tabText(self.tabs.currentIndex()))
        fit_columns(self.table, self._fit)
        if model.rowCount():
            self.table.selectRow(0)

    def _fit(self) -> None:
        # Every column as wide as it needs, up to a cap; the subject (or reason) takes the rest.
        header, cap = self.table.horizontalHeader(), self.fontMetrics().horizontalAdvance("M") * 18
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for column in range(self.table.model().columnCount()):
            self.table.setColumnWidth(column, min(cap, self.table.columnWidth(column)))
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _show_summary(self, count: int) -> None:
        if count:
            text = texts.tr("%1 shown. Enter opens the one picked.").replace("%1", str(count))
        elif self.current == FOUND:
            text = texts.tr("No case holds “%1”.").replace("%1", self.search_edit.text().strip())
        else:
            text = texts.tr("Nothing in this queue.")
        self.summary_label.setText(text)

    # Slots and keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
        ):
            if self.search_edit.text().strip():
                self.pick(FOUND)
            return True
        return super().eventFilter(watched, event)

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        name = self.tabs.tabData(index)
        if name:
            self._show_kind(name)
            self.queue_chosen.emit(name)

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        if self.table.model() is self.follow_up_model:
            follow_up = self.follow_up_model.row_at(index.row())
            if follow_up is not None:
                self.follow_up_chosen.emit(follow_up)
            return
        row = self.case_model.row_at(index.row())
        if row is not None:
            self.case_chosen.emit(row.id)

    def selected_rows(self) -> list[CaseRow]:
        picked = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [row for row in map(self.case_model.row_at, picked) if row is not None]

    @Slot(object, object)
    def _on_breach_bar_reassign_requested(self, user: str | None, team: str | None) -> None:
        rows = self.selected_rows()
        if not rows:
            self.breach_bar.say(texts.tr("Pick the cases to reassign in the table first."))
            return
        self.reassign_requested.emit(rows, user, team)

    @Slot()
    def _on_contact_button_clicked(self) -> None:
        follow_up = self.follow_up_model.row_at(self.table.currentIndex().row())
        if follow_up is not None:
            self.new_case_from_contact.emit(follow_up)
