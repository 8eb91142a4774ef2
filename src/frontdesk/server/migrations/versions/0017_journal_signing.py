"""The server signs the till journal: a signature, counter and key id on each entry and on
each register's head, the public keys it signed with, and the server-wide counter.

Entries stored before this revision keep no signature; ``verify-journal`` reports them as
unsigned (before signing) as long as no signed entry of their register comes before them.

Revision ID: 0017_journal_signing
Revises: 0016_registers
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0017_journal_signing"
down_revision = "0016_registers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("till_journal") as batch:
        batch.add_column(sa.Column("sig_counter", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("signature", sa.String(128), nullable=True))
        batch.add_column(sa.Column("key_id", sa.String(16), nullable=True))
    op.create_index("ix_till_journal_sig_counter", "till_journal", ["sig_counter"])
    with op.batch_alter_table("till_registers") as batch:
        batch.add_column(sa.Column("head_counter", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("head_signature", sa.String(128), nullable=True))
        batch.add_column(sa.Column("head_key_id", sa.String(16), nullable=True))
    op.create_table(
        "signing_keys",
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("first_used_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key_id", name="pk_signing_keys"),
    )
    counter = op.create_table(
        "signature_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_signature_counter"),
    )
    op.bulk_insert(counter, [{"id": 1, "value": 0}])


def downgrade() -> None:
    op.drop_table("signature_counter")
    op.drop_table("signing_keys")
    with op.batch_alter_table("till_registers") as batch:
        batch.drop_column("head_key_id")
        batch.drop_column("head_signature")
        batch.drop_column("head_counter")
    op.drop_index("ix_till_journal_sig_counter", table_name="till_journal")
    with op.batch_alter_table("till_journal") as batch:
        batch.drop_column("key_id")
        batch.drop_column("signature")
        batch.drop_column("sig_counter")
