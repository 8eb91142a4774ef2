"""The words for orders in the agent's language: statuses, event kinds, the late mark and the
"where is it" line, worded here from ``WhereIsIt``'s parts (the service's ``text()`` is the
CLI's English).

A late order is marked in words and with a sign, never in colour alone: "⚠ 2 days late".
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale
from PySide6.QtGui import QColor

from frontdesk.services.orders.ports import OrderEvent
from frontdesk.services.orders.read_model import WhereIsIt
from frontdesk.ui.formatting import date_pattern

_CONTEXT = "Orders"
#: Late orders: the same red as overdue cases, always beside the words.
LATE_RED = QColor("#c62828")
LATE_SIGN = "⚠"

STATUSES = {
    "placed": QT_TRANSLATE_NOOP("Orders", "Placed"),
    "confirmed": QT_TRANSLATE_NOOP("Orders", "Confirmed"),
    "paid": QT_TRANSLATE_NOOP("Orders", "Paid"),
    "picking": QT_TRANSLATE_NOOP("Orders", "Being picked"),
    "shipped": QT_TRANSLATE_NOOP("Orders", "Shipped"),
    "delivered": QT_TRANSLATE_NOOP("Orders", "Delivered"),
    "cancelled": QT_TRANSLATE_NOOP("Orders", "Cancelled"),
    "returned": QT_TRANSLATE_NOOP("Orders", "Returned"),
}
EVENTS = {
    "placed": QT_TRANSLATE_NOOP("Orders", "Order placed"),
    "status": QT_TRANSLATE_NOOP("Orders", "Status changed"),
    "payment": QT_TRANSLATE_NOOP("Orders", "Payment"),
    "shipping": QT_TRANSLATE_NOOP("Orders", "Shipping"),
    "promised": QT_TRANSLATE_NOOP("Orders", "Delivery date set"),
    "note": QT_TRANSLATE_NOOP("Orders", "Note"),
    "cancel_request": QT_TRANSLATE_NOOP("Orders", "Cancellation requested"),
}
PAYMENTS = {
    "unpaid": QT_TRANSLATE_NOOP("Orders", "Not paid"),
    "partly_paid": QT_TRANSLATE_NOOP("Orders", "Partly paid"),
    "paid": QT_TRANSLATE_NOOP("Orders", "Paid"),
    "refunded": QT_TRANSLATE_NOOP("Orders", "Refunded"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def name_of(names: dict[str, str], code: str | None) -> str:
    return tr(names[code]) if code in names else (code or "")


def short_day(day: date) -> str:
    """ "3 Dec" / "3 дек.": a day of this year or the next, as said on the phone."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM")


def full_day(day: date | None) -> str:
    if day is None:
        return ""
    locale = QLocale()
    return locale.toString(QDate(day.year, day.month, day.day), date_pattern(locale))


def late_text(days: int) -> str:
    """ "⚠ 1 day late" ("" when not late)."""
    if days <= 0:
        return ""
    words = tr("1 day late") if days == 1 else tr("%1 days late").replace("%1", str(days))
    return f"{LATE_SIGN} {words}"


def status_text(status: str, *, waiting: bool, refused: bool) -> str:
    if refused:
        return tr("Refused by the server")
    if waiting:
        return tr("Waiting for the server")
    return name_of(STATUSES, status)


def where_text(where: WhereIsIt) -> str:
    """The plain line an agent reads out: "Shipped with DPD on 3 Dec, tracking …"."""
    if where.refused_reason is not None:
        return tr("Refused by the server: %1").replace("%1", where.refused_reason)
    if where.waiting_for_server:
        return tr("Taken at this desk, waiting for the server to confirm it")
    parts = [name_of(STATUSES, where.status)]
    if where.carried:
        parts[0] = tr("%1 with %2").replace("%1", parts[0]).replace("%2", where.carrier or "")
    if where.since is not None:
        parts[0] = tr("%1 on %2").replace("%1", parts[0]).replace("%2", short_day(where.since))
    if where.tracking_number:
        parts.append(tr("tracking %1").replace("%1", where.tracking_number))
    if where.promise_open and where.promised_on is not None:
        parts.append(tr("promised %1").replace("%1", short_day(where.promised_on)))
    line = ", ".join(parts)
    late = late_text(where.days_late)
    return f"{line} — {late}" if late else line


def event_text(event: OrderEvent) -> str:
    if event.kind == "status" and event.status:
        return name_of(STATUSES, event.status)  # where it went says more than "status"
    return name_of(EVENTS, event.kind)
