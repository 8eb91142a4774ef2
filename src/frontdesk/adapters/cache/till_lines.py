"""How a till transaction's lines are kept in the cache: JSON of integers (minor units, the
scaled unit price) and decimal strings (quantities), for this till's transactions and the
branch's pulled ones alike."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.protocol.till import ReturnLineWire, SaleLineWire
from frontdesk.services.till.ports import ReturnLine, SaleLine


def sale_lines_json(lines: tuple[SaleLine, ...]) -> list[dict[str, Any]]:
    return [
        {"line_no": line.line_no, "sku": line.sku, "description": line.description,
         "unit": line.unit, "quantity": str(line.quantity),
         "unit_price_scaled": line.unit_price.scaled, "discount_minor": line.discount.minor,
         "net_minor": line.net.minor}
        for line in lines
    ]  # fmt: skip


def return_lines_json(lines: tuple[ReturnLine, ...]) -> list[dict[str, Any]]:
    return [{"line_no": line.line_no, "sku": line.sku, "quantity": str(line.quantity),
             "minor": line.amount.minor} for line in lines]  # fmt: skip


def sale_lines(stored: list[dict[str, Any]] | None, currency: str) -> tuple[SaleLine, ...]:
    return tuple(
        SaleLine(
            line_no=line["line_no"],
            sku=line["sku"],
            description=line["description"],
            unit=line["unit"],
            quantity=Decimal(line["quantity"]),
            unit_price=UnitPrice.from_scaled(line["unit_price_scaled"], currency),
            discount=Money.from_minor(line["discount_minor"], currency),
            net=Money.from_minor(line["net_minor"], currency),
        )
        for line in stored or ()
    )


def return_lines(stored: list[dict[str, Any]] | None, currency: str) -> tuple[ReturnLine, ...]:
    return tuple(
        ReturnLine(
            line["line_no"],
            line["sku"],
            Decimal(line["quantity"]),
            Money.from_minor(line["minor"], currency),
        )
        for line in stored or ()
    )


def wire_sale_lines(lines: list[SaleLineWire], currency: str) -> tuple[SaleLine, ...]:
    """A pulled payment's lines (already validated against ``domain.basket`` on the wire)."""
    return tuple(
        SaleLine(
            line_no=line.line_no,
            sku=line.sku,
            description=line.description,
            unit=line.unit,
            quantity=Decimal(line.quantity),
            unit_price=UnitPrice.of(line.unit_price, currency),
            discount=Money.of(line.discount, currency),
            net=Money.of(line.net, currency),
        )
        for line in lines
    )


def wire_return_lines(lines: list[ReturnLineWire], currency: str) -> tuple[ReturnLine, ...]:
    return tuple(
        ReturnLine(line.line_no, line.sku, Decimal(line.quantity), Money.of(line.amount, currency))
        for line in lines
    )
