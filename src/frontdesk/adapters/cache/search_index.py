"""The customer lookup index: what each customer is findable by, kept in the cache's SQLite.

One document per customer in ``lookup_docs`` and two contentless FTS5 tables, ``lookup_names``
(the name keys, with a prefix index of 1-6 letters) and ``lookup_fts`` (the other fields), so a
name prefix never merges phone or e-mail terms:

- ``name``: each name word as written (folded), transliterated to Latin, as its phonetic
  key, and a Latin word's keys in the other transliteration schemes
  (``domain.text.name_word_keys``), so any script and spelling meets any other;
- ``phone``: each number whole (international and national form) and every 4- and 6-digit run
  of it, so any run of 4+ digits is one or a few exact terms;
- ``card``: the loyalty card whole and its last 4 to 8 digits;
- ``email``: each address, its local part and its domain, letters and digits only;
- ``account``: the account number, letters and digits only.

A document's rowid encodes the customer's last activity (latest purchase, else creation) in
its high bits, so ``ORDER BY rowid DESC LIMIT n`` returns the most recently active matches
first and FTS5 stops after ``n``. ``lookup_deletes`` holds the deletion neighbourhood of each
name key of 2+ letters (SymSpell, up to two deletions from its first seven letters): typo
candidates come from it, not from a scan.

Every function here runs on the caller's connection, inside the caller's transaction. Pulled
pages refresh their customers' documents, except in a new desk's first pull (a bulk load, see
``sync.pull``), which calls ``rebuild_index`` once, in the transaction of its last page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.tables import CachedCustomer, CachedPurchase
from frontdesk.domain.text import alnum, digits, name_word_keys, phone_key, word_keys, words

ACTIVITY_SHIFT = 21  # 2M documents may share one second of activity
MIN_FUZZY = 5  # letters in the customer's name word (its key may be shorter: "Mccoy" -> mcoi)
MIN_VOCABULARY = MIN_FUZZY - 1


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """Which deletion variants a vocabulary table holds for each of its words.

    ``prefix`` (0: the whole word) bounds a long word's rows, as SymSpell's prefix length
    does: two deletions from the first seven letters are 29 rows whatever the word's length,
    and a word within two edits of another still shares a variant with it there.
    """

    edits: int = 1
    prefix: int = 0
    min_length: int = MIN_VOCABULARY

    def variants(self, key: str, edits: int | None = None) -> set[str]:
        """``key`` and its deletion variants (down to one letter) within ``edits``."""
        found = level = {key[: self.prefix] if self.prefix else key}
        for _ in range(self.edits if edits is None else edits):
            level = {v for word in level for v in deletions(word) if v}
            found = found | level
        return found | {key}


#: Customers' names: Elasticsearch's AUTO fuzziness allows two edits in a word of 6+ letters.
NAME_TYPOS = Neighbourhood(edits=2, prefix=7, min_length=2)
#: The shape ``add_to_vocabulary`` keeps by default (the product index's).
WORD_TYPOS = Neighbourhood()
PHONE_GRAMS = (4, 6)
CARD_SUFFIXES = range(4, 9)
_CHUNK = 500

_CUSTOMERS = """
SELECT c.id, c.full_name, c.phones, c.emails, c.loyalty_card, c.account_number,
       coalesce((SELECT max(p.purchased_at) FROM purchases p WHERE p.customer_id = c.id),
                c.created_at)
FROM customers c
"""
_ALL_CUSTOMERS = """
SELECT c.id, c.full_name, c.phones, c.emails, c.loyalty_card, c.account_number,
       coalesce(last.at, c.created_at) AS active
FROM customers c
LEFT JOIN (SELECT customer_id, max(purchased_at) AS at FROM purchases GROUP BY customer_id)
     AS last ON last.customer_id = c.id
