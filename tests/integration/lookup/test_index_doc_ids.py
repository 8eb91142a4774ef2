"""Document ids of a refreshed page: distinct, in their activity's second, and a full second
borrows the one before it. The id space is shrunk to 4 documents a second so a page fills one."""

from __future__ import annotations

import pytest
from lookup_rows import T0, person

from frontdesk.adapters.cache import search_index
from frontdesk.protocol import PullPage

SHIFT = 2  # 4 documents a second
CUSTOMERS = 10


@pytest.fixture(autouse=True)
def small_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_index, "ACTIVITY_SHIFT", SHIFT)


def _docs(cache_db) -> dict[str, int]:
    with cache_db.writer() as session:
        rows = session.connection().exec_driver_sql("SELECT customer_id, doc FROM lookup_docs")
        return dict(rows.all())


def _page(name: str, *, seq: int) -> PullPage:
    customers = [
        person(n, f"{name} Number{n}").model_copy(update={"seq": seq + n})
        for n in range(1, CUSTOMERS + 1)
    ]
    return PullPage(cursor=seq + CUSTOMERS, has_more=True, customers=customers)


def _ids(queries, query: str) -> set[str]:
    return {match.id for match in queries.search(query)}


def test_one_second_of_customers_fills_it_and_borrows_the_seconds_before(
    cache_db, apply, queries
) -> None:
    apply(_page("Olga", seq=0))  # every customer created at T0: one second of activity

    docs = _docs(cache_db)
    assert len(docs) == CUSTOMERS and len(set(docs.values())) == CUSTOMERS
    second = search_index.doc_id_base(T0) >> SHIFT
    per_second = sorted(doc >> SHIFT for doc in docs.values())
    assert per_second == [second - 2] * 2 + [second - 1] * 4 + [second] * 4
    assert _ids(queries, "Olga") == {f"c{n}" for n in range(1, CUSTOMERS + 1)}


def test_a_renamed_page_moves_every_document_and_keeps_ids_distinct(
    cache_db, apply, queries
) -> None:
    apply(_page("Olga", seq=0))
    apply(_page("Boris", seq=100))

    docs = _docs(cache_db)
    assert len(docs) == CUSTOMERS and len(set(docs.values())) == CUSTOMERS
    assert _ids(queries, "Boris") == {f"c{n}" for n in range(1, CUSTOMERS + 1)}
    assert _ids(queries, "Olga") == set()
