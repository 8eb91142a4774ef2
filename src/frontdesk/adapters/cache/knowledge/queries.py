"""``SqlAlchemyKnowledge``: the knowledge base's port on the cache's reader sessions.

A search ranks in SQL (``search``) and then reads only the shown answers' rows, to pick
each group's version in the desk's language and cut its snippet around the matched words.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache.knowledge.analysis import matches
from frontdesk.adapters.cache.knowledge.search import Match, Query, parse, rank
from frontdesk.adapters.cache.knowledge.tables import KbArticleRow, KbDocumentRow
from frontdesk.domain.knowledge import markdown_text, snippet
from frontdesk.services.knowledge.ports import (
    AbstractKnowledge,
    KbArticle,
    KbDocumentInfo,
    KbHit,
)

# Characters of an article searched for its snippet: cleaning and scanning them for the
# query's words is most of a search's time once ranking is done.
SNIPPET_SOURCE = 3_000
_GROUPS = (
    f"SELECT doc, id, translation_group, lang, title, substr(body_md, 1, {SNIPPET_SOURCE})"
    " AS body_md, source FROM kb_articles"
    " WHERE translation_group IN (SELECT value FROM json_each(?)) ORDER BY lang"
)
_LINKED = (
    "SELECT a.translation_group, count(*) AS n, max(a.updated_at) FROM kb_links l"
    " JOIN kb_articles a ON a.id = l.article_id"
    " WHERE l.kind = ? AND l.key IN (SELECT value FROM json_each(?))"
    " GROUP BY a.translation_group ORDER BY n DESC, max(a.updated_at) DESC LIMIT ?"
)

_BOUGHT = (
    "SELECT l.sku FROM purchases p JOIN purchase_lines l ON l.purchase_id = p.id"
    " WHERE p.customer_id = ? GROUP BY l.sku ORDER BY max(p.purchased_at) DESC LIMIT ?"
)


class SqlAlchemyKnowledge(AbstractKnowledge):
    """Reads on ``session_factory``; ``writer`` records how much of a document is held
    (cache bookkeeping, not a write to the server: no outbox item)."""

    def __init__(
        self, session_factory: sessionmaker[Session], *, writer: sessionmaker[Session] | None = None
    ) -> None:
        self._sessions = session_factory
        self._writer = writer or session_factory

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        with self._sessions() as session:
            yield session.connection()

    def search(self, text: str, *, lang: str, limit: int) -> list[KbHit]:
        with self._connection() as connection:
            query, vocab = parse(connection, text)
            matches = rank(vocab, query, limit=limit)
            return _hits(connection, matches, query=query, lang=lang)

    def linked(self, *, kind: str, keys: list[str], lang: str, limit: int) -> list[KbHit]:
        if not keys or limit <= 0:
            return []
        with self._connection() as connection:
            rows = connection.exec_driver_sql(_LINKED, (kind, json.dumps(keys), limit)).all()
            matches = [Match(0, group, lang, float(n)) for group, n, _ in rows]
            return _hits(connection, matches, query=None, lang=lang)

    def article(self, article_id: str) -> KbArticle | None:
        with self._sessions() as session:
            row = session.scalar(select(KbArticleRow).where(KbArticleRow.id == article_id))
            if row is None:
                return None
            others = session.execute(
                select(KbArticleRow.id, KbArticleRow.lang).where(
                    KbArticleRow.translation_group == row.translation_group,
                    KbArticleRow.id != row.id,
                )
            ).all()
            documents = _documents(session, list(row.documents))
        return _article(row, documents, tuple((i, lang) for i, lang in others))

    def documents_to_fetch(self) -> list[KbDocumentInfo]:
        query = (
            select(KbDocumentRow)
            .where(KbDocumentRow.fetched < KbDocumentRow.size)
            .order_by(KbDocumentRow.seq.desc())
        )
        with self._sessions() as session:
            return [_document(row) for row in session.scalars(query)]

    def set_fetched(self, sha256: str, held: int) -> None:
        with self._writer() as session:
            session.execute(
                update(KbDocumentRow).where(KbDocumentRow.sha256 == sha256).values(fetched=held)
            )
            session.commit()

    def bought_skus(self, customer_id: str, *, limit: int) -> list[str]:
        with self._connection() as connection:
            rows = connection.exec_driver_sql(_BOUGHT, (customer_id, limit))
            return list(rows.scalars())

    def document(self, sha256: str) -> KbDocumentInfo | None:
        with self._sessions() as session:
            found = _documents(session, [sha256])
        return found[0] if found else None


def _hits(
    connection: Connection, matches: list[Match], *, query: Query | None, lang: str
) -> list[KbHit]:
    if not matches:
        return []
    groups = json.dumps([m.group for m in matches])
    versions: dict[str, list[Any]] = {}
    for row in connection.exec_driver_sql(_GROUPS, (groups,)):
        versions.setdefault(row.translation_group, []).append(row)
    return [_hit(m, versions[m.group], query, lang) for m in matches if m.group in versions]


def _hit(match: Match, versions: list[Any], query: Query | None, lang: str) -> KbHit:
    shown = _shown(match, versions, lang)
    other = next((v for v in versions if v.doc != shown.doc), None)
    text = markdown_text(shown.body_md)
    cut = snippet(text, _matched(text, query))
    return KbHit(
        article_id=shown.id,
        group=match.group,
        title=shown.title,
        lang=shown.lang,
        source=shown.source,
        score=round(match.score, 4),
        snippet=cut.text,
        spans=cut.spans,
        title_spans=tuple(_matched(shown.title, query)),
        translation_id=other.id if other else None,
        translation_lang=other.lang if other else None,
    )


def _shown(match: Match, versions: list[Any], lang: str) -> Any:
    """The desk's language's version; else the version that matched; else the first."""
    for wanted in (lambda v: v.lang == lang, lambda v: v.doc == match.doc):
        for version in versions:
            if wanted(version):
                return version
    return versions[0]


def _matched(text: str, query: Query | None) -> list[tuple[int, int]]:
    if query is None:
        return []
    return matches(text, query.stems, query.prefixes)


def _documents(session: Session, hashes: list[str]) -> tuple[KbDocumentInfo, ...]:
    if not hashes:
        return ()
    rows = session.scalars(select(KbDocumentRow).where(KbDocumentRow.sha256.in_(hashes)))
    found = {row.sha256: row for row in rows}
    return tuple(_document(found[h]) for h in hashes if h in found)


def _document(row: KbDocumentRow) -> KbDocumentInfo:
    return KbDocumentInfo(
        sha256=row.sha256,
        name=row.name,
        mime=row.mime,
        size=row.size,
        pages=row.pages,
        offline=row.fetched >= row.size,
    )


def _article(
    row: KbArticleRow, documents: tuple[KbDocumentInfo, ...], others: tuple[tuple[str, str], ...]
) -> KbArticle:
    return KbArticle(
        id=row.id,
        group=row.translation_group,
        lang=row.lang,
        title=row.title,
        body_md=row.body_md,
        category=row.category,
        tags=tuple(row.tags),
        product_skus=tuple(row.product_skus),
        case_categories=tuple(row.case_categories),
        audience=row.audience,
        version=row.version,
        author=row.author,
        source=row.source,
        updated_at=row.updated_at,
        documents=documents,
        translations=others,
    )
