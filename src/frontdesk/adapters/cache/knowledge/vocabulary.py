"""What a query word may stand for in the knowledge base's index: itself, the words it
begins (typed so far), and the words one or two typos away.

The index's terms, their document counts and postings (``postings``) are read once and kept
until the articles change (their count or highest ``seq`` moves), keyed by database file:
scanning the term list for near spellings is the work of a query, reading it is the work of
a sync.
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_left
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy import Connection

from frontdesk.adapters.cache.knowledge.postings import Postings, load_postings

MAX_PREFIXED = 8  # the most frequent words a prefix stands for, at most
MAX_NEAR = 4  # near spellings of a word, at most
MIN_PREFIX = 3  # letters a word needs before it counts as the start of others
_STATE = (
    "SELECT count(*), coalesce(max(seq), 0),"
    " (SELECT coalesce(max(seq), 0) FROM kb_documents) FROM kb_articles"
)


@dataclass(slots=True)
class Vocabulary:
    terms: list[str] = field(default_factory=list)  # sorted
    counts: dict[str, int] = field(default_factory=dict)  # term -> articles holding it
    articles: int = 0
    by_start: dict[str, list[str]] = field(default_factory=dict)  # first letter -> terms
    postings: Postings | None = None

    def count(self, term: str) -> int:
        return self.counts.get(term, 0)

    def prefixed(self, prefix: str) -> list[str]:
        """The most frequent terms that begin with ``prefix`` (not ``prefix`` itself)."""
        if len(prefix) < MIN_PREFIX:
            return []
        found = []
        for term in self.terms[bisect_left(self.terms, prefix) :]:
            if not term.startswith(prefix):
                break
            if term != prefix:
                found.append(term)
        return sorted(found, key=self.count, reverse=True)[:MAX_PREFIXED]

    def near(self, term: str) -> list[str]:
        """Terms of the same first letter one edit away (two for words of eight letters or
        more), nearest first; two letters swapped are one edit."""
        if len(term) < 4:
            return []
        edits = 2 if len(term) >= 8 else 1
        # Among the words of the same first letter: a typo there is rare, and scanning
        # every word of a large index was most of a query's time.
        found = process.extract(
            term,
            self.by_start.get(term[0], []),
            scorer=OSA.distance,
            score_cutoff=edits,
            limit=MAX_NEAR * 4,
        )
        near = [(distance, -self.count(t), t) for t, distance, _ in found if t != term]
        return [t for _, _, t in sorted(near)[:MAX_NEAR]]


CHECK_EVERY_S = 2.0  # how stale the vocabulary may be after a sync changed the articles
_cache: dict[str, tuple[float, tuple[int, ...], Vocabulary]] = {}
_lock = threading.Lock()


def vocabulary(connection: Connection) -> Vocabulary:
    """The index's vocabulary, read again only when the articles changed. Whether they did
    is asked at most every ``CHECK_EVERY_S``: asking took a millisecond of every query."""
    key = str(connection.engine.url)
    with _lock:
        kept = _cache.get(key)
    now = time.monotonic()
    if kept is not None and now - kept[0] < CHECK_EVERY_S:
        return kept[2]
    state = tuple(connection.exec_driver_sql(_STATE).one())
    vocab = kept[2] if kept is not None and kept[1] == state else None
    vocab = vocab or _load(connection, articles=state[0])
    with _lock:
        _cache[key] = (now, state, vocab)
    return vocab


def _load(connection: Connection, *, articles: int) -> Vocabulary:
    postings = load_postings(connection)
    counts = {term: postings.df(term) for term in postings.terms}
    terms = sorted(counts)
    by_start: dict[str, list[str]] = {}
    for term in terms:
        by_start.setdefault(term[0], []).append(term)
    return Vocabulary(terms=terms, counts=counts, articles=articles, by_start=by_start,
                      postings=postings)  # fmt: skip
