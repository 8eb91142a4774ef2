"""Till discounts and approvals: a payment's discount, who approved it and how, and the
server's own check of that approval; the same check for refunds and voids.

Revision ID: 0008_till_approve
Revises: 0001 (needs the till's tables of 0006_till)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_till_approve"
down_revision = "0001"
branch_labels = None
depends_on = "0006_till"

_APPROVAL = (
    ("approval_method", sa.String(10)),  # "online" | "offline"
    ("approval_check", sa.Text()),  # "valid", or why the approval does not stand
)
_PAYMENT = (
    ("gross_minor", sa.BigInteger()),  # the sale before its discount
    ("discount_minor", sa.BigInteger()),
    ("approved_by", sa.String(100)),
    *_APPROVAL,
    ("refusal", sa.Text()),  # why the payment is not accepted
)


def upgrade() -> None:
    for name, type_ in _PAYMENT:
        op.add_column("till_payments", sa.Column(name, type_))
    op.add_column(
        "till_payments",
        sa.Column("accepted", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    for name, type_ in _APPROVAL:
        op.add_column("till_refunds", sa.Column(name, type_))


def downgrade() -> None:
    with op.batch_alter_table("till_refunds") as batch:
        for name, _type in _APPROVAL:
            batch.drop_column(name)
    with op.batch_alter_table("till_payments") as batch:
        for name, _type in (*_PAYMENT, ("accepted", None)):
            batch.drop_column(name)
