"""Customer lookup index: a contentless FTS5 table over normalised terms, its documents, and
the deletion neighbourhood of name keys for one-typo matches.

Revision ID: 0002_lookup
Revises: 0001
"""

from alembic import op

revision = "0002_lookup"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A document's id encodes its last activity (see search_index.doc_id_base), so
    # ``ORDER BY rowid DESC`` is "most recently active first" and stops after the top hits.
    op.execute(
        "CREATE TABLE lookup_docs ("
        " doc INTEGER PRIMARY KEY,"
        " customer_id VARCHAR(36) NOT NULL UNIQUE,"
        " name TEXT NOT NULL, phone TEXT NOT NULL, card TEXT NOT NULL,"
        " email TEXT NOT NULL, account TEXT NOT NULL)"
    )
    op.execute(
        "CREATE VIRTUAL TABLE lookup_fts USING fts5("
        "name, phone, card, email, account,"
        " content='', tokenize='ascii', detail='column', prefix='2 3')"
    )
    op.execute(
        "CREATE TABLE lookup_deletes ("
        " variant TEXT NOT NULL, word TEXT NOT NULL,"
        " PRIMARY KEY (variant, word)) WITHOUT ROWID"
    )
    # A cache migrated with customers already in it gets them indexed now.
    from frontdesk.adapters.cache.search_index import rebuild_index

    rebuild_index(op.get_bind())


def downgrade() -> None:
    for name in ("lookup_deletes", "lookup_fts", "lookup_docs"):
        op.execute(f"DROP TABLE {name}")
