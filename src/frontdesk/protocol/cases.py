"""Cases (customer requests) on the wire: the desk's writes and what desks pull.

Writes (each the ``payload`` of one push kind, see ``protocol.push``):

- ``case.open``     a new case, numbered at the desk (``D12-00045``); the item's key is its id
- ``case.comment``  an internal note or an answer for the customer; append-only, never conflicts
- ``case.assign``   to a user, a team's queue, or both (a team member); with what it replaced
- ``case.status``   a move (``domain.cases.TRANSITIONS``), with the status it started from
- ``case.attach``   a file attached to the case; its content is uploaded first, by its
                    SHA-256 (``PUT /attachments/{sha256}``), and this names it

An assignment or a status change carries the value the desk saw (``old_*``). The server applies
it only if that is still the case's value; otherwise the first-arrived value stays and the item
is kept as a conflict on the case (accepted: false, the server's value in the result), shown at
the desk as customer edits' conflicts are.

Pull: the cases of the puller's branch and teams (any status: a closed case leaves the queues
by its change), their events, and the reference lists the desk needs offline: categories,
teams, service-level policies and business calendars.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, Field, model_validator

from frontdesk.protocol.wire import Text, UuidText, WireModel, text_problem

StatusName = Literal["new", "open", "waiting", "escalated", "resolved", "closed", "reopened"]
PriorityName = Literal["low", "normal", "high", "urgent"]
CaseChannelName = Literal["phone", "visit", "email", "chat", "web", "letter"]
LinkKindName = Literal["purchase", "receipt", "interaction", "order"]
VisibilityName = Literal["internal", "customer"]
CaseNumberText = Annotated[str, Field(pattern=r"^D[1-9][0-9]{0,8}-[0-9]{5,12}$")]
#: A category or team code as the back office writes it (``billing``, ``returns-msk``).
CodeText = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")]
UserName = Text(100, min_length=1)
CustomerId = Text(36, min_length=1)
MAX_LINKS = 20
#: The most any server may take as one attachment; a server's own limit is at most this
#: (``FRONTDESK_SERVER_ATTACHMENT_MAX_BYTES``, ``AttachmentLimits``).
MAX_ATTACHMENT_BYTES = 1024**3
MAX_FILE_NAME = 255
Sha256Hex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="lowercase hex")]
#: ``type/subtype`` as a desk guesses it from the file name; never trusted for anything.
_TOKEN = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]"
MediaType = Annotated[str, Field(pattern=rf"^{_TOKEN}{{0,63}}/{_TOKEN}{{0,126}}$")]


def file_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be an attachment's file name (None: it can).

    The name is shown at other desks and used to save the file there: no folder part, no
    control characters, nothing a file system treats specially.
    """
    if not name.strip():
        return "must not be empty"
    if len(name) > MAX_FILE_NAME:
        return f"longer than {MAX_FILE_NAME} characters ({len(name)})"
    if "/" in name or "\\" in name:
        return "must be a file's name alone, without a folder (no / or \\)"
    if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in name):
        return "must not contain control characters"
    if text_problem(name) is not None:
        return "must be valid Unicode text"
    if name.strip() in (".", ".."):
        return "must not be . or .."
    if name != name.strip():
        return "must not start or end with spaces"
    return None


def _file_name(name: str) -> str:
    problem = file_name_problem(name)
    if problem is not None:
        raise ValueError(problem)
    return name


FileName = Annotated[str, Field(min_length=1, max_length=MAX_FILE_NAME), AfterValidator(_file_name)]


class CaseLink(WireModel):
    """What the case is about: a purchase (``ref`` its id, ``line`` a SKU of it), a till
    receipt (``ref`` its receipt number), a logged contact or an order (their ids)."""

    kind: LinkKindName
    ref: Text(64, min_length=1)
    line: Text(64) | None = None


class CaseOpen(WireModel):
    """A case opened at a desk; the item's key is ``case_id``.

    ``due_at`` is the desk's reading of the service level (it may be offline); the server
    computes its own from its policy and calendar and keeps that one.
    """

    case_id: UuidText
    number: CaseNumberText
    customer_id: CustomerId
    channel: CaseChannelName
    category: CodeText
    subject: Text(200, min_length=1)
    description: Text(20_000) = ""
    priority: PriorityName = "normal"
    assignee_user: UserName | None = None
    assignee_team: CodeText | None = None
    links: list[CaseLink] = Field(default_factory=list, max_length=MAX_LINKS)
    opened_at: AwareDatetime
    due_at: AwareDatetime | None = None


class CaseComment(WireModel):
    """A comment on a case; the item's key is ``comment_id``."""

    case_id: UuidText
    comment_id: UuidText
    body: Text(20_000, min_length=1)
    visibility: VisibilityName = "internal"
    at: AwareDatetime


