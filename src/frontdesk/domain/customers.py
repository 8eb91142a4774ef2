"""Customers: who the agent or cashier is talking to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from frontdesk.domain.errors import ValidationError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE_SEPARATORS = re.compile(r"[\s().\-]")
_PHONE = re.compile(r"^\+?\d{5,15}$")
_CARD = re.compile(r"^\d{4,19}$")
MAX_NAME = 200
MAX_NOTES = 10_000


def normalize_phone(raw: str) -> str:
    """A phone number as digits with an optional leading '+', or a ValidationError."""
    compact = _PHONE_SEPARATORS.sub("", raw or "")
    if not _PHONE.match(compact):
        raise ValidationError("phones", f"{raw!r} is not a phone number (5 to 15 digits)")
    return compact


def normalize_email(raw: str) -> str:
    email = (raw or "").strip()
    if len(email) > 254 or not _EMAIL.match(email):
        raise ValidationError("emails", f"{raw!r} is not an e-mail address")
    return email


def normalize_card(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    card = raw.replace(" ", "").strip()
    if not _CARD.match(card):
        raise ValidationError("loyalty_card", f"{raw!r} is not a card number (4 to 19 digits)")
    return card


@dataclass(frozen=True, slots=True)
class Customer:
    """A customer as the whole company knows them.

    ``full_name`` may be empty for accounts known only by number (business accounts
    imported from order systems); ``display_name`` then falls back to the account number.
    """

    id: str
    account_number: str
    full_name: str
    created_at: datetime
    updated_at: datetime
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    loyalty_card: str | None = None
    branch: str = ""
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            raise ValidationError("id", "must not be empty")
        if not self.account_number.strip():
            raise ValidationError("account_number", "must not be empty")
        if len(self.full_name) > MAX_NAME:
            raise ValidationError("full_name", f"longer than {MAX_NAME} characters")
        if len(self.notes) > MAX_NOTES:
            raise ValidationError("notes", f"longer than {MAX_NOTES} characters")
        if self.updated_at < self.created_at:
            raise ValidationError("updated_at", "is before created_at")
        object.__setattr__(self, "phones", tuple(normalize_phone(p) for p in self.phones))
        object.__setattr__(self, "emails", tuple(normalize_email(e) for e in self.emails))
        object.__setattr__(self, "loyalty_card", normalize_card(self.loyalty_card))

    @property
    def display_name(self) -> str:
        return self.full_name.strip() or f"Account {self.account_number}"
