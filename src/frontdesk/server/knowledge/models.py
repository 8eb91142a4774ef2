"""The tables of the knowledge base.

An article row holds its newest version (what desks pull, with its ``change_seq``); every
version ever published is kept in ``kb_article_versions``. Its product and document links
are rows of their own, so the server finds an article by product and a document's articles
without reading JSON. A document's content is kept once per SHA-256 in the database, like
case attachments, so any server process can serve it; its metadata row is what desks pull.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.server.model_base import Base


class KbTranslationGroup(Base):
    """Articles that say the same in different languages; ``key`` is the authors' name for it
    (``debian-faq/pkgtools#s-apt-get``), the id a UUID5 of it."""

    __tablename__ = "kb_translation_groups"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    created_at: Mapped[datetime]


class KbArticle(Base):
    """An article at its newest version; its id is a UUID5 of ``source``."""

    __tablename__ = "kb_articles"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source: Mapped[str] = mapped_column(String(300), unique=True)
    translation_group: Mapped[str] = mapped_column(
        ForeignKey("kb_translation_groups.id"), index=True
    )
    lang: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(300))
    body_md: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(64))
    tags: Mapped[list[str]] = mapped_column(JSON)
    case_categories: Mapped[list[str]] = mapped_column(JSON)
    audience: Mapped[str] = mapped_column(String(10))
    version: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(10))
    #: The imported file it came from (relative to the import's folder), else None: a file
    #: gone from the folder archives its articles.
    origin: Mapped[str | None] = mapped_column(String(500), index=True)
    #: SHA-256 of the version's content: an unchanged write writes nothing.
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime]
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)


class KbArticleVersion(Base):
    """Every version of an article, as it was published."""

    __tablename__ = "kb_article_versions"
    article_id: Mapped[str] = mapped_column(
        ForeignKey("kb_articles.id", ondelete="CASCADE"), primary_key=True
    )
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    body_md: Mapped[str] = mapped_column(Text)
    #: The rest of the version's content (category, tags, links, audience, status).
    meta: Mapped[dict[str, Any]] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]


class KbArticleProduct(Base):
    __tablename__ = "kb_article_products"
    article_id: Mapped[str] = mapped_column(
        ForeignKey("kb_articles.id", ondelete="CASCADE"), primary_key=True
    )
    sku: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class KbDocument(Base):
    """A document's metadata and extracted text; ``article_ids`` and ``product_skus`` are
    kept in step with the links so a desk gets them in the document's own row."""

    __tablename__ = "kb_documents"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(BigInteger)
    page_count: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    text_truncated: Mapped[bool]
    article_ids: Mapped[list[str]] = mapped_column(JSON)
    product_skus: Mapped[list[str]] = mapped_column(JSON)
    origin: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)


class KbDocumentBlob(Base):
    __tablename__ = "kb_document_blobs"
    sha256: Mapped[str] = mapped_column(
        ForeignKey("kb_documents.sha256", ondelete="CASCADE"), primary_key=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)


class KbArticleDocument(Base):
    __tablename__ = "kb_article_documents"
    article_id: Mapped[str] = mapped_column(
        ForeignKey("kb_articles.id", ondelete="CASCADE"), primary_key=True
    )
    sha256: Mapped[str] = mapped_column(
        ForeignKey("kb_documents.sha256", ondelete="CASCADE"), primary_key=True, index=True
    )
    #: The order the article lists its documents in.
    position: Mapped[int] = mapped_column(Integer)


class KbDraft(Base):
    """A supervisor's correction from a desk (``kb.draft``); an admin publishes it."""

    __tablename__ = "kb_drafts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("kb_articles.id"), index=True)
    base_version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    body_md: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(100))
    branch: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(10), index=True)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[datetime | None]


class KbFeedback(Base):
    """What became of an article at a desk (``kb.feedback``), once per item key."""

    __tablename__ = "kb_feedback"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("kb_articles.id"))
    lang: Mapped[str] = mapped_column(String(2))
    article_version: Mapped[int | None] = mapped_column(Integer)
    verdict: Mapped[str] = mapped_column(String(12))
    case_id: Mapped[str | None] = mapped_column(String(36))
    query: Mapped[str] = mapped_column(String(500))
    context: Mapped[str | None] = mapped_column(String(10))
    agent: Mapped[str] = mapped_column(String(100))
    branch: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime]
    recorded_at: Mapped[datetime]

    __table_args__ = (Index("ix_kb_feedback_article_id_verdict", "article_id", "verdict"),)
