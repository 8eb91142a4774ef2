"""Customer lookup index: contentless FTS5 tables over normalised terms (names apart from the
other fields), their documents, and the deletion neighbourhood of name keys for one-typo
matches.

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
    # Names on their own, rowids only, with a prefix index for every prefix a caller types
    # (1-6 letters): a short prefix reads one posting list and stops after the top hits,
    # instead of merging the lists of every key under it.
    op.execute(
        "CREATE VIRTUAL TABLE lookup_names USING fts5("
        "name, content='', tokenize='ascii', detail='none', columnsize=0,"
        " prefix='1 2 3 4 5 6')"
    )
    # The other fields are searched by whole terms (phone runs, card suffixes, e-mail parts)
    # or by prefixes long enough to start few terms: no prefix index, which would mostly
    # index phone n-grams (a sixth of the cache).
    op.execute(
        "CREATE VIRTUAL TABLE lookup_fts USING fts5("
        "phone, card, email, account,"
        " content='', tokenize='ascii', detail='column', columnsize=0)"
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
    for name in ("lookup_deletes", "lookup_fts", "lookup_names", "lookup_docs"):
        op.execute(f"DROP TABLE {name}")
