"""The till's refusals in the cashier's language.

The services refuse with an English message for the CLI and logs, and a ``code`` with
``params`` (see ``services.till.errors``); here each code gets its tr() wording, filled with
the params formatted for the locale (money, dates). A refusal without a code (the domain's
checks of a typed value) is shown as the service said it. A background op returns a
``Refusal`` value rather than raising (``attempt``), and its text is worded on the main
thread, when it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money
from frontdesk.services.till.errors import (
    ApprovalNeeded,
    ApprovalRefused,
    TillRefused,
    UnsyncedShift,
)
from frontdesk.ui.formatting import format_datetime, format_money
from frontdesk.ui.till.basket_refusals import BASKET_WORDINGS

translate = QCoreApplication.translate

#: Fields whose refusals the forms show under the field itself (they route on the prefix).
FIELD_PREFIXED = ("amount", "discount", "float", "tender")


@dataclass(frozen=True, slots=True)
class Refusal:
    """The till said no: ``kind`` is ``approval``, ``needs_approval``, ``unsynced`` or ``till``.

    ``text`` is the refusal in the interface's language; ``message`` is the same with the
    field's name in front (``amount: ...``) where a form routes it to that field.
    """

    kind: str
    english: str
    code: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, kind: str, error: TillRefused) -> Refusal:
        return cls(kind, str(error), error.code, dict(error.params))

    @property
    def field(self) -> str:
        return str(self.params.get("field") or "")

    @property
    def text(self) -> str:
        wording = _WORDINGS.get(self.code)
        if wording is None:
            prefix = f"{self.field}:" if self.field else ""
            return self.english.removeprefix(prefix).strip()
        return wording({name: _shown(name, value) for name, value in self.params.items()})

    @property
    def message(self) -> str:
        if self.kind != "approval" and self.field.startswith(FIELD_PREFIXED):
            return f"{self.field}: {self.text}"
        return self.text


def domain_text(error: DomainError) -> str:
    """A typed value the domain refused, in the interface's language (without its field)."""
    return Refusal("till", getattr(error, "message", str(error)), error.code, error.params).text


def attempt(work: Callable[[], Any]) -> Callable[[], Any]:
    """``work`` for a background op, with the till's refusals returned as ``Refusal``."""

    def run() -> Any:
        try:
            return work()
        except ApprovalRefused as error:
            return Refusal.of("approval", error)
        except ApprovalNeeded as error:
            return Refusal.of("needs_approval", error)
        except UnsyncedShift as error:
            return Refusal.of("unsynced", error)
        except TillRefused as error:
            return Refusal.of("till", error)

    return run


def _fill(text: str, *values: object) -> str:
    # %1..%9 in order; QString::arg would also read a %1 inside a value, so not that.
    for number, value in enumerate(values, start=1):
        text = text.replace(f"%{number}", str(value))
    return text


