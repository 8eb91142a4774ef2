"""The basket's refusals in the cashier's language (``services.till.basket`` and
``services.till.returns`` codes), merged into the till's wordings (``ui.till.refusals``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

from frontdesk.ui.catalogue.texts import quantity as format_quantity

translate = QCoreApplication.translate
P = Mapping[str, Any]


def _fill(text: str, *values: object) -> str:
    for number, value in enumerate(values, start=1):
        text = text.replace(f"%{number}", str(value))
    return text


def _qty(value: object) -> str:
    return format_quantity(Decimal(str(value)))


def _line_unknown(p: P) -> str:
    if p.get("receipt"):
        return _fill(translate("TillRefusal", "Receipt %1 has no line %2."), p["receipt"],
                     p["line"])  # fmt: skip
    return _fill(translate("TillRefusal", "The basket has no line %1."), p["line"])


BASKET_WORDINGS: dict[str, Callable[[P], str]] = {
    "product_unknown": lambda p: _fill(translate("TillRefusal",
        "No product “%1” in this desk's catalogue."), p["code_text"]),
    "product_unpriced": lambda p: _fill(translate("TillRefusal",
        "%1 (%2) has no price in %3 at %4 today."), p["sku"], p["name"], p["currency"],
        p["branch"]),
    "no_branch": lambda p: translate("TillRefusal",
        "This desk does not know its branch yet, so it has no prices: sync first."),
    "customer_missing": lambda p: translate("TillRefusal",
        "Attach the customer the offer was made to first."),
    "basket_unknown": lambda p: translate("TillRefusal",
        "That basket is no longer held at this register."),
    "basket_changed": lambda p: translate("TillRefusal",
        "The basket changed while the supervisor approved: ask again."),
    "basket_full": lambda p: _fill(translate("TillRefusal",
        "A basket takes at most %1 lines: pay for this one and start another."), p["most"]),
    "basket_empty": lambda p: translate("TillRefusal", "The basket has no lines yet."),
    "line_unknown": _line_unknown,
    "discount_text": lambda p: _fill(translate("TillRefusal",
        "“%1” is neither an amount (2.50) nor a percentage (10%)."), p["text"]),
    "lines_missing": lambda p: translate("TillRefusal", "Pick at least one line to return."),
    "line_twice": lambda p: translate("TillRefusal", "A line is given twice."),
    "over_return": lambda p: _fill(translate("TillRefusal",
        "Line %1: only %2 is left to return, not %3."), p["line"], _qty(p["left"]),
        _qty(p["asked"])),
    "refund_amount_mismatch": lambda p: _fill(translate("TillRefusal",
        "The lines pay back %1, not %2."), p["lines"], p["amount"]),
    "approval_missing": lambda p: translate("TillRefusal",
        "A refund or void needs a supervisor's approval."),
}  # fmt: skip
