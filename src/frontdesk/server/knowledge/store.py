"""Writing the knowledge base: an article's new version, a document's content, their links.

Every writer (the folder import, a CMS's PUT, a published draft) goes through
``save_article``: the same content as the stored version writes nothing; anything else is
one new version, one new change number, and the links replaced. A document's metadata row
carries its articles and their products, and changes (with a new change number) only when
they do, so desks pull each change once.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from frontdesk.server.db import allocate_seq
from frontdesk.server.knowledge.models import (
    KbArticle,
    KbArticleDocument,
    KbArticleProduct,
    KbArticleVersion,
    KbDocument,
    KbDocumentBlob,
    KbTranslationGroup,
)

#: The namespace of articles' and translation groups' UUID5s: one source, one id anywhere.
KB_NAMESPACE = uuid.UUID("5b0b7c1e-8a4f-4f6e-9d3c-6b1f0e2a9c41")


def article_id(source: str) -> str:
    return str(uuid.uuid5(KB_NAMESPACE, f"article:{source}"))


def group_id(key: str) -> str:
    return str(uuid.uuid5(KB_NAMESPACE, f"group:{key}"))


class KbInputError(ValueError):
    """Content the knowledge base refuses, with where it came from."""


@dataclass(frozen=True)
class ArticleContent:
    """One version's content; ``origin`` (the imported file) is not part of it."""

    source: str
    lang: str
    title: str
    body_md: str
    translation_key: str
    category: str = ""
    tags: tuple[str, ...] = ()
    product_skus: tuple[str, ...] = ()
    case_categories: tuple[str, ...] = ()
    audience: str = "all"
    author: str = ""
    status: str = "published"
    documents: tuple[str, ...] = ()
    origin: str | None = field(default=None, compare=False)

    def content_hash(self) -> str:
        fields = asdict(self)
        fields.pop("origin")
        text = json.dumps(fields, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def meta(self) -> dict[str, object]:
        keep = ("category", "tags", "product_skus", "case_categories", "audience", "status",
                "documents", "translation_key", "lang")  # fmt: skip
        return {name: value for name, value in asdict(self).items() if name in keep}


@dataclass(frozen=True)
class Saved:
    id: str
    version: int
    changed: bool


def save_article(session: Session, content: ArticleContent, *, now: datetime) -> Saved:
    """Store ``content`` as the article's newest version unless it is that already."""
    ident = article_id(content.source)
    row = session.get(KbArticle, ident)
    digest = content.content_hash()
    if row is not None and row.content_hash == digest:
        if content.origin is not None and row.origin != content.origin:
            row.origin = content.origin  # where it is kept, not what it says: no new version
        return Saved(ident, row.version, changed=False)
    _check_documents(session, content)
    version = 1 if row is None else row.version + 1
    values = _article_values(session, content, ident=ident, digest=digest, now=now)
    old_documents = _linked_documents(session, ident)
    if row is None:
        row = KbArticle(id=ident, **values, version=version)
        session.add(row)
    else:
        for name, value in {**values, "version": version}.items():
            setattr(row, name, value)
    session.flush()
    session.add(_version_row(content, ident=ident, version=version, now=now))
    _replace_links(session, ident, content)
    refresh_documents(session, old_documents | set(content.documents), now=now)
    return Saved(ident, version, changed=True)


def archive(session: Session, ident: str, *, now: datetime) -> bool:
    """A new, archived version of a published article (False: it was not published)."""
    row = session.get(KbArticle, ident)
    if row is None or row.status != "published":
        return False
    save_article(session, replace(stored_content(session, row), status="archived"), now=now)
    return True


def stored_content(session: Session, row: KbArticle) -> ArticleContent:
    """The content of ``row``'s newest version, as a writer would give it."""
    stored = session.get(KbArticleVersion, (row.id, row.version))
    meta = stored.meta if stored is not None else {}
    return ArticleContent(
        source=row.source, lang=row.lang, title=row.title, body_md=row.body_md,
        translation_key=str(meta.get("translation_key", row.source)),
        category=row.category, tags=tuple(row.tags), case_categories=tuple(row.case_categories),
        product_skus=tuple(meta.get("product_skus", ())), audience=row.audience,
        author=row.author, status=row.status, documents=tuple(meta.get("documents", ())),
        origin=row.origin,
    )  # fmt: skip


def _check_documents(session: Session, content: ArticleContent) -> None:
    wanted = set(content.documents)
    held = set(session.scalars(select(KbDocument.sha256).where(KbDocument.sha256.in_(wanted))))
    if wanted - held:
        raise KbInputError(
            f"{content.source}: no document {sorted(wanted - held)[0]} on the server "
            "(import or upload it first)"
        )


def _article_values(
    session: Session, content: ArticleContent, *, ident: str, digest: str, now: datetime
) -> dict[str, object]:
    return {
        "source": content.source, "translation_group": _group(session, content, now=now),
        "lang": content.lang, "title": content.title, "body_md": content.body_md,
        "category": content.category, "tags": list(content.tags),
        "case_categories": list(content.case_categories), "audience": content.audience,
        "author": content.author, "status": content.status, "origin": content.origin,
        "content_hash": digest, "updated_at": now, "change_seq": allocate_seq(session),
    }  # fmt: skip


def _group(session: Session, content: ArticleContent, *, now: datetime) -> str:
    ident = group_id(content.translation_key)
    if session.get(KbTranslationGroup, ident) is None:
        session.add(KbTranslationGroup(id=ident, key=content.translation_key, created_at=now))
        session.flush()
    return ident


def _version_row(
    content: ArticleContent, *, ident: str, version: int, now: datetime
) -> KbArticleVersion:
    return KbArticleVersion(
        article_id=ident, version=version, title=content.title, body_md=content.body_md,
        meta=content.meta(), author=content.author, created_at=now,
    )  # fmt: skip


def _linked_documents(session: Session, ident: str) -> set[str]:
    query = select(KbArticleDocument.sha256).where(KbArticleDocument.article_id == ident)
    return set(session.scalars(query))


def _replace_links(session: Session, ident: str, content: ArticleContent) -> None:
    session.execute(delete(KbArticleProduct).where(KbArticleProduct.article_id == ident))
    session.execute(delete(KbArticleDocument).where(KbArticleDocument.article_id == ident))
    skus = list(dict.fromkeys(content.product_skus))
    if skus:
        session.execute(insert(KbArticleProduct), [{"article_id": ident, "sku": s} for s in skus])
    shas = list(dict.fromkeys(content.documents))
    if shas:
        rows = [{"article_id": ident, "sha256": s, "position": n} for n, s in enumerate(shas)]
        session.execute(insert(KbArticleDocument), rows)


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class DocumentContent:
    content: bytes
    name: str
    mime: str
    text: str
    text_truncated: bool
    page_count: int | None
    origin: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def save_document(session: Session, document: DocumentContent, *, now: datetime) -> bool:
    """Keep the document (its content once by hash); True when anything was written."""
    sha = document.sha256
    row = session.get(KbDocument, sha)
    if row is not None:
        same = (row.name, row.mime, row.origin) == (document.name, document.mime, document.origin)
        if same:
            return False
        row.name, row.mime, row.origin = document.name, document.mime, document.origin
        row.updated_at, row.change_seq = now, allocate_seq(session)
        return True
    session.add(_document_row(document, sha=sha, now=now, seq=allocate_seq(session)))
    session.flush()
    session.add(KbDocumentBlob(sha256=sha, content=document.content))
    return True


def _document_row(document: DocumentContent, *, sha: str, now: datetime, seq: int) -> KbDocument:
    return KbDocument(
        sha256=sha, name=document.name, mime=document.mime, size=len(document.content),
        page_count=document.page_count, text=document.text,
        text_truncated=document.text_truncated, article_ids=[], product_skus=[],
        origin=document.origin, created_at=now, updated_at=now, change_seq=seq,
    )  # fmt: skip


def refresh_documents(session: Session, shas: Iterable[str], *, now: datetime) -> int:
    """Bring each document's articles and products up to date; how many changed."""
    changed = 0
    for sha in sorted(set(shas)):
        row = session.get(KbDocument, sha)
        if row is None:
            continue
        articles, products = _document_links(session, sha)
        if (row.article_ids, row.product_skus) != (articles, products):
            row.article_ids, row.product_skus = articles, products
            row.updated_at, row.change_seq = now, allocate_seq(session)
            changed += 1
    return changed


def _document_links(session: Session, sha: str) -> tuple[list[str], list[str]]:
    """The published articles that link ``sha``, and their products."""
    linked = (
        select(KbArticleDocument.article_id)
        .join(KbArticle, KbArticle.id == KbArticleDocument.article_id)
        .where(KbArticleDocument.sha256 == sha, KbArticle.status == "published")
    )
    articles = sorted(session.scalars(linked))
    skus = select(KbArticleProduct.sku).where(KbArticleProduct.article_id.in_(articles)).distinct()
    return articles, sorted(session.scalars(skus)) if articles else []
