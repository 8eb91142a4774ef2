"""Screen pop: which customer to put on screen for a phone number or a customer id.

A softphone, a CRM link or a script asks the running window to show a customer with
``frontdesk open --phone N``, ``frontdesk open --customer ID|ACCOUNT`` or the link
``frontdesk://open?phone=N`` (``?customer=ID``), as an OS URL handler passes it. The link
comes from outside the desk (a web page, a mail), so it is parsed strictly here: one scheme,
one host, one parameter, bounded and printable, or a ``ScreenPopError`` that says what is
wrong. Nothing here knows Qt: the window (``ui/single_instance``) only acts on the outcome.

Phones are matched the way the lookup matches them (``domain.text.phone_key``): the same
number dialled at home (``8 916...``, ``020 ...``) or abroad (``+7 916...``) is one number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from urllib.parse import quote, unquote, urlsplit

from frontdesk.domain.customers import normalize_phone
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.text import phone_key
from frontdesk.services.errors import FrontdeskError
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.read_models import CustomerMatch

SCHEME = "frontdesk"
HOST = "open"
#: Longer than any real link of ours; a bigger one is refused before it is parsed.
MAX_URL = 512
#: A dialled number with spaces, dashes and brackets, never more.
MAX_PHONE = 40
#: Customer ids (uuid) and account numbers are far shorter.
MAX_CUSTOMER = 64
#: The most customers one number is shown with for the agent to choose from.
MAX_CHOICES = 20
_CUSTOMER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")


class ScreenPopError(FrontdeskError):
    """A screen-pop request that cannot be acted on; the message says why."""


@dataclass(frozen=True, slots=True)
class PopRequest:
    """Show the customer with this phone number, or this customer (id or account)."""

    phone: str | None = None
    customer: str | None = None

    def __post_init__(self) -> None:
        if (self.phone is None) == (self.customer is None):
            raise ScreenPopError("say either a phone number or a customer, not both or neither")
        if self.phone is not None:
            object.__setattr__(self, "phone", checked_phone(self.phone))
        if self.customer is not None:
            object.__setattr__(self, "customer", checked_customer(self.customer))

    def to_url(self) -> str:
        """The canonical link for this request (what ``parse_open_url`` reads back)."""
        key, value = (
            ("phone", self.phone) if self.phone is not None else ("customer", self.customer)
        )
        return f"{SCHEME}://{HOST}?{key}={quote(value or '', safe='')}"


class PopKind(Enum):
    CUSTOMER = "customer"  # one customer: open them
    NEW = "new"  # a number nobody has: the new-customer form, the number filled in
    CHOOSE = "choose"  # several customers share the number: the agent picks
    MISSING = "missing"  # no customer has this id or account number


@dataclass(frozen=True, slots=True)
class PopResult:
    kind: PopKind
    request: PopRequest
    customer_id: str | None = None
    matches: list[CustomerMatch] = field(default_factory=list)


def checked_phone(raw: str) -> str:
    """``raw`` stripped, if it is a phone number (5 to 15 digits, usual separators)."""
    text = _printable(raw, "phone number", MAX_PHONE).strip()
    try:
        normalize_phone(text)
    except ValidationError as error:
        raise ScreenPopError(error.message) from None
    return text


def checked_customer(raw: str) -> str:
    text = _printable(raw, "customer", MAX_CUSTOMER).strip()
    if not _CUSTOMER.match(text):
        raise ScreenPopError(f"{text!r} is not a customer id or account number")
    return text


def parse_open_url(url: str) -> PopRequest:
    """The request a ``frontdesk://open?phone=N`` (or ``?customer=ID``) link makes.

    Anything else is a ``ScreenPopError``: another scheme, host, path, port or user; a
    fragment; no parameter, an unknown one, or two; a value too long, empty or with control
    characters (before or after %-decoding). A ``+`` is a plus (``+7...``), not a space.
    """
    text = _printable(url, "link", MAX_URL)
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise ScreenPopError(f"not a frontdesk:// link: {error}") from None
    if parts.scheme.lower() != SCHEME:
        raise ScreenPopError(f"not a {SCHEME}:// link: {_short(text)!r}")
    if parts.netloc.lower() != HOST or port is not None:
        raise ScreenPopError(f"a {SCHEME}:// link must be {SCHEME}://{HOST}?phone=… or ?customer=…")
    if parts.path not in ("", "/") or parts.fragment or "#" in text:
        raise ScreenPopError(f"a {SCHEME}://{HOST} link has no path or #fragment")
    return _request_from_query(parts.query)


def _request_from_query(query: str) -> PopRequest:
    pairs = query.split("&") if query else []
    if len(pairs) != 1 or "=" not in pairs[0]:
        raise ScreenPopError("a frontdesk://open link takes one parameter: phone=… or customer=…")
    key, _, raw = pairs[0].partition("=")
    try:
        value = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        raise ScreenPopError(f"the {key} in the link is not valid UTF-8") from None
    if key == "phone":
        return PopRequest(phone=value)
    if key == "customer":
        return PopRequest(customer=value)
    raise ScreenPopError(f"unknown parameter {_short(key)!r}: use phone=… or customer=…")


def find_screen_pop(queries: AbstractCustomerQueries, request: PopRequest) -> PopResult:
    """What the window should show for ``request``, read from the cache."""
    if request.customer is not None:
        customer_id = customer_by_id_or_account(queries, request.customer)
        if customer_id is None:
            return PopResult(PopKind.MISSING, request)
        return PopResult(PopKind.CUSTOMER, request, customer_id=customer_id)
    phone = request.phone or ""
    matches = customers_with_phone(queries, phone)
    if not matches:
        return PopResult(PopKind.NEW, request)
    if len(matches) == 1:
        return PopResult(PopKind.CUSTOMER, request, customer_id=matches[0].id, matches=matches)
    return PopResult(PopKind.CHOOSE, request, matches=matches)


def customers_with_phone(queries: AbstractCustomerQueries, phone: str) -> list[CustomerMatch]:
    """The customers who have this whole number (any dialling form), most recent first.

    The lookup also finds numbers that merely contain the digits; a screen pop wants the
    caller, so only whole-number matches count.
    """
    wanted = phone_key(phone)
    matches = queries.search(phone, limit=MAX_CHOICES)
    return [m for m in matches if m.matched_field == "phone" and phone_key(m.phone) == wanted]


def customer_by_id_or_account(queries: AbstractCustomerQueries, text: str) -> str | None:
    if queries.profile(text) is not None:
        return text
    exact = [m for m in queries.search(text, limit=5) if m.account_number == text]
    return exact[0].id if exact else None


def _printable(raw: str, what: str, limit: int) -> str:
    if len(raw) > limit:
        raise ScreenPopError(f"the {what} is too long ({len(raw)} characters; at most {limit})")
    if not raw.strip():
        raise ScreenPopError(f"the {what} is empty")
    if any(unicodedata.category(char).startswith("C") for char in raw):
        raise ScreenPopError(f"the {what} contains control or invisible characters")
    return raw


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
