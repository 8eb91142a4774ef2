"""Scoring every article against a query at once: BM25 of each field, weighed and summed.

Each query word is one term: the stems it stands for (its own, the words it begins, its
near spellings) add their frequencies, a stand-in's weighed less, and the word's idf is that
of the articles holding any of them. A field's BM25 saturates on its own, so a title that
asks the question adds its full weight however long the body is. (BM25F, one saturation
over the weighed fields, ranked worse on the FAQ workload: a body repeating the query's
words used up what the title would add.)

The stop words a query holds count in titles only, as half a title word: titles are
questions, and "what is" or "how do I" tell a definition from a procedure. The sum is then
raised by the share of the query's words each field holds (a question's answer says most
of them, once) and nudged by freshness.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from frontdesk.adapters.cache.knowledge.postings import Field, Postings
from frontdesk.domain.knowledge import FRESH_DAYS, FRESH_WEIGHT

K1 = 1.2
FIELD_WEIGHTS = {"title": 4.0, "body": 1.0}
LENGTH_NORM = {"title": 0.75, "body": 0.75}  # BM25's b per field
COVER_WEIGHTS = {"title": 0.5, "body": 1.0}
FORM_WEIGHT = 2.0  # a stop word's in a title, against a title word's FIELD_WEIGHTS 4
DAY_S = 86_400.0

#: One query word: the terms it stands for, each with its weight (its own stem 1.0).
Word = Sequence[tuple[str, float]]


def scores(postings: Postings, words: Sequence[Word], *, forms: Sequence[Word] = (),
           now: float) -> np.ndarray:  # fmt: skip
    """Every article's score (0 for none of the words), by position in ``postings``;
    ``forms`` (stop words) count in titles only, for articles some word matched."""
    n = postings.size
    total = np.zeros(n)
    title = postings.fields["title"]
    form_score = np.zeros(n)
    for form in forms:
        form_score += FORM_WEIGHT * _bm25(n, title, _frequencies(postings, "title", form), "title")
    covered = {name: np.zeros(n) for name in postings.fields}
    for word in words:
        for name, field in postings.fields.items():
            tf = _frequencies(postings, name, word)
            covered[name] += tf > 0
            total += FIELD_WEIGHTS[name] * _bm25(n, field, tf, name)
    total += form_score * (total > 0)
    if len(words) > 1:
        for name, weight in COVER_WEIGHTS.items():
            total *= 1 + weight * covered[name] / len(words)
    return total * (1 + FRESH_WEIGHT * np.exp(-np.maximum(now - postings.updated, 0) / DAY_S
                                              / FRESH_DAYS))  # fmt: skip


def _bm25(n: int, field: Field, tf: np.ndarray, name: str) -> np.ndarray:
    held = int(np.count_nonzero(tf))
    if not held:
        return tf
    idf = np.log(1 + (n - held + 0.5) / (held + 0.5))
    b = LENGTH_NORM[name]
    return idf * tf * (K1 + 1) / (tf + K1 * (1 - b + b * field.length / field.average))


def _frequencies(postings: Postings, field: str, word: Word) -> np.ndarray:
    parts = [
        (postings.fields[field].of(number), weight)
        for term, weight in word
        if (number := postings.terms.get(term)) is not None
    ]  # fmt: skip
    if not parts:
        return np.zeros(postings.size)
    docs = np.concatenate([d for (d, _), _ in parts])
    tf = np.concatenate([t * w for (_, t), w in parts])
    return np.bincount(docs, weights=tf, minlength=postings.size)


def best(postings: Postings, total: np.ndarray, *, limit: int) -> list[tuple[int, float]]:
    """The positions of the best ``limit`` articles, one per translation group."""
    matched = np.flatnonzero(total > 0)
    if not len(matched) or limit <= 0:
        return []
    wide = min(len(matched), limit * 4)
    top = matched[np.argpartition(-total[matched], wide - 1)[:wide]]
    top = top[np.argsort(-total[top], kind="stable")]
    found, seen = [], set()
    for i in top.tolist():
        if postings.group[i] not in seen:
            seen.add(postings.group[i])
            found.append((i, float(total[i])))
            if len(found) == limit:
                break
    return found
