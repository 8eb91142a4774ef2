"""Basket sales at the till: purchase lines measured to three decimals
(``purchase_lines.quantity`` becomes ``quantity_milli``, thousandths), the lines of each
accepted basket payment with what came back of each (``till_sale_lines``), and the lines and
returned lines of the till feed.

Revision ID: 0025_basket_sales
Revises: 0024_orders
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025_basket_sales"
down_revision = "0024_orders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("purchase_lines", sa.Column("quantity_milli", sa.BigInteger(), nullable=True))
    op.execute("UPDATE purchase_lines SET quantity_milli = quantity * 1000")
    with op.batch_alter_table("purchase_lines") as batch:
        batch.alter_column("quantity_milli", existing_type=sa.BigInteger(), nullable=False)
        batch.drop_column("quantity")
    _sale_lines()
    for name in ("lines", "returned"):
        op.add_column("till_feed", sa.Column(name, sa.JSON(), nullable=False, server_default="[]"))


def _sale_lines() -> None:
    op.create_table(
        "till_sale_lines",
        sa.Column("payment_id", sa.String(36), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("unit", sa.String(10), nullable=False),
        sa.Column("quantity_milli", sa.BigInteger(), nullable=False),
        sa.Column("unit_price_scaled", sa.BigInteger(), nullable=False),
        sa.Column("net_minor", sa.BigInteger(), nullable=False),
        sa.Column("returned_milli", sa.BigInteger(), nullable=False),
        sa.Column("returned_minor", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "returned_milli >= 0 AND returned_milli <= quantity_milli "
            "AND returned_minor >= 0 AND returned_minor <= net_minor",
            name="ck_till_sale_lines_returned_within_sold",
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["till_payments.id"], name="fk_till_sale_lines_payment_id_till_payments"
        ),
        sa.PrimaryKeyConstraint("payment_id", "line_no", name="pk_till_sale_lines"),
    )


def downgrade() -> None:
    """Back to whole quantities: a weighed line's quantity is rounded down."""
    with op.batch_alter_table("till_feed") as batch:
        batch.drop_column("returned")
        batch.drop_column("lines")
    op.drop_table("till_sale_lines")
    op.add_column("purchase_lines", sa.Column("quantity", sa.Integer(), nullable=True))
    op.execute("UPDATE purchase_lines SET quantity = quantity_milli / 1000")
    with op.batch_alter_table("purchase_lines") as batch:
        batch.alter_column("quantity", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("quantity_milli")
