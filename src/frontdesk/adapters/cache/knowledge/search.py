"""Searching the knowledge base offline: one query over titles, tags, bodies and documents.

A query's words are analysed as the articles' were (``analysis``). Each word stands for its
stem, and, when the index does not know it (a word still being typed, or misspelt), for
the words it begins and the index's words a typo away (also when it is rare there)
(``vocabulary``). Articles matching any of them are ranked by FTS5's BM25 of their title
(and tags) weighted above that of their body (and documents), nudged up when fresh
(``domain.knowledge.freshness``). An article and its translations are one answer: its best
version's score, shown in the desk's language when it has that version.

Only quoted terms reach FTS5, never the query's own syntax.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection

from frontdesk.adapters.cache.knowledge.analysis import is_cyrillic, is_stop, stem, words
from frontdesk.adapters.cache.knowledge.vocabulary import Vocabulary, vocabulary
from frontdesk.domain.knowledge import freshness

MAX_WORDS = 12
RANKED = 100  # matches of each index ranked by BM25, of which the best ``COVERED`` go on
TITLE_WEIGHT = 4.0  # a title's (and tags') BM25 against a body's (and documents')
WEIGHTS = {"kb_title_fts": (1.0, 0.6), "kb_fts": (1.0, 0.5)}  # columns within each table
MIN_RUSSIAN_ROOT = 5  # letters of a Russian stem that stands for longer ones
COMMON = 0.1  # a word in more than this share of the articles is common
TITLE_COMMON = 1.0  # in titles: none (leaving them out lost answers in the workload)
RARE = 2  # a known word in fewer articles than this also stands for its near spellings
_RANKS = {
    table: f"SELECT rowid, bm25({table}, {a}, {b}) AS score FROM {table}"
    f" WHERE {table} MATCH ? ORDER BY score LIMIT ?"
    for table, (a, b) in WEIGHTS.items()
}
COVERED = 50  # candidates weighed by coverage and freshness and grouped by translation
COVER_WEIGHTS = {"kb_title_fts": 1.0, "kb_fts": 0.5}
_TEXTS = {
    "kb_title_fts": "SELECT rowid, title, tags FROM kb_title_fts"
    " WHERE rowid IN (SELECT value FROM json_each(?))",
    "kb_fts": "SELECT rowid, body FROM kb_fts WHERE rowid IN (SELECT value FROM json_each(?))",
}
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
    #: Each kept query word's terms (itself and what it stands for).
    groups: tuple[frozenset[str], ...] = ()
    #: The bodies' expression, without words many articles hold (when others are left);
    #: ``expression`` is the titles', with fewer words left out.
    body_expression: str | None = None


def parse(connection: Connection, text: str) -> Query:
    vocab = vocabulary(connection)
    typed = words(text)[:MAX_WORDS]
    kept = [w for w in typed if not is_stop(w)] or typed
    terms: dict[str, None] = {}
    prefixes, groups = [], []
    for word in kept:
        alternatives = _alternatives(vocab, word)
        terms.update(dict.fromkeys(alternatives))
        groups.append(frozenset(alternatives))
        if vocab.count(stem(word)) == 0:
            prefixes.append(word)
    if not terms:
        return Query(None, frozenset(), ())
    return Query(
        _any(_uncommon(vocab, terms, TITLE_COMMON)), frozenset(terms), tuple(prefixes),
        tuple(groups), body_expression=_any(_uncommon(vocab, terms, COMMON)),
    )  # fmt: skip


def _uncommon(vocab: Vocabulary, terms: Iterable[str], share: float) -> list[str]:
    """``terms`` without those in more than ``share`` of the articles, unless that is all."""
    terms = list(terms)
    return [t for t in terms if vocab.count(t) <= share * vocab.articles] or terms


def _any(terms: Iterable[str]) -> str:
    return " OR ".join(f'"{t}"' for t in terms)


def _alternatives(vocab: Vocabulary, word: str) -> list[str]:
    stemmed = stem(word)
    found = [stemmed]
    count = vocab.count(stemmed)
    if count == 0:
        found += vocab.prefixed(word) + vocab.prefixed(stemmed)
    elif is_cyrillic(word) and len(stemmed) >= MIN_RUSSIAN_ROOT:
        # Snowball leaves Russian verbs and participles apart from their nouns
        # ("установил" установ, "установленного" установлен): a stem stands for the
        # index's longer stems that begin with it too.
        found += vocab.prefixed(stemmed)
    if count < RARE:
        found += vocab.near(stemmed)
    return found


def rank(connection: Connection, query: Query, *, lang: str, limit: int) -> list[Match]:
    """The best ``limit`` answers, an article's translations counted once."""
    if query.expression is None or limit <= 0:
        return []
    scored = _scored(connection, query)
    best = sorted(scored, key=scored.__getitem__, reverse=True)[:COVERED]
    if not best:
        return []
    scored = {doc: scored[doc] for doc in best}
    _cover(connection, scored, query.groups)
    versions = connection.exec_driver_sql(_VERSIONS, (json.dumps(best),))
    info = {row[0]: row for row in versions}
    now = datetime.now(UTC)
    best: dict[str, Match] = {}
    for doc, relevance in scored.items():
        _, _, group, version_lang, updated_at = info[doc]
        score = relevance * freshness(_aware(updated_at), now)
        if group not in best or score > best[group].score:
            best[group] = Match(doc, group, version_lang, score)
    return sorted(best.values(), key=lambda m: m.score, reverse=True)[:limit]


def _scored(connection: Connection, query: Query) -> dict[int, float]:
    """Each matched article's BM25 (higher is better): its title's, weighted, plus its
    body's, each among the ``RANKED`` best of its table. A word many articles hold adds
    next to nothing to BM25 and makes FTS5 score all of them: it is left out of the
    query (the coverage still counts it)."""
    scored: dict[int, float] = {}
    for table, statement in _RANKS.items():
        title = table == "kb_title_fts"
        weight = TITLE_WEIGHT if title else 1.0
        expression = query.expression if title else query.body_expression
        for doc, bm25 in connection.exec_driver_sql(statement, (expression, RANKED)):
            scored[doc] = scored.get(doc, 0.0) - weight * bm25
    return scored


def _cover(connection: Connection, scored: dict[int, float], groups: tuple) -> None:
    """Raise the candidates by the share of the query's words their title
    and their body hold: BM25 adds words up, and a text that says many of a question's
    words once beats one that repeats a few (the question's answer, more often)."""
    if len(groups) < 2:
        return
    ids = json.dumps(list(scored))
    for table, statement in _TEXTS.items():
        weight = COVER_WEIGHTS[table]
        for doc, *texts in connection.exec_driver_sql(statement, (ids,)):
            held = set(" ".join(texts).split())
            share = sum(1 for g in groups if not g.isdisjoint(held)) / len(groups)
            scored[doc] *= 1 + weight * share


def _aware(value: str | datetime) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