ORDER BY active, c.id
"""


@dataclass(frozen=True, slots=True)
class DocTerms:
    """One customer's terms per FTS column, space-separated."""

    name: str
    phone: str
    card: str
    email: str
    account: str

    def values(self) -> tuple[str, str, str, str, str]:
        """The terms in column order (``dataclasses.astuple`` deep-copies: slow per row)."""
        return (self.name, self.phone, self.card, self.email, self.account)


def customer_terms(
    *, full_name: str, phones: Iterable[str], emails: Iterable[str], card: str | None, account: str
) -> DocTerms:
    return DocTerms(
        name=_join(name_keys(full_name)),
        phone=_join(t for phone in phones for t in phone_terms(phone)),
        card=_join(card_terms(card or "")),
        email=_join(t for email in emails for t in email_terms(email)),
        account=alnum(account),
    )


def name_keys(full_name: str) -> list[str]:
    return [key for word in words(full_name) for key in cached_name_keys(word)]


# Names repeat (a million customers share a few thousand words): key each word once.
cached_word_keys = lru_cache(maxsize=200_000)(word_keys)
cached_name_keys = lru_cache(maxsize=200_000)(name_word_keys)


def phone_forms(phone: str) -> set[str]:
    """The number as stored, international, and national (8... for +7, 0... for +44)."""
    key = phone_key(phone)
    forms = {key, digits(phone)}
    if len(key) == 11 and key.startswith("7"):
        forms.add("8" + key[1:])
    if key.startswith("44"):
        forms.add("0" + key[2:])
    return {form for form in forms if form}


def phone_terms(phone: str) -> Iterator[str]:
    for form in phone_forms(phone):
        yield form
        for size in PHONE_GRAMS:
            yield from (form[i : i + size] for i in range(len(form) - size + 1))


def card_terms(card: str) -> list[str]:
    number = digits(card)
    return [number, *(number[-n:] for n in CARD_SUFFIXES if n < len(number))] if number else []


def email_terms(email: str) -> list[str]:
    local, _, domain = email.rpartition("@")
    return [alnum(email), alnum(local), alnum(domain)]


def deletions(key: str) -> set[str]:
    """Every string one deletion away from ``key``."""
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _join(terms: Iterable[str]) -> str:
    return " ".join(dict.fromkeys(t for t in terms if t))


def doc_id_base(active: datetime | str | None) -> int:
    """The first document id of the second ``active`` falls in (newer second, larger id)."""
    if isinstance(active, str):
        active = datetime.fromisoformat(active).replace(tzinfo=UTC)
    seconds = int(active.timestamp()) if active is not None else 0
    return max(seconds, 0) << ACTIVITY_SHIFT


# --- keeping it current ---------------------------------------------------------------


def refresh_customers(connection: Connection, customer_ids: Iterable[str]) -> None:
    """Re-index these customers from the cache's tables (an absent one is skipped)."""
    ids = list(dict.fromkeys(customer_ids))
    for start in range(0, len(ids), _CHUNK):
        _refresh_chunk(connection, ids[start : start + _CHUNK])


def _refresh_chunk(connection: Connection, ids: list[str]) -> None:
    """Re-index up to ``_CHUNK`` customers in a handful of statements, whatever their number.

    A statement per customer (three to remove, one to find a free document id, three to
    insert) would make a pulled page thousands of round trips through the driver, all of
    them holding the GIL.
    """
    marks = ",".join("?" * len(ids))
    query = connection.exec_driver_sql(f"{_CUSTOMERS} WHERE c.id IN ({marks})", tuple(ids))
    found = {row[0]: row for row in query.all()}
    stored = _stored_docs(connection, ids)
    stale = [stored[gone] for gone in stored.keys() - found.keys()]  # deleted from the cache
    fresh: list[tuple[str, DocTerms, int]] = []
    for row in found.values():
        terms, base = _row_terms(row), doc_id_base(row[6])
        old = stored.get(row[0])
        if old is not None and old[1:] == terms.values() and _same_second(old[0], base):
            continue
        if old is not None:
            stale.append(old)
        fresh.append((row[0], terms, base))
    _remove(connection, stale)
    docs = _free_docs(connection, [base for _, _, base in fresh])
    rows = [(doc, cid, *terms.values()) for (cid, terms, _), doc in zip(fresh, docs, strict=True)]
    _insert_batch(connection, rows)
    names = {key for _, terms, _ in fresh for key in terms.name.split()}
    add_to_vocabulary(connection, names, shape=NAME_TYPOS)


