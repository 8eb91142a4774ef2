"""The purchases part of a pulled page: receipts and their lines, money as integers.

A purchase is upserted by its id and never goes back to an older version (``seq``); its
lines are replaced whole, as the server sends them whole. Receipts and lines go to the driver
as plain tuples through one prepared statement each: a new desk's first pull brings hundreds
of thousands of receipts and a million lines, and SQLAlchemy's per-row parameter handling
cost more than SQLite's own inserts.

A bulk load (a new desk's first pull) drops the purchases' secondary indexes on its first
page and builds them at its end (``build_purchase_indexes``), sorted, once: kept row by row,
the receipts' random ids and customers put nearly every insert in another page of each of
the five indexes. A load cut short leaves them missing until the resumed load ends: every
query is still right without them, only slower, and any later pull builds whatever is
missing before its first page (as ``cases.pull`` does with the cases' indexes).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.tables import CachedPurchase, utc_text
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Currency, Money, UnitPrice
from frontdesk.protocol import PurchaseLinePublic, PurchasePublic
from frontdesk.services.errors import ProtocolError

Row = tuple[Any, ...]

PURCHASE_COLUMNS = (
    "id", "number", "customer_id", "purchased_at", "branch", "currency", "is_return",
    "original_number", "total_minor", "seq", "item_count",
)  # fmt: skip
LINE_COLUMNS = (
    "purchase_id", "line_no", "sku", "description", "quantity_milli", "unit_price_scaled",
    "line_total_minor",
)  # fmt: skip
_LINE_TOTAL = LINE_COLUMNS.index("line_total_minor")
_QUANTITY = LINE_COLUMNS.index("quantity_milli")
_UPSERT_PURCHASES = (
    f"INSERT INTO purchases ({', '.join(PURCHASE_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(PURCHASE_COLUMNS))})"
    f" ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in PURCHASE_COLUMNS if name != "id")
    + " WHERE excluded.seq >= purchases.seq"
)
_INSERT_LINES = (
    f"INSERT INTO purchase_lines ({', '.join(LINE_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(LINE_COLUMNS))})"
)
_DELETE_LINES = "DELETE FROM purchase_lines WHERE purchase_id IN ({})"
_CHUNK = 500  # ids per IN list: SQLite's limit on parameters is far above, this is cheap

#: What a bulk load builds at its end.
_BULK_BUILT = tuple(sorted(CachedPurchase.__table__.indexes, key=lambda index: str(index.name)))
_PRESENT = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'purchases'"


def apply_pulled_purchases(
    session: Session, purchases: list[PurchasePublic], *, index: bool = True
) -> None:
    """Apply the page's purchases (the caller commits); ``index=False`` in bulk."""
    connection = session.connection()
    if index:
        build_purchase_indexes(connection)
    else:
        drop_purchase_indexes(connection)
    purchases = _newer_than_stored(session, purchases)
    if not purchases:
        return
    headers, lines = [], []
    for purchase in purchases:
        header, its_lines = purchase_rows(purchase)
        headers.append(header)
        lines.extend(its_lines)
    ids = [p.id for p in purchases]
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first : first + _CHUNK]
        connection.exec_driver_sql(_DELETE_LINES.format(", ".join("?" * len(chunk))), tuple(chunk))
    connection.exec_driver_sql(_UPSERT_PURCHASES, headers)
    if lines:
        connection.exec_driver_sql(_INSERT_LINES, lines)


def drop_purchase_indexes(connection: Connection) -> None:
    """Drop the indexes a bulk load builds at its end (those still there)."""
    present = set(connection.exec_driver_sql(_PRESENT).scalars())
    for index in _BULK_BUILT:
        if index.name in present:
            connection.exec_driver_sql(f"DROP INDEX {index.name}")


def build_purchase_indexes(connection: Connection) -> None:
    """Build whichever of those indexes is missing (none: one look at the schema)."""
    present = set(connection.exec_driver_sql(_PRESENT).scalars())
    for index in _BULK_BUILT:
        if index.name not in present:
            index.create(connection)


