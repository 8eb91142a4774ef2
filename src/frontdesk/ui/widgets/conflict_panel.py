"""Edit conflicts on the customer's profile, and their count in the status bar.

A notice per field says which change of this desk lost to another desk's, what the server
kept and what this desk wanted, with the two ways out: "Use mine" (send it again) and
"Keep theirs". The panel only shows and asks; ``ConflictFlows`` runs the choice.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.conflict_ports import KEEP_THEIRS, USE_MINE, EditConflict
from frontdesk.ui.formatting import format_count
from frontdesk.ui.widgets.form_errors import error_label, show_error

# Amber on a faint amber wash: reads as "needs you" on the light and the dark theme.
PANEL_STYLE = """
QFrame#conflictNotice {
    border: 1px solid #d49a00;
    border-radius: 4px;
    background: rgba(212, 154, 0, 0.12);
}
"""
# Longest value shown in full; notes can be long (the tooltip has all of it).
SHOWN_CHARS = 160


def field_caption(field: str) -> str:
    """The field's name as the profile shows it, in the current language."""
    captions = {
        "full_name": QCoreApplication.translate("ConflictNotice", "Name"),
        "phones": QCoreApplication.translate("ConflictNotice", "Phones"),
        "emails": QCoreApplication.translate("ConflictNotice", "E-mails"),
        "loyalty_card": QCoreApplication.translate("ConflictNotice", "Loyalty card"),
        "notes": QCoreApplication.translate("ConflictNotice", "Notes"),
    }
    return captions.get(field, field)


def value_text(value: Any, *, limit: int | None = SHOWN_CHARS) -> str:
    """A field's value on one line: lists joined, nothing said as such, long text cut."""
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    text = " ".join(("" if value is None else str(value)).split())
    if not text:
        return QCoreApplication.translate("ConflictNotice", "(nothing)")
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


class ConflictNotice(QFrame):
    """One lost field: what happened, both values, and the two choices.

    Signals:
        resolution_chosen(int, str): the agent chose "mine" or "theirs" for this conflict id.
    """

    resolution_chosen = Signal(int, str)

    def __init__(self, conflict: EditConflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setObjectName("conflictNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        caption = field_caption(conflict.field)
        self.message = self._make_message(caption)
        self.use_mine_button = self._button("useMineButton", USE_MINE)
        self.keep_theirs_button = self._button("keepTheirsButton", KEEP_THEIRS)
        self.error = error_label(self, "conflictError")
        self._translate(caption)
        self._lay_out()

    def _make_message(self, caption: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName("conflictMessage")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _button(self, name: str, resolution: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._on_button_clicked(resolution))
        return button

    def _message_text(self, caption: str, *, limit: int | None) -> str:
        return (
            self.tr(
                "Your change to %1 was not applied: another desk changed it first. "
                "Kept: %2. Yours: %3."
            )
            .replace("%1", caption)
            .replace("%2", value_text(self.conflict.kept, limit=limit))
            .replace("%3", value_text(self.conflict.yours, limit=limit))
        )

    def _translate(self, caption: str) -> None:
        kept, yours = value_text(self.conflict.kept), value_text(self.conflict.yours)
        self.message.setText(self._message_text(caption, limit=SHOWN_CHARS))
        self.message.setAccessibleName(self.tr("Conflict over %1").replace("%1", caption))
        self.message.setAccessibleDescription(self.message.text())
        full = self._message_text(caption, limit=None)
        self.message.setToolTip(full if full != self.message.text() else "")
        self.use_mine_button.setText(self.tr("Use mine"))
        self.use_mine_button.setAccessibleName(self.tr("Use mine for %1").replace("%1", caption))
        self.use_mine_button.setToolTip(
            self.tr("Send your value (%1) to the server again").replace("%1", yours)
        )
        self.keep_theirs_button.setText(self.tr("Keep theirs"))
        self.keep_theirs_button.setAccessibleName(
            self.tr("Keep theirs for %1").replace("%1", caption)
        )
        self.keep_theirs_button.setToolTip(
            self.tr("Keep the other desk's value (%1); yours is dropped").replace("%1", kept)
        )

    def _lay_out(self) -> None:
        # One row per notice (the text wraps beside the buttons): the history keeps its room.
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addWidget(self.message)
        text.addWidget(self.error)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        layout.setSpacing(8)
        layout.addLayout(text, 1)
        for button in (self.use_mine_button, self.keep_theirs_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)

    def set_busy(self, busy: bool) -> None:
        """While the choice is being saved, neither button can be pressed again."""
        self.use_mine_button.setEnabled(not busy)
        self.keep_theirs_button.setEnabled(not busy)

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        show_error(self.error, message)

    def _on_button_clicked(self, resolution: str) -> None:
        self.set_busy(True)
        show_error(self.error, "")
        self.resolution_chosen.emit(self.conflict.id, resolution)


class ConflictPanel(QWidget):
    """The open customer's conflict notices, one per lost field; hidden when there are none.

    Signals:
        resolution_chosen(int, str): relayed from a notice (conflict id, "mine"/"theirs").
    """

    resolution_chosen = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictPanel")
        self.setAccessibleName(self.tr("Edit conflicts"))
        self.setStyleSheet(PANEL_STYLE)
        self.notices: dict[int, ConflictNotice] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 0)
        self._layout.setSpacing(6)
        self.setVisible(False)

    def show_conflicts(self, conflicts: list[EditConflict]) -> None:
        for notice in self.notices.values():
            notice.deleteLater()
        self.notices = {c.id: self._add(c) for c in conflicts}
        self.setVisible(bool(conflicts))

    def _add(self, conflict: EditConflict) -> ConflictNotice:
        notice = ConflictNotice(conflict, self)
        notice.resolution_chosen.connect(self.resolution_chosen)
        self._layout.addWidget(notice)
        return notice

    def show_error(self, conflict_id: int, message: str) -> None:
        notice = self.notices.get(conflict_id)
        if notice is not None:
            notice.show_error(message)


class ConflictCountLabel(QLabel):
    """The status bar's count of conflicts waiting for the agent (all customers); hidden at 0."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusConflicts")
        self.setContentsMargins(8, 0, 8, 0)
        self.setStyleSheet("QLabel { color: #b37400; font-weight: bold; }")
        self.count = 0
        self.setVisible(False)

    def show_count(self, count: int) -> None:
        self.count = count
        self.setText(self.tr("%1 conflict(s) to resolve").replace("%1", format_count(count)))
        self.setAccessibleName(self.tr("Edit conflicts to resolve"))
        self.setToolTip(
            self.tr("Changes of yours that another desk beat; open the customer to resolve them")
        )
        self.setVisible(count > 0)

    def changeEvent(self, event: QEvent) -> None:
        # The status bar outlives the window's language rebuilds: translate in place.
        if event.type() == QEvent.Type.LanguageChange:
            self.show_count(self.count)
        super().changeEvent(event)
