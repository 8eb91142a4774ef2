"""The pull side of sync: changes after a cursor, in change-sequence order, in pages.

Each replicated row carries its own change-sequence number (``allocate_seq`` hands every
changed row a distinct one). A page takes the ``limit`` smallest numbers above the cursor
across customers, products and purchases, so every change up to the new cursor is in it.

A desk that attached the initial-pull snapshot pulls with ``floor`` (its cursor): the
replicated tables, every one a snapshot kind, are read above the floor only; the scoped
kinds come from the cursor as always.

The page's end is found from the change numbers alone (each table's index), and only then
are the rows of that page read, so no table is read past what the page carries.

A page is built from plain rows and written as JSON without a model per row: the columns
the wire carries are read with Core selects as tuples, in the order of the wire schema's
fields and under its names, stored money goes out as decimal text by integer arithmetic,
and ``pydantic_core.to_json`` writes the page. The bytes are those ``PullPage`` itself
would write (tests/integration/till/test_pull_page_json.py holds the two side by side),
without validating thousands of rows into models only to serialise them again.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from itertools import chain, groupby
from typing import Any

from pydantic_core import to_json
from sqlalchemy import Table, null, select
from sqlalchemy.orm import Session

from frontdesk.protocol import (
    CustomerPublic,
    InteractionPublic,
    ProductPublic,
    PullPage,
    PurchasePublic,
)
from frontdesk.protocol.catalogue import CategoryPublic, PricePublic, StockPublic
from frontdesk.server.cases import pull as case_pull
from frontdesk.server.cases.pull import CaseScope
from frontdesk.server.catalogue import pull as catalogue_pull
from frontdesk.server.catalogue.models import Category, Price, Stock
from frontdesk.server.catalogue.stock import quantity_text
from frontdesk.server.knowledge import pull as kb_pull
from frontdesk.server.models import (
    ChangeCounter,
    CrossSellModelRow,
    Customer,
    Interaction,
    Product,
    Purchase,
    PurchaseLine,
)
from frontdesk.server.money_text import money_text, price_text
from frontdesk.server.orders import pull as order_pull
from frontdesk.server.till import feed as till_feed

Row = dict[str, Any]
_REPLICATED: dict[str, tuple[Table, type]] = {
    "customers": (Customer.__table__, CustomerPublic),  # type: ignore[dict-item]
    "products": (Product.__table__, ProductPublic),  # type: ignore[dict-item]
    "purchases": (Purchase.__table__, PurchasePublic),  # type: ignore[dict-item]
    "interactions": (Interaction.__table__, InteractionPublic),  # type: ignore[dict-item]
    # Every desk gets the whole catalogue and every branch's stock.
    "categories": (Category.__table__, CategoryPublic),  # type: ignore[dict-item]
    "prices": (Price.__table__, PricePublic),  # type: ignore[dict-item]
    "stock": (Stock.__table__, StockPublic),  # type: ignore[dict-item]
}
#: Wire fields read from another column: stored money and quantities (turned into decimal
#: text after reading).
_STORED_AS = {"unit_price": "unit_price_scaled", "total": "total_minor", "seq": "change_seq",
              "on_hand": "on_hand_milli", "reserved": "reserved_milli",
              "incoming": "incoming_milli"}  # fmt: skip
#: Wire fields read in a query of their own: a purchase's lines, a product's barcodes.
_READ_APART = frozenset({"lines", "barcodes"})
_LINES: Table = PurchaseLine.__table__  # type: ignore[assignment]
_LINE_NAMES = (
    "purchase_id line_no sku description quantity_milli unit_price_scaled line_total_minor"
)
_LINE_COLUMNS = [_LINES.c[name] for name in _LINE_NAMES.split()]


def pull_page(
    session: Session,
    *,
    cursor: int,
    limit: int,
    branch: str | None = None,
    cases: CaseScope | None = None,
    orders: str | None = None,
    audience: frozenset[str] = kb_pull.EVERY_AUDIENCE,
    floor: int = 0,
) -> PullPage:
    """The page of ``pull_page_json`` as a model, parsed as a desk parses it."""
    json = pull_page_json(session, cursor=cursor, limit=limit, branch=branch, cases=cases,
                          orders=orders, audience=audience, floor=floor)  # fmt: skip
    return PullPage.model_validate_json(json)


def pull_page_json(
    session: Session,
    *,
    cursor: int,
    limit: int,
    branch: str | None = None,
    cases: CaseScope | None = None,
    orders: str | None = None,
    audience: frozenset[str] = kb_pull.EVERY_AUDIENCE,
    floor: int = 0,
) -> bytes:
    """Up to ``limit`` changes with sequence number above ``cursor``, as ``PullPage`` JSON.

    ``branch`` is the puller's: the till transactions of that branch come too. ``cases``:
    whose cases and case events come (none without it); the cases' reference lists always.
    ``orders``: the branch whose orders come, and its customers' (none without it).
    ``audience``: which knowledge-base articles come as rows (the others as ids to drop).
    ``floor``: the cursor of the snapshot the desk attached (protocol/snapshot.py): the
    snapshot kinds' changes up to it are left out.
    """
    rows = page_rows(session, cursor=cursor, limit=limit, branch=branch, cases=cases,
                     orders=orders, audience=audience, floor=floor)  # fmt: skip
    return to_json(rows)


def page_rows(
    session: Session,
    *,
    cursor: int,
    limit: int,
    branch: str | None = None,
    cases: CaseScope | None = None,
    orders: str | None = None,
    audience: frozenset[str] = kb_pull.EVERY_AUDIENCE,
    floor: int = 0,
) -> Row:
    """The page as plain values, keyed and ordered like ``PullPage``'s fields."""
    if cursor < 0 or limit < 1 or floor < 0:
        raise ValueError(
            f"cursor and floor must be >= 0 and limit >= 1 (got {cursor}, {floor}, {limit})"
        )
    # Read before any change number: every change up to it is committed and so seen below.
    ceiling = _head(session) if floor > cursor else cursor
    # Every replicated table is a snapshot kind: the desk holds its changes up to the floor.
    after = max(cursor, floor)
    # One number past the limit from each table tells whether anything is left.
    seqs = {
        name: _seqs(session, table, cursor=after, limit=limit + 1)
        for name, (table, _) in _REPLICATED.items()
    }
    case_seqs = case_pull.seqs(session, cases, cursor=cursor, limit=limit + 1)
    order_seqs = order_pull.seqs(session, orders, cursor=cursor, limit=limit + 1)
    kb_seqs = kb_pull.seqs(session, cursor=cursor, limit=limit + 1)
    till = till_feed.changed(session, branch=branch, cursor=cursor, limit=limit + 1)
    model_seq = _newest_model_seq(session, cursor=cursor)
    fetched = [*chain(*seqs.values(), *case_seqs.values(), *order_seqs.values(),
                      *kb_seqs.values())]  # fmt: skip
    fetched += [r["seq"] for r in till]
    fetched = sorted([*fetched, model_seq]) if model_seq is not None else sorted(fetched)
    # Hand-overs out of scope are rare, so looking for the next ``limit`` of them walked
    # every history line after the cursor, a page of a first pull at a time (most of the
    # server's time per page). When the other lists fill the page, only those up to its
    # end can be in it.
    bound = fetched[limit - 1] if len(fetched) > limit else None
    left_seqs = case_pull.left_seqs(session, cases, cursor=cursor, limit=limit + 1, upto=bound)
    fetched = sorted([*fetched, *left_seqs]) if left_seqs else fetched
    new_cursor = fetched[min(limit, len(fetched)) - 1] if fetched else cursor
    if len(fetched) <= limit:
        # Nothing else is left below the floor: the desk's cursor may move up to it, so a
        # floored first pull ends at the snapshot's cursor at least.
        new_cursor = max(new_cursor, min(floor, ceiling))
    # Only then the rows, those of this page alone: a table whose next changes lie past the
    # page's end is not read at all.
    page = {
        name: wire_rows(session, name, after=after, upto=new_cursor)
        if seqs[name] and seqs[name][0] <= new_cursor
        else []
        for name in _REPLICATED
    }
    page["till"] = [r for r in till if r["seq"] <= new_cursor]
    kb_articles, kb_left = (
        kb_pull.articles(session, audience, after=cursor, upto=new_cursor)
        if kb_seqs["kb_articles"] and kb_seqs["kb_articles"][0] <= new_cursor
        else ([], [])
    )
    return {
        "cursor": new_cursor,
        "has_more": len(fetched) > limit,
        "customers": page["customers"],
        "products": page["products"],
        "purchases": page["purchases"],
        "crosssell_model": _model_row(session, model_seq, new_cursor=new_cursor),
        "interactions": page["interactions"],
        "till_transactions": page["till"],
        **{
            name: case_pull.rows(session, cases, name, after=cursor, upto=new_cursor)
            if found and found[0] <= new_cursor
            else []
            for name, found in case_seqs.items()
        },
        "categories": page["categories"],
        "prices": page["prices"],
        "stock": page["stock"],
        **{
            name: order_pull.rows(session, orders, name, after=cursor, upto=new_cursor)
            if found and found[0] <= new_cursor
            else []
            for name, found in order_seqs.items()
        },
        "kb_articles": kb_articles,
        "kb_articles_left": kb_left,
        "kb_documents": kb_pull.documents(session, after=cursor, upto=new_cursor)
        if kb_seqs["kb_documents"] and kb_seqs["kb_documents"][0] <= new_cursor
        else [],
        "cases_left": case_pull.left(session, cases, after=cursor, upto=new_cursor)
        if left_seqs and left_seqs[0] <= new_cursor
        else [],
        "head": _head(session),
    }