class CaseAssign(WireModel):
    """A hand-over. At least one of the new user and team; the old ones as the desk saw them."""

    case_id: UuidText
    old_user: UserName | None
    old_team: CodeText | None
    new_user: UserName | None
    new_team: CodeText | None
    note: Text(2_000) = ""
    at: AwareDatetime

    @model_validator(mode="after")
    def _someone(self) -> CaseAssign:
        if self.new_user is None and self.new_team is None:
            raise ValueError("a case is assigned to a user, a team, or both")
        if (self.new_user, self.new_team) == (self.old_user, self.old_team):
            raise ValueError("the case is already assigned so")
        return self


class CaseAttach(WireModel):
    """A file attached to a case; the item's key is ``attachment_id``. Its content must be on
    the server already (uploaded by its ``sha256``)."""

    case_id: UuidText
    attachment_id: UuidText
    sha256: Sha256Hex
    file_name: FileName
    media_type: MediaType = "application/octet-stream"
    size: int = Field(gt=0, le=MAX_ATTACHMENT_BYTES)
    visibility: VisibilityName = "internal"
    at: AwareDatetime


class CaseStatusChange(WireModel):
    """A move from ``old`` to ``new`` (``domain.cases.TRANSITIONS``), with an optional note
    (the resolution, or why it was reopened)."""

    case_id: UuidText
    old: StatusName
    new: StatusName
    note: Text(2_000) = ""
    at: AwareDatetime


# --------------------------------------------------------------------------- pull


class CasePublic(WireModel):
    id: str
    number: str
    customer_id: str
    channel: CaseChannelName
    category: str
    subject: str
    description: str
    priority: PriorityName
    status: StatusName
    assignee_user: str | None
    assignee_team: str | None
    branch: str = Field(description="the branch the case was opened at")
    opened_by: str
    opened_at: datetime
    due_at: datetime | None = Field(description="resolution due, by the server's policy")
    first_response_due_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    links: list[CaseLink]
    updated_at: datetime
    seq: int


class CaseAttachmentPublic(WireModel):
    """What a desk knows of an attachment before it fetches the content."""

    sha256: str
    file_name: str
    media_type: str
    size: int


class AttachmentLimits(WireModel):
    """``GET /attachments/limits``: the largest attachment this server takes."""

    max_bytes: int


class MissingBlobs(WireModel):
    """``POST /attachments/missing``: of these contents, the ones the server does not hold."""

    sha256: list[Sha256Hex] = Field(max_length=500)


class CaseEventPublic(WireModel):
    """One line of a case's history, in the order the server applied them.

    ``kind``: ``opened``; ``comment`` (``body``, ``visibility``); ``assigned`` and ``status``
    (``old``/``new``: ``user|team`` for an assignment, the status names for a move, ``body`` the
    note); ``attached``: a file (``body`` its name, ``new`` its SHA-256, ``visibility``,
    ``attachment``); ``conflict``: a change from a desk that saw another value (``old`` what
    that desk saw, ``new`` what it wanted, ``body`` which field), kept but not applied.
    """

    id: str
    case_id: str
    kind: Literal["opened", "comment", "assigned", "status", "attached", "conflict"]
    author: str
    at: datetime
    body: str = ""
    visibility: VisibilityName | None = None
    old: str | None = None
    new: str | None = None
    seq: int
    attachment: CaseAttachmentPublic | None = None


class CaseCategoryPublic(WireModel):
    code: str
    name_en: str
    name_ru: str
    active: bool
    seq: int


class TeamPublic(WireModel):
    """A team and its queue: who is in it (user names) and the branch it works for."""

    code: str
    name: str
    branch: str
    members: list[str]
    active: bool
    seq: int


class ServicePolicyPublic(WireModel):
    """How fast a case of a category (``*``: any) and priority must be answered and resolved,
    in business minutes of the branch's calendar."""

    category: str
    priority: PriorityName
    first_response_minutes: int
    resolution_minutes: int
    seq: int


class BusinessCalendarPublic(WireModel):
    """A branch's working hours (``*``: the company's default) and holidays.

    ``hours`` maps ISO weekday 1-7 (Monday 1) to its open intervals, ``["09:00", "18:00"]``.
    """

    branch: str
    timezone: str = Field(description="IANA name, e.g. Europe/Moscow")
    hours: dict[int, list[tuple[str, str]]]
    holidays: list[date]
    seq: int


class CustomerCases(WireModel):
    """``GET /cases?customer_id=``: every case of one customer, of any branch, with their
    events; a desk asks for it when a customer opened elsewhere is in front of it."""

    customer_id: str
    cases: list[CasePublic]
    case_events: list[CaseEventPublic]
