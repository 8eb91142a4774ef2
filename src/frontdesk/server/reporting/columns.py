"""The typed columns of the feed: one declaration gives a column's Parquet type, its JSON
form on ``GET /api/v1/feed`` and its line in docs/feed.md.

Money never passes through float: stored integers (minor units, scaled prices, thousandths)
become Arrow decimals by integer arithmetic on their unscaled value, and decimal strings
on the wire.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
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


def by_column(names: Sequence[str], rows: Sequence[Sequence[Any]]) -> dict[str, list[Any]]:
    """Rows (driver tuples) as one list per column."""
    lists = [list(values) for values in zip(*rows, strict=True)] or [[] for _ in names]
    return dict(zip(names, lists, strict=True))


def by_row(columns: dict[str, list[Any]]) -> Iterator[dict[str, Any]]:
    names = list(columns)
    return (dict(zip(names, row, strict=True)) for row in zip(*columns.values(), strict=True))


#: A column's values: a list from the driver, or Arrow from PostgreSQL's COPY.
Values = list[Any] | pa.Array | pa.ChunkedArray


class ColumnError(ValueError):
    """A stored value the column's type cannot hold exactly (no currency, too large)."""


@cache
def _factor(kind: str, currency: str | None) -> int:
    """What a stored integer is multiplied by to be the unscaled value of its decimal
    column; 0 where it cannot be (money without a currency)."""
    if kind == "quantity":
        return 1  # thousandths already
    if currency is None:
        return 0
    extra = PRICE_EXTRA_DIGITS if kind == "price" else 0
    scale = PRICE_SCALE if kind == "price" else MONEY_SCALE
    return 10 ** (scale - _minor_units(currency) - extra)


def _decimal_array(col: Col, values: Values, currencies: Values) -> pa.Array:
    """Decimal128 built from its 16-byte two's-complement words, no Decimal per row: the
    stored integers are scaled per currency (one factor per distinct code) in numpy."""
    try:
        stored = _arrow(values, pa.int64())
    except OverflowError:
        raise ColumnError(f"{col.name}: a stored value is past the 64-bit range") from None
    valid = stored.is_valid().to_numpy(zero_copy_only=False)
    codes = _arrow(currencies, pa.string()).dictionary_encode()
    factors = [_factor(col.type, code) for code in codes.dictionary.to_pylist()]
    factor = np.array([*factors, _factor(col.type, None)], dtype=np.int64)[
        codes.indices.fill_null(len(factors)).to_numpy(zero_copy_only=False)
    ]
    raw = stored.fill_null(0).to_numpy(zero_copy_only=False)
    _check_scalable(col, raw[valid], factor[valid])
    words = np.empty((len(values), 2), dtype=np.int64)
    words[:, 0] = raw * factor
    words[:, 1] = np.where(words[:, 0] < 0, -1, 0)
    validity = pa.array(valid).buffers()[1] if stored.null_count else None  # offset 0
    return pa.Array.from_buffers(col.arrow, len(values), [validity, pa.py_buffer(words.tobytes())])


def _check_scalable(col: Col, raw: np.ndarray, factor: np.ndarray) -> None:
    if (factor == 0).any():
        raise ColumnError(f"{col.name}: an amount without a currency")
    limit = min(10**col.arrow.precision - 1, 2**63 - 1)
    bound = limit // factor
    if ((raw > bound) | (raw < -bound)).any():
        raise ColumnError(f"{col.name}: a value past what {col.arrow} holds")


def _arrow(values: Values, type: pa.DataType | None = None) -> pa.Array:
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks().cast(type) if type else values.combine_chunks()
    if isinstance(values, pa.Array):
        return values.cast(type) if type else values
    return pa.array(values, type=type)


def _timestamps(values: Values) -> pa.Array:
    """Driver datetimes (naive ones are UTC) or SQLite's ISO text, as UTC microseconds."""
    array = _arrow(values)
    if pa.types.is_string(array.type):
        array = array.cast(pa.timestamp("us"))
    return array.cast(TIMESTAMP)


def arrow_column(col: Col, values: Values, currencies: Values) -> pa.Array:
    """A column of driver values (or an Arrow array read by PostgreSQL's COPY) as its Arrow
    type: one C-level conversion per column, JSON values (already decoded) the only ones
    handled one by one."""
    if col.type in ("money", "price", "quantity"):
        return _decimal_array(col, values, currencies)
    if col.type == "timestamp":
        return _timestamps(values)
    if col.type == "json":
        values = [None if v is None else json.dumps(v, sort_keys=True) for v in values]
    if col.type in ("bool", "date"):  # SQLite gives 0/1 and ISO text
        return _arrow(values).cast(col.arrow)
    return _arrow(values, col.arrow)


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
