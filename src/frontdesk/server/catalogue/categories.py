"""Writing the category tree: a parent must exist (stored, or in the same file) and a row
may not make the tree a loop; such rows are refused, the rest upserted by code."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from frontdesk.protocol.catalogue import CategoryIn
from frontdesk.server.catalogue.models import Category
from frontdesk.server.catalogue.report import ImportContext, Parsed


def write(context: ImportContext, parsed: list[Parsed]) -> None:
    stored = {row.code: row._asdict() for row in context.session.execute(
        select(Category.code, Category.parent, Category.names))}  # fmt: skip
    rows = _rooted(context, _first_of_each_code(context, parsed), stored)
    created, updated = [], []
    for _, item in rows.values():
        row = {"code": item.code, "parent": item.parent, "names": dict(item.names)}
        old = stored.get(item.code)
        if old is not None and (old["parent"], old["names"]) == (row["parent"], row["names"]):
            context.report.unchanged += 1
        else:
            (updated if old is not None else created).append(row)
    context.store(Category, created, updated)


Numbered = dict[str, tuple[int, CategoryIn]]


def _first_of_each_code(context: ImportContext, parsed: list[Parsed]) -> Numbered:
    rows: Numbered = {}
    for entry in parsed:
        code = entry.item.code
        if code in rows:
            again = f"{code!r} appears again (first at row {rows[code][0]})"
            context.report.refuse(entry.row, "code", again)
        else:
            rows[code] = (entry.row, entry.item)
    return rows


def _rooted(context: ImportContext, rows: Numbered, stored: dict[str, dict[str, Any]]) -> Numbered:
    """The rows whose parent chain ends at a top category; the others refused (and in turn
    their children, unless those hang under the stored category of the same code)."""
    while True:
        parents = {code: old["parent"] for code, old in stored.items()}
        parents.update({code: item.parent for code, (_, item) in rows.items()})
        broken = {code: why for code in rows if (why := _broken(code, parents)) is not None}
        if not broken:
            return rows
        for code, why in broken.items():
            context.report.refuse(rows.pop(code)[0], "parent", why)


def _broken(code: str, parents: dict[str, str | None]) -> str | None:
    seen = {code}
    parent = parents[code]
    while parent is not None:
        if parent not in parents:
            return f"no category {parent!r} (stored or in this file)"
        if parent in seen:
            return f"{code!r} under {parents[code]!r} makes the tree a loop"
        seen.add(parent)
        parent = parents[parent]
    return None
