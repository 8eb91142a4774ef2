"""Customer requests (cases): their statuses and the moves between them, priorities, channels,
links, and the case number a desk gives a case without asking the server.

A case is numbered where it is opened, offline too: ``<device prefix>-<sequence>``, e.g.
``D12-00045``. The server gives each workstation its prefix once (``D`` and the device's own
number, at its registration), and the desk counts its own cases, so two desks never hand out
the same number and an agent can read it out on the phone.

Who may move a case where is the server's business; what moves exist at all is here, so the
desk's buttons, its use cases and the server's applier agree.
"""

from __future__ import annotations

import re
from enum import StrEnum

from frontdesk.domain.errors import ValidationError

#: Digits of a case's own sequence number (more when a desk opens more than 99,999 cases).
CASE_DIGITS = 5
DEVICE_PREFIX = re.compile(r"^D[1-9][0-9]{0,8}$")
CASE_NUMBER = re.compile(r"^D[1-9][0-9]{0,8}-[0-9]{5,12}$")


class CaseStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    #: Waiting on the customer: the clock of the service level stops meanwhile (reports).
    WAITING = "waiting"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"


#: Still someone's work: in the queues, counted as overdue after its due time.
OPEN_STATUSES = frozenset(
    {CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING, CaseStatus.ESCALATED, CaseStatus.REOPENED}
)
_WORKING = {CaseStatus.OPEN, CaseStatus.WAITING, CaseStatus.ESCALATED, CaseStatus.RESOLVED}
#: The moves a case can make; anything else is refused at the desk and on the server.
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.NEW: frozenset(_WORKING | {CaseStatus.CLOSED}),
    CaseStatus.OPEN: frozenset(_WORKING - {CaseStatus.OPEN} | {CaseStatus.CLOSED}),
    CaseStatus.WAITING: frozenset(_WORKING - {CaseStatus.WAITING} | {CaseStatus.CLOSED}),
    CaseStatus.ESCALATED: frozenset(_WORKING - {CaseStatus.ESCALATED} | {CaseStatus.CLOSED}),
    CaseStatus.REOPENED: frozenset(_WORKING | {CaseStatus.CLOSED}),
    CaseStatus.RESOLVED: frozenset({CaseStatus.CLOSED, CaseStatus.REOPENED}),
    CaseStatus.CLOSED: frozenset({CaseStatus.REOPENED}),
}


def can_move(old: CaseStatus, new: CaseStatus) -> bool:
    return new in TRANSITIONS[old]


def check_move(old: CaseStatus, new: CaseStatus) -> None:
    """``ValidationError`` naming both statuses if a case cannot go from ``old`` to ``new``."""
    if not can_move(old, new):
        allowed = ", ".join(sorted(TRANSITIONS[old]))
        raise ValidationError(
            "status", f"a case that is {old} cannot become {new} (it can become: {allowed})"
        )


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class CaseChannel(StrEnum):
    """How the customer brought the request."""

    PHONE = "phone"
    VISIT = "visit"
    EMAIL = "email"
    CHAT = "chat"
    WEB = "web"
    LETTER = "letter"


class LinkKind(StrEnum):
    """What a case can point at: a purchase (and one of its lines), a till receipt, a logged
    contact, later an order."""

    PURCHASE = "purchase"
    RECEIPT = "receipt"
    INTERACTION = "interaction"
    ORDER = "order"


class Visibility(StrEnum):
    """A comment for colleagues only, or one that may be told or sent to the customer."""

    INTERNAL = "internal"
    CUSTOMER = "customer"


def device_prefix(device_number: int) -> str:
    """The case-number prefix of the workstation the server numbered ``device_number``."""
    if device_number < 1:
        raise ValidationError("device_number", f"a device number starts at 1, not {device_number}")
    return f"D{device_number}"


def case_number(prefix: str, sequence: int) -> str:
    """``D12-00045``: the ``sequence``-th case opened at the desk with ``prefix``."""
    if not DEVICE_PREFIX.match(prefix):
        raise ValidationError(
            "case_prefix", f"{prefix!r} is not a device's case prefix (D and a number)"
        )
    if sequence < 1:
        raise ValidationError(
            "case_sequence", f"a desk's case sequence starts at 1, not {sequence}"
        )
    return f"{prefix}-{sequence:0{CASE_DIGITS}d}"


def normalise_case_number(text: str) -> str | None:
    """The case number an agent typed or read out (``d12-45``, `` D12-00045 ``), or None.

    Used by the search box: a query that is a case number opens that case.
    """
    match = re.fullmatch(r"\s*[dD]\s*([1-9][0-9]{0,8})\s*-\s*([0-9]{1,12})\s*", text)
    if match is None or int(match.group(2)) < 1:
        return None
    return f"D{match.group(1)}-{int(match.group(2)):0{CASE_DIGITS}d}"
