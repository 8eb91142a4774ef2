"""Writing price rows by their reach (sku, currency, branch, first day): a re-import of a
reach updates its price and last day. Two rows of one reach in a file clash (``clashes``):
the second is refused. The product must be stored.

A product's list entry (``products.unit_price_scaled``/``currency``: what purchases and
cross-sell show) follows its company-wide price that applies today, in the product's
currency if it has one then, else in the first currency by code.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import update

from frontdesk.domain.errors import DomainError, ValidationError
from frontdesk.domain.money import UnitPrice
from frontdesk.protocol.catalogue import PriceIn
from frontdesk.server.catalogue.models import Price
from frontdesk.server.catalogue.report import ImportContext, Parsed
from frontdesk.server.db import allocate_seq, utcnow
from frontdesk.server.importers.common import ID_NAMESPACE, fetch_in
from frontdesk.server.models import Product

_COMPARED = ("unit_price_scaled", "valid_until", "withdrawn")


def price_id_for(sku: str, currency: str, branch: str | None, valid_from: date) -> str:
    """The id of the price row of this reach, the same on every server."""
    reach = json.dumps([sku, currency, branch, valid_from.isoformat()], ensure_ascii=False)
    return str(uuid.uuid5(ID_NAMESPACE, f"price:{reach}"))


def write(context: ImportContext, parsed: list[Parsed]) -> None:
    session, report = context.session, context.report
    skus = {entry.item.sku for entry in parsed}
    known = {row[0] for row in fetch_in(session, (Product.sku,), key=Product.sku, values=skus)}
    columns = [Price.id, Price.change_seq, *(Price.__table__.c[n] for n in _COMPARED)]
    ids = [_id_of(entry.item) for entry in parsed]
    stored = {r.id: r._asdict() for r in fetch_in(session, columns, key=Price.id, values=ids)}
    created, updated, first_row = [], [], {}
    for entry in parsed:
        try:
            row = _checked(entry.item, known, first_row, stored, context.floor)
        except ValidationError as error:
            report.refuse(entry.row, error.field, error.message)
            continue
        except DomainError as error:  # a currency unknown, a price too precise
            report.refuse(entry.row, "unit_price", str(error))
            continue
        first_row[row["id"]] = entry.row
        old = stored.get(row["id"])
        if old is not None and all(row[n] == old[n] for n in _COMPARED):
            report.unchanged += 1
        else:
            (updated if old is not None else created).append(row)
    context.store(Price, created, updated)
    refresh_list_entries(context, {row["sku"] for row in [*created, *updated]})


def _id_of(item: PriceIn) -> str:
    return price_id_for(item.sku, item.currency, item.branch, item.valid_from)


def _checked(
    item: PriceIn,
    known: set[str],
    first_row: dict[str, int],
    stored: dict[str, dict[str, Any]],
    floor: int,
) -> dict[str, Any]:
    if item.sku not in known:
        raise ValidationError("sku", f"no product {item.sku!r} (import the products first)")
    row_id = _id_of(item)
    old = stored.get(row_id)
    if row_id in first_row or (old is not None and old["change_seq"] > floor):
        first = f" (row {first_row[row_id]})" if row_id in first_row else ""
        raise ValidationError(
            "valid_from",
            f"another row{first} prices {item.sku!r} in {item.currency} for "
            f"{item.branch or 'every branch'} from {item.valid_from}: which applies is unclear",
        )
    scaled = UnitPrice.of(item.unit_price, item.currency).scaled
    return {
        "id": row_id,
        "sku": item.sku,
        "currency": item.currency,
        "unit_price_scaled": scaled,
        "branch": item.branch,
        "valid_from": item.valid_from,
        "valid_until": item.valid_until,
        "withdrawn": False,
    }


def refresh_list_entries(context: ImportContext, skus: set[str]) -> None:
    """Set the list entry of each of ``skus`` to its company-wide price of today, if any."""
    session, today = context.session, utcnow().date()
    products = fetch_in(session, (Product.sku, Product.unit_price_scaled, Product.currency),
                        key=Product.sku, values=skus)  # fmt: skip
    columns = (Price.sku, Price.currency, Price.unit_price_scaled, Price.valid_from)
    current = [
        row
        for row in fetch_in(
            session,
            (*columns, Price.valid_until),
            key=Price.sku,
            values=skus,
            where=lambda: Price.branch.is_(None),
        )
        if row.valid_from <= today and (row.valid_until is None or today <= row.valid_until)
    ]
    by_sku: dict[str, list[Any]] = defaultdict(list)
    for row in current:
        by_sku[row.sku].append(row)
    changes = []
    for sku, scaled, currency in products:
        entry = _list_entry(by_sku[sku], currency)
        if entry is not None and entry != (scaled, currency):
            changes.append({"sku": sku, "unit_price_scaled": entry[0], "currency": entry[1]})
    if changes:
        first = allocate_seq(session, len(changes))
        for seq, change in enumerate(changes, start=first):
            change["change_seq"] = seq
        session.execute(update(Product), changes)


def _list_entry(rows: list[Any], currency: str) -> tuple[int, str] | None:
    if not rows:
        return None
    same = [row for row in rows if row.currency == currency]
    pool = same or [row for row in rows if row.currency == min(r.currency for r in rows)]
    newest = max(pool, key=lambda row: row.valid_from)
    return newest.unit_price_scaled, newest.currency
