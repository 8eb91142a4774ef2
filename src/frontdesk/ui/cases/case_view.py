"""The case view: one case, its history, its attachments, a comment box, and the moves it
may make.

A dialog over the window. It only shows what ``CaseFlows`` loaded and says what the agent
asked for (by signal); the flows run the writes and show the case again, or the refusal
inline. The status list offers only the moves ``domain.cases.TRANSITIONS`` allows from the
case's status; the assignee list offers the teams and their members.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.cases import TRANSITIONS, CaseStatus
from frontdesk.services.cases.ports import CaseConflict, CaseEvent
from frontdesk.ui.cases import texts
from frontdesk.ui.cases.attachments_panel import AttachmentsPanel
from frontdesk.ui.cases.bundle import CaseBundle
from frontdesk.ui.formatting import format_datetime
from frontdesk.ui.widgets.form_errors import ERROR_STYLE, error_label, show_error

_EMPTY = "—"


def ui_language() -> str:
    return "ru" if QLocale().language() == QLocale.Language.Russian else "en"


def _links_text(links: tuple[dict, ...], purchase_numbers: dict[str, str] | None = None) -> str:
    """One line per link; a purchase by its receipt number where the desk holds it."""
    numbers = purchase_numbers or {}
    kinds = {
        "purchase": texts.tr("Purchase %1"),
        "receipt": texts.tr("Receipt %1"),
        "interaction": texts.tr("Contact %1"),
        "order": texts.tr("Order %1"),
    }
    parts = []
    for link in links:
        ref = str(link.get("ref", ""))
        if link.get("kind") == "purchase":
            ref = numbers.get(ref, ref)
        text = kinds.get(link.get("kind", ""), "%1").replace("%1", ref)
        if link.get("line"):
            text += " · " + texts.tr("line %1").replace("%1", str(link["line"]))
        parts.append(text)
    return "\n".join(parts)


def history_line(event: CaseEvent, teams: dict[str, str]) -> str:
    text = f"{format_datetime(event.at)} · {event.author} — {texts.event_text(event, teams)}"
    return text + "  " + texts.tr("(not sent yet)") if event.pending else text


class ConflictNotice(QFrame):
    """One open conflict: what this desk wanted, what the server kept, and the two choices."""

    chosen = Signal(int, str)

    def __init__(self, conflict: CaseConflict, teams: dict[str, str], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("caseConflict")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        text = (
            texts.tr("Another desk changed %1 first: it is %2; you chose %3.")
            .replace("%1", texts.field_name(conflict.field))
            .replace("%2", texts.conflict_value(conflict.field, conflict.kept, teams))
            .replace("%3", texts.conflict_value(conflict.field, conflict.yours, teams))
        )
        label = QLabel(text, self)
        label.setWordWrap(True)
        mine = QPushButton(texts.tr("Use &mine"), self)
        mine.setObjectName("useMineButton")
        mine.setAccessibleName(texts.tr("Use mine"))
        theirs = QPushButton(texts.tr("&Keep theirs"), self)
        theirs.setObjectName("keepTheirsButton")
        theirs.setAccessibleName(texts.tr("Keep theirs"))
        mine.clicked.connect(lambda: self.chosen.emit(conflict.id, "mine"))
        theirs.clicked.connect(lambda: self.chosen.emit(conflict.id, "theirs"))
        layout = QHBoxLayout(self)
        layout.addWidget(label, 1)
        layout.addWidget(mine)
        layout.addWidget(theirs)


class CaseView(QDialog):
    """One case, shown by ``CaseFlows``.

    Signals:
        comment_requested(str, str): add this comment body with this visibility.
        status_requested(str): move the case to this status.
        assign_requested(object, object): hand the case to this user and/or team (None: none).
        resolution_chosen(int, str): settle this conflict id ("mine" or "theirs").
        attach_requested(str, str): attach the file at this path with this visibility.
        open_attachment_requested(str): open the attachment with this id.
    """

    comment_requested = Signal(str, str)
    status_requested = Signal(str)
    assign_requested = Signal(object, object)
    resolution_chosen = Signal(int, str)
    attach_requested = Signal(str, str)
    open_attachment_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.bundle: CaseBundle | None = None
        self.title_label = QLabel(self)
        self.title_label.setObjectName("caseTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self._values: dict[str, QLabel] = {}
        self._grid = QGridLayout()
        self._add_fields()
        self.description_label = QLabel(self)
        self.description_label.setObjectName("caseDescription")
        self.description_label.setWordWrap(True)
        self.description_label.setTextFormat(Qt.TextFormat.PlainText)
        self.description_label.setAccessibleName(texts.tr("Description"))
        self.conflicts_box = QVBoxLayout()
        self.history_view = QListWidget(self)
        self.history_view.setObjectName("caseHistory")
        self.history_view.setAccessibleName(texts.tr("Case history"))
        self.history_view.setWordWrap(True)
        self.history_view.setAlternatingRowColors(True)
        self.attachments_panel = AttachmentsPanel(self)
        self.attachments_panel.attach_requested.connect(self.attach_requested)
        self.attachments_panel.open_requested.connect(self.open_attachment_requested)
        self.attachments_panel.refused.connect(self.show_error)
        self.addAction(self.attachments_panel.attach_action)
        self._build_comment()
        self._build_moves()
        self.error_label = error_label(self, "caseError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.resize(760, 720)

    # Construction

    def _add_fields(self) -> None:
        fields = (
            ("status", texts.tr("Status")),
            ("priority", texts.tr("Priority")),
            ("category", texts.tr("Category")),
            ("channel", texts.tr("Channel")),
            ("customer", texts.tr("Customer")),
            ("assignee", texts.tr("Assignee")),
            ("due", texts.tr("Due")),
            ("opened", texts.tr("Opened")),
            ("links", texts.tr("Linked to")),
        )
        for row, (key, caption) in enumerate(fields):
            column = (row % 2) * 2
            caption_label = QLabel(caption, self)
            caption_label.setObjectName("caseCaption")
            value = QLabel(_EMPTY, self)
            value.setObjectName(f"case_{key}")
            value.setAccessibleName(caption)
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption_label.setBuddy(value)
            self._values[key] = value
            self._grid.addWidget(caption_label, row // 2, column, Qt.AlignmentFlag.AlignTop)
            self._grid.addWidget(value, row // 2, column + 1, Qt.AlignmentFlag.AlignTop)
        self._grid.setColumnStretch(1, 1)
        self._grid.setColumnStretch(3, 1)
        self._grid.setHorizontalSpacing(12)

    def _build_comment(self) -> None:
        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setObjectName("caseComment")
        self.comment_edit.setAccessibleName(texts.tr("New comment"))
        self.comment_edit.setPlaceholderText(texts.tr("Write a comment…"))
        self.comment_edit.setTabChangesFocus(True)
        self.comment_edit.setFixedHeight(self.fontMetrics().height() * 4)
        self.visibility_combo = QComboBox(self)
        self.visibility_combo.setObjectName("caseVisibility")
        self.visibility_combo.setAccessibleName(texts.tr("Who may read the comment"))
        self.visibility_combo.addItem(texts.tr("Internal (colleagues only)"), "internal")
        self.visibility_combo.addItem(texts.tr("For the customer"), "customer")
        self.comment_button = QPushButton(texts.tr("Add &comment"), self)
        self.comment_button.setObjectName("caseCommentButton")
        self.comment_button.setAccessibleName(texts.tr("Add comment"))
        self.comment_button.setToolTip(texts.tr("Add the comment to the history (Ctrl+Enter)"))
        self.comment_edit.installEventFilter(self)  # Ctrl+Enter sends from the box itself
        self.comment_button.clicked.connect(self._on_comment_button_clicked)

    def _build_moves(self) -> None:
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("caseStatusChoice")
        self.status_combo.setAccessibleName(texts.tr("New status"))
        self.status_button = QPushButton(texts.tr("Change &status"), self)
        self.status_button.setObjectName("caseStatusButton")
        self.status_button.setAccessibleName(texts.tr("Change status"))
        self.status_button.clicked.connect(self._on_status_button_clicked)
        self.assignee_combo = QComboBox(self)
        self.assignee_combo.setObjectName("caseAssigneeChoice")
        self.assignee_combo.setAccessibleName(texts.tr("New assignee"))
        self.assign_button = QPushButton(texts.tr("&Assign"), self)
        self.assign_button.setObjectName("caseAssignButton")
        self.assign_button.setAccessibleName(texts.tr("Assign"))
        self.assign_button.clicked.connect(self._on_assign_button_clicked)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addLayout(self._grid)
        layout.addWidget(self.description_label)
        layout.addLayout(self.conflicts_box)
        history_title = QLabel(texts.tr("&History"), self)
        history_title.setBuddy(self.history_view)
        layout.addWidget(history_title)
        layout.addWidget(self.history_view, 1)
        layout.addWidget(self.attachments_panel)
        comment_row = QHBoxLayout()
        comment_row.addWidget(self.visibility_combo)
        comment_row.addStretch(1)
        comment_row.addWidget(self.comment_button)
        layout.addWidget(self.comment_edit)
        layout.addLayout(comment_row)
        moves = QHBoxLayout()
        moves.addWidget(self.status_combo)
        moves.addWidget(self.status_button)
        moves.addSpacing(16)
        moves.addWidget(self.assignee_combo, 1)
        moves.addWidget(self.assign_button)
        layout.addLayout(moves)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        for before, after in (
            (self.history_view, self.attachments_panel.list_view),
            (self.attachments_panel.list_view, self.attachments_panel.open_button),
            (self.attachments_panel.open_button, self.attachments_panel.visibility_combo),
            (self.attachments_panel.visibility_combo, self.attachments_panel.attach_button),
            (self.attachments_panel.attach_button, self.comment_edit),
            (self.comment_edit, self.visibility_combo),
            (self.visibility_combo, self.comment_button),
            (self.comment_button, self.status_combo),
            (self.status_combo, self.status_button),
            (self.status_button, self.assignee_combo),
            (self.assignee_combo, self.assign_button),
        ):
            self.setTabOrder(before, after)

    # What the flows show

    def show_case(self, bundle: CaseBundle) -> None:
        self.bundle = bundle
        case, teams = bundle.case, bundle.team_names()
        self.setWindowTitle(texts.tr("Case %1").replace("%1", case.number))
        self.title_label.setText(f"{case.number} · {case.subject}")
        due, overdue = texts.due_text(case, bundle.now)
        values = {
            "status": texts.name_of(texts.STATUSES, case.status),
            "priority": texts.name_of(texts.PRIORITIES, case.priority),
            "category": bundle.category_name(ui_language()),
            "channel": texts.name_of(texts.CHANNELS, case.channel),
            "customer": bundle.customer_name,
            "assignee": texts.assignee_text(case.assignee_user, case.assignee_team, teams),
            "due": due,
            "opened": f"{format_datetime(case.opened_at)} · {case.opened_by}",
            "links": _links_text(case.links, bundle.purchase_numbers),
        }
        for key, text in values.items():
            self._values[key].setText(text or _EMPTY)
        self._values["due"].setStyleSheet(ERROR_STYLE if overdue else "")
        self.description_label.setText(case.description)
        self.description_label.setVisible(bool(case.description.strip()))
        self._show_conflicts([c for c in bundle.conflicts if c.is_open], teams)
        self._show_history(bundle.history, teams)
        self.attachments_panel.show_attachments(bundle.attachments, limit=bundle.attachment_limit)
        self._fill_moves(bundle)
        show_error(self.error_label, "")

    def _show_history(self, history: list[CaseEvent], teams: dict[str, str]) -> None:
        self.history_view.clear()
        for event in history:
            item = QListWidgetItem(history_line(event, teams))
            if event.pending:
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            self.history_view.addItem(item)
        self.history_view.scrollToBottom()

    def _show_conflicts(self, conflicts: list[CaseConflict], teams: dict[str, str]) -> None:
        while self.conflicts_box.count():
            widget = self.conflicts_box.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        for conflict in conflicts:
            notice = ConflictNotice(conflict, teams, self)
            notice.chosen.connect(self.resolution_chosen)
            self.conflicts_box.addWidget(notice)

    def _fill_moves(self, bundle: CaseBundle) -> None:
        self.status_combo.clear()
        order = list(CaseStatus)
        moves = sorted(TRANSITIONS[CaseStatus(bundle.case.status)], key=order.index)
        for status in moves:
            self.status_combo.addItem(texts.name_of(texts.STATUSES, status), str(status))
        self.status_button.setEnabled(bool(moves))
        self.assignee_combo.clear()
        for team in bundle.teams:
            if not team.active:
                continue
            self.assignee_combo.addItem(texts.tr("Team: %1").replace("%1", team.name),
                                        (None, team.code))  # fmt: skip
            for member in team.members:
                label = texts.tr("%1 (in %2)").replace("%1", member).replace("%2", team.name)
                self.assignee_combo.addItem(label, (member, team.code))
        self.assign_button.setEnabled(self.assignee_combo.count() > 0)

    def show_error(self, message: str) -> None:
        show_error(self.error_label, message)

    def value_text(self, key: str) -> str:
        return self._values[key].text()

    def history_texts(self) -> list[str]:
        view = self.history_view
        return [view.item(row).text() for row in range(view.count())]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.comment_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._on_comment_button_clicked()
            return True
        return super().eventFilter(watched, event)

    # Slots

    def _on_comment_button_clicked(self) -> None:
        body = self.comment_edit.toPlainText().strip()
        if not body:
            self.show_error(texts.tr("Write the comment first."))
            self.comment_edit.setFocus()
            return
        self.comment_requested.emit(body, self.visibility_combo.currentData())

    def _on_status_button_clicked(self) -> None:
        status = self.status_combo.currentData()
        if status:
            self.status_requested.emit(status)

    def _on_assign_button_clicked(self) -> None:
        choice = self.assignee_combo.currentData()
        if choice:
            user, team = choice
            self.assign_requested.emit(user, team)
