"""The typed columns of the feed: one declaration gives a column's Parquet type, its JSON
form on ``GET /api/v1/feed`` and its line in docs/feed.md.

Money never passes through float: stored integers (minor units, scaled prices, thousandths)
become Arrow decimals by integer arithmetic on their unscaled value, and decimal strings
on the wire.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa

from frontdesk.domain.money import PRICE_EXTRA_DIGITS, Currency
from frontdesk.server.money_text import money_text, price_text

#: Amounts: 4 decimal places hold every ISO currency's minor unit (at most 3 today).
MONEY_SCALE, PRICE_SCALE, QUANTITY_SCALE = 4, 8, 3
MONEY = pa.decimal128(18, MONEY_SCALE)
PRICE = pa.decimal128(22, PRICE_SCALE)
QUANTITY = pa.decimal128(18, QUANTITY_SCALE)
TIMESTAMP = pa.timestamp("us", tz="UTC")
_ARROW = {
    "int": pa.int64(), "string": pa.string(), "timestamp": TIMESTAMP, "bool": pa.bool_(),
    "money": MONEY, "price": PRICE, "quantity": QUANTITY, "json": pa.string(),
    "date": pa.date32(),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Col:
    """A feed column: its name, type (a key of ``_ARROW``) and meaning."""

    name: str
    type: str
    doc: str

    @property
    def arrow(self) -> pa.DataType:
        return _ARROW[self.type]


@cache
def _minor_units(currency: str) -> int:
    return Currency.of(currency).minor_units


def _unscaled(col: Col, value: int, currency: str) -> int:
    """A stored integer as the unscaled integer of the column's decimal type."""
    if col.type == "money":
        return value * 10 ** (MONEY_SCALE - _minor_units(currency))
    if col.type == "price":
        return value * 10 ** (PRICE_SCALE - _minor_units(currency) - PRICE_EXTRA_DIGITS)
    return value  # quantity: thousandths already


def _decimal_array(col: Col, values: list[Any], currencies: list[Any]) -> pa.Array:
    """Decimal128 built from its 16-byte two's-complement words, no Decimal per row."""
    nulls = np.array([v is None for v in values], dtype=bool)
    low = np.array(
        [0 if v is None else _unscaled(col, v, c) for v, c in zip(values, currencies, strict=True)],
        dtype=np.int64,
    )
    words = np.empty((len(values), 2), dtype=np.int64)
    words[:, 0], words[:, 1] = low, np.where(low < 0, -1, 0)
    validity = pa.array(~nulls).buffers()[1] if nulls.any() else None
    return pa.Array.from_buffers(col.arrow, len(values), [validity, pa.py_buffer(words.tobytes())])


def arrow_column(col: Col, values: list[Any], currencies: list[Any]) -> pa.Array:
    if col.type in ("money", "price", "quantity"):
        return _decimal_array(col, values, currencies)
    if col.type == "json":
        values = [None if v is None else json.dumps(v, sort_keys=True) for v in values]
    return pa.array(values, type=col.arrow)


def wire_value(col: Col, value: Any, currency: str | None) -> Any:
    """A column's value on ``GET /api/v1/feed``: money and quantities as decimal strings."""
    if value is None:
        return None
    if col.type == "money":
        return money_text(value, currency)
    if col.type == "price":
        return price_text(value, currency)
    if col.type == "quantity":
        return _milli_text(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if col.type == "date":
        return value.isoformat()
    return value


def _milli_text(milli: int) -> str:
    sign, whole = ("-" if milli < 0 else ""), abs(milli)
    text = f"{whole // 1000}.{whole % 1000:03d}".rstrip("0").rstrip(".")
    return sign + text
