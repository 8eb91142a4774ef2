"""What a new case starts with when it is opened from something on the customer's screen: the
links, the "Linked to" line, and, from a logged contact, its channel and its words.

A case opened from a contact (a timeline entry, a due follow-up) links to that contact and
takes the contact as its context: the reason, the outcome, the follow-up promised and the
notes go into the description, which the agent can still change before opening the case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QLocale

from frontdesk.services.cases.ports import FollowUp
from frontdesk.services.read_models import TimelineEvent
from frontdesk.ui.cases import texts
from frontdesk.ui.formatting import format_date

#: A contact's channel as a case's channel (a case has more ways in than a logged contact).
_CHANNELS = {"call": "phone", "visit": "visit", "email": "email"}


@dataclass(frozen=True, slots=True)
class CaseStart:
    """The new case dialog's starting point; empty: a case about nothing in particular."""

    links: tuple[Mapping[str, Any], ...] = ()
    about: str = ""
    description: str = ""
    channel: str | None = None


def from_timeline(event: TimelineEvent | None) -> CaseStart:
    """A contact on the timeline: linked, with its words; a purchase or return: linked."""
    if event is None or event.is_case:
        return CaseStart()
    if event.total is not None:
        about = texts.tr("Purchase %1").replace("%1", event.number)
        return CaseStart(links=({"kind": "purchase", "ref": event.id, "line": None},), about=about)
    return from_contact(
        event.id, at=event.at, channel=event.kind, reason=event.reason, outcome=event.outcome,
        follow_up=event.follow_up, notes=event.notes,
    )  # fmt: skip


def from_follow_up(follow_up: FollowUp) -> CaseStart:
    """A due follow-up on the Cases page."""
    return from_contact(
        follow_up.interaction_id, at=follow_up.occurred_at, channel=None,
        reason=follow_up.reason, outcome=follow_up.outcome, follow_up=follow_up.follow_up,
    )  # fmt: skip


def from_contact(
    interaction_id: str,
    *,
    at: datetime,
    channel: str | None,
    reason: str,
    outcome: str,
    follow_up: date | None,
    notes: str = "",
) -> CaseStart:
    about = texts.tr("Contact of %1: %2").replace("%1", format_date(at))
    about = about.replace("%2", reason or outcome)
    lines = [reason]
    if outcome:
        lines.append(texts.tr("Outcome: %1").replace("%1", outcome))
    if follow_up is not None:
        lines.append(texts.tr("Follow up promised by %1").replace("%1", _day(follow_up)))
    lines.append(notes)
    return CaseStart(
        links=({"kind": "interaction", "ref": interaction_id},),
        about=about,
        description="\n".join(line for line in lines if line.strip()),
        channel=_CHANNELS.get(channel or ""),
    )


def _day(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
