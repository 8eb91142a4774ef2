"""The catalogue at the desk: the product card's fields, barcodes, the category tree, price
rows, stock figures, and the product search index.

The search index mirrors the customer lookup's (``search_index``): ``product_docs`` holds
each product's terms (``catalogue.search``), ``product_fts`` is a contentless FTS5 table of
them (name keys apart from description keys, codes and the category path, so a filter is one
more term), and ``product_words`` the deletion neighbourhood of every word key of 4+ letters
(one-typo candidates). A product's document id puts active products above discontinued
ones, so ``ORDER BY rowid DESC`` offers what is sold first and stops after the top hits.

Revision ID: 0028_catalogue
Revises: 0027_case_bulk
"""

import sqlalchemy as sa
from alembic import op

revision = "0028_catalogue"
down_revision = "0027_case_bulk"
branch_labels = None
depends_on = None

_PRODUCT_COLUMNS = (
    sa.Column("names", sa.JSON(), nullable=False, server_default="{}"),
    sa.Column("descriptions", sa.JSON(), nullable=False, server_default="{}"),
    sa.Column("category_code", sa.String(64)),
    sa.Column("attributes", sa.JSON(), nullable=False, server_default="{}"),
    sa.Column("unit", sa.String(8), nullable=False, server_default="piece"),
    sa.Column("status", sa.String(12), nullable=False, server_default="active"),
    sa.Column("replacement_sku", sa.String(64)),
    sa.Column("thumbnail", sa.LargeBinary()),
    sa.Column("literature", sa.JSON(), nullable=False, server_default="[]"),
)


def upgrade() -> None:
    with op.batch_alter_table("products") as batch:
        for column in _PRODUCT_COLUMNS:
            batch.add_column(column.copy())
    _tables()
    _search_index()
    # A cache with products already in it finds them by name now (their other fields
    # come with their next change).
    from frontdesk.adapters.cache.catalogue.search import rebuild_product_index

    rebuild_product_index(op.get_bind())


def _tables() -> None:
    op.create_table(
        "product_barcodes",
        sa.Column("code", sa.String(14), primary_key=True),
        sa.Column("sku", sa.String(64), nullable=False),
    )
    op.create_index("ix_product_barcodes_sku", "product_barcodes", ["sku"])
    op.create_table(
        "categories",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("parent", sa.String(64)),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_categories_parent", "categories", ["parent"])
    op.create_table(
        "prices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("branch", sa.String(100)),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date()),
        sa.Column("unit_price_scaled", sa.BigInteger(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_prices_sku", "prices", ["sku", "currency", "valid_from"])
    op.create_table(
        "stock",
        sa.Column("sku", sa.String(64), primary_key=True),
        sa.Column("branch", sa.String(100), primary_key=True),
        sa.Column("warehouse", sa.String(100), primary_key=True),
        sa.Column("on_hand_milli", sa.BigInteger(), nullable=False),
        sa.Column("reserved_milli", sa.BigInteger(), nullable=False),
        sa.Column("incoming_milli", sa.BigInteger(), nullable=False),
        sa.Column("incoming_on", sa.Date()),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )


def _search_index() -> None:
    op.execute(
        "CREATE TABLE product_docs ("
        " doc INTEGER PRIMARY KEY,"
        " sku VARCHAR(64) NOT NULL UNIQUE,"
        " name TEXT NOT NULL, body TEXT NOT NULL, code TEXT NOT NULL, cat TEXT NOT NULL)"
    )
    # Every column takes prefixes (an agent types the start of a word of a description as
    # readily as of a name); detail='column' for the name-first tiers and the category term.
    op.execute(
        "CREATE VIRTUAL TABLE product_fts USING fts5("
        "name, body, code, cat,"
        " content='', tokenize='ascii', detail='column', columnsize=0,"
        " prefix='1 2 3 4 5 6')"
    )
    op.execute(
        "CREATE TABLE product_words ("
        " variant TEXT NOT NULL, word TEXT NOT NULL,"
        " PRIMARY KEY (variant, word)) WITHOUT ROWID"
    )


def downgrade() -> None:
    for name in ("product_words", "product_fts", "product_docs"):
        op.execute(f"DROP TABLE {name}")
    for name in ("stock", "prices", "categories", "product_barcodes"):
        op.drop_table(name)
    with op.batch_alter_table("products") as batch:
        for column in reversed(_PRODUCT_COLUMNS):
            batch.drop_column(column.name)
