"""The full-text index of cases: ``case_fts`` (FTS5, revision 0023_cases), one document per
case, its rowid the case row's.

Text is folded before it is indexed and before it is searched (``domain.text.fold``: letter
case, accents, ё as е), and the unicode61 tokenizer splits it into words of any script. Each
word of a query is a prefix: "refund" finds "refunded", and "возврат" finds "возврата" and
"возвратом". A Russian query word loses its case ending first ("возврата" -> "возврат"), so
a word typed in another grammatical case still meets it: as near as a desk gets to Russian
morphology without a stemmer in SQLite.
Only words reach FTS5 (each quoted), never the query's own syntax.

Every function runs on the caller's connection, inside the caller's transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection

from frontdesk.domain.text import fold, words

MAX_WORDS = 8  # more words than a person types; the rest add nothing but work
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
FROM cases c WHERE c.id = ?
"""


def reindex_cases(connection: Connection, case_ids: Iterable[str]) -> None:
    """Index these cases again from their rows and comments (a case gone is dropped)."""
    for case_id in dict.fromkeys(case_ids):
        row = connection.exec_driver_sql(_DOCUMENTS, (case_id,)).first()
        if row is None:
            continue
        rowid, subject, description, comments = row
        connection.exec_driver_sql("DELETE FROM case_fts WHERE rowid = ?", (rowid,))
        connection.exec_driver_sql(
            "INSERT INTO case_fts (rowid, subject, description, comments) VALUES (?, ?, ?, ?)",
            (rowid, fold(subject), fold(description), fold(comments)),
        )


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
