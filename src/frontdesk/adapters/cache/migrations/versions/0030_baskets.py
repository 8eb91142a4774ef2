"""Till baskets: each register's open basket and its held ones, so a basket survives a
restart and a hold or recall works offline; and the lines of till transactions, this
till's (``till_transactions.lines``) and the branch's pulled ones (``till_pulled.lines``,
``till_pulled.returned``), so a till returns by line a payment of another till.

A basket's ``held_at`` is NULL while it is the register's open one (at most one, by a
partial unique index). Prices are ``unit_price_scaled`` (as the catalogue keeps them),
quantities decimal strings, discounts as given (kind and value) with the line's amount
in minor units. Columns are added to the till's tables in place (no table copy): the
append-only triggers of 0006_till stay.

Revision ID: 0030_baskets
Revises: 0029_orders
"""

import sqlalchemy as sa
from alembic import op

revision = "0030_baskets"
down_revision = "0029_orders"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "till_baskets",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("customer_id", sa.String(36)),
        sa.Column("discount_kind", sa.String(10)),
        sa.Column("discount_value", sa.String(40)),
        sa.Column("approval", sa.JSON()),
        sa.Column("held_name", sa.String(100), nullable=False, server_default=""),
        sa.Column("held_at", sa.DateTime()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index(
        "ux_till_baskets_open", "till_baskets", ["register"], unique=True,
        sqlite_where=sa.text("held_at IS NULL"),
    )  # fmt: skip
    op.create_index("ix_till_baskets_held", "till_baskets", ["register", "held_at"])
    op.create_table(
        "till_basket_lines",
        sa.Column(
            "basket_id",
            sa.String(36),
            sa.ForeignKey("till_baskets.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("line_no", sa.Integer(), primary_key=True),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("unit", sa.String(10), nullable=False),
        sa.Column("quantity", sa.String(16), nullable=False),
        sa.Column("unit_price_scaled", sa.BigInteger(), nullable=False),
        sa.Column("discount_kind", sa.String(10)),
        sa.Column("discount_value", sa.String(40)),
        sa.Column("discount_minor", sa.BigInteger(), nullable=False, server_default="0"),
    )
    op.add_column("till_transactions", sa.Column("lines", sa.JSON()))
    op.add_column("till_pulled", sa.Column("lines", sa.JSON()))
    op.add_column("till_pulled", sa.Column("returned", sa.JSON()))


def downgrade() -> None:
    op.drop_column("till_pulled", "returned")
    op.drop_column("till_pulled", "lines")
    op.drop_column("till_transactions", "lines")
    op.drop_table("till_basket_lines")
    op.drop_index("ix_till_baskets_held", "till_baskets")
    op.drop_index("ux_till_baskets_open", "till_baskets")
    op.drop_table("till_baskets")
