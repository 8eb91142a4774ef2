"""The pull side of sync: changes after a cursor, in change-sequence order, in pages.

Each replicated row carries its own change-sequence number (``allocate_seq`` hands every
changed row a distinct one). A page takes the ``limit`` smallest numbers above the cursor
across customers, products and purchases, so every change up to the new cursor is in it.

Rows are read with Core selects into dicts and the page is validated in one call: per-row
ORM objects and per-row models cost far more than the database reads on a large pull.
"""

from __future__ import annotations

import base64
from itertools import groupby
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from frontdesk.domain.money import PRICE_EXTRA_DIGITS, Currency
from frontdesk.protocol import (
    CrossSellModelPublic,
    CustomerPublic,
    InteractionPublic,
    ProductPublic,
    PullPage,
    PurchasePublic,
)
from frontdesk.server import till_feed
from frontdesk.server.models import (
    CrossSellModelRow,
    Customer,
    Interaction,
    Product,
    Purchase,
    PurchaseLine,
)

Row = dict[str, Any]
_REPLICATED: dict[str, tuple[Table, type]] = {
    "customers": (Customer.__table__, CustomerPublic),  # type: ignore[dict-item]
    "products": (Product.__table__, ProductPublic),  # type: ignore[dict-item]
    "purchases": (Purchase.__table__, PurchasePublic),  # type: ignore[dict-item]
    "interactions": (Interaction.__table__, InteractionPublic),  # type: ignore[dict-item]
}
#: Stored money columns the page turns into the wire's decimal strings.
_STORED_MONEY = frozenset({"unit_price_scaled", "total_minor"})
_LINES: Table = PurchaseLine.__table__  # type: ignore[assignment]


def pull_page(
    session: Session, *, cursor: int, limit: int, branch: str | None = None
) -> PullPage:
    """Up to ``limit`` changes with sequence number above ``cursor``.

    ``branch`` is the puller's: the till transactions of that branch come too.
    """
    if cursor < 0 or limit < 1:
        raise ValueError(f"cursor must be >= 0 and limit >= 1 (got {cursor}, {limit})")
    # One row past the limit from each table tells whether anything is left.
    changed = {
        name: _changed(session, table, wire=wire, cursor=cursor, limit=limit + 1)
        for name, (table, wire) in _REPLICATED.items()
    }
    changed["till"] = till_feed.changed(session, branch=branch, cursor=cursor, limit=limit + 1)
    model_seq = _newest_model_seq(session, cursor=cursor)
    fetched = sorted(row["seq"] for rows in changed.values() for row in rows)
    fetched = sorted([*fetched, model_seq]) if model_seq is not None else fetched
    if not fetched:
        return PullPage(cursor=cursor, has_more=False)
    new_cursor = fetched[min(limit, len(fetched)) - 1]
    page = {name: [r for r in rows if r["seq"] <= new_cursor] for name, rows in changed.items()}
    return PullPage.model_validate(
        {
            "cursor": new_cursor,
            "has_more": len(fetched) > limit,
            "customers": page["customers"],
            "products": [_product(row) for row in page["products"]],
            "purchases": _purchases(session, page["purchases"]),
            "interactions": page["interactions"],
            "crosssell_model": _model_public(session, model_seq, new_cursor=new_cursor),
            "till_transactions": page["till"],
        }
    )


def _newest_model_seq(session: Session, *, cursor: int) -> int | None:
    """The newest cross-sell model's seq if it is after ``cursor``: older ones never ship."""
    newest = (
        select(CrossSellModelRow.change_seq).order_by(CrossSellModelRow.version.desc()).limit(1)
    )
    seq = session.scalar(newest)
    return seq if seq is not None and seq > cursor else None


def _model_public(
    session: Session, seq: int | None, *, new_cursor: int
) -> CrossSellModelPublic | None:
    if seq is None or seq > new_cursor:
        return None
    row = session.scalars(
        select(CrossSellModelRow).where(CrossSellModelRow.change_seq == seq)
    ).one()
    return CrossSellModelPublic(
        version=row.version,
        trained_at=row.trained_at,
        blob=base64.b64encode(row.blob).decode("ascii"),
        seq=row.change_seq,
    )


def _changed(session: Session, table: Table, *, wire: type, cursor: int, limit: int) -> list[Row]:
    """Rows after ``cursor`` as dicts keyed like the wire schema (``change_seq`` as ``seq``).

    Only the columns the wire carries are read: server-only ones (an interaction's device)
    never leave the server.
    """
    seq = table.c.change_seq
    wanted = wire.model_fields.keys() | _STORED_MONEY
    columns = [c for c in table.c if c.name in wanted]
    query = select(*columns, seq.label("seq")).where(seq > cursor).order_by(seq).limit(limit)
    return [dict(row) for row in session.execute(query).mappings()]


def _product(row: Row) -> Row:
    scaled = row.pop("unit_price_scaled")
    return {**row, "unit_price": price_text(scaled, row["currency"])}


def _purchases(session: Session, headers: list[Row]) -> list[Row]:
    """Purchases with their lines, the lines read in one query for the whole page."""
    if not headers:
        return []
    ids = [header["id"] for header in headers]
    query = (
        select(_LINES)
        .where(_LINES.c.purchase_id.in_(ids))
        .order_by(_LINES.c.purchase_id, _LINES.c.line_no)
    )
    rows = session.execute(query).mappings()
    lines = {key: list(group) for key, group in groupby(rows, key=lambda r: r["purchase_id"])}
    return [_purchase(header, lines.get(header["id"], [])) for header in headers]


def _purchase(header: Row, lines: list[Any]) -> Row:
    currency = header["currency"]
    purchase = {key: value for key, value in header.items() if key != "total_minor"}
    purchase["total"] = money_text(header["total_minor"], currency)
    purchase["lines"] = [_line(line, currency) for line in lines]
    return purchase


def _line(line: Any, currency: str) -> Row:
    return {
        "line_no": line["line_no"],
        "sku": line["sku"],
        "description": line["description"],
        "quantity": line["quantity"],
        "unit_price": price_text(line["unit_price_scaled"], currency),
        "line_total": money_text(line["line_total_minor"], currency),
    }


def money_text(minor: int, currency: str) -> str:
    """Stored minor units as a decimal string with the currency's digits: 1234 GBP -> '12.34'."""
    return _fixed_point(minor, Currency.of(currency).minor_units)


def price_text(scaled: int, currency: str) -> str:
    """A stored unit price as a decimal string: trailing zeros past the minor unit dropped."""
    minor_units = Currency.of(currency).minor_units
    text = _fixed_point(scaled, minor_units + PRICE_EXTRA_DIGITS)
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0").ljust(minor_units, "0")
    return f"{whole}.{fraction}" if fraction else whole


def _fixed_point(value: int, digits: int) -> str:
    """``value`` times 10^-digits written out, by integer arithmetic (no Decimal per row)."""
    sign = "-" if value < 0 else ""
    whole, fraction = divmod(abs(value), 10**digits)
    return f"{sign}{whole}.{fraction:0{digits}d}" if digits else f"{sign}{whole}"
