"""The till register this desk works, as chosen on its setup page.

``FRONTDESK_REGISTER`` still wins; without either, a till's register is ``R`` and the start
of the device id, which an admin would have to set up under that code.

Revision ID: 0021_till_register
Revises: 0020_desk_role
"""

import sqlalchemy as sa
from alembic import op

revision = "0021_till_register"
down_revision = "0020_desk_role"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workstation") as batch:
        batch.add_column(sa.Column("till_register", sa.String(20)))


def downgrade() -> None:
    with op.batch_alter_table("workstation") as batch:
        batch.drop_column("till_register")
