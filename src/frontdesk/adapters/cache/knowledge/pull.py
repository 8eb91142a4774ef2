"""The knowledge-base part of a pulled page: articles, articles gone, documents.

An article row is replaced whole by its ``id`` and never by an older ``seq``; an archived
article, or one no longer for this desk's audience (``kb_articles_left``), leaves the cache
with its links and its index row. Only the articles a page changed are indexed again (and
those whose document text changed): a bulk load (``index=False``) leaves the index behind
for ``rebuild_index`` at its end. A document's metadata is replaced; how much of its content
this desk holds (``fetched``) is kept unless the content changed size.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.knowledge.index import (
    clear_index,
    drop_from_index,
    reindex_articles,
    reindex_documents_of,
)
from frontdesk.adapters.cache.knowledge.tables import (
    CASE_CATEGORY,
    PRODUCT,
    KbArticleRow,
    KbDocumentRow,
    KbLinkRow,
)
from frontdesk.protocol import PullPage
from frontdesk.protocol.knowledge import KbArticlePublic, KbDocumentPublic
from frontdesk.services.errors import ProtocolError

Row = dict[str, Any]


def apply_pulled_knowledge(session: Session, page: PullPage, *, index: bool = True) -> None:
    """Apply the page's articles, departures and documents (the caller commits)."""
    newer = _newer(session, page.kb_articles)
    gone = [a.id for a in newer if a.status != "published"] + list(page.kb_articles_left)
    remove_articles(session, gone, index=index)
    kept = [a for a in newer if a.status == "published"]
    _upsert_articles(session, kept)
    _replace_links(session, kept)
    _upsert_documents(session, page.kb_documents)
    if index:
        connection = session.connection()
        reindex_articles(connection, [a.id for a in kept])
        reindex_documents_of(connection, [d.sha256 for d in page.kb_documents])


def remove_articles(session: Session, ids: list[str], *, index: bool = True) -> None:
    if not ids:
        return
    docs = session.scalars(select(KbArticleRow.doc).where(KbArticleRow.id.in_(ids))).all()
    if index:
        drop_from_index(session.connection(), list(docs))
    session.execute(delete(KbLinkRow).where(KbLinkRow.article_id.in_(ids)))
    session.execute(delete(KbArticleRow).where(KbArticleRow.id.in_(ids)))


def clear_knowledge(session: Session) -> None:
    for model in (KbLinkRow, KbArticleRow, KbDocumentRow):
        session.execute(delete(model))
    clear_index(session.connection())


def _newer(session: Session, articles: list[KbArticlePublic]) -> list[KbArticlePublic]:
    if not articles:
        return []
    query = select(KbArticleRow.id, KbArticleRow.seq).where(
        KbArticleRow.id.in_([a.id for a in articles])
    )
    stored = {article_id: seq for article_id, seq in session.execute(query).all()}
    return [a for a in articles if a.seq >= stored.get(a.id, a.seq)]


def _upsert_articles(session: Session, articles: list[KbArticlePublic]) -> None:
    if not articles:
        return
    stmt = insert(KbArticleRow.__table__)
    rows = [article_row(a) for a in articles]
    updates = {name: stmt.excluded[name] for name in rows[0] if name != "id"}
    session.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=updates), rows)


def article_row(article: KbArticlePublic) -> Row:
    if article.updated_at.tzinfo is None:
        raise ProtocolError(f"article {article.id}: updated_at carries no time zone")
    return {
        "id": article.id,
        "translation_group": article.translation_group,
        "lang": article.lang,
        "title": article.title,
        "body_md": article.body_md,
        "category": article.category,
        "tags": list(article.tags),
        "product_skus": list(article.product_skus),
        "case_categories": list(article.case_categories),
        "audience": article.audience,
        "version": article.version,
        "author": article.author,
        "source": article.source,
        "documents": list(article.documents),
        "updated_at": article.updated_at,
        "seq": article.seq,
    }


def _replace_links(session: Session, articles: list[KbArticlePublic]) -> None:
    if not articles:
        return
    ids = [a.id for a in articles]
    session.execute(delete(KbLinkRow).where(KbLinkRow.article_id.in_(ids)))
    rows = [
        {"kind": kind, "key": key, "article_id": a.id}
        for a in articles
        for kind, keys in ((PRODUCT, a.product_skus), (CASE_CATEGORY, a.case_categories))
        for key in dict.fromkeys(keys)
    ]
    if rows:
        session.execute(insert(KbLinkRow.__table__).on_conflict_do_nothing(), rows)


def _upsert_documents(session: Session, documents: list[KbDocumentPublic]) -> None:
    if not documents:
        return
    stmt = insert(KbDocumentRow.__table__)
    rows = [document_row(d) for d in documents]
    updates = {name: stmt.excluded[name] for name in rows[0] if name not in ("sha256", "fetched")}
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["sha256"], set_=updates, where=stmt.excluded.seq >= stmt.table.c.seq
        ),
        rows,
    )


def document_row(document: KbDocumentPublic) -> Row:
    return {
        "sha256": document.sha256,
        "name": document.name,
        "mime": document.mime,
        "size": document.size,
        "pages": document.page_count,
        "text": document.text,
        "article_ids": list(document.article_ids),
        "product_skus": list(document.product_skus),
        "fetched": 0,
        "seq": document.seq,
    }
