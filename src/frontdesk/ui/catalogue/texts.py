"""The product page's words in the agent's language: statuses, units, and the card's stock
and price lines ("12 at Арбат, 3 at Тверская · 40 incoming on 12 Dec · as of 10:42").

The codes (``discontinued``, ``kg``) are the wire's; only these names are shown, so a Russian
window never shows an English status.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

from frontdesk.services.catalogue.ports import ProductCard, StockLine
from frontdesk.ui.formatting import format_decimal, format_unit_price, to_local_qdatetime

_CONTEXT = "Products"

STATUSES = {
    "active": QT_TRANSLATE_NOOP("Products", "On sale"),
    "discontinued": QT_TRANSLATE_NOOP("Products", "Discontinued"),
}
UNITS = {
    "piece": QT_TRANSLATE_NOOP("Products", "pcs"),
    "pack": QT_TRANSLATE_NOOP("Products", "packs"),
    "kg": QT_TRANSLATE_NOOP("Products", "kg"),
    "g": QT_TRANSLATE_NOOP("Products", "g"),
    "l": QT_TRANSLATE_NOOP("Products", "l"),
    "m": QT_TRANSLATE_NOOP("Products", "m"),
}

PER_UNIT = {
    "piece": QT_TRANSLATE_NOOP("Products", "each"),
    "pack": QT_TRANSLATE_NOOP("Products", "per pack"),
    "kg": QT_TRANSLATE_NOOP("Products", "per kg"),
    "g": QT_TRANSLATE_NOOP("Products", "per g"),
    "l": QT_TRANSLATE_NOOP("Products", "per l"),
    "m": QT_TRANSLATE_NOOP("Products", "per m"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def status_name(code: str) -> str:
    return tr(STATUSES[code]) if code in STATUSES else code


def unit_name(code: str) -> str:
    return tr(UNITS[code]) if code in UNITS else code


def quantity(value: Decimal, locale: QLocale | None = None) -> str:
    """A quantity as the locale writes it, with only the decimals it has (12, 2,5)."""
    exponent = value.normalize().as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_decimal(value, places=places, locale=locale)


def short_day(day: date, locale: QLocale | None = None) -> str:
    """ "12 Dec" (en), "12 дек." (ru): the year only when it is not this one."""
    loc = locale or QLocale()
    pattern = "d MMM" if day.year == date.today().year else "d MMM yyyy"
    return loc.toString(QDate(day.year, day.month, day.day), pattern)


def moment(at: datetime, locale: QLocale | None = None) -> str:
    """ "10:42" today, "4 Dec 18:00" another day (local time)."""
    loc = locale or QLocale()
    local = to_local_qdatetime(at)
    same_day = local.date() == to_local_qdatetime(datetime.now().astimezone()).date()
    return loc.toString(local, "HH:mm" if same_day else "d MMM HH:mm")


def stock_line(line: StockLine, unit: str, locale: QLocale | None = None) -> str:
    """One branch: "12 pcs at Арбат · 40 incoming on 12 Dec · as of 10:42"."""
    text = tr("%1 %2 at %3").replace("%1", quantity(line.available, locale))
    text = text.replace("%2", unit_name(unit)).replace("%3", line.branch)
    if line.incoming > 0 and line.incoming_on is not None:
        incoming = tr("%1 incoming on %2").replace("%1", quantity(line.incoming, locale))
        text += " · " + incoming.replace("%2", short_day(line.incoming_on, locale))
    text += " · " + tr("as of %1").replace("%1", moment(line.as_of, locale))
    if line.unsynced > 0:
        text += " · " + tr("%1 sold here, not yet synced").replace(
            "%1", quantity(line.unsynced, locale))  # fmt: skip
    return text


def price_line(card: ProductCard, locale: QLocale | None = None) -> str:
    if card.branch is None:
        return tr("No price: this desk does not know its branch yet (sign in again)")
    if card.price is None:
        return tr("Not sold at %1 today").replace("%1", card.branch)
    per = PER_UNIT.get(card.product.unit, PER_UNIT["piece"])
    text = tr("%1 %2 at %3").replace("%1", format_unit_price(card.price, locale))
    return text.replace("%2", tr(per)).replace("%3", card.branch)
