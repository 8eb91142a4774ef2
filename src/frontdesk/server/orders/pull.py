"""What a desk pulls of orders: those placed at its branch and those of its branch's
customers (their home branch when the order was stored), any status, and their events.

Like cases, each list is found first by its change numbers, scoped by the puller through
the ``(branch, change_seq)`` and ``(customer branch, change_seq)`` indexes (one index range
each, merged; an order of the branch for one of its own customers comes once), and only
then read for the page's range, as the wire's plain rows (``wire.py``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ColumnElement, Select, false, or_, select, union
from sqlalchemy.orm import Session

from frontdesk.server.orders import wire

Row = dict[str, Any]
#: Each list of the page and where it keeps the two branches that scope it.
_SCOPE: dict[str, tuple[Column[Any], Column[Any]]] = {
    "orders": (wire.ORDERS.c.branch, wire.ORDERS.c.customer_branch),
    "order_events": (wire.EVENTS.c.order_branch, wire.EVENTS.c.order_customer_branch),
}


def seqs(session: Session, branch: str | None, *, cursor: int, limit: int) -> dict[str, list[int]]:
    """The first ``limit`` change numbers after ``cursor`` of each list (none without a
    branch)."""
    return {name: _seqs(session, name, branch, cursor=cursor, limit=limit) for name in _SCOPE}


def _seqs(session: Session, name: str, branch: str | None, *, cursor: int, limit: int) -> list[int]:
    if not branch:
        return []
    seq = _seq(name)
    ranges = [_first(seq, whose, seq > cursor, limit=limit).subquery()
              for whose in _parts(name, branch)]  # fmt: skip
    merged = union(*(select(part.c.change_seq) for part in ranges)).subquery()
    return list(session.scalars(_first(merged.c.change_seq, limit=limit)))


def rows(session: Session, branch: str | None, name: str, *, after: int, upto: int) -> list[Row]:
    """The rows of list ``name`` changed in ``(after, upto]``, as wire dicts."""
    seq = _seq(name)
    scope = or_(*_parts(name, branch)) if branch else false()
    if name == "orders":
        return wire.orders(session, seq > after, seq <= upto, scope)
    return wire.events(session, seq > after, seq <= upto, scope)


def _seq(name: str) -> Column[Any]:
    return _SCOPE[name][0].table.c.change_seq  # type: ignore[attr-defined,no-any-return]


def _parts(name: str, branch: str) -> list[ColumnElement[bool]]:
    placed_at, customer_of = _SCOPE[name]
    return [placed_at == branch, customer_of == branch]


def _first(seq: Any, *where: ColumnElement[bool], limit: int) -> Select[Any]:
    return select(seq).where(*where).order_by(seq).limit(limit)
