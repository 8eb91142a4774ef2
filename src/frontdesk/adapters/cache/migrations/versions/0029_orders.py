"""Orders at the desk: the pulled orders of the branch's customers (and of any customer
opened here, fetched on demand), their lines and events, the desk's own phone orders
(``seq`` 0 until the server's answer is pulled) and the desk's order-number counter.

Money is integer: ``total_minor`` and ``line_total_minor`` in the currency's minor unit,
``unit_price_scaled`` as the purchases keep it. ``tracking_key`` is the tracking number as
an agent may type it back (capitals, letters and digits only), so a number read out over
the phone with spaces finds it by one index.

Revision ID: 0029_orders
Revises: 0028_catalogue
"""

import sqlalchemy as sa
from alembic import op

revision = "0029_orders"
down_revision = "0028_catalogue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "orders",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("customer_id", sa.String(36)),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_minor", sa.BigInteger(), nullable=False),
        sa.Column("payment_state", sa.String(12), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("promised_on", sa.Date()),
        sa.Column("carrier", sa.String(100)),
        sa.Column("tracking_number", sa.String(40)),
        sa.Column("tracking_key", sa.String(40)),
        sa.Column("placed_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("refused_reason", sa.Text()),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_orders_number", "orders", ["number"], unique=True)
    op.create_index("ix_orders_tracking", "orders", ["tracking_key"])
    # A customer's orders newest first: the 360's Orders tab walks it backwards.
    op.create_index("ix_orders_customer", "orders", ["customer_id", "placed_at", "id"])
    op.create_table(
        "order_lines",
        sa.Column("order_id", sa.String(36), primary_key=True),
        sa.Column("line_no", sa.Integer(), primary_key=True),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("quantity", sa.String(16), nullable=False),
        sa.Column("unit_price_scaled", sa.BigInteger(), nullable=False),
        sa.Column("line_total_minor", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "order_events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(12)),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("outbox_key", sa.String(36)),
    )
    op.create_index("ix_order_events_order", "order_events", ["order_id", "at"])
    op.create_table(
        "order_counters",
        sa.Column("prefix", sa.String(12), primary_key=True),
        sa.Column("last_seq", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_index("ix_order_events_order", table_name="order_events")
    op.drop_index("ix_orders_customer", table_name="orders")
    op.drop_index("ix_orders_tracking", table_name="orders")
    op.drop_index("ix_orders_number", table_name="orders")
    for name in ("order_counters", "order_events", "order_lines", "orders"):
        op.drop_table(name)
