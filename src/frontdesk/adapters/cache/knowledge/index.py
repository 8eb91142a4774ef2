"""Writing the knowledge base's search index (``kb_fts``, revision 0032_knowledge).

An article's index rows are its terms (``analysis.term_text``): title and tags in
``kb_title_fts``, body and the text of its documents in ``kb_fts``. A title keeps its stop
words: an article's title is often the question it answers, and "what is", "how do I"
tell a definition from a procedure when a query asks in the same words. A document's text
counts for an article only when the
document belongs to few articles (``MAX_SHARING``): a manual linked to every article would
make every article match every word of it. Each column is bounded, so one huge article
cannot make a page's indexing slow.

Every function runs on the caller's connection, inside the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection

from frontdesk.adapters.cache.knowledge.analysis import term_text
from frontdesk.domain.knowledge import markdown_text

MAX_SHARING = 3  # a document of more articles than this is not indexed as their text
MAX_COLUMN = 100_000  # characters of a column's source text indexed at most
_ARTICLES = (
    "SELECT a.doc, a.title, a.tags, a.body_md,"
    " coalesce((SELECT group_concat(d.text, char(10)) FROM json_each(a.documents) AS h"
    "  JOIN kb_documents d ON d.sha256 = h.value"
    f"  WHERE json_array_length(d.article_ids) <= {MAX_SHARING}), '')"
    " FROM kb_articles a"
)
_SOME = " WHERE a.id IN (SELECT value FROM json_each(?))"
_INSERTS = (
    "INSERT INTO kb_title_fts (rowid, title, tags) VALUES (?, ?, ?)",
    "INSERT INTO kb_fts (rowid, body, docs) VALUES (?, ?, ?)",
)
_TABLES = ("kb_title_fts", "kb_fts")
_BATCH = 2_000


def reindex_articles(connection: Connection, article_ids: Iterable[str]) -> None:
    """Index these articles again from their rows (an article gone is already dropped by
    ``drop_from_index``)."""
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return
    rows = connection.exec_driver_sql(_ARTICLES + _SOME, (json.dumps(ids),)).all()
    documents = [_document(row) for row in rows]
    drop_from_index(connection, [doc for doc, *_ in documents])
    _insert(connection, documents)


def reindex_documents_of(connection: Connection, sha256s: Iterable[str]) -> None:
    """Index again the articles whose document text these documents are."""
    query = (
        "SELECT DISTINCT a.id FROM kb_articles a, json_each(a.documents) AS h"
        " WHERE h.value IN (SELECT value FROM json_each(?))"
    )
    ids = connection.exec_driver_sql(query, (json.dumps(list(sha256s)),)).scalars().all()
    reindex_articles(connection, ids)


def drop_from_index(connection: Connection, docs: list[int]) -> None:
    for table in _TABLES if docs else ():
        connection.exec_driver_sql(f"DELETE FROM {table} WHERE rowid = ?", [(d,) for d in docs])


def clear_index(connection: Connection) -> None:
    for table in _TABLES:
        connection.exec_driver_sql(f"DELETE FROM {table}")


def _insert(connection: Connection, documents: list[tuple[int, str, str, str, str]]) -> None:
    if documents:
        connection.exec_driver_sql(_INSERTS[0], [(d, t, g) for d, t, g, _, _ in documents])
        connection.exec_driver_sql(_INSERTS[1], [(d, b, x) for d, _, _, b, x in documents])


def rebuild_index(connection: Connection) -> None:
    """Index every article from scratch (the end of a bulk load), merged into one segment."""
    clear_index(connection)
    rows = connection.exec_driver_sql(_ARTICLES).all()
    for start in range(0, len(rows), _BATCH):
        _insert(connection, [_document(row) for row in rows[start : start + _BATCH]])
    for table in _TABLES:
        connection.exec_driver_sql(f"INSERT INTO {table} ({table}) VALUES ('optimize')")


def _document(row: Any) -> tuple[int, str, str, str, str]:
    doc, title, tags, body, docs = row
    tag_list = json.loads(tags) if isinstance(tags, str) else tags
    return (
        doc,
        term_text(title[:MAX_COLUMN], stops=True),
        term_text(" ".join(tag_list)[:MAX_COLUMN]),
        term_text(markdown_text(body[:MAX_COLUMN])),
        term_text(docs[:MAX_COLUMN]),
    )
