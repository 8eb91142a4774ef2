"""The desk versions the server last published: current, minimum, download address.

Kept so that a desk below the minimum holds its pushes back from its first moment, offline
too, and the window can say why; all three are empty until the first sync learns them.

Revision ID: 0022_desk_versions
Revises: 0021_till_register
"""

import sqlalchemy as sa
from alembic import op

revision = "0022_desk_versions"
down_revision = "0021_till_register"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("desk_current_version", sa.String(64)))
        batch.add_column(sa.Column("desk_minimum_version", sa.String(64)))
        batch.add_column(sa.Column("desk_download_url", sa.String(2000)))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("desk_download_url")
        batch.drop_column("desk_minimum_version")
        batch.drop_column("desk_current_version")