def wire_rows(session: Session, name: str, *, after: int, upto: int) -> list[Row]:
    """The rows of kind ``name`` (a ``_REPLICATED`` key) changed in ``(after, upto]``, in
    change order, each one the plain values its wire model carries: a pull page and a
    snapshot write the same rows."""
    table, wire = _REPLICATED[name]
    rows = _changed(session, table, wire=wire, after=after, upto=upto)
    return _FINISH[name](session, rows) if rows else rows


def table_of(name: str) -> Table:
    """The server table of the replicated kind ``name``."""
    return _REPLICATED[name][0]


def _head(session: Session) -> int:
    """The newest change number handed out: a desk's first pull shows how far it has to go."""
    return int(session.scalar(select(ChangeCounter.value).where(ChangeCounter.id == 1)) or 0)


def _newest_model_seq(session: Session, *, cursor: int) -> int | None:
    """The newest cross-sell model's seq if it is after ``cursor``: older ones never ship."""
    newest = (
        select(CrossSellModelRow.change_seq).order_by(CrossSellModelRow.version.desc()).limit(1)
    )
    seq = session.scalar(newest)
    return seq if seq is not None and seq > cursor else None


def _model_row(session: Session, seq: int | None, *, new_cursor: int) -> Row | None:
    if seq is None or seq > new_cursor:
        return None
    row = session.scalars(
        select(CrossSellModelRow).where(CrossSellModelRow.change_seq == seq)
    ).one()
    blob = base64.b64encode(row.blob).decode("ascii")
    return {"version": row.version, "trained_at": row.trained_at, "blob": blob, "seq": seq}


