"""The cache's knowledge-base tables (revision 0032_knowledge).

``kb_articles`` holds every published article this desk may show, in both languages; its
integer ``doc`` is the article's row in the search index (``kb_fts``), so the index never
depends on SQLite's implicit rowid, which a VACUUM may renumber. ``kb_links`` finds the
articles of a product or of a case category without reading every article's lists.
``kb_documents`` holds a document's metadata and extracted text; its content is a file by
hash once fetched (``fetched`` bytes of ``size``: a partial file resumes where it stopped).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.adapters.cache.tables import Base

PRODUCT, CASE_CATEGORY = "product", "case_category"


class KbArticleRow(Base):
    __tablename__ = "kb_articles"
    __table_args__ = (
        Index("ix_kb_articles_group", "translation_group", "lang"),
        # The search's vocabulary is read again when the articles' count or newest change
        # moves: both from this index, never from the articles' long rows.
        Index("ix_kb_articles_seq", "seq"),
    )
    doc: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    translation_group: Mapped[str] = mapped_column(String(36))
    lang: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(500))
    body_md: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(100))
    tags: Mapped[list[str]] = mapped_column(JSON)
    product_skus: Mapped[list[str]] = mapped_column(JSON)
    case_categories: Mapped[list[str]] = mapped_column(JSON)
    audience: Mapped[str] = mapped_column(String(10))
    version: Mapped[int] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(300))
    documents: Mapped[list[str]] = mapped_column(JSON)
    updated_at: Mapped[datetime]
    seq: Mapped[int] = mapped_column(BigInteger)


class KbLinkRow(Base):
    """An article linked to a product (``PRODUCT``, key its SKU) or a case category."""

    __tablename__ = "kb_links"
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    article_id: Mapped[str] = mapped_column(String(36), primary_key=True)


class KbDocumentRow(Base):
    __tablename__ = "kb_documents"
    __table_args__ = (Index("ix_kb_documents_seq", "seq"),)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    pages: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    article_ids: Mapped[list[str]] = mapped_column(JSON)
    product_skus: Mapped[list[str]] = mapped_column(JSON)
    fetched: Mapped[int] = mapped_column(BigInteger, default=0)
    seq: Mapped[int] = mapped_column(BigInteger)
