"""Open a case for the customer on screen: category, channel, priority, subject, description,
who takes it, and what it is about (a purchase and its line, a logged contact).

Refusals (a missing subject here, or the desk's own) show inline under the form and keep
what the agent typed. A desk that cannot number cases (no prefix from its server) says why
instead of offering a button that would only fail.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.cases import CaseChannel, Priority
from frontdesk.services.cases.ports import CaseCategory, Team
from frontdesk.ui.cases import texts
from frontdesk.ui.cases.case_view import _links_text
from frontdesk.ui.widgets.form_errors import error_label, show_error

_SUBJECT_MAX = 200


class NewCaseDialog(QDialog):
    """The form of a new case.

    Signals:
        submitted(object): Open with a subject; the fields as ``DeskCases.open`` takes them.
    """

    submitted = Signal(object)

    def __init__(
        self,
        customer_name: str,
        *,
        categories: Sequence[CaseCategory],
        teams: Sequence[Team],
        agent: str,
        language: str,
        links: Sequence[Mapping[str, Any]] = (),
        about: str = "",
        cannot_open: str | None = None,
        description: str = "",
        channel: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newCaseDialog")
        self.setWindowTitle(texts.tr("New case for %1").replace("%1", customer_name))
        self.links = tuple(dict(link) for link in links)
        self._about = about or _links_text(self.links)
        self.category_combo = self._combo("caseCategory", texts.tr("Category"))
        for category in categories:
            if category.active:
                self.category_combo.addItem(category.name(language), category.code)
        self.channel_combo = self._combo("caseChannel", texts.tr("Channel"))
        for way in CaseChannel:
            self.channel_combo.addItem(texts.name_of(texts.CHANNELS, way), str(way))
        self.priority_combo = self._combo("casePriority", texts.tr("Priority"))
        for priority in Priority:
            self.priority_combo.addItem(texts.name_of(texts.PRIORITIES, priority), str(priority))
        self.priority_combo.setCurrentIndex(self.priority_combo.findData("normal"))
        self.subject_edit = QLineEdit(self)
        self.subject_edit.setObjectName("caseSubject")
        self.subject_edit.setAccessibleName(texts.tr("Subject"))
        self.subject_edit.setMaxLength(_SUBJECT_MAX)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setObjectName("caseDescriptionEdit")
        self.description_edit.setAccessibleName(texts.tr("Description"))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().height() * 6)
        self.description_edit.setPlainText(description)
        if channel is not None and self.channel_combo.findData(channel) >= 0:
            self.channel_combo.setCurrentIndex(self.channel_combo.findData(channel))
        self.assignee_combo = self._combo("caseAssignee", texts.tr("Assignee"))
        self._fill_assignees(teams, agent)
        self.error_label = error_label(self, "newCaseError")
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton(
            texts.tr("&Open case"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setObjectName("openCaseButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_open)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(customer_name)
        if cannot_open:
            self.open_button.setEnabled(False)
            show_error(self.error_label, texts.tr("Cases cannot be opened here: %1").replace(
                "%1", cannot_open))  # fmt: skip
        self.resize(560, self.sizeHint().height())

    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        return combo

    def _fill_assignees(self, teams: Sequence[Team], agent: str) -> None:
        combo = self.assignee_combo
        if agent:
            combo.addItem(texts.tr("Me (%1)").replace("%1", agent), (agent, None))
        for team in teams:
            if team.active:
                combo.addItem(texts.tr("Team: %1").replace("%1", team.name), (None, team.code))
        combo.addItem(texts.tr("Nobody yet"), (None, None))

    def _lay_out(self, customer_name: str) -> None:
        form = QFormLayout()
        customer = QLabel(customer_name, self)
        customer.setObjectName("newCaseCustomer")
        form.addRow(texts.tr("Customer"), customer)
        if self.links:
            linked = QLabel(self._about, self)
            linked.setObjectName("newCaseLinks")
            form.addRow(texts.tr("Linked to"), linked)
        for caption, field in (
            (texts.tr("C&ategory"), self.category_combo),
            (texts.tr("C&hannel"), self.channel_combo),
            (texts.tr("&Priority"), self.priority_combo),
            (texts.tr("&Subject"), self.subject_edit),
            (texts.tr("&Description"), self.description_edit),
            (texts.tr("A&ssignee"), self.assignee_combo),
        ):
            label = QLabel(caption, self)
            label.setBuddy(field)
            form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def fields(self) -> dict[str, Any]:
        user, team = self.assignee_combo.currentData() or (None, None)
        return {
            "category": self.category_combo.currentData() or "",
            "channel": self.channel_combo.currentData(),
            "priority": self.priority_combo.currentData(),
            "subject": self.subject_edit.text().strip(),
            "description": self.description_edit.toPlainText().strip(),
            "assignee_user": user,
            "assignee_team": team,
            "links": self.links,
        }

    def show_error(self, message: str) -> None:
        show_error(self.error_label, message)

    def _on_open(self) -> None:
        if not self.subject_edit.text().strip():
            self.show_error(texts.tr("A case needs a subject: what the customer asks for."))
            self.subject_edit.setFocus()
            return
        if self.category_combo.count() == 0:
            self.show_error(texts.tr("No case categories here yet: sync with the server first."))
            return
        self.submitted.emit(self.fields())
