"""The window's queues: load the picked queue, the counts, a search, into the cases panel
and the status bar; open what the agent picks.

Every read is a background operation on ``DeskCases`` (the queue, the counts and the search
each on a channel of their own, so a newer request wins). The window refreshes them after
each sync run and after each case write of this desk (``refresh``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QToolButton, QWidget

from frontdesk.services.cases.desk import DeskCases
from frontdesk.services.cases.ports import DUE_TODAY, FOLLOW_UPS, OVERDUE, CaseRow, FollowUp
from frontdesk.ui.cases import texts
from frontdesk.ui.cases.case_start import from_follow_up
from frontdesk.ui.cases.case_view import ui_language
from frontdesk.ui.cases.flows import CaseFlows
from frontdesk.ui.cases.queue_models import Names
from frontdesk.ui.cases.queues_panel import BREACHES, CUSTOMER, FOUND, CasesPanel
from frontdesk.ui.formatting import format_count

Submit = Callable[..., None]
QUEUE_CHANNEL, COUNTS_CHANNEL = "case-queue", "case-counts"


@dataclass(frozen=True, slots=True)
class QueuePage:
    """One tab's rows as the cache had them, with the names their codes show as."""

    name: str
    rows: list[Any]  # CaseRow, or FollowUp for the follow-ups
    names: Names
    breaches: Any = None  # the Breaches tab's ``Breaches``
    teams: list[Any] | None = None  # ... and the teams to hand them to


def names_of(cases: DeskCases, language: str) -> Names:
    categories = {c.code: c.name(language) for c in cases.categories()}
    return Names(categories=categories, teams={t.code: t.name for t in cases.teams()})


def load_page(
    cases: DeskCases, name: str, *, text: str, customer_id: str | None, language: str
) -> QueuePage:
    if name == FOLLOW_UPS:
        return QueuePage(name, cases.follow_ups(), Names())
    if name == BREACHES:
        breaches = cases.breaches()
        names = names_of(cases, language)
        return QueuePage(name, breaches.rows, names, breaches, cases.teams())
    rows: list[CaseRow]
    if name == FOUND:
        rows = cases.search(text)
    elif name == CUSTOMER:
        rows = cases.of_customer(customer_id) if customer_id else []
    else:
        rows = cases.queue(name)
    return QueuePage(name, rows, names_of(cases, language))


