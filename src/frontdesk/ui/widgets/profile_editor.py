"""Edit a customer's name, contacts, card and notes, with inline errors as the agent types.

Phones and e-mails are checked by the domain's own normalisers (the same rules the write
applies), one value per line; Save stays disabled while any field is wrong, and each wrong
field says why right under it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.domain.customers import (
    MAX_NAME,
    MAX_NOTES,
    normalize_card,
    normalize_email,
    normalize_phone,
)
from frontdesk.domain.errors import ValidationError
from frontdesk.services.read_models import CustomerProfile
from frontdesk.ui.widgets.form_errors import error_label, show_error


def split_values(text: str) -> list[str]:
    """One value per line or comma; blanks dropped."""
    return [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]


class ProfileEditor(QDialog):
    """The editable part of a customer's profile.

    Signals:
        submitted(object): Save with every field valid; the changed fields as a dict
            (``full_name``, ``phones``, ``emails``, ``loyalty_card``, ``notes``) ready for
            ``DeskWrites.edit_customer``. The dialog waits for ``accept()`` or ``show_error``.
    """

    submitted = Signal(object)

    def __init__(self, profile: CustomerProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileEditor")
        self.setWindowTitle(self.tr("Edit %1").replace("%1", profile.display_name))
        self._profile = profile
        self.name_edit = self._line("editName", self.tr("Full name"), profile.full_name)
        self.name_edit.setMaxLength(MAX_NAME)
        self.phones_edit = self._text("editPhones", self.tr("Phones"), profile.phones)
        self.emails_edit = self._text("editEmails", self.tr("E-mails"), profile.emails)
        self.card_edit = self._line("editCard", self.tr("Loyalty card"), profile.loyalty_card or "")
        self.notes_edit = self._text("editNotes", self.tr("Notes"), (profile.notes,))
        self.errors = {
            key: error_label(self, f"{key}Error") for key in ("phones", "emails", "card", "notes")
        }
        self.form_error = error_label(self, "editError")
        self.buttons = self._make_buttons()
        self._lay_out()
        for edit in (self.phones_edit, self.emails_edit, self.notes_edit):
            edit.textChanged.connect(self._validate)
        self.card_edit.textChanged.connect(self._validate)
        self._validate()

    def _line(self, name: str, accessible: str, text: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        return edit

    def _text(self, name: str, accessible: str, values: tuple[str, ...]) -> QPlainTextEdit:
        edit = QPlainTextEdit("\n".join(values), self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
        return edit

    def _make_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        return buttons

    def _lay_out(self) -> None:
        self.notes_edit.setFixedHeight(self.notes_edit.fontMetrics().lineSpacing() * 5 + 12)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = (
            (self.tr("Full &name"), self.name_edit, None),
            (self.tr("&Phones"), self.phones_edit, "phones"),
            (self.tr("&E-mails"), self.emails_edit, "emails"),
            (self.tr("Loyalty &card"), self.card_edit, "card"),
            (self.tr("N&otes"), self.notes_edit, "notes"),
        )
        for caption, edit, error in rows:
            label = QLabel(caption, self)
            label.setBuddy(edit)
            form.addRow(label, edit)
            if error:
                form.addRow("", self.errors[error])
        hint = QLabel(self.tr("One phone or e-mail per line."), self)
        hint.setObjectName("editHint")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.resize(480, self.sizeHint().height())

    # Validation

    def _checked(self, values: list[str], check: Callable[[str], Any], message: str) -> str:
        for value in values:
            try:
                check(value)
            except ValidationError:
                return message.replace("%1", value)
        return ""

    def field_errors(self) -> dict[str, str]:
        """Each wrong field's message (in the agent's language); empty when all is well."""
        errors = {
            "phones": self._checked(
                split_values(self.phones_edit.toPlainText()),
                normalize_phone,
                self.tr("“%1” is not a phone number: use 5 to 15 digits, + first if needed."),
            ),
            "emails": self._checked(
                split_values(self.emails_edit.toPlainText()),
                normalize_email,
                self.tr("“%1” is not an e-mail address (name@example.com)."),
            ),
            "card": self._checked(
                [self.card_edit.text()] if self.card_edit.text().strip() else [],
                normalize_card,
                self.tr("“%1” is not a card number: use 4 to 19 digits."),
            ),
            "notes": self.tr("Notes are longer than %1 characters.").replace("%1", str(MAX_NOTES))
            if len(self.notes_edit.toPlainText()) > MAX_NOTES
            else "",
        }
        return {key: message for key, message in errors.items() if message}

    def _validate(self) -> None:
        errors = self.field_errors()
        for key, label in self.errors.items():
            show_error(label, errors.get(key, ""))
        self.save_button.setEnabled(not errors)

    # Result

    def changes(self) -> dict[str, Any]:
        """The fields the agent changed, normalised as the cache stores them."""
        wanted = {
            "full_name": self.name_edit.text().strip(),
            "phones": [normalize_phone(v) for v in split_values(self.phones_edit.toPlainText())],
            "emails": [normalize_email(v) for v in split_values(self.emails_edit.toPlainText())],
            "loyalty_card": normalize_card(self.card_edit.text()),
            "notes": self.notes_edit.toPlainText(),
        }
        current = {
            "full_name": self._profile.full_name,
            "phones": list(self._profile.phones),
            "emails": list(self._profile.emails),
            "loyalty_card": self._profile.loyalty_card,
            "notes": self._profile.notes,
        }
        return {key: value for key, value in wanted.items() if current[key] != value}

    def show_error(self, message: str) -> None:
        show_error(self.form_error, message)
        self.buttons.setEnabled(True)

    def _on_buttons_accepted(self) -> None:
        if self.field_errors():
            return
        self.buttons.setEnabled(False)  # until the write has answered
        self.submitted.emit(self.changes())
