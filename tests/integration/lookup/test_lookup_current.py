"""The index changes in the same transaction as every change sync applies and every local edit;
``frontdesk lookup --json -`` answers one JSON line per query line from one process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lookup_rows import bought, page, person
from sqlalchemy import text

from frontdesk.adapters.cache.database import CacheDatabase
from frontdesk.adapters.cache.search_index import rebuild_index
from frontdesk.adapters.cache.tables import CachedCustomer
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork


def ids(queries, query: str) -> list[str]:
    return [m.id for m in queries.search(query)]


def test_a_pulled_change_replaces_the_old_terms(apply, queries) -> None:
    apply(page([person(1, "Olga Smirnova", phones=("+7 912 000 11 22",))]))
    apply(page([person(1, "Olga Popova", phones=("+7 912 999 88 77",))], cursor=2))

    assert ids(queries, "smirnova") == ids(queries, "0001122") == []
    assert ids(queries, "popova") == ids(queries, "9998877") == ["c1"]


def test_a_pulled_name_is_found_by_a_long_prefix_at_once(apply, queries) -> None:
    # Prefixes past six letters are looked up in the vocabulary: it grows with each page.
    apply(page([person(1, "Olga Smirnova")]))
    apply(page([person(2, "Boris Vorontsov")], cursor=2))
    assert ids(queries, "voronts") == ["c2"]
    assert ids(queries, "воронцо") == ["c2"]


def test_a_new_purchase_makes_the_buyer_most_recent(apply, queries) -> None:
    apply(page([person(1, "Anna Berg"), person(2, "Anna Berg")], [bought(10, "c1", days=3)]))
    assert ids(queries, "berg") == ["c1", "c2"]

    apply(page(purchases=[bought(11, "c2", days=7)], cursor=2))
    assert ids(queries, "berg") == ["c2", "c1"]


def test_a_failed_page_leaves_the_index_as_it_was(cache_db: CacheDatabase, apply, queries):
    apply(page([person(1, "Olga Smirnova")]))
    uow = SqlAlchemyUnitOfWork(cache_db.writer)
    with pytest.raises(RuntimeError), uow:
        uow.replica.apply(page([person(1, "Olga Popova")], cursor=2))
        raise RuntimeError("the page's cursor could not be stored")

    assert ids(queries, "smirnova") == ["c1"]
    assert ids(queries, "popova") == []


def test_clearing_the_replica_empties_the_index(cache_db: CacheDatabase, apply, queries):
    apply(page([person(1, "Olga Smirnova")]))
    uow = SqlAlchemyUnitOfWork(cache_db.writer)
    with uow:
        uow.replica.clear()
        uow.commit()
    assert ids(queries, "smirnova") == []


def test_a_local_edit_is_indexed_in_its_own_transaction(cache_db: CacheDatabase, apply, queries):
    apply(page([person(1, "Olga Smirnova")]))
    with cache_db.writer() as session:
        session.get_one(CachedCustomer, "c1").full_name = "Olga Kuznetsova"
        session.flush()
        session.rollback()
    assert ids(queries, "smirnova") == ["c1"]

    with cache_db.writer() as session:
        customer = session.get_one(CachedCustomer, "c1")
        customer.full_name, customer.phones = "Olga Kuznetsova", ["+44 7700 900123"]
        session.commit()
    assert ids(queries, "kuznetsova") == ids(queries, "07700 900123") == ["c1"]
    assert ids(queries, "smirnova") == []


def test_rebuilding_gives_the_same_answers(cache_db: CacheDatabase, apply, queries) -> None:
    apply(page([person(n, f"Name{n} Shared") for n in range(1, 6)], [bought(9, "c3", days=2)]))
    before = [queries.search(q) for q in ("shared", "name3", "A00004")]
    with cache_db.writer() as session:
        assert rebuild_index(session.connection()) == 5
        session.commit()
    assert [queries.search(q) for q in ("shared", "name3", "A00004")] == before


def test_every_customer_has_one_document(cache_db: CacheDatabase, apply) -> None:
    apply(page([person(n, "Same Name") for n in range(1, 40)]))
    apply(page([person(n, "Other Name") for n in range(1, 40, 2)], cursor=2))
    with cache_db.reader() as session:
        docs = session.execute(text("SELECT count(*), count(DISTINCT doc) FROM lookup_docs"))
        assert tuple(docs.one()) == (39, 39)


def test_lookup_reads_queries_from_stdin_in_one_process(tmp_path: Path, apply, cache_db) -> None:
    apply(page([person(1, "Петров Иван", phones=("+7 912 345 67 89",)), person(2, "Lee Ann")]))
    cache_db.dispose()
    env = {**os.environ, "FRONTDESK_DATA_DIR": str(tmp_path / "desk")}
    queries = ["ivan petr", "", "6789", 'NEAR "x*', "lee", "nobody at all"]
    process = subprocess.Popen(
        [sys.executable, "-m", "frontdesk", "lookup", "--json", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write("ivan petr\n")
    process.stdin.flush()
    first = json.loads(process.stdout.readline())  # answered before the input ends
    out, _ = process.communicate("\n".join(queries[1:]) + "\n", timeout=60)
    lines = [first, *(json.loads(line) for line in out.splitlines())]

    assert process.returncode == 0
    assert [line["query"] for line in lines] == queries
    assert [[m["id"] for m in line["matches"]] for line in lines] == [
        ["c1"],
        [],
        ["c1"],
        [],
        ["c2"],
        [],
    ]
    assert lines[2]["matches"][0]["matched_field"] == "phone"
    assert lines[2]["matches"][0]["span"] == [11, 16]  # "67 89" in "+7 912 345 67 89"
