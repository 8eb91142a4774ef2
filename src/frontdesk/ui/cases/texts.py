"""The words for a case's codes in the agent's language: statuses, priorities, channels,
comment visibility, history lines, queues, and a due time said in words (not in colour only).

The codes themselves (``waiting``, ``urgent``) are the domain's and the wire's; only these
names are shown, so a Russian window never shows an English status.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from frontdesk.services.cases.ports import CaseEvent, CaseRecord
from frontdesk.ui.formatting import format_datetime

_CONTEXT = "Cases"

STATUSES = {
    "new": QT_TRANSLATE_NOOP("Cases", "New"),
    "open": QT_TRANSLATE_NOOP("Cases", "Open"),
    "waiting": QT_TRANSLATE_NOOP("Cases", "Waiting on customer"),
    "escalated": QT_TRANSLATE_NOOP("Cases", "Escalated"),
    "resolved": QT_TRANSLATE_NOOP("Cases", "Resolved"),
    "closed": QT_TRANSLATE_NOOP("Cases", "Closed"),
    "reopened": QT_TRANSLATE_NOOP("Cases", "Reopened"),
}
PRIORITIES = {
    "low": QT_TRANSLATE_NOOP("Cases", "Low"),
    "normal": QT_TRANSLATE_NOOP("Cases", "Normal"),
    "high": QT_TRANSLATE_NOOP("Cases", "High"),
    "urgent": QT_TRANSLATE_NOOP("Cases", "Urgent"),
}
CHANNELS = {
    "phone": QT_TRANSLATE_NOOP("Cases", "Phone"),
    "visit": QT_TRANSLATE_NOOP("Cases", "Visit"),
    "email": QT_TRANSLATE_NOOP("Cases", "E-mail"),
    "chat": QT_TRANSLATE_NOOP("Cases", "Chat"),
    "web": QT_TRANSLATE_NOOP("Cases", "Web form"),
    "letter": QT_TRANSLATE_NOOP("Cases", "Letter"),
}
QUEUE_NAMES = {
    "mine": QT_TRANSLATE_NOOP("Cases", "My cases"),
    "team": QT_TRANSLATE_NOOP("Cases", "My team"),
    "due-today": QT_TRANSLATE_NOOP("Cases", "Due today"),
    "overdue": QT_TRANSLATE_NOOP("Cases", "Overdue"),
    "waiting": QT_TRANSLATE_NOOP("Cases", "Waiting on customer"),
    "follow-ups": QT_TRANSLATE_NOOP("Cases", "Follow-ups"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def name_of(names: dict[str, str], code: str | None) -> str:
    """The translated name of a code; an unknown code (a newer server's) as it is."""
    if not code:
        return ""
    return tr(names[code]) if code in names else code


def assignee_text(user: str | None, team: str | None, teams: dict[str, str]) -> str:
    """``ann · Returns``: who has the case; the team by its name where known."""
    parts = [user or "", teams.get(team or "", team or "")]
    return " · ".join(part for part in parts if part) or tr("Nobody")


def due_text(case: CaseRecord, now: datetime) -> tuple[str, bool]:
    """The due time in words, and whether it is overdue (shown in red, the words say it too)."""
    if case.due_at is None:
        return tr("No due time"), False
    when = format_datetime(case.due_at)
    if case.is_open and case.due_at < now:
        return tr("Overdue since %1").replace("%1", when), True
    return tr("Due %1").replace("%1", when), False


def _assignment(value: str | None, teams: dict[str, str]) -> str:
    user, _, team = (value or "").partition("|")
    return assignee_text(user or None, team or None, teams)


def event_text(event: CaseEvent, teams: dict[str, str]) -> str:
    """One history line's words (without who and when)."""
    if event.kind == "opened":
        return tr("Opened the case")
    if event.kind == "comment":
        label = tr("For the customer") if event.visibility == "customer" else tr("Internal")
        return f"[{label}] {event.body}"
    if event.kind == "assigned":
        text = tr("Assigned: %1 → %2")
        text = text.replace("%1", _assignment(event.old, teams))
        return text.replace("%2", _assignment(event.new, teams))
    if event.kind == "status":
        text = tr("Status: %1 → %2").replace("%1", name_of(STATUSES, event.old))
        return text.replace("%2", name_of(STATUSES, event.new))
    if event.kind == "attached":
        label = tr("For the customer") if event.visibility == "customer" else tr("Internal")
        return f"[{label}] " + tr("Attached %1").replace("%1", event.body)
    if event.kind == "conflict":
        return tr("Conflict: another desk changed %1 first; this change was not applied").replace(
            "%1", field_name(event.body)
        )
    return event.body


def field_name(field: str) -> str:
    return tr("the status") if field == "status" else tr("the assignee")


def conflict_value(field: str, value: object, teams: dict[str, str]) -> str:
    if field == "status":
        return name_of(STATUSES, str(value or ""))
    return _assignment(str(value or ""), teams)
