"""The product search index and its queries: the customer lookup's engine over products.

Each product is one document in ``product_docs`` and the contentless FTS5 table
``product_fts`` (revision 0028_catalogue), its terms normalised exactly as customers' names
are (``domain.text.word_keys``: folded, transliterated to Latin, phonetic), so a Cyrillic
query meets a Latin name and the other way round:

- ``name``: the keys of every word of the product's names, in every language;
- ``body``: the keys of the words of its descriptions and attribute values;
- ``code``: the SKU and the barcodes, letters and digits only;
- ``cat``: one term per category on the path from the top to the product's own, so a
  category filter (which includes its subtree) is one more term of the MATCH.

``product_words`` holds the deletion neighbourhood of every name and body key of 4+ letters:
one-typo candidates come from it (SymSpell), as for names in ``lookup_words``. A document's
id puts active products above discontinued ones (``ACTIVE_BIT``).

Queries (``find_skus``) run in tiers, each an ``ORDER BY rowid DESC LIMIT n`` MATCH, and
stop once enough is found: whole words in the name, then anywhere; prefixes in the name,
then anywhere (and an SKU or barcode start); one typo in the name, then anywhere. An exact
SKU or barcode is not a search: ``codes.product_by_code`` answers it by primary key first.
The MATCH text is built only from normalised terms, each quoted: no input reaches FTS5 syntax.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection

from frontdesk.adapters.cache.lookup import all_of, prefixed_terms, quoted, typo_neighbours
from frontdesk.adapters.cache.search_index import add_to_vocabulary, cached_word_keys
from frontdesk.domain.text import MAX_QUERY, alnum, words

VOCABULARY = "product_words"
ACTIVE_BIT = 1 << 40
MAX_WORDS = 8
MIN_CODE_PREFIX = 3
_CHUNK = 500
_BATCH = 5_000
_ANY = "{name body}"

_PRODUCTS = (
    "SELECT p.sku, p.name, p.names, p.descriptions, p.attributes, p.category_code, p.status,"
    " (SELECT group_concat(b.code, ' ') FROM product_barcodes b WHERE b.sku = p.sku)"
    " FROM products p"
)
_INSERT_DOCS = (
    "INSERT INTO product_docs (doc, sku, name, body, code, cat) VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_FTS = "INSERT INTO product_fts (rowid, name, body, code, cat) VALUES (?, ?, ?, ?, ?)"


def category_term(code: str) -> str:
    """A category code as one ``ascii``-tokenizer term (codes have dots and dashes)."""
    return "k" + code.encode().hex()


def category_paths(connection: Connection) -> dict[str, list[str]]:
    """Each category's codes from the top down to itself (a cycle is cut where it closes)."""
    parents = dict(connection.exec_driver_sql("SELECT code, parent FROM categories").all())
    paths: dict[str, list[str]] = {}
    for code in parents:
        path, at = [], code
        while at is not None and at not in path:
            path.append(at)
            at = parents.get(at)
        paths[code] = path[::-1]
    return paths


def _keys(texts: Iterable[str]) -> list[str]:
    return list(
        dict.fromkeys(k for text in texts for w in words(text) for k in cached_word_keys(w))
    )


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value or {}


def product_terms(row: Any, paths: dict[str, list[str]]) -> tuple[str, str, str, str]:
    """A product row's (name, body, code, cat) terms, each space-separated."""
    sku, name, names, descriptions, attributes, category, _status, barcodes = row
    name_keys = _keys([name, *_json(names).values()])
    body_keys = _keys([*_json(descriptions).values(), *_json(attributes).values()])
    codes = dict.fromkeys(c for c in (alnum(sku), *(barcodes or "").split()) if c)
    path = paths.get(category, [category] if category else [])
    return (
        " ".join(name_keys),
        " ".join(body_keys),
        " ".join(codes),
        " ".join(category_term(c) for c in path),
    )


# --- keeping it current ---------------------------------------------------------------


def refresh_products(connection: Connection, skus: Iterable[str]) -> None:
    """Index these products again from the cache's rows (a product gone is dropped)."""
    wanted = list(dict.fromkeys(skus))
    if not wanted:
        return
    paths = category_paths(connection)
    for start in range(0, len(wanted), _CHUNK):
        _refresh_chunk(connection, wanted[start : start + _CHUNK], paths)


def _refresh_chunk(connection: Connection, skus: list[str], paths: dict[str, list[str]]) -> None:
    marks = ",".join("?" * len(skus))
    rows = connection.exec_driver_sql(f"{_PRODUCTS} WHERE p.sku IN ({marks})", tuple(skus)).all()
    stored = connection.exec_driver_sql(
        f"SELECT doc, name, body, code, cat FROM product_docs WHERE sku IN ({marks})", tuple(skus)
    ).all()
    _remove(connection, [tuple(old) for old in stored])
    bands = _next_docs(connection)
    batch = []
    for row in rows:
        band = ACTIVE_BIT if row[6] == "active" else 0
        batch.append((bands[band], row[0], *product_terms(row, paths)))
        bands[band] += 1
    _insert(connection, batch)


def _next_docs(connection: Connection) -> dict[int, int]:
    """The next free document id of the discontinued (0) and active bands."""
    last_old, last_active = connection.exec_driver_sql(
        "SELECT (SELECT max(doc) FROM product_docs WHERE doc < ?),"
        " (SELECT max(doc) FROM product_docs WHERE doc >= ?)",
        (ACTIVE_BIT, ACTIVE_BIT),
    ).one()
    return {
        0: 1 if last_old is None else last_old + 1,
        ACTIVE_BIT: ACTIVE_BIT if last_active is None else last_active + 1,
    }


