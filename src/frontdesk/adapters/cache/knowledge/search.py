"""Searching the knowledge base offline: one query over titles, tags, bodies and documents.

A query's words are analysed as the articles' were (``analysis``). Each word stands for its
stem, and, when the index does not know it (a word still being typed, or misspelt), for
the words it begins and the index's words a typo away (also when it is rare there)
(``vocabulary``). Every article is scored by BM25F over its title and body, raised by how
much of the query it holds and nudged when fresh (``ranking``, on the index held in memory,
``postings``). An article and its translations are one answer: its best version's score,
shown in the desk's language when it has that version.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Connection

from frontdesk.adapters.cache.knowledge.analysis import is_cyrillic, is_stop, stem, words
from frontdesk.adapters.cache.knowledge.ranking import Word, best, scores
from frontdesk.adapters.cache.knowledge.vocabulary import Vocabulary, vocabulary

MAX_WORDS = 12
MIN_RUSSIAN_ROOT = 5  # letters of a Russian stem that stands for longer ones
RARE = 2  # a known word in fewer articles than this also stands for its near spellings
STAND_IN = 0.7  # a word's weight for a term it stands for, against its own stem's 1.0


@dataclass(frozen=True, slots=True)
class Match:
    """One answer: an article group's best version and its score (higher is better)."""

    doc: int
    group: str
    lang: str
    score: float


@dataclass(frozen=True, slots=True)
class Query:
    """A query's terms: each kept word's weighted terms, and the stems and prefixes a
    snippet marks."""

    words: tuple[Word, ...]
    stems: frozenset[str]
    prefixes: tuple[str, ...]
    #: The stop words, weighed in titles only ("what is", "how do I": the question's form).
    forms: tuple[Word, ...] = ()


def parse(connection: Connection, text: str) -> tuple[Query, Vocabulary]:
    vocab = vocabulary(connection)
    typed = words(text)[:MAX_WORDS]
    kept = [w for w in typed if not is_stop(w)] or typed
    forms = tuple(((stem(w), 1.0),) for w in dict.fromkeys(typed) if w not in kept)
    found, stems, prefixes = [], set(), []
    for word in dict.fromkeys(kept):
        alternatives = _alternatives(vocab, word)
        found.append(alternatives)
        stems.update(t for t, _ in alternatives)
        if vocab.count(stem(word)) == 0:
            prefixes.append(word)
    return Query(tuple(found), frozenset(stems), tuple(prefixes), forms), vocab


def _alternatives(vocab: Vocabulary, word: str) -> tuple[tuple[str, float], ...]:
    stemmed = stem(word)
    found = {stemmed: 1.0}
    count = vocab.count(stemmed)
    others: list[str] = []
    if count == 0:
        others += vocab.prefixed(word) + vocab.prefixed(stemmed)
    elif is_cyrillic(word) and len(stemmed) >= MIN_RUSSIAN_ROOT:
        # Snowball leaves Russian verbs and participles apart from their nouns
        # ("установил" установ, "установленного" установлен): a stem stands for the
        # index's longer stems that begin with it too.
        others += vocab.prefixed(stemmed)
    if count < RARE:
        others += vocab.near(stemmed)
    for term in others:
        found.setdefault(term, STAND_IN)
    return tuple(found.items())


def rank(vocab: Vocabulary, query: Query, *, limit: int) -> list[Match]:
    """The best ``limit`` answers, an article's translations counted once."""
    postings = vocab.postings
    if not query.words or limit <= 0 or postings is None or not postings.size:
        return []
    total = scores(postings, query.words, forms=query.forms, now=time.time())
    return [
        Match(int(postings.doc[i]), postings.groups[postings.group[i]], postings.lang[i], score)
        for i, score in best(postings, total, limit=limit)
    ]  # fmt: skip
