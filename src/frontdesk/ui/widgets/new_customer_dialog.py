"""Register a new customer: the profile editor's form, blank, prefilled from the search query.

The checks are the profile editor's own (phones, e-mails, card, notes) plus a required name;
the account number may be typed or left blank for the desk to make one.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from frontdesk.domain.customers import normalize_phone
from frontdesk.domain.errors import ValidationError
from frontdesk.services.read_models import CustomerProfile
from frontdesk.ui.widgets.form_errors import error_label
from frontdesk.ui.widgets.profile_editor import ProfileEditor

_ACCOUNT_MAX = 64


def prefill_from_query(query: str) -> dict[str, Any]:
    """What a search that found nothing says about the caller: a phone, an e-mail or a name."""
    text = query.strip()
    if "@" in text:
        return {"emails": [text]}
    digits = sum(ch.isdigit() for ch in text)
    if digits >= len(text.replace(" ", "")) * 0.7 and _is_phone(text):
        return {"phones": [text]}
    return {"full_name": text} if text else {}


def _is_phone(text: str) -> bool:
    try:
        normalize_phone(text)
    except ValidationError:
        return False
    return True


def _blank_profile(prefill: dict[str, Any]) -> CustomerProfile:
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return CustomerProfile(
        id="",
        account_number="",
        display_name="",
        full_name=prefill.get("full_name", ""),
        phones=tuple(prefill.get("phones", ())),
        emails=tuple(prefill.get("emails", ())),
        loyalty_card=None,
        branch="",
        notes="",
        created_at=epoch,
        updated_at=epoch,
        purchase_count=0,
        lifetime_spend=(),
        first_purchase=None,
        last_purchase=None,
    )


class NewCustomerDialog(ProfileEditor):
    """A blank profile to fill in, with an optional account number.

    Signals:
        submitted(object): Save with every field valid; the filled-in fields as a dict
            ready for ``DeskWrites.create_customer`` (``account_number()`` holds the account).
    """

    def __init__(self, query: str, parent: QWidget | None = None) -> None:
        super().__init__(_blank_profile(prefill_from_query(query)), parent)
        self.setObjectName("newCustomerDialog")
        # changes() reports what differs from this: against a blank profile, the prefill
        # counts as typed.
        self._profile = _blank_profile({})
        self.setWindowTitle(self.tr("New customer"))
        self.account_edit = self._line("editAccount", self.tr("Account number"), "")
        self.account_edit.setMaxLength(_ACCOUNT_MAX)
        self.account_edit.setPlaceholderText(self.tr("Leave blank to make one"))
        self.errors["name"] = error_label(self, "nameError")
        self._add_rows()
        self.name_edit.textChanged.connect(self._validate)
        self._validate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Where the agent types next: the name, unless the query filled it.
        QTimer.singleShot(0, self._focus_first_blank)

    def _add_rows(self) -> None:
        form = self.findChild(QFormLayout)
        label = QLabel(self.tr("&Account number"), self)
        label.setBuddy(self.account_edit)
        form.insertRow(1, "", self.errors["name"])
        form.insertRow(2, label, self.account_edit)
        self.setTabOrder(self.name_edit, self.account_edit)
        self.setTabOrder(self.account_edit, self.phones_edit)
        self.resize(480, self.sizeHint().height())

    def _focus_first_blank(self) -> None:
        if self.name_edit.text().strip():
            self.phones_edit.setFocus()
        else:
            self.name_edit.setFocus()

    def field_errors(self) -> dict[str, str]:
        errors = super().field_errors()
        if not self.name_edit.text().strip():
            errors["name"] = self.tr("A new customer needs a name.")
        return errors

    def account_number(self) -> str:
        return self.account_edit.text().strip()
