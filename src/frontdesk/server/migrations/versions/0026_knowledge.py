"""The knowledge base: articles with every version kept, translation groups, documents by
SHA-256 with their content and extracted text, article links to products and documents,
supervisors' drafts and desks' feedback.

Revision ID: 0026_knowledge
Revises: 0025_basket_sales
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0026_knowledge"
down_revision = "0025_basket_sales"
branch_labels = None
depends_on = None

_TABLES = (
    "kb_feedback",
    "kb_drafts",
    "kb_article_versions",
    "kb_article_products",
    "kb_article_documents",
    "kb_document_blobs",
    "kb_articles",
    "kb_translation_groups",
    "kb_documents",
)


def upgrade() -> None:
    op.create_table(
        "kb_documents",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("mime", sa.String(length=127), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_truncated", sa.Boolean(), nullable=False),
        sa.Column("article_ids", sa.JSON(), nullable=False),
        sa.Column("product_skus", sa.JSON(), nullable=False),
        sa.Column("origin", sa.String(length=500), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_kb_documents")),
    )
    op.create_index(
        op.f("ix_kb_documents_change_seq"), "kb_documents", ["change_seq"], unique=False
    )
    op.create_table(
        "kb_translation_groups",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_translation_groups")),
        sa.UniqueConstraint("key", name=op.f("uq_kb_translation_groups_key")),
    )
    op.create_table(
        "kb_articles",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("translation_group", sa.String(length=36), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body_md", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("case_categories", sa.JSON(), nullable=False),
        sa.Column("audience", sa.String(length=10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("origin", sa.String(length=500), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["translation_group"],
            ["kb_translation_groups.id"],
            name=op.f("fk_kb_articles_translation_group_kb_translation_groups"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_articles")),
        sa.UniqueConstraint("source", name=op.f("uq_kb_articles_source")),
    )
    op.create_index(op.f("ix_kb_articles_change_seq"), "kb_articles", ["change_seq"], unique=False)
    op.create_index(op.f("ix_kb_articles_origin"), "kb_articles", ["origin"], unique=False)
    op.create_index(
        op.f("ix_kb_articles_translation_group"), "kb_articles", ["translation_group"], unique=False
    )
    op.create_table(
        "kb_document_blobs",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["kb_documents.sha256"],
            name=op.f("fk_kb_document_blobs_sha256_kb_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_kb_document_blobs")),
    )
    op.create_table(
        "kb_article_documents",
        sa.Column("article_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["kb_articles.id"],
            name=op.f("fk_kb_article_documents_article_id_kb_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["kb_documents.sha256"],
            name=op.f("fk_kb_article_documents_sha256_kb_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "sha256", name=op.f("pk_kb_article_documents")),
    )
    op.create_index(
        op.f("ix_kb_article_documents_sha256"), "kb_article_documents", ["sha256"], unique=False
    )
    op.create_table(
        "kb_article_products",
        sa.Column("article_id", sa.String(length=36), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["kb_articles.id"],
            name=op.f("fk_kb_article_products_article_id_kb_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "sku", name=op.f("pk_kb_article_products")),
    )
    op.create_index(
        op.f("ix_kb_article_products_sku"), "kb_article_products", ["sku"], unique=False
    )
    op.create_table(
        "kb_article_versions",
        sa.Column("article_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body_md", sa.Text(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["kb_articles.id"],
            name=op.f("fk_kb_article_versions_article_id_kb_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "version", name=op.f("pk_kb_article_versions")),
    )
    op.create_table(
        "kb_drafts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("article_id", sa.String(length=36), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body_md", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("branch", sa.String(length=100), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.String(length=100), nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["kb_articles.id"], name=op.f("fk_kb_drafts_article_id_kb_articles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_drafts")),
    )
    op.create_index(op.f("ix_kb_drafts_article_id"), "kb_drafts", ["article_id"], unique=False)
    op.create_index(op.f("ix_kb_drafts_status"), "kb_drafts", ["status"], unique=False)
    op.create_table(
        "kb_feedback",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("article_id", sa.String(length=36), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("article_version", sa.Integer(), nullable=True),
        sa.Column("verdict", sa.String(length=12), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=True),
        sa.Column("query", sa.String(length=500), nullable=False),
        sa.Column("context", sa.String(length=10), nullable=True),
        sa.Column("agent", sa.String(length=100), nullable=False),
        sa.Column("branch", sa.String(length=100), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"], ["kb_articles.id"], name=op.f("fk_kb_feedback_article_id_kb_articles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_feedback")),
    )
    op.create_index(
        "ix_kb_feedback_article_id_verdict", "kb_feedback", ["article_id", "verdict"], unique=False
    )


def downgrade() -> None:
    for table in _TABLES:
        op.drop_table(table)