def _seqs(session: Session, table: Table, *, cursor: int, limit: int) -> list[int]:
    """The first ``limit`` change numbers after ``cursor`` (from the index alone)."""
    seq = table.c.change_seq
    return list(session.scalars(select(seq).where(seq > cursor).order_by(seq).limit(limit)))


def _changed(session: Session, table: Table, *, wire: type, after: int, upto: int) -> list[Row]:
    """Rows changed in ``(after, upto]`` as dicts keyed and ordered like the wire's fields.

    Only the columns the wire carries are read: server-only ones (an interaction's device)
    never leave the server. Stored money keeps its integer until ``_product``/``_purchase``.
    """
    columns = [
        null().label(name)
        if name in _READ_APART
        else table.c[_STORED_AS.get(name, name)].label(name)
        for name in wire.model_fields
    ]
    seq = table.c.change_seq
    query = select(*columns).where(seq > after, seq <= upto).order_by(seq)
    return _dicts(session, query)


def _dicts(session: Session, query: Any) -> list[Row]:
    result = session.execute(query)
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]


def _product(row: Row) -> Row:
    row["unit_price"] = price_text(row["unit_price"], row["currency"])
    return row


def _purchases(session: Session, headers: list[Row]) -> list[Row]:
    """Purchases with their lines, the lines read in one query for the whole page."""
    if not headers:
        return []
    ids = [header["id"] for header in headers]
    query = (
        select(*_LINE_COLUMNS)
        .where(_LINES.c.purchase_id.in_(ids))
        .order_by(_LINES.c.purchase_id, _LINES.c.line_no)
    )
    rows = session.execute(query).all()
    lines = {key: list(group) for key, group in groupby(rows, key=lambda r: r[0])}
    return [_purchase(header, lines.get(header["id"], [])) for header in headers]


def _purchase(header: Row, lines: list[Any]) -> Row:
    currency = header["currency"]
    header["total"] = money_text(header["total"], currency)
    header["lines"] = [_line(line, currency) for line in lines]
    return header


def _line(line: Any, currency: str) -> Row:
    _, line_no, sku, description, quantity_milli, unit_price_scaled, line_total_minor = line
    return {
        "line_no": line_no,
        "sku": sku,
        "description": description,
        "quantity": quantity_text(quantity_milli),
        "unit_price": price_text(unit_price_scaled, currency),
        "line_total": money_text(line_total_minor, currency),
    }


def _as_read(_session: Session, rows: list[Row]) -> list[Row]:
    return rows


#: What each kind's rows need after reading: money and quantities as text, read-apart fields.
_FINISH: dict[str, Callable[[Session, list[Row]], list[Row]]] = {
    "customers": _as_read,
    "products": lambda session, rows: catalogue_pull.with_barcodes(
        session, [_product(row) for row in rows]
    ),
    "purchases": _purchases,
    "interactions": _as_read,
    "categories": _as_read,
    "prices": lambda _session, rows: [_product(row) for row in rows],
    "stock": lambda _session, rows: [catalogue_pull.stock_row(row) for row in rows],
}
