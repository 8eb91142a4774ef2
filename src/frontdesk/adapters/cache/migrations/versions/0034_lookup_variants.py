"""Customer lookup finds names in the other transliteration schemes and with two typos: the
index gains each Latin name word's other readings, and its vocabulary two deletions from
the first seven letters of every name key of 2+ letters (it held one, from keys of 4+).

Nothing in the tables' shapes changes; their content does, so the index is rebuilt from
the customers already in the cache (no re-pull).

Revision ID: 0034_lookup_variants
Revises: 0032_knowledge
"""

from alembic import op

revision = "0034_lookup_variants"
down_revision = "0032_knowledge"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from frontdesk.adapters.cache.search_index import rebuild_index

    rebuild_index(op.get_bind())


def downgrade() -> None:
    """Back to one deletion from whole keys of 4+ letters, the older engine's typo lookup;
    the other readings stay in the documents (extra terms, found by nobody's query)."""
    from frontdesk.adapters.cache.search_index import WORD_TYPOS, add_to_vocabulary

    bind = op.get_bind()
    keys = [row[0] for row in bind.exec_driver_sql(
        "SELECT word FROM lookup_deletes WHERE variant = word"
    )]  # fmt: skip
    bind.exec_driver_sql("DELETE FROM lookup_deletes")
    add_to_vocabulary(bind, keys, shape=WORD_TYPOS)
