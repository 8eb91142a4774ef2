"""Answering a lookup query from the index in ``search_index``: tiers of FTS5 queries.

A query runs as a few FTS5 MATCH statements (names in ``lookup_names``, the other fields in
``lookup_fts``), each ``ORDER BY rowid DESC LIMIT n`` (most
recently active first, stopping early), in rank order:

0. exact: account number, whole phone number, whole loyalty card, whole e-mail;
1. exact name: every query word is a whole name key (as written, transliterated or phonetic);
2. prefix: every query word starts a name key; a 4+ digit run of a phone; the last 4-8 digits
   of a card; the start of an e-mail, its local part or domain; the start of an account;
3. fuzzy: as 2, with one edit (optimal string alignment: a transposition is one) allowed in
   a name word of 3+ letters;
4. fuzzier: two edits in a name word of 6+ letters (Elasticsearch's AUTO fuzziness).

Name probes run for each reading of the query: as typed, then as the same keys give in the
other keyboard layout (``domain.keyboard``). Within a tier the typed reading ranks first, so
a real name that also reads as something in the other layout keeps its own results, and a
slipped query's intended name ranks in the tier it would have had typed right.

The MATCH text is built only from normalised terms (letters and digits), each quoted, so no
user input ever reaches FTS5 or SQL syntax.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from rapidfuzz.distance import OSA
from sqlalchemy import Connection

from frontdesk.adapters.cache.search_index import (
    MIN_FUZZY,
    NAME_TYPOS,
    cached_name_keys,
    cached_word_keys,
    deletions,
)
from frontdesk.domain.keyboard import slipped
from frontdesk.domain.text import MAX_QUERY, allowed_edits, alnum, digits, phone_key, words

EXACT, EXACT_NAME, PREFIX, FUZZY, FUZZIER = range(5)
MIN_SPELLING_PREFIX = 4  # a shorter word's other readings ("yo" as е) would start everything
MAX_NEIGHBOURS = 40  # of one word: the closest first (a short word has many)
MIN_DIGITS = 4
MAX_WORDS = 8
# Shorter prefixes would start too many terms. Even 3 characters can: where a million
# accounts share their start ("a10..."), it merges them all (~0.35 s).
MIN_EMAIL_PREFIX = 3
MIN_ACCOUNT_PREFIX = 3
PREFIX_INDEX_MAX = 6  # lookup_names' longest prefix index (migration 0002_lookup)
MAX_EXPANSION = 40  # whole keys a longer prefix may stand for before FTS5 merges them itself
#: The table of name keys' deletion neighbourhoods (the product index has its own, with the
#: same shape: ``variant, word``).
VOCABULARY = "lookup_deletes"
_LAST_CHAR = "\U0010ffff"  # sorts after every character: key <= k < key + it is "k starts key"
_PHONE_CHARS = frozenset("0123456789+()-. ")
_EMAIL_MARKS = frozenset("@._-+")


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching document: which customer, by which field, in which rank tier."""

    doc: int
    customer_id: str
    field: str
    tier: int


@dataclass(frozen=True, slots=True)
class _Probe:
    field: str
    tier: int
    match: str
    exact: str = ""  # a digit string the document's terms must contain (n-gram phone runs)
    reading: int = 0  # 0: as typed; 1: in the other keyboard layout


@dataclass(frozen=True, slots=True)
class _Word:
    """A query word: its keys, the keys it is a prefix by, and the typos it may carry."""

    keys: list[str]
    prefixes: list[str]
    edits: int


def _query_word(word: str) -> _Word | None:
    keys = cached_name_keys(word)
    if not keys:
        return None
    own = cached_word_keys(word)  # without the other schemes' readings
    prefixes = keys if len(keys[0]) >= MIN_SPELLING_PREFIX else own
    return _Word(keys, prefixes, allowed_edits(keys[0]))


def find(connection: Connection, query: str, *, limit: int) -> list[Hit]:
    """The best ``limit`` documents for ``query``, best first; [] for blank or odd input."""
    text = query.replace("\x00", "")[:MAX_QUERY].strip()
    if not text or limit < 1:
        return []
    # A query is a dozen small statements: on the DB-API connection (same transaction) each
    # costs a third of what it does through SQLAlchemy's execution machinery.
    return _find(connection.connection.driver_connection, text, limit=limit)


