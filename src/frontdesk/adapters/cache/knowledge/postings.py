"""The knowledge base's inverted index in memory: for every term, the articles holding it
and how often, by field, as numpy arrays; and every article's field lengths, translation
group and age.

It is read from the FTS5 tables' stored term text (``index``) once per process and
database, and again when the articles change (``vocabulary`` decides when): a search then
scores every candidate in a few vectorised passes instead of asking SQLite for BM25 and
then reading the candidates' text back to weigh them.

Two fields, as BM25F has them: the title (tags count ``TAG_WEIGHT`` of a title word) and
the body (the text of its documents ``DOCS_WEIGHT`` of a body word).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from sqlalchemy import Connection

TAG_WEIGHT = 0.6
DOCS_WEIGHT = 0.5
FIELDS = ("title", "body")
_SOURCES = {
    "title": "SELECT rowid, title, tags FROM kb_title_fts",
    "body": "SELECT rowid, body, docs FROM kb_fts",
}
_ARTICLES = "SELECT doc, translation_group, lang, updated_at FROM kb_articles ORDER BY doc"


@dataclass(frozen=True, slots=True)
class Field:
    """One field's postings (compressed rows: term ``t``'s are ``start[t]:start[t + 1]``)."""

    start: np.ndarray  # int64, terms + 1
    docs: np.ndarray  # int32, positions in ``Postings.doc``
    tf: np.ndarray  # float32, weighted term frequencies
    length: np.ndarray  # float32 per article: its weighted term count
    average: float

    def of(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self.start[term], self.start[term + 1]
        return self.docs[lo:hi], self.tf[lo:hi]


@dataclass(frozen=True, slots=True)
class Postings:
    terms: dict[str, int]
    fields: dict[str, Field]
    doc: np.ndarray  # int64: the article's ``kb_articles.doc`` at each position
    group: np.ndarray  # int32: its translation group's number
    groups: list[str]  # translation group ids by number
    updated: np.ndarray  # float64: its last change, seconds since the epoch
    lang: list[str]

    @property
    def size(self) -> int:
        return len(self.doc)

    def df(self, term: str) -> int:
        """Articles holding ``term`` in either field, at least (the larger field's count)."""
        found = self.terms.get(term)
        if found is None:
            return 0
        return max(int(f.start[found + 1] - f.start[found]) for f in self.fields.values())


def load_postings(connection: Connection) -> Postings:
    docs, groups, langs, updated = _articles(connection)
    position = {doc: i for i, doc in enumerate(docs)}
    terms: dict[str, int] = {}
    fields = {
        name: _field(connection.exec_driver_sql(_SOURCES[name]), terms, position, weight)
        for name, weight in (("title", TAG_WEIGHT), ("body", DOCS_WEIGHT))
    }
    fields = {name: _rows(f, len(terms)) for name, f in fields.items()}
    names = list(dict.fromkeys(groups))
    number = {g: i for i, g in enumerate(names)}
    return Postings(
        terms=terms, fields=fields, doc=np.asarray(docs, dtype=np.int64),
        group=np.asarray([number[g] for g in groups], dtype=np.int32), groups=names,
        updated=np.asarray(updated, dtype=np.float64), lang=langs,
    )  # fmt: skip


def _articles(connection: Connection) -> tuple[list[int], list[str], list[str], list[float]]:
    docs, groups, langs, updated = [], [], [], []
    for doc, group, lang, at in connection.exec_driver_sql(_ARTICLES):
        docs.append(doc)
        groups.append(group)
        langs.append(lang)
        updated.append(_seconds(at))
    return docs, groups, langs, updated


def _seconds(value: str | datetime) -> float:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _field(rows, terms: dict[str, int], position: dict[int, int], weight: float) -> tuple:
    """Every (term, article, weight) of a field's rows as flat arrays, and the lengths."""
    ids: list[int] = []
    at: list[int] = []
    weights: list[float] = []
    length = np.zeros(len(position), dtype=np.float32)
    for rowid, main, extra in rows:
        i = position.get(rowid)
        if i is None:
            continue
        for text, w in ((main, 1.0), (extra, weight)):
            tokens = text.split()
            ids += [terms.setdefault(t, len(terms)) for t in tokens]
            at += [i] * len(tokens)
            weights += [w] * len(tokens)
            length[i] += w * len(tokens)
    return np.asarray(ids, np.int64), np.asarray(at, np.int64), np.asarray(weights), length


def _rows(flat: tuple, term_count: int) -> Field:
    """Postings sorted by term then article, one entry per pair with its summed weight."""
    ids, at, weights, length = flat
    size = max(len(length), 1)
    pairs, inverse = np.unique(ids * size + at, return_inverse=True)
    tf = np.bincount(inverse, weights=weights).astype(np.float32)
    term_of = pairs // size
    start = np.searchsorted(term_of, np.arange(term_count + 1)).astype(np.int64)
    average = float(length.mean()) if len(length) else 1.0
    return Field(start=start, docs=(pairs % size).astype(np.int32), tf=tf, length=length,
                 average=max(average, 1.0))  # fmt: skip