def _shown(name: str, value: object) -> object:
    if isinstance(value, Money):
        return format_money(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if name == "why":
        return _why(str(value))
    if name == "kind":
        return _kind(str(value))
    return value


def _why(why: str) -> str:
    if why == "no_server":
        return translate("TillRefusal", "This desk is not logged in to a server")
    return translate("TillRefusal", "The server cannot be reached")


def _kind(kind: str) -> str:
    kinds = {"refund": translate("TillRefusal", "refund"), "void": translate("TillRefusal", "void")}
    return kinds.get(kind, kind)


def _role(role: str) -> str:
    roles = {
        "cashier": translate("TillRefusal", "a cashier"),
        "agent": translate("TillRefusal", "a call-centre agent"),
    }
    return roles.get(role, role)


P = Mapping[str, Any]
_WORDINGS: dict[str, Callable[[P], str]] = {
    "shift_already_open": lambda p: _fill(translate("TillRefusal",
        "Register %1 already has an open shift; close it first."), p["register"]),
    "no_open_shift": lambda p: _fill(translate("TillRefusal",
        "Register %1 has no open shift; open one first."), p["register"]),
    "no_shift": lambda p: _fill(translate("TillRefusal",
        "Register %1 has no shift yet."), p["register"]),
    "unsynced": lambda p: translate("TillRefusal",
        "%n transaction(s) of this shift are not synced yet: sync first, or a supervisor "
        "must approve closing anyway.", None, int(p["count"])),
    "customer_unknown": lambda p: _fill(translate("TillRefusal",
        "No customer %1 in this desk's cache."), p["customer"]),
    "purpose_unknown": lambda p: _fill(translate("TillRefusal",
        "Must be a purchase or an account payment, not %1."), p["purpose"]),
    "key_not_uuid": lambda p: translate("TillRefusal",
        "The request's key is not a UUID; try again."),
    "discount_not_purchase": lambda p: translate("TillRefusal",
        "Only a purchase can be discounted, not an account payment."),
    "discount_over_limit": lambda p: _fill(translate("TillRefusal",
        "A discount of %1 is over the cashier's limit of %2% of the sale (%3); a supervisor "
        "must approve it."), p["discount"], p["limit"], p["most"]),
    "over_refund": lambda p: _fill(translate("TillRefusal",
        "Only %1 of %2 is left to refund."), p["left"], p["receipt"]),
    "already_paid_back": lambda p: _fill(translate("TillRefusal",
        "%1 was already refunded or voided."), p["receipt"]),
    "payment_unknown": lambda p: _fill(translate("TillRefusal",
        "No payment %1 at this till or its branch."), p["payment"]),
    "receipt_not_here": lambda p: _fill(translate("TillRefusal",
        "No receipt %1 at this till."), p["receipt"]),
    "receipt_malformed": lambda p: _fill(translate("TillRefusal",
        "“%1” is not a receipt number (like SHOP1-00000042)."), p["receipt"]),
    "receipt_other_branch": lambda p: _fill(translate("TillRefusal",
        "%1 is from register %2, which is not a till of this branch as far as this desk "
        "knows. A receipt is refunded in its own branch."), p["receipt"], p["register"]),
    "receipt_unknown": lambda p: _fill(translate("TillRefusal",
        "No receipt %1 at this till or at the tills of the branch this desk has synced "
        "with. If it was taken just now, sync and try again."), p["receipt"]),
    "receipt_not_payment": lambda p: _fill(translate("TillRefusal",
        "%1 is a %2 receipt, not a payment: only a payment can be refunded."),
        p["receipt"], p["kind"]),
    "receipt_paid_back": lambda p: _fill(translate("TillRefusal",
        "%1 has been paid back in full: nothing is left to refund."), p["receipt"]),
    "supervisor_sign_in": lambda p: _fill(translate("TillRefusal",
        "The server refused the approval: %1"), p["reason"]),
    "not_a_supervisor": lambda p: _fill(translate("TillRefusal",
        "%1 is %2, not a supervisor."), p["username"], _role(str(p["role"]))),
    "offline_never_online": lambda p: _fill(translate("TillRefusal",
        "%1, and %2 has not signed in online at this desk before, so there is nothing to "
        "check the password against offline."), p["why"], p["username"]),
    "offline_wrong_password": lambda p: _fill(translate("TillRefusal",
        "Wrong password for %1 (checked offline)."), p["username"]),
    "offline_turned_off": lambda p: _fill(translate("TillRefusal",
        "%1, and offline approval is turned off at this desk."), p["why"]),
    "offline_expired": lambda p: _fill(translate("TillRefusal",
        "%1, and %2's last online sign-in here is too long ago for an offline approval "
        "(valid until %3)."), p["why"], p["username"], p["until"]),
    # The domain's checks of a typed value (``domain.till``, ``domain.discounts``), shown
    # under the field they are about: lower case, as they follow the field there.
    "not_a_number": lambda p: _fill(translate("TillRefusal", "%1 is not a number"), p["value"]),
    "not_finite": lambda p: _fill(translate("TillRefusal",
        "must be a finite number, got %1"), p["value"]),
    "float_given": lambda p: _fill(translate("TillRefusal",
        "must be given as a decimal string, not a float (%1)"), p["value"]),
    "not_positive": lambda p: _fill(translate("TillRefusal",
        "must be more than zero, got %1"), p["value"]),
    "over_limit": lambda p: _fill(translate("TillRefusal", "over the limit of %1"), p["limit"]),
    "too_many_places": lambda p: _fill(translate("TillRefusal",
        "%1 takes at most %2 decimal places, got %3"), p["currency"], p["places"], p["value"]),
    "currency_not_accepted": lambda p: _fill(translate("TillRefusal",
        "%1 is not accepted here (only %2)"), p["currency"], p["allowed"]),
    "currency_unknown": lambda p: _fill(translate("TillRefusal",
        "unknown currency code %1 (expected ISO 4217, e.g. GBP)"), p["currency"]),
    "no_tender": lambda p: translate("TillRefusal", "give at least one tender"),
    "not_covered": lambda p: _fill(translate("TillRefusal",
        "%1 does not cover %2"), p["tendered"], p["due"]),
    "only_cash_over": lambda p: translate("TillRefusal",
        "only cash can be more than the amount due"),
    "over_100": lambda p: _fill(translate("TillRefusal",
        "cannot be more than 100%, got %1%"), p["value"]),
    "over_sale": lambda p: _fill(translate("TillRefusal",
        "%1 is more than the sale of %2"), p["value"], p["gross"]),
    "whole_sale": lambda p: _fill(translate("TillRefusal",
        "must leave something to pay (the sale is %1)"), p["gross"]),
    "negative": lambda p: _fill(translate("TillRefusal",
        "must not be negative, got %1"), p["value"]),
    "percent_places": lambda p: _fill(translate("TillRefusal",
        "a percentage takes at most %1 decimal places, got %2"), p["places"], p["value"]),
}  # fmt: skip
_WORDINGS.update(BASKET_WORDINGS)
