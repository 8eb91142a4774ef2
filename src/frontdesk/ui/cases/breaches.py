"""The Cases page's Breaches tab (a supervisor's only): how the cases past due fall by team
and by category, and a bar to hand the ones picked in the table to a team and/or a user.

The table above it is the page's own (Shift/Ctrl+click, Ctrl+A, Shift+arrows pick several);
this bar only says what to give them to and what came of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QPushButton, QWidget

from frontdesk.services.cases.oversight import Breaches, Reassigned
from frontdesk.services.cases.ports import Team
from frontdesk.ui.cases import texts
from frontdesk.ui.cases.queue_models import Names


class BreachBar(QWidget):
    """The counts above the table's breached cases, and "Reassign selected" below them.

    Signals:
        reassign_requested(object, object): hand the picked cases to this user (str or None)
            and team (str or None); at least one of them is given.
    """

    reassign_requested = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("breachBar")
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("breachCounts")
        self.counts_label.setWordWrap(True)
        self.team_combo = QComboBox(self)
        self.team_combo.setObjectName("breachTeam")
        self.user_combo = QComboBox(self)
        self.user_combo.setObjectName("breachUser")
        self.user_combo.setEditable(True)  # someone not in a team's list may take them too
        self.team_label, self.user_label = QLabel(self), QLabel(self)
        self.team_label.setBuddy(self.team_combo)
        self.user_label.setBuddy(self.user_combo)
        self.reassign_button = QPushButton(self)
        self.reassign_button.setObjectName("breachReassignButton")
        self.reassign_button.clicked.connect(self._on_reassign_button_clicked)
        self.outcome_label = QLabel(self)
        self.outcome_label.setObjectName("breachOutcome")
        self.outcome_label.setWordWrap(True)
        self.outcome_label.hide()  # until there is an outcome: no empty gap under the bar
        self.user_combo.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 12)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.team_label, 0, 0)
        grid.addWidget(self.team_combo, 0, 1)
        grid.addWidget(self.user_label, 0, 2)
        grid.addWidget(self.user_combo, 0, 3)
        grid.addWidget(self.reassign_button, 0, 4)
        grid.setColumnStretch(5, 1)
        grid.addWidget(self.outcome_label, 1, 0, 1, 6)
        self.setTabOrder(self.team_combo, self.user_combo)
        self.setTabOrder(self.user_combo, self.reassign_button)

    def retranslate(self) -> None:
        self.team_label.setText(texts.tr("&Team:"))
        self.user_label.setText(texts.tr("&User:"))
        self.reassign_button.setText(texts.tr("&Reassign selected"))
        self.reassign_button.setToolTip(
            texts.tr("Hand every case picked in the table to this team and/or user "
                     "(Shift or Ctrl+click, Ctrl+A, Shift+arrows pick several)")
        )  # fmt: skip
        self.counts_label.setAccessibleName(texts.tr("Past due by team and by category"))

    def show_breaches(self, breaches: Breaches, names: Names, teams: Sequence[Team]) -> None:
        self.counts_label.setText(self._counts_text(breaches, names))
        self._fill_choices(teams)

    def _counts_text(self, breaches: Breaches, names: Names) -> str:
        if not breaches.rows:
            return texts.tr("Nothing is past its due time.")
        no_team = texts.tr("no team")
        teams = " · ".join(f"{names.teams.get(code, code) if code else no_team} {count}"
                           for code, count in breaches.by_team.items())  # fmt: skip
        categories = " · ".join(f"{names.categories.get(code, code)} {count}"
                                for code, count in breaches.by_category.items())  # fmt: skip
        text = texts.tr("Past due: %1. By team: %2. By category: %3.")
        return text.replace("%1", str(len(breaches.rows))).replace("%2", teams).replace(
            "%3", categories)  # fmt: skip

    def _fill_choices(self, teams: Sequence[Team]) -> None:
        team, user = self.team_combo.currentData(), self.user_combo.currentText()
        self.team_combo.clear()
        self.team_combo.addItem(texts.tr("(no team)"), None)
        for each in teams:
            if each.active:
                self.team_combo.addItem(each.name, each.code)
        self.team_combo.setCurrentIndex(max(0, self.team_combo.findData(team)))
        members = sorted({m for each in teams if each.active for m in each.members})
        self.user_combo.clear()
        self.user_combo.addItem("")
        self.user_combo.addItems(members)
        self.user_combo.setEditText(user)
        self.user_combo.lineEdit().setPlaceholderText(texts.tr("(nobody)"))

    def show_outcome(self, done: Sequence[Reassigned]) -> None:
        """ "3 reassigned. D3-00012 refused: …" (every refusal, with its reason)."""
        moved = sum(1 for each in done if each.refused is None)
        parts = [texts.tr("%1 reassigned.").replace("%1", str(moved))]
        parts += [texts.tr("%1 refused: %2").replace("%1", each.number).replace(
            "%2", each.refused) for each in done if each.refused]  # fmt: skip
        self.say(" ".join(parts))

    def say(self, text: str) -> None:
        self.outcome_label.setText(text)
        self.outcome_label.setVisible(bool(text))

    @Slot()
    def _on_reassign_button_clicked(self) -> None:
        team, user = self.team_combo.currentData(), self.user_combo.currentText().strip()
        if team is None and not user:
            self.say(texts.tr("Pick a team or a user to hand the cases to."))
            return
        self.reassign_requested.emit(user or None, team)
