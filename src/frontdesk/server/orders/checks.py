"""What every way in checks of an order's lines: line totals, the total, the products.

A line total is quantity x unit price rounded half-up to the currency's minor unit (once per
line, as purchases), the order's total the sum of its lines. Amounts are compared as money
(``12.5`` and ``12.50`` GBP agree); a problem names the line (``lines.3.line_total``).
A quantity is more than zero, and whole for a product sold by the piece (``COUNTED_UNITS``).

Order numbers of the form ``D<device>-O<n>`` (``DESK_NUMBER``) belong to the desks' phone
orders: only the desk whose prefix it is may take one.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from frontdesk.domain.errors import DomainError, ValidationError
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.protocol.orders import OrderLineIn
from frontdesk.server.catalogue.models import QUANTITY_SCALE
from frontdesk.server.catalogue.stock import milli

#: A desk's order number: its device prefix, ``-O`` and its own sequence (ASCII digits).
DESK_NUMBER = re.compile(r"^(D[0-9]+)-O[0-9]{1,12}$")
#: Units of sale that are counted, never measured (``protocol.catalogue.UnitName``).
COUNTED_UNITS = frozenset({"piece"})


class OrderProblem(ValidationError):
    """An order that breaks a rule: ``field`` names where (``lines.2.sku``)."""


def line_rows(
    order_id: str, currency: str, lines: Sequence[OrderLineIn], *, known: Mapping[str, str]
) -> list[dict[str, Any]]:
    """The lines as stored rows, each checked; ``known``: the SKUs that exist, with their
    unit of sale."""
    return [_line_row(order_id, currency, line, known=known) for line in lines]


def _line_row(
    order_id: str, currency: str, line: OrderLineIn, *, known: Mapping[str, str]
) -> dict[str, Any]:
    where = f"lines.{line.line_no}"
    if line.sku not in known:
        raise OrderProblem(f"{where}.sku", f"line {line.line_no}: no product {line.sku!r}")
    _check_quantity(where, line, unit=known[line.sku])
    price = _money(f"{where}.unit_price", lambda: UnitPrice.of(line.unit_price, currency))
    given = _money(f"{where}.line_total", lambda: Money.of(line.line_total, currency))
    due = _money(
        f"{where}.line_total",
        lambda: Money.rounded(price.amount * Decimal(line.quantity), currency),
    )
    if given != due:
        raise OrderProblem(
            f"{where}.line_total",
            f"line {line.line_no}: {line.quantity} x {line.unit_price} is {due.amount} "
            f"{currency}, not {line.line_total}",
        )
    return {
        "order_id": order_id,
        "line_no": line.line_no,
        "sku": line.sku,
        "description": line.description,
        "quantity_milli": milli(line.quantity),
        "unit_price_scaled": price.scaled,
        "line_total_minor": given.minor,
    }


def _check_quantity(where: str, line: OrderLineIn, *, unit: str) -> None:
    quantity = milli(line.quantity)
    if quantity <= 0:
        raise OrderProblem(f"{where}.quantity", f"line {line.line_no}: a quantity above 0")
    if unit in COUNTED_UNITS and quantity % QUANTITY_SCALE:
        raise OrderProblem(
            f"{where}.quantity",
            f"line {line.line_no}: SKU {line.sku} is sold by the {unit}, not {line.quantity}",
        )


def total_minor(currency: str, total: str, lines: list[dict[str, Any]]) -> int:
    """The order's total in minor units, checked against the sum of its stored lines."""
    given = _money("total", lambda: Money.of(total, currency))
    due = sum(line["line_total_minor"] for line in lines)
    if given.minor != due:
        shown = Money.from_minor(due, currency).amount
        raise OrderProblem("total", f"the lines add up to {shown} {currency}, not {total}")
    return given.minor


def _money(field: str, make: Any) -> Any:
    try:
        return make()
    except DomainError as error:  # an unknown currency, too many decimals, too large
        raise OrderProblem(field, str(error)) from None


def content_hash(model: BaseModel) -> str:
    """What makes two submissions of one number "the same order": their content, canonically."""
    body = json.dumps(model.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