_Found = tuple[str, int, int]  # field, tier, reading


def _find(connection: sqlite3.Connection, text: str, *, limit: int) -> list[Hit]:
    docs: dict[int, _Found] = {}
    for probes in _tiers(connection, text, docs):
        found = [(doc, p) for p in probes for doc in _run(connection, p, limit)]
        for doc, p in sorted(found, key=lambda item: (item[1].reading, -item[0])):
            docs.setdefault(doc, (p.field, p.tier, p.reading))
        if len(docs) >= limit:
            break
    ranked = sorted(docs.items(), key=lambda item: (item[1][1], item[1][2], -item[0]))[:limit]
    owners = _owners(connection, [doc for doc, _ in ranked])
    return [Hit(doc, owners[doc], field, tier) for doc, (field, tier, _) in ranked if doc in owners]


def _tiers(
    connection: sqlite3.Connection, text: str, docs: dict[int, _Found]
) -> Iterator[list[_Probe]]:
    """The probes of each tier in turn (the typo tiers reading by reading); ``docs`` holds
    what the earlier ones found."""
    readings = _readings(text)
    yield _exact_probes(text)
    yield [_exact_name_probe(ws, reading=r) for r, ws in enumerate(readings)]
    yield _prefix_probes(connection, text, readings)
    # A query that exactly names someone is no typo: the neighbours of its words (the
    # costliest tiers) would only fill the places after the exact and prefix matches.
    if any(tier == EXACT_NAME for _, tier, _ in docs.values()):
        return
    near = _Neighbours(connection)
    for reading, query_words in enumerate(readings):
        # The other layout's typos only when the query as typed finds nothing at all: a
        # real name with a typo would otherwise pay for the neighbours of its junk reading.
        if reading and any(found[2] == 0 for found in docs.values()):
            return
        yield _fuzzy_probes(near, query_words, reading=reading, edits=1)
        # Two edits only where one found nothing: the nearest names come first anyway.
        if not any(tier >= FUZZY for _, tier, _ in docs.values()):
            yield _fuzzy_probes(near, query_words, reading=reading, edits=2)


def _readings(text: str) -> list[list[_Word]]:
    """The query's name words as typed and, when it has letters to move, as the same keys
    give in the other layout ([] for none)."""
    # A phone-like query is digits: name and e-mail prefixes of digit runs would only merge
    # the posting lists of every phone n-gram they start, for nothing.
    if _phone_like(text):
        return []
    other = None if "@" in text else slipped(text)
    texts = [text] if other is None else [text, other]
    readings = [[w for w in map(_query_word, words(t)[:MAX_WORDS]) if w] for t in texts]
    return [reading for reading in readings if reading]


def _exact_probes(text: str) -> list[_Probe]:
    probes = []
    account = alnum(text)
    if account:
        probes.append(_Probe("account_number", EXACT, _column("account", [quoted(account)])))
    number = digits(text)
    if _phone_like(text) and len(number) >= 7:
        phone = _column("phone", [quoted(phone_key(text))])
        probes += [_Probe("phone", EXACT, phone)]
        if len(number) > max(MIN_DIGITS, 8):
            probes.append(_Probe("loyalty_card", EXACT, _column("card", [quoted(number)])))
    if "@" in text and account:
        probes.append(_Probe("email", EXACT, _column("email", [quoted(account)])))
    return probes


def _prefix_probes(
    connection: sqlite3.Connection, text: str, readings: list[list[_Word]]
) -> list[_Probe]:
    probes = []
    for reading, query_words in enumerate(readings):
        groups = [prefixed_terms(connection, word.prefixes) for word in query_words]
        if all(groups):
            probes.append(_Probe("name", PREFIX, all_of(groups), reading=reading))
    number = digits(text)
    if _phone_like(text) and len(number) >= MIN_DIGITS:
        probes.append(_phone_run_probe(number))
        if len(number) <= 8:
            probes.append(_Probe("loyalty_card", PREFIX, _column("card", [quoted(number)])))
    compact = alnum(text)
    if len(compact) >= MIN_EMAIL_PREFIX and _email_like(text):
        probes.append(_Probe("email", PREFIX, _column("email", [quoted(compact) + "*"])))
    if len(compact) >= MIN_ACCOUNT_PREFIX and " " not in text:
        probes.append(_Probe("account_number", PREFIX, _column("account", [quoted(compact) + "*"])))
    return probes


