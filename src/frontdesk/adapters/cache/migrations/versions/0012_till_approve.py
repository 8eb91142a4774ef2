"""Till discounts and approvals: a transaction's discount and how its approval was verified,
and the verifiers of supervisors who signed in online at this desk (for offline approval).

Columns are added in place (no table copy): the append-only triggers of 0006_till stay.

Revision ID: 0012_till_approve
Revises: 0001 (needs the till's tables of 0006_till)
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_till_approve"
down_revision = "0001"
branch_labels = None
depends_on = "0006_till"

_COLUMNS = (
    ("discount_kind", sa.String(10)),  # "amount" | "percent"
    ("discount_value", sa.String(40)),  # as typed: "10" (percent) or "2.50" (amount)
    ("discount_minor", sa.Integer()),  # the discount's receipt line
    ("approval_method", sa.String(10)),  # "online" | "offline"
    ("approved_at", sa.DateTime()),
)


def upgrade() -> None:
    for name, type_ in _COLUMNS:
        op.add_column("till_transactions", sa.Column(name, type_))
    op.create_table(
        "till_supervisors",
        sa.Column("username", sa.String(100), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("verifier", sa.String(200), nullable=False),  # argon2id, not the password
        sa.Column("online_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("till_supervisors")
    for name, _type in reversed(_COLUMNS):
        op.drop_column("till_transactions", name)
