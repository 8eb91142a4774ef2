"""The full-text index of cases: ``case_fts`` (FTS5, revision 0023_cases), one document per
case, its rowid the case row's.

Text is folded before it is indexed and before it is searched (``domain.text.fold``: letter
case, accents, ё as е), and the unicode61 tokenizer splits it into words of any script. Each
word of a query is a prefix: "refund" finds "refunded", and "возврат" finds "возврата" and
"возвратом". A Russian query word loses its case ending first ("возврата" -> "возврат"), so
a word typed in another grammatical case still meets it: as near as a desk gets to Russian
morphology without a stemmer in SQLite.
Only words reach FTS5 (each quoted), never the query's own syntax.

Matches are ranked (FTS5's bm25, best first) among the ``RANKED`` newest to this desk (the
highest rowids). Ranking costs the same for every match: a word of a stock phrase is in
tens of thousands of cases at 100,000, and ranking them all took 40 ms and more, where
ranking the newest 2,000 takes a few. A query found in fewer cases ranks them all.

Every function runs on the caller's connection, inside the caller's transaction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection

from frontdesk.domain.text import fold, words

MAX_WORDS = 8  # more words than a person types; the rest add nothing but work
RANKED = 2_000
#: The rowids of the best ``?`` matches of a MATCH expression among the ``RANKED`` newest.
RANKED_SEARCH = (
    "SELECT rowid FROM (SELECT rowid, rank FROM case_fts WHERE case_fts MATCH ?"
    f" ORDER BY rowid DESC LIMIT {RANKED}) ORDER BY rank LIMIT ?"
)
MIN_STEM = 4  # letters a Russian word keeps when its ending goes
# Case and number endings of Russian nouns and adjectives (folded: ё is е), longest first.
_ENDINGS = sorted(
    [
        "ами",
        "ями",
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "ов",
        "ев",
        "ей",
        "ом",
        "ем",
        "ах",
        "ях",
        "ой",
        "ую",
        "юю",
        "ая",
        "яя",
        "ые",
        "ие",
        "ых",
        "их",
        "ам",
        "ям",
        "а",
        "я",
        "о",
        "е",
        "у",
        "ю",
        "ы",
        "и",
        "ь",
        "й",
    ],
    key=len,
    reverse=True,
)
_CYRILLIC = re.compile(r"[а-я]")

_DOCUMENTS = """
SELECT c.rowid, c.subject, c.description,
       coalesce((SELECT group_concat(e.body, char(10)) FROM case_events e
                 WHERE e.case_id = c.id AND e.kind = 'comment'), '')
FROM cases c
"""
_SOME = " WHERE c.id IN (SELECT value FROM json_each(?))"
_INSERT = "INSERT INTO case_fts (rowid, subject, description, comments) VALUES (?, ?, ?, ?)"
_BATCH = 5_000
_AUTOMERGE = "INSERT INTO case_fts (case_fts, rank) VALUES ('automerge', ?)"
_DEFAULT_AUTOMERGE = 4  # FTS5's own, kept in the index's config table


def reindex_cases(connection: Connection, case_ids: Iterable[str]) -> None:
    """Index these cases again from their rows and comments (a case gone is dropped).

    One statement each to read, drop and insert the documents of a pulled page's cases.
    """
    ids = list(dict.fromkeys(case_ids))
    if not ids:
        return
    documents = _documents(connection.exec_driver_sql(_DOCUMENTS + _SOME, (json.dumps(ids),)))
    connection.exec_driver_sql(
        "DELETE FROM case_fts WHERE rowid = ?", [(rowid,) for rowid, *_ in documents]
    )
    if documents:
        connection.exec_driver_sql(_INSERT, documents)


def rebuild_case_index(connection: Connection) -> None:
    """Index every case from scratch (the end of a bulk load): one read of the cases, the
    index written in batches and merged into one segment, which searches faster."""
    clear_case_index(connection)
    # The batches' segments are merged once, by 'optimize', rather than as they come as
    # well (FTS5's automerge): a third less time for the inserts at 100,000 cases.
    connection.exec_driver_sql(_AUTOMERGE, (0,))
    rows = connection.exec_driver_sql(_DOCUMENTS)
    while batch := rows.fetchmany(_BATCH):
        connection.exec_driver_sql(_INSERT, _documents(batch))
    connection.exec_driver_sql("INSERT INTO case_fts (case_fts) VALUES ('optimize')")
    connection.exec_driver_sql(_AUTOMERGE, (_DEFAULT_AUTOMERGE,))


def _documents(rows: Iterable[Any]) -> list[tuple[int, str, str, str]]:
    return [
        (rowid, fold(subject), fold(description), fold(comments))
        for rowid, subject, description, comments in rows
    ]


def clear_case_index(connection: Connection) -> None:
    connection.exec_driver_sql("DELETE FROM case_fts")


def match_expression(text: str) -> str | None:
    """The FTS5 query for what an agent typed: every word, each a prefix; None for no word."""
    terms = [_stem(word) for word in words(text)[:MAX_WORDS]]
    if not terms:
        return None
    return " ".join(f'"{term}"*' for term in terms)


def _stem(word: str) -> str:
    """A Russian word without its case ending, kept at ``MIN_STEM`` letters or more."""
    if not _CYRILLIC.search(word):
        return word
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word
