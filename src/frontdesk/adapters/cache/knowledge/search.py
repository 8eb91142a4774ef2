"""Searching the knowledge base offline: one query over titles, tags, bodies and documents.

A query's words are analysed as the articles' were (``analysis``). Each word stands for its
stem, and also for the words it begins when it is the last word being typed or unknown to
the index, and for the index's words a typo away when it is unknown or rare there
(``vocabulary``). Articles matching any of them are ranked by FTS5's BM25 with a column
weight each (``WEIGHTS``: a word of the title counts most), nudged up when fresh
(``domain.knowledge.freshness``). An article and its translations are one answer: its best
version's score, shown in the desk's language when it has that version.

Only quoted terms reach FTS5, never the query's own syntax.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection

from frontdesk.adapters.cache.knowledge.analysis import is_stop, stem, words
from frontdesk.adapters.cache.knowledge.vocabulary import Vocabulary, vocabulary
from frontdesk.domain.knowledge import freshness

MAX_WORDS = 12
RANKED = 200  # matches ranked by BM25 before grouping translations and the freshness nudge
WEIGHTS = (6.0, 3.0, 1.0, 0.6)  # title, tags, body, documents
RARE = 2  # a known word in fewer articles than this also stands for its near spellings
_RANK = (
    "SELECT f.rowid, bm25(kb_fts, {0}, {1}, {2}, {3}) AS score"
    " FROM kb_fts f WHERE kb_fts MATCH ? ORDER BY score LIMIT ?"
).format(*WEIGHTS)
_VERSIONS = (
    "SELECT doc, id, translation_group, lang, updated_at FROM kb_articles"
    " WHERE doc IN (SELECT value FROM json_each(?))"
)


@dataclass(frozen=True, slots=True)
class Match:
    """One answer: an article group's best version and its score (higher is better)."""

    doc: int
    group: str
    lang: str
    score: float


@dataclass(frozen=True, slots=True)
class Query:
    """A query's terms: what FTS5 is asked, and the stems and prefixes a snippet marks."""

    expression: str | None
    stems: frozenset[str]
    prefixes: tuple[str, ...]


def parse(connection: Connection, text: str) -> Query:
    vocab = vocabulary(connection)
    typed = words(text)[:MAX_WORDS]
    kept = [w for w in typed if not is_stop(w)] or typed
    still_typing = bool(text) and not text[-1].isspace()
    terms: dict[str, None] = {}
    prefixes = []
    for i, word in enumerate(kept):
        last = still_typing and i == len(kept) - 1
        for term in _alternatives(vocab, word, last=last):
            terms[term] = None
        if last or vocab.count(stem(word)) == 0:
            prefixes.append(word)
    if not terms:
        return Query(None, frozenset(), ())
    expression = " OR ".join(f'"{t}"' for t in terms)
    return Query(expression, frozenset(terms), tuple(prefixes))


def _alternatives(vocab: Vocabulary, word: str, *, last: bool) -> list[str]:
    stemmed = stem(word)
    found = [stemmed]
    count = vocab.count(stemmed)
    if last or count == 0:
        found += vocab.prefixed(word) + vocab.prefixed(stemmed)
    if count < RARE:
        found += vocab.near(stemmed)
    return found


def rank(connection: Connection, query: Query, *, lang: str, limit: int) -> list[Match]:
    """The best ``limit`` answers, an article's translations counted once."""
    if query.expression is None or limit <= 0:
        return []
    scored = connection.exec_driver_sql(_RANK, (query.expression, RANKED)).all()
    if not scored:
        return []
    versions = connection.exec_driver_sql(_VERSIONS, (json.dumps([d for d, _ in scored]),))
    info = {row[0]: row for row in versions}
    now = datetime.now(UTC)
    best: dict[str, Match] = {}
    for doc, bm25 in scored:
        _, _, group, version_lang, updated_at = info[doc]
        score = -bm25 * freshness(_aware(updated_at), now)
        if group not in best or score > best[group].score:
            best[group] = Match(doc, group, version_lang, score)
    return sorted(best.values(), key=lambda m: m.score, reverse=True)[:limit]


def _aware(value: str | datetime) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