class CasesStatus(QToolButton):
    """ "Cases: 2 overdue · 3 due today" in the status bar (hidden when neither); a click
    opens the Cases page on Overdue."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casesStatus")
        self.setAutoRaise(True)
        self.setVisible(False)

    def show_counts(self, counts: dict[str, int]) -> None:
        overdue, due = counts.get(OVERDUE, 0), counts.get(DUE_TODAY, 0)
        parts = []
        if overdue:
            parts.append(texts.tr("%1 overdue").replace("%1", format_count(overdue)))
        if due:
            parts.append(texts.tr("%1 due today").replace("%1", format_count(due)))
        self.setText(texts.tr("Cases: %1").replace("%1", " · ".join(parts)))
        self.setToolTip(texts.tr("Open the Cases page on Overdue (Ctrl+Shift+C: the Cases page)"))
        self.setAccessibleName(self.text())
        self.setStyleSheet("QToolButton { color: #d32f2f; }" if overdue else "")
        self.setVisible(bool(parts))


class CaseQueues(QObject):
    """Fills the Cases page and the status bar's count; opens what is picked there.

    Args:
        cases: the desk's cases.
        submit: runs a background operation.
        flows: the case view and the new case dialog.
        panel: the Cases page (a page of the window).
        status: the status bar's count.
        clock: what "now" is for overdue (tests fix it).
        reveal: puts the Cases page on screen (the window switches to it).

    Signals:
        queue_shown(str): the panel shows this tab as the cache has it now.
        counts_shown(object): the panel and the status bar show these counts.
        customer_requested(str): open this customer (a follow-up's).
        reassigned(object): the Breaches tab's reassignment is done (a list of
            ``Reassigned``, refusals included).
    """

    queue_shown = Signal(str)
    counts_shown = Signal(object)
    customer_requested = Signal(str)
    reassigned = Signal(object)

    def __init__(
        self,
        cases: DeskCases,
        *,
        submit: Submit,
        flows: CaseFlows,
        panel: CasesPanel,
        status: CasesStatus,
        clock: Callable[[], datetime],
        reveal: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cases, self._submit, self._flows, self._clock = cases, submit, flows, clock
        self.panel, self.status, self._reveal = panel, status, reveal
        self.counts: dict[str, int] = {}
        self.customer_id: str | None = None  # whose cases the customer tab lists
        panel.queue_chosen.connect(self._on_panel_queue_chosen)
        panel.case_chosen.connect(flows.open_case)
        panel.follow_up_chosen.connect(self._on_panel_follow_up_chosen)
        panel.new_case_from_contact.connect(self._on_panel_new_case_from_contact)
        panel.reassign_requested.connect(self._on_panel_reassign_requested)
        status.clicked.connect(lambda: self.open_queue(OVERDUE))
        flows.case_written.connect(lambda _id: self.refresh())

    @Slot(object)
    def on_sync_outcome(self, _outcome: object) -> None:
        """A sync run ended: what it pulled or pushed may change the queues."""
        self.refresh()

    def refresh(self) -> None:
        """The counts, and the tab on screen if the panel is shown."""
        self._submit(self.cases.counts, on_success=self._on_counts, channel=COUNTS_CHANNEL,
                     on_failure=lambda _why: None)  # fmt: skip
        if self.panel.isVisible():
            self.load(self.panel.current)

    def open_queue(self, name: str) -> None:
        """Show the panel on this queue, the keyboard in its table."""
        self.open_panel()
        self.panel.pick(name)

    def open_customer(self, customer_id: str, name: str) -> None:
        """Show the page on this customer's cases (the card's "All … cases")."""
        self.customer_id = customer_id
        self.panel.show_customer_tab(name)
        self.open_queue(CUSTOMER)

    def open_panel(self) -> None:
        """Show the Cases page, the keyboard in its table, the tab on screen read again."""
        was_shown = self.panel.isVisible()
        self._reveal()
        self.panel.focus_table()
        if not was_shown:
            self.refresh()

    def load(self, name: str) -> None:
        cases, text, language = self.cases, self.panel.search_edit.text().strip(), ui_language()
        customer_id = self.customer_id
        self._submit(
            lambda: load_page(cases, name, text=text, customer_id=customer_id, language=language),
            on_success=self._on_page,
            on_failure=self.panel.show_error,
            channel=QUEUE_CHANNEL,
        )

    def retranslate(self) -> None:
        self.panel.retranslate()
        self.status.show_counts(self.counts)
        self.refresh()

    def _on_counts(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self.panel.show_counts(counts)
        self.status.show_counts(counts)
        self.counts_shown.emit(counts)

    def _on_page(self, page: QueuePage) -> None:
        if page.name != self.panel.current:
            return  # the agent has moved on to another tab; its own load follows
        if page.name == FOLLOW_UPS:
            self.panel.show_follow_ups(page.rows, self._clock())
        elif page.name == BREACHES:
            self.panel.show_breaches(page.breaches, page.names, page.teams or [], self._clock())
        else:
            self.panel.show_cases(page.rows, page.names, self._clock())
        self.queue_shown.emit(page.name)

    @Slot(str)
    def _on_panel_queue_chosen(self, name: str) -> None:
        self.load(name)

    @Slot(object, object, object)
    def _on_panel_reassign_requested(self, rows, user: str | None, team: str | None) -> None:
        cases, bar = self.cases, self.panel.breach_bar
        self._submit(
            lambda: cases.reassign(rows, user=user, team=team),
            on_success=self._on_reassigned,
            on_failure=bar.say,
        )

    def _on_reassigned(self, done: list[Any]) -> None:
        self.panel.breach_bar.show_outcome(done)
        self.reassigned.emit(done)
        self.refresh()

    @Slot(object)
    def _on_panel_follow_up_chosen(self, follow_up: FollowUp) -> None:
        self.customer_requested.emit(follow_up.customer_id)

    @Slot(object)
    def _on_panel_new_case_from_contact(self, follow_up: FollowUp) -> None:
        self.customer_requested.emit(follow_up.customer_id)
        start = from_follow_up(follow_up)
        self._flows.new_case(follow_up.customer_id, follow_up.customer_name, start=start)