def _reindex_flushed(session: Session, _context: object) -> None:
    """Local edits through the ORM: re-index the customers a flush touched, in its transaction."""
    touched = {
        obj.id if isinstance(obj, CachedCustomer) else obj.customer_id
        for obj in (*session.new, *session.dirty, *session.deleted)
        if isinstance(obj, CachedCustomer | CachedPurchase)
    }
    touched.discard(None)
    if touched:
        refresh_customers(session.connection(), touched)


event.listen(Session, "after_flush", _reindex_flushed)


def _stored_docs(connection: Connection, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    marks = ",".join("?" * len(ids))
    rows = connection.exec_driver_sql(
        "SELECT customer_id, doc, name, phone, card, email, account FROM lookup_docs"
        f" WHERE customer_id IN ({marks})",
        tuple(ids),
    )
    return {row[0]: tuple(row[1:]) for row in rows}


def _same_second(doc: int, base: int) -> bool:
    return doc >> ACTIVITY_SHIFT == base >> ACTIVITY_SHIFT


def _free_docs(connection: Connection, bases: list[int]) -> list[int]:
    """A free document id in the second of each base, distinct within the list."""
    width = 1 << ACTIVITY_SHIFT
    following = _next_docs(connection, list(dict.fromkeys(bases)))
    docs = []
    for base in bases:
        second = base
        while following[second] >= second + width:  # a full second: borrow the one before
            second -= width
            if second not in following:
                following.update(_next_docs(connection, [second]))
        docs.append(following[second])
        following[second] += 1
    return docs


def _next_docs(connection: Connection, bases: list[int]) -> dict[int, int]:
    """The id after the last document in each base's second (the base itself if none)."""
    if not bases:
        return {}
    values = ",".join(["(?)"] * len(bases))
    rows = connection.exec_driver_sql(
        f"WITH b(base) AS (VALUES {values}) SELECT base, (SELECT max(doc) FROM lookup_docs"
        " WHERE doc >= base AND doc < base + ?) FROM b",
        (*bases, 1 << ACTIVITY_SHIFT),
    )
    return {base: base if last is None else int(last) + 1 for base, last in rows}


_INSERT_NAMES = "INSERT INTO lookup_names (rowid, name) VALUES (?, ?)"
_INSERT_FIELDS = (
    "INSERT INTO lookup_fts (rowid, phone, card, email, account) VALUES (?, ?, ?, ?, ?)"
)


def _remove(connection: Connection, old_docs: list[tuple[Any, ...]]) -> None:
    """Drop these stored documents (``doc, name, phone, card, email, account`` each)."""
    if not old_docs:
        return
    connection.exec_driver_sql(
        "INSERT INTO lookup_names (lookup_names, rowid, name) VALUES ('delete', ?, ?)",
        [old[:2] for old in old_docs],
    )
    connection.exec_driver_sql(
        "INSERT INTO lookup_fts (lookup_fts, rowid, phone, card, email, account)"
        " VALUES ('delete', ?, ?, ?, ?, ?)",
        [(old[0], *old[2:]) for old in old_docs],
    )
    connection.exec_driver_sql(
        "DELETE FROM lookup_docs WHERE doc = ?", [(old[0],) for old in old_docs]
    )


def _row_terms(row: Any) -> DocTerms:
    return customer_terms(
        full_name=row[1],
        phones=_json_list(row[2]),
        emails=_json_list(row[3]),
        card=row[4],
        account=row[5],
    )


def _json_list(value: Any) -> list[str]:
    return value if isinstance(value, list) else json.loads(value or "[]")


def add_to_vocabulary(
    connection: Connection,
    keys: Iterable[str],
    *,
    table: str = "lookup_deletes",
    shape: Neighbourhood = WORD_TYPOS,
) -> None:
    """Add the deletion neighbourhood of every new key long enough (``shape``) to ``table``.

    By default one deletion from keys of 4+ letters (a 5-letter word typed with one letter
    missing has 4): the product index's table; customers' names pass ``NAME_TYPOS``.
    """
    long_keys = sorted({key for key in keys if len(key) >= shape.min_length})
    if not long_keys:
        return
    known = _known_words(connection, long_keys, table)
    rows = [(v, key) for key in long_keys if key not in known for v in shape.variants(key)]
    if rows:
        connection.exec_driver_sql(
            f"INSERT OR IGNORE INTO {table} (variant, word) VALUES (?, ?)", rows
        )


def _known_words(connection: Connection, keys: list[str], table: str) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(keys), _CHUNK):
        part = keys[start : start + _CHUNK]
        marks = ",".join("?" * len(part))
        rows = connection.exec_driver_sql(
            f"SELECT word FROM {table} WHERE variant = word AND word IN ({marks})",
            tuple(part),
        )
        known.update(row[0] for row in rows)
    return known


