"""Purchase lines measured to three decimals: ``purchase_lines.quantity`` (whole pieces)
becomes ``quantity_milli`` (thousandths), as the server keeps it since its revision
0025_basket_sales: a till sells 0.455 kg. Negative on a return, as before.

Revision ID: 0031_purchase_quantity
Revises: 0029_orders
"""

import sqlalchemy as sa
from alembic import op

revision = "0031_purchase_quantity"
# Written beside 0030_baskets (the desk's baskets, another branch of the work): the two are
# chained one after the other when merged.
down_revision = "0030_baskets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("purchase_lines") as batch:
        batch.add_column(
            sa.Column("quantity_milli", sa.BigInteger(), nullable=False, server_default="0")
        )
    op.execute("UPDATE purchase_lines SET quantity_milli = quantity * 1000")
    with op.batch_alter_table("purchase_lines") as batch:
        batch.drop_column("quantity")


def downgrade() -> None:
    """Back to whole pieces: a weighed line's quantity is cut to its whole part."""
    with op.batch_alter_table("purchase_lines") as batch:
        batch.add_column(sa.Column("quantity", sa.Integer(), nullable=False, server_default="0"))
    op.execute("UPDATE purchase_lines SET quantity = quantity_milli / 1000")
    with op.batch_alter_table("purchase_lines") as batch:
        batch.drop_column("quantity_milli")
