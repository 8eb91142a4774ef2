"""The role of whoever is at the desk, and of each user's last online login here.

The window shows what the role may do (the till, reports, the admin pages); an offline
sign-in takes the role from that user's last online login. Rows kept before know no role:
the window then shows what it showed before roles (customers and the till, no reports or
admin pages) until that user signs in online again.

Revision ID: 0020_desk_role
Revises: 0019_one_head
"""

import sqlalchemy as sa
from alembic import op

revision = "0020_desk_role"
down_revision = "0019_one_head"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workstation") as batch:
        batch.add_column(sa.Column("desk_role", sa.String(20)))
    with op.batch_alter_table("desk_logins") as batch:
        batch.add_column(sa.Column("role", sa.String(20)))


def downgrade() -> None:
    with op.batch_alter_table("desk_logins") as batch:
        batch.drop_column("role")
    with op.batch_alter_table("workstation") as batch:
        batch.drop_column("desk_role")
