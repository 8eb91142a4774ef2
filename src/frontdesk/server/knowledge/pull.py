"""What a desk pulls of the knowledge base: every article change (company-wide), as a row
for the puller's audience or as an id to drop, and every document's metadata and text.

A till's cashier gets the articles for ``cashiers`` and ``all``, an agent those for
``agents`` and ``all``; supervisors and admins every one. An article that moves out of the
puller's audience comes as its id in ``kb_articles_left``, so the desk drops it. Drafts live
in their own table and never reach a pull.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.protocol import Role
from frontdesk.protocol.knowledge import KbArticlePublic, KbDocumentPublic
from frontdesk.server.knowledge.models import (
    KbArticle,
    KbArticleDocument,
    KbArticleProduct,
    KbDocument,
)
from frontdesk.server.models import User

Row = dict[str, Any]
EVERY_AUDIENCE = frozenset({"agents", "cashiers", "all"})
_AUDIENCES = {
    Role.CASHIER.value: frozenset({"cashiers", "all"}),
    Role.AGENT.value: frozenset({"agents", "all"}),
}
_ARTICLES = KbArticle.__table__
_DOCUMENTS = KbDocument.__table__
_STORED_AS = {"seq": "change_seq"}
_READ_APART = frozenset({"product_skus", "documents"})


def audience_of(user: User) -> frozenset[str]:
    return _AUDIENCES.get(user.role, EVERY_AUDIENCE)


def seqs(session: Session, *, cursor: int, limit: int) -> dict[str, list[int]]:
    """The first ``limit`` change numbers after ``cursor`` of articles and of documents."""
    return {
        "kb_articles": _first(session, _ARTICLES.c.change_seq, cursor=cursor, limit=limit),
        "kb_documents": _first(session, _DOCUMENTS.c.change_seq, cursor=cursor, limit=limit),
    }


def _first(session: Session, seq: Any, *, cursor: int, limit: int) -> list[int]:
    return list(session.scalars(select(seq).where(seq > cursor).order_by(seq).limit(limit)))


def articles(
    session: Session, audience: frozenset[str], *, after: int, upto: int
) -> tuple[list[Row], list[str]]:
    """The article rows changed in ``(after, upto]`` for ``audience``, and the ids of those
    changed there that are not for it."""
    seq = _ARTICLES.c.change_seq
    columns = [_column(_ARTICLES, name) for name in KbArticlePublic.model_fields]
    query = select(*columns, _ARTICLES.c.audience.label("_audience"))
    found = _dicts(session, query.where(seq > after, seq <= upto).order_by(seq))
    rows: list[Row] = []
    left: list[str] = []
    for row in found:
        if row.pop("_audience") in audience:
            rows.append(row)
        else:
            left.append(row["id"])
    return _with_links(session, rows), left


def documents(session: Session, *, after: int, upto: int) -> list[Row]:
    seq = _DOCUMENTS.c.change_seq
    columns = [_DOCUMENTS.c[_STORED_AS.get(name, name)].label(name)
               for name in KbDocumentPublic.model_fields]  # fmt: skip
    return _dicts(session, select(*columns).where(seq > after, seq <= upto).order_by(seq))


def _column(table: Any, name: str) -> Any:
    if name in _READ_APART:
        return table.c.id.label(name)  # a placeholder, filled in by ``_with_links``
    return table.c[_STORED_AS.get(name, name)].label(name)


def _with_links(session: Session, rows: list[Row]) -> list[Row]:
    ids = [row["id"] for row in rows]
    if not ids:
        return rows
    skus: dict[str, list[str]] = defaultdict(list)
    query = select(KbArticleProduct.article_id, KbArticleProduct.sku)
    for ident, sku in session.execute(query.where(KbArticleProduct.article_id.in_(ids))):
        skus[ident].append(sku)
    shas: dict[str, list[str]] = defaultdict(list)
    linked = select(KbArticleDocument.article_id, KbArticleDocument.sha256)
    linked = linked.where(KbArticleDocument.article_id.in_(ids)).order_by(
        KbArticleDocument.article_id, KbArticleDocument.position
    )
    for ident, sha in session.execute(linked):
        shas[ident].append(sha)
    for row in rows:
        row["product_skus"] = sorted(skus.get(row["id"], []))
        row["documents"] = shas.get(row["id"], [])
    return rows


def _dicts(session: Session, query: Any) -> list[Row]:
    result = session.execute(query)
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]