def _email_like(text: str) -> bool:
    """One word with an e-mail's marks (``@ . _ - +`` or a digit), not a phone number.

    A bare name word ("ivanov") would start thousands of e-mail terms (ivanov1234...), all
    merged before the first hit; its owners are found by name anyway.
    """
    if " " in text or _phone_like(text):
        return False
    return any(char in _EMAIL_MARKS or char.isdigit() for char in text)


def _phone_run_probe(number: str) -> _Probe:
    """A digit run as exact n-gram terms: 4 or 6 digits are one term, others a few."""
    size = 6 if len(number) >= 6 else 4
    starts = sorted({*range(0, len(number) - size + 1, size), len(number) - size})
    terms = [quoted(number[i : i + size]) for i in starts]
    exact = number if len(number) != size else ""
    return _Probe("phone", PREFIX, _column("phone", terms), exact=exact)


def _fuzzy_probes(
    near: _Neighbours, query_words: list[_Word], *, reading: int, edits: int
) -> list[_Probe]:
    """One name probe: each word as a prefix or one of its neighbours within ``edits`` (and
    its own budget); none when no word has a neighbour that close."""
    found = [near.of(word, edits=min(edits, word.edits)) for word in query_words]
    if edits > 1 and not any(d > 1 for words_near in found for _, d in words_near):
        return []  # the same probe as the one-edit tier's
    close = [[w for w, _ in words_near] for words_near in found]
    if not any(close):
        return []
    groups = [
        prefixed_terms(near.connection, word.prefixes) + [quoted(w) for w in words_near]
        for word, words_near in zip(query_words, close, strict=True)
    ]
    tier = FUZZY if edits == 1 else FUZZIER
    return [_Probe("name", tier, all_of(groups), reading=reading)] if all(groups) else []


