"""The catalogue: categories, the products' catalogue fields, barcodes (one code, one
product), price lists and stock per (sku, branch, warehouse), each row with its change_seq.

Revision ID: 0023_catalogue
Revises: 0020_case_attachments
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0023_catalogue"
down_revision = "0020_case_attachments"
branch_labels = None
depends_on = None

_PRODUCT_COLUMNS = (
    ("names", sa.JSON(), "{}"),
    ("descriptions", sa.JSON(), "{}"),
    ("attributes", sa.JSON(), "{}"),
    ("unit", sa.String(10), "piece"),
    ("status", sa.String(20), "active"),
    ("literature", sa.JSON(), "[]"),
)


def upgrade() -> None:
    for name, type_, default in _PRODUCT_COLUMNS:
        op.add_column("products", sa.Column(name, type_, nullable=False, server_default=default))
    op.add_column("products", sa.Column("category_code", sa.String(64), nullable=True))
    op.add_column("products", sa.Column("replacement_sku", sa.String(64), nullable=True))
    op.add_column("products", sa.Column("thumbnail", sa.Text(), nullable=True))
    op.create_index("ix_products_category_code", "products", ["category_code"])
    op.create_table(
        "categories",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("parent", sa.String(64), nullable=True),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_categories"),
    )
    op.create_index("ix_categories_change_seq", "categories", ["change_seq"])
    op.create_table(
        "product_barcodes",
        sa.Column("code", sa.String(14), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(["sku"], ["products.sku"], name="fk_product_barcodes_sku_products"),
        sa.PrimaryKeyConstraint("code", name="pk_product_barcodes"),
    )
    op.create_index("ix_product_barcodes_sku", "product_barcodes", ["sku"])
    _prices()
    _stock()


def _prices() -> None:
    op.create_table(
        "prices",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("unit_price_scaled", sa.BigInteger(), nullable=False),
        sa.Column("branch", sa.String(100), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["sku"], ["products.sku"], name="fk_prices_sku_products"),
        sa.PrimaryKeyConstraint("id", name="pk_prices"),
    )
    op.create_index("ix_prices_sku", "prices", ["sku"])
    op.create_index("ix_prices_change_seq", "prices", ["change_seq"])


def _stock() -> None:
    op.create_table(
        "stock",
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("warehouse", sa.String(100), nullable=False),
        sa.Column("on_hand_milli", sa.BigInteger(), nullable=False),
        sa.Column("reserved_milli", sa.BigInteger(), nullable=False),
        sa.Column("incoming_milli", sa.BigInteger(), nullable=False),
        sa.Column("incoming_on", sa.Date(), nullable=True),
        sa.Column("as_of", UTCDateTime(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["sku"], ["products.sku"], name="fk_stock_sku_products"),
        sa.PrimaryKeyConstraint("sku", "branch", "warehouse", name="pk_stock"),
    )
    op.create_index("ix_stock_change_seq", "stock", ["change_seq"])


def downgrade() -> None:
    op.drop_table("stock")
    op.drop_table("prices")
    op.drop_table("product_barcodes")
    op.drop_table("categories")
    op.drop_index("ix_products_category_code", table_name="products")
    with op.batch_alter_table("products") as batch:
        for name in ("thumbnail", "replacement_sku", "category_code"):
            batch.drop_column(name)
        for name, _type, _default in reversed(_PRODUCT_COLUMNS):
            batch.drop_column(name)