def _remove(connection: Connection, old: list[tuple[Any, ...]]) -> None:
    if not old:
        return
    connection.exec_driver_sql(
        "INSERT INTO product_fts (product_fts, rowid, name, body, code, cat)"
        " VALUES ('delete', ?, ?, ?, ?, ?)",
        old,
    )
    connection.exec_driver_sql("DELETE FROM product_docs WHERE doc = ?", [o[:1] for o in old])


def _insert(connection: Connection, batch: list[tuple[Any, ...]]) -> None:
    if not batch:
        return
    connection.exec_driver_sql(_INSERT_DOCS, batch)
    connection.exec_driver_sql(_INSERT_FTS, [(b[0], *b[2:]) for b in batch])
    keys = {k for b in batch for column in (b[2], b[3]) for k in column.split()}
    add_to_vocabulary(connection, keys, table=VOCABULARY)


def reindex_categories(connection: Connection, codes: Iterable[str]) -> None:
    """A category moved or appeared: index again the products in it and under it."""
    changed = set(codes)
    if not changed:
        return
    paths = category_paths(connection)
    under = [code for code, path in paths.items() if changed.intersection(path)]
    marks = ",".join("?" * len(under))
    skus = connection.exec_driver_sql(
        f"SELECT sku FROM products WHERE category_code IN ({marks})", tuple(under)
    ).scalars()
    refresh_products(connection, list(skus))


def clear_product_index(connection: Connection) -> None:
    connection.exec_driver_sql("DELETE FROM product_docs")
    connection.exec_driver_sql("INSERT INTO product_fts (product_fts) VALUES ('delete-all')")
    connection.exec_driver_sql(f"DELETE FROM {VOCABULARY}")


def rebuild_product_index(connection: Connection) -> int:
    """Index every product from scratch (a migration, the end of a bulk load); the count."""
    clear_product_index(connection)
    paths = category_paths(connection)
    rows = connection.exec_driver_sql(_PRODUCTS + " ORDER BY p.status != 'active', p.sku")
    bands, count = {0: 1, ACTIVE_BIT: ACTIVE_BIT}, 0
    while chunk := rows.fetchmany(_BATCH):
        batch = []
        for row in chunk:
            band = ACTIVE_BIT if row[6] == "active" else 0
            batch.append((bands[band], row[0], *product_terms(row, paths)))
            bands[band] += 1
        _insert(connection, batch)
        count += len(batch)
    connection.exec_driver_sql("INSERT INTO product_fts (product_fts) VALUES ('optimize')")
    return count


# --- asking it ------------------------------------------------------------------------


def find_skus(
    connection: Connection, text: str, *, category: str | None = None, limit: int = 50
) -> list[str]:
    """The best ``limit`` products for ``text`` (within ``category`` and its subtree), best
    first; with no words, the category's products; [] for neither."""
    text = text.replace("\x00", "")[:MAX_QUERY].strip()
    if limit < 1 or not (text or category):
        return []
    raw = connection.connection.driver_connection
    cat = f"cat : {quoted(category_term(category))}" if category else ""
    docs: dict[int, int] = {}
    for rank, match in enumerate(_tiers(raw, text)):
        expression = " AND ".join(m for m in (match, cat) if m)
        if not expression:
            continue
        for doc in _run(raw, expression, limit):
            docs.setdefault(doc, rank)
        if len(docs) >= limit:
            break
    ranked = sorted(docs, key=lambda doc: (docs[doc], -doc))[:limit]
    return _skus(raw, ranked)


def _tiers(connection: sqlite3.Connection, text: str) -> Iterator[str]:
    """MATCH texts, best tier first ("" for a tier with nothing to ask)."""
    keyed = [keys for keys in map(cached_word_keys, words(text)[:MAX_WORDS]) if keys]
    if not keyed:
        yield ""  # no words: a category's listing
        return
    exact = all_of([[quoted(k) for k in keys] for keys in keyed])
    yield f"name : ({exact})"
    yield f"{_ANY} : ({exact})"
    groups = [prefixed_terms(connection, keys, vocabulary=VOCABULARY) for keys in keyed]
    prefix = all_of(groups) if all(groups) else ""
    yield f"name : ({prefix})" if prefix else ""
    yield f"{_ANY} : ({prefix})" if prefix else ""
    compact = alnum(text)
    yield (
        f"code : {quoted(compact)}*" if len(compact) >= MIN_CODE_PREFIX and " " not in text else ""
    )
    fuzzy = _fuzzy(connection, keyed, groups)
    yield f"name : ({fuzzy})" if fuzzy else ""
    yield f"{_ANY} : ({fuzzy})" if fuzzy else ""


def _fuzzy(connection: sqlite3.Connection, keyed: list[list[str]], groups: list[list[str]]) -> str:
    near = [typo_neighbours(connection, keys, vocabulary=VOCABULARY) for keys in keyed]
    if not any(near):
        return ""
    widened = [g + [quoted(w) for w in close] for g, close in zip(groups, near, strict=True)]
    return all_of(widened) if all(widened) else ""


_SEARCH = "SELECT rowid FROM product_fts WHERE product_fts MATCH ? ORDER BY rowid DESC LIMIT ?"


def _run(connection: sqlite3.Connection, expression: str, limit: int) -> list[int]:
    return [row[0] for row in connection.execute(_SEARCH, (expression, limit))]


def _skus(connection: sqlite3.Connection, docs: list[int]) -> list[str]:
    if not docs:
        return []
    marks = ",".join("?" * len(docs))
    rows = dict(
        connection.execute(f"SELECT doc, sku FROM product_docs WHERE doc IN ({marks})", docs)
    )
    return [rows[doc] for doc in docs if doc in rows]
