"""The knowledge base at the desk: articles (both languages), their links to products and
case categories, documents' metadata and text, and the search index.

``kb_title_fts`` and ``kb_fts`` (FTS5) hold each article's index terms
(``knowledge.analysis``: folded, Snowball-stemmed by script, stop words out): its title and
tags in one, its body and the text of the documents that belong to it in the other. The terms are
stemmed
in Python, so the tokenizer only splits on spaces; the table keeps its own copy of the terms,
so a changed article's row is deleted and written again alone.

Revision ID: 0032_knowledge
Revises: 0031_purchase_quantity
"""

import sqlalchemy as sa
from alembic import op

revision = "0032_knowledge"
down_revision = "0031_purchase_quantity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _articles()
    op.create_table(
        "kb_links",
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("article_id", sa.String(36), primary_key=True),
    )
    _documents()
    # Titles and tags apart from bodies: BM25 weighs a word by the length of the text it is
    # in, and a title's word counts for a short text, not for the article's whole length.
    for name, columns in (("kb_fts", "body, docs"), ("kb_title_fts", "title, tags")):
        op.execute(
            f"CREATE VIRTUAL TABLE {name} USING fts5("
            f"{columns}, tokenize='unicode61 remove_diacritics 0')"
        )
    op.execute("CREATE VIRTUAL TABLE kb_vocab USING fts5vocab(kb_fts, 'row')")
    op.execute("CREATE VIRTUAL TABLE kb_title_vocab USING fts5vocab(kb_title_fts, 'row')")


def _articles() -> None:
    op.create_table(
        "kb_articles",
        sa.Column("doc", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("translation_group", sa.String(36), nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("body_md", sa.Text(), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("product_skus", sa.JSON(), nullable=False),
        sa.Column("case_categories", sa.JSON(), nullable=False),
        sa.Column("audience", sa.String(10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_kb_articles_group", "kb_articles", ["translation_group", "lang"])
    op.create_index("ix_kb_articles_seq", "kb_articles", ["seq"])


def _documents() -> None:
    op.create_table(
        "kb_documents",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("mime", sa.String(100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("pages", sa.Integer()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("article_ids", sa.JSON(), nullable=False),
        sa.Column("product_skus", sa.JSON(), nullable=False),
        sa.Column("fetched", sa.BigInteger(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_kb_documents_seq", "kb_documents", ["seq"])


def downgrade() -> None:
    for name in ("kb_title_vocab", "kb_vocab", "kb_title_fts", "kb_fts"):
        op.execute(f"DROP TABLE {name}")
    for name in ("kb_documents", "kb_links", "kb_articles"):
        op.drop_table(name)