class _Neighbours:
    """Each query word's neighbours, looked up once for both typo tiers."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self._found: dict[tuple[int, int], list[tuple[str, int]]] = {}

    def of(self, word: _Word, *, edits: int) -> list[tuple[str, int]]:
        key = (id(word), edits)
        if key not in self._found:
            self._found[key] = name_neighbours(self.connection, word, edits=edits)
        return self._found[key]


def name_neighbours(
    connection: sqlite3.Connection, word: _Word, *, edits: int
) -> list[tuple[str, int]]:
    """Indexed name keys within ``edits`` of one of the word's keys (``NAME_TYPOS``' table),
    each with its distance, the closest first, at most ``MAX_NEIGHBOURS``."""
    if edits < 1:
        return []
    variants = sorted({v for key in word.keys for v in NAME_TYPOS.variants(key, edits)})
    marks = ",".join("?" * len(variants))
    rows = connection.execute(
        f"SELECT DISTINCT word FROM {VOCABULARY} WHERE variant IN ({marks})", tuple(variants)
    )
    scored = []
    for (candidate,) in rows:
        if candidate in word.keys:
            continue
        distance = min(OSA.distance(candidate, key, score_cutoff=edits) for key in word.keys)
        if distance <= edits:
            scored.append((distance, candidate))
    return [(candidate, d) for d, candidate in sorted(scored)[:MAX_NEIGHBOURS]]


def prefixed_terms(
    connection: sqlite3.Connection, keys: list[str], *, vocabulary: str = VOCABULARY
) -> list[str]:
    """FTS terms for "a name key starting with one of ``keys``".

    Up to ``PREFIX_INDEX_MAX`` letters a prefix is one list of the prefix index, read lazily
    from the newest document. A longer one would make FTS5 merge every key under it in full
    before the first hit (all of "mikhailovna"*), so it becomes the few whole keys of the
    vocabulary that start with it, each read lazily.
    """
    terms: list[str] = []
    for key in keys:
        whole = (
            _vocabulary_under(connection, key, vocabulary) if len(key) > PREFIX_INDEX_MAX else None
        )
        terms += [quoted(key) + "*"] if whole is None else [quoted(word) for word in whole]
    return list(dict.fromkeys(terms))


def _vocabulary_under(
    connection: sqlite3.Connection, key: str, vocabulary: str
) -> list[str] | None:
    """The indexed name keys starting with ``key``; None when there are too many to list."""
    rows = connection.execute(
        f"SELECT word FROM {vocabulary} WHERE variant >= ? AND variant < ? AND variant = word"
        " LIMIT ?",
        (key, key + _LAST_CHAR, MAX_EXPANSION + 1),
    )
    found = [word for (word,) in rows]
    return None if len(found) > MAX_EXPANSION else found


def typo_neighbours(
    connection: sqlite3.Connection, keys: list[str], *, vocabulary: str = VOCABULARY
) -> list[str]:
    """Indexed name keys one edit from one of a query word's keys (SymSpell, then checked).

    The word itself (``keys[0]``) or the customer's must have 5+ letters.
    """
    if len(keys[0]) < MIN_FUZZY - 1:
        return []
    variants = sorted({v for key in keys for v in (key, *deletions(key))})
    marks = ",".join("?" * len(variants))
    rows = connection.execute(
        f"SELECT DISTINCT word FROM {vocabulary} WHERE variant IN ({marks})", tuple(variants)
    )
    long_enough = len(keys[0]) >= MIN_FUZZY
    return sorted(
        word
        for (word,) in rows
        if word not in keys
        and (long_enough or len(word) >= MIN_FUZZY)
        and any(OSA.distance(word, key, score_cutoff=1) <= 1 for key in keys)
    )


def _exact_name_probe(query_words: list[_Word], *, reading: int) -> _Probe:
    groups = [[quoted(key) for key in word.keys] for word in query_words]
    return _Probe("name", EXACT_NAME, all_of(groups), reading=reading)


def all_of(groups: list[list[str]]) -> str:
    return " AND ".join(_any_of(terms) for terms in groups)


def _any_of(terms: list[str]) -> str:
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def _column(name: str, terms: list[str]) -> str:
    return f"{name} : ({' AND '.join(terms)})"


def quoted(term: str) -> str:
    return f'"{term}"'  # terms are letters and digits only: nothing to escape


def _phone_like(text: str) -> bool:
    return all(char in _PHONE_CHARS for char in text)


_NAMES_SQL = "SELECT rowid FROM lookup_names WHERE lookup_names MATCH ? ORDER BY rowid DESC LIMIT ?"
_FIELDS_SQL = "SELECT rowid FROM lookup_fts WHERE lookup_fts MATCH ? ORDER BY rowid DESC LIMIT ?"


def _run(connection: sqlite3.Connection, probe: _Probe, limit: int) -> list[int]:
    fetch = limit * 3 if probe.exact else limit
    sql = _NAMES_SQL if probe.field == "name" else _FIELDS_SQL
    rows = connection.execute(sql, (probe.match, fetch))
    docs = [row[0] for row in rows]
    if probe.exact:
        docs = _with_phone_run(connection, docs, probe.exact)
    return docs[:limit]


def _with_phone_run(connection: sqlite3.Connection, docs: list[int], number: str) -> list[int]:
    """Drop n-gram false positives: keep documents with ``number`` inside a whole phone."""
    if not docs:
        return []
    marks = ",".join("?" * len(docs))
    rows = connection.execute(
        f"SELECT doc, phone FROM lookup_docs WHERE doc IN ({marks})", tuple(docs)
    )
    phones = dict(rows.fetchall())
    return [doc for doc in docs if any(number in term for term in phones.get(doc, "").split())]


def _owners(connection: sqlite3.Connection, docs: list[int]) -> dict[int, str]:
    if not docs:
        return {}
    marks = ",".join("?" * len(docs))
    rows = connection.execute(
        f"SELECT doc, customer_id FROM lookup_docs WHERE doc IN ({marks})", tuple(docs)
    )
    return dict(rows.fetchall())