def _newer_than_stored(session: Session, purchases: list[PurchasePublic]) -> list[PurchasePublic]:
    if not purchases:
        return []
    ids = [p.id for p in purchases]
    query = select(CachedPurchase.id, CachedPurchase.seq).where(CachedPurchase.id.in_(ids))
    stored = {purchase_id: seq for purchase_id, seq in session.execute(query)}
    return [p for p in purchases if p.seq >= stored.get(p.id, p.seq)]


def purchase_rows(purchase: PurchasePublic) -> tuple[Row, list[Row]]:
    """The receipt's values in ``PURCHASE_COLUMNS`` order and its lines' in ``LINE_COLUMNS``."""
    what = f"purchase {purchase.number}"
    currency = _checked(what, Currency.of, purchase.currency)
    total = _checked(what, Money.of, purchase.total, currency)
    lines = _line_rows(purchase, currency)
    if sum(line[_LINE_TOTAL] for line in lines) != total.minor:
        raise ProtocolError(f"{what}: total {purchase.total} is not the sum of its lines")
    header = (
        purchase.id,
        purchase.number,
        purchase.customer_id,
        utc_text(purchase.purchased_at),
        purchase.branch,
        currency.code,
        purchase.is_return,
        purchase.original_number,
        total.minor,
        purchase.seq,
        sum(_items(line[_QUANTITY]) for line in lines),
    )
    return header, lines


def _line_rows(purchase: PurchasePublic, currency: Currency) -> list[Row]:
    """The lines' values; a million lines in a first pull, so the common case runs without
    a guard per value, and a bad line is found again one value at a time to name it."""
    try:
        lines = [_plain_line(purchase.id, line, currency) for line in purchase.lines]
    except DomainError:
        lines = []
    if len(lines) == len(purchase.lines) and all(line[_QUANTITY] for line in lines):
        return lines
    return [_line_row(purchase, line, currency) for line in purchase.lines]


def _plain_line(purchase_id: str, line: PurchaseLinePublic, currency: Currency) -> Row:
    return (
        purchase_id,
        line.line_no,
        line.sku,
        line.description,
        _milli(line.quantity),
        _price_scaled(line.unit_price, currency),
        _minor_units(line.line_total, currency),
    )


def _line_row(purchase: PurchasePublic, line: PurchaseLinePublic, currency: Currency) -> Row:
    """One line's values, each checked with the line named in its error."""
    what = f"purchase {purchase.number} line {line.line_no}"
    return (
        purchase.id,
        line.line_no,
        line.sku,
        line.description,
        _thousandths(what, line.quantity),
        _checked(what, _price_scaled, line.unit_price, currency),
        _checked(what, _minor_units, line.line_total, currency),
    )


@lru_cache(maxsize=4096)
def _milli(text: str) -> int:
    whole, _, fraction = text.lstrip("-").partition(".")
    value = int(whole) * 1000 + int(fraction.ljust(3, "0") or 0)
    return -value if text.startswith("-") else value


def _thousandths(what: str, text: str) -> int:
    """A line's quantity (the wire's pattern checked it: up to 3 decimals) in thousandths;
    never zero."""
    value = _milli(text)
    if value == 0:
        raise ProtocolError(f"{what}: quantity {text!r} is zero")
    return value


def _items(quantity_milli: int) -> int:
    """What a line adds to its receipt's item count: its pieces, or one weighed article."""
    whole, fraction = divmod(abs(quantity_milli), 1000)
    return 1 if fraction else whole


# Prices and totals repeat across lines (one catalogue): parsing each text once per
# process saves most of the Decimal work of a large pull. Errors are never cached.
@lru_cache(maxsize=65_536)
def _price_scaled(text: str, currency: Currency) -> int:
    return UnitPrice.of(text, currency).scaled


@lru_cache(maxsize=65_536)
def _minor_units(text: str, currency: Currency) -> int:
    return Money.of(text, currency).minor


def _checked(what: str, parse: Any, *args: Any) -> Any:
    """``parse(*args)``, with a domain error turned into a ProtocolError naming the row."""
    try:
        return parse(*args)
    except DomainError as error:
        raise ProtocolError(f"{what}: {error}") from error