def index_counts(connection: Connection) -> tuple[int, int]:
    """How many customers the cache holds, and how many of them the index holds."""
    customers, indexed = connection.exec_driver_sql(
        "SELECT (SELECT count(*) FROM customers), (SELECT count(*) FROM lookup_docs)"
    ).one()
    return int(customers), int(indexed)


def clear_index(connection: Connection) -> None:
    connection.exec_driver_sql("DELETE FROM lookup_docs")
    connection.exec_driver_sql("INSERT INTO lookup_names (lookup_names) VALUES ('delete-all')")
    connection.exec_driver_sql("INSERT INTO lookup_fts (lookup_fts) VALUES ('delete-all')")
    connection.exec_driver_sql("DELETE FROM lookup_deletes")


def rebuild_index(connection: Connection) -> int:
    """Index every customer from scratch (after a migration or in bulk); returns the count."""
    clear_index(connection)
    rows = connection.exec_driver_sql(_ALL_CUSTOMERS)
    count, previous, keys = 0, -1, set()
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        base = doc_id_base(row[6])
        doc = previous + 1 if previous >= base else base
        previous, count = doc, count + 1
        terms = _row_terms(row)
        keys.update(terms.name.split())
        batch.append((doc, row[0], *terms.values()))
        if len(batch) >= 5_000:
            _insert_batch(connection, batch)
    _insert_batch(connection, batch)
    add_to_vocabulary(connection, keys, shape=NAME_TYPOS)
    _optimize(connection)
    return count


def _optimize(connection: Connection) -> None:
    """Merge each FTS table into one segment: a bulk load leaves many, and every term of a
    query is then looked up in each (at 100k customers: 0.6 s of a 12 s build, and a third
    off a name query's median)."""
    for table in ("lookup_names", "lookup_fts"):
        connection.exec_driver_sql(f"INSERT INTO {table} ({table}) VALUES ('optimize')")


def _insert_batch(connection: Connection, batch: list[tuple[Any, ...]]) -> None:
    if not batch:
        return
    connection.exec_driver_sql(
        "INSERT INTO lookup_docs (doc, customer_id, name, phone, card, email, account)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        batch,
    )
    connection.exec_driver_sql(_INSERT_NAMES, [row[0:1] + row[2:3] for row in batch])
    connection.exec_driver_sql(_INSERT_FIELDS, [row[0:1] + row[3:] for row in batch])
    batch.clear()
