"""Log a contact: a call, visit or e-mail with its reason, notes, outcome and follow-up date.

The dialog only gathers and checks what the agent typed; the window records it through the
desk's writes in a background operation and shows any refusal back here, inline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.ui.widgets.form_errors import error_label

# The longest reason an interaction accepts (domain/service.py).
MAX_REASON = 200


@dataclass(frozen=True, slots=True)
class ContactForm:
    """What the agent entered, ready for ``DeskWrites.log_contact``."""

    channel: str
    reason: str
    notes: str
    outcome: str
    follow_up: date | None


class ContactDialog(QDialog):
    """A small form: channel, reason (required), notes, outcome, optional follow-up date.

    Signals:
        submitted(object): the agent saved a valid ``ContactForm``; the dialog waits for
            the window to ``accept()`` it or ``show_error(message)``.
    """

    submitted = Signal(object)

    def __init__(self, customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle(self.tr("Log contact with %1").replace("%1", customer_name))
        self.channel_combo = self._make_channels()
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("contactReason")
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        self.reason_edit.setMaxLength(MAX_REASON)
        self.reason_edit.setPlaceholderText(self.tr("Why the customer got in touch"))
        self.reason_error = error_label(self, "contactReasonError")
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("contactNotes")
        self.notes_edit.setAccessibleName(self.tr("Notes"))
        self.notes_edit.setTabChangesFocus(True)
        self.outcome_edit = QLineEdit(self)
        self.outcome_edit.setObjectName("contactOutcome")
        self.outcome_edit.setAccessibleName(self.tr("Outcome"))
        self.outcome_edit.setMaxLength(MAX_REASON)
        self.follow_up_check = QCheckBox(self.tr("Follow up on"), self)
        self.follow_up_check.setObjectName("contactFollowUpCheck")
        self.follow_up_edit = self._make_follow_up()
        self.form_error = error_label(self, "contactError")
        self.buttons = self._make_buttons()
        self._lay_out()
        self.follow_up_check.toggled.connect(self.follow_up_edit.setEnabled)
        self.reason_edit.textEdited.connect(lambda _text: self.reason_error.hide())

    def _make_channels(self) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("contactChannel")
        combo.setAccessibleName(self.tr("Channel"))
        combo.addItem(self.tr("Call"), "call")
        combo.addItem(self.tr("Visit"), "visit")
        combo.addItem(self.tr("E-mail"), "email")
        return combo

    def _make_follow_up(self) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate().addDays(7), self)
        edit.setObjectName("contactFollowUp")
        edit.setAccessibleName(self.tr("Follow-up date"))
        edit.setCalendarPopup(True)
        edit.setMinimumDate(QDate.currentDate())
        edit.setEnabled(False)
        return edit

    def _make_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        return buttons

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._caption(self.tr("&Channel"), self.channel_combo), self.channel_combo)
        form.addRow(self._caption(self.tr("&Reason"), self.reason_edit), self.reason_edit)
        form.addRow("", self.reason_error)
        form.addRow(self._caption(self.tr("&Notes"), self.notes_edit), self.notes_edit)
        form.addRow(self._caption(self.tr("&Outcome"), self.outcome_edit), self.outcome_edit)
        follow = QHBoxLayout()
        follow.addWidget(self.follow_up_check)
        follow.addWidget(self.follow_up_edit, 1)
        form.addRow(self._caption(self.tr("Follow-up"), self.follow_up_check), follow)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def _caption(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def form(self) -> ContactForm:
        follow = self.follow_up_edit.date().toPython() if self.follow_up_check.isChecked() else None
        return ContactForm(
            channel=self.channel_combo.currentData(),
            reason=self.reason_edit.text().strip(),
            notes=self.notes_edit.toPlainText(),
            outcome=self.outcome_edit.text().strip(),
            follow_up=follow,
        )

    def show_error(self, message: str) -> None:
        """The desk refused the contact (the form stays open with what was typed)."""
        self.form_error.setText(message)
        self.form_error.show()
        self.buttons.setEnabled(True)

    def _on_buttons_accepted(self) -> None:
        if not self.reason_edit.text().strip():
            self.reason_error.setText(self.tr("Give a reason for the contact."))
            self.reason_error.show()
            self.reason_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.form_error.hide()
        self.buttons.setEnabled(False)  # until the write has answered
        self.submitted.emit(self.form())
