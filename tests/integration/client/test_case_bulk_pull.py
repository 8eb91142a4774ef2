"""A new desk's first pull of cases: rows stored exactly as the desk's own writes store them,
the full-text index built once at the end of the load, a load cut short and resumed ending
with the index a rebuild from scratch gives, and the pulls after it keeping the index in step
page by page."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest
from cache_pages import customer
from case_pages import T0, case, event
from sqlalchemy import delete

from frontdesk.adapters.cache.cases.queries import SqlAlchemyCaseQueries
from frontdesk.adapters.cache.cases.search import rebuild_case_index, reindex_cases
from frontdesk.adapters.cache.cases.tables import CaseEventRow, CaseRow
from frontdesk.adapters.cache.database import CacheDatabase
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import PullPage
from frontdesk.protocol.cases import CaseLink
from frontdesk.services.errors import ServerUnreachable
from frontdesk.sync.pull import AbstractPullTransport, pull_all

PAGES = [
    PullPage(
        cursor=3,
        has_more=True,
        customers=[customer(1)],
        cases=[
            case(2, subject="Kettle arrived cracked"),
            case(3, id="k2", number="D7-00002", subject="Возврат денег"),
        ],
        case_events=[event(3, id="e1", body="Photos of the spout")],
    ),
    PullPage(
        cursor=5,
        has_more=True,
        case_events=[event(4, id="e2", case_id="k2", body="Курьер привёз другой товар")],
        cases=[case(5, subject="Teapot arrived cracked")],
    ),
    PullPage(
        cursor=7,
        has_more=False,
        cases=[case(7, id="k3", number="D7-00003", subject="Loyalty points missing")],
    ),
]
LATER = PullPage(
    cursor=9,
    has_more=False,
    cases=[case(8, id="k3", number="D7-00003", subject="Loyalty card blocked")],
    case_events=[event(9, id="e3", case_id="k3", body="Unblocked by the bank")],
)


class Server(AbstractPullTransport):
    """Serves ``PAGES`` then ``LATER`` by cursor; unreachable after ``fail_after`` pages."""

    def __init__(self, *, fail_after: int | None = None) -> None:
        self.fail_after, self.served = fail_after, 0

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        if self.served == self.fail_after:
            raise ServerUnreachable("cannot reach the server")
        self.served += 1
        return next(page for page in [*PAGES, LATER] if page.cursor > cursor)


@pytest.fixture
def cases(cache_db: CacheDatabase) -> SqlAlchemyCaseQueries:
    return SqlAlchemyCaseQueries(cache_db.reader)


def found(cases: SqlAlchemyCaseQueries, query: str) -> list[str]:
    return sorted(row.id for row in cases.search(query))


def _index(connection) -> list[tuple]:
    return connection.exec_driver_sql("SELECT rowid, * FROM case_fts ORDER BY rowid").all()


def test_a_first_pull_cut_short_and_resumed_ends_with_the_index_a_rebuild_gives(
    cache_db: CacheDatabase, cases
) -> None:
    uow = SqlAlchemyUnitOfWork(cache_db.writer)
    with pytest.raises(ServerUnreachable):
        pull_all(Server(fail_after=2), uow)
    # Mid-load the cases are there but not yet searchable (the index comes at the end).
    assert cases.case("k2") is not None
    assert found(cases, "kettle") == found(cases, "teapot") == []

    assert pull_all(Server(fail_after=1), uow).cursor == 7

    assert found(cases, "teapot") == ["k1"] and found(cases, "kettle") == []
    assert found(cases, "spout") == ["k1"]  # a comment on the first page
    assert found(cases, "курьера") == ["k2"]  # a comment on a later page than its case
    assert found(cases, "cracked") == ["k1"] and found(cases, "loyalty") == ["k3"]
    with cache_db.engine.connect() as connection:
        resumed = _index(connection)
        reindex_cases(connection, ["k1", "k2", "k3"])
        assert _index(connection) == resumed
        rebuild_case_index(connection)
        assert _index(connection) == resumed
        connection.rollback()


def test_the_pulls_after_the_first_keep_the_index_in_step(cache_db: CacheDatabase, cases):
    uow = SqlAlchemyUnitOfWork(cache_db.writer)
    pull_all(Server(), uow)
    with uow:
        assert not uow.replica.bulk_load_due()
    assert pull_all(Server(), uow).cursor == 9  # LATER, page by page

    assert found(cases, "blocked bank") == ["k3"]
    assert found(cases, "points") == []
    assert cases.case("k3").subject == "Loyalty card blocked"


def _raw(connection, table: str, key: str) -> tuple:
    return connection.exec_driver_sql(f"SELECT * FROM {table} WHERE id = ?", (key,)).one()


def test_a_pulled_case_and_line_are_stored_as_the_desks_own_writes_store_them(
    apply, cache_db: CacheDatabase
) -> None:
    moscow = timezone(timedelta(hours=3))
    pulled = case(
        10,
        opened_at=T0.astimezone(moscow),
        due_at=T0 + timedelta(hours=4, microseconds=7),
        first_response_due_at=T0 + timedelta(hours=1),
        first_response_at=T0 + timedelta(minutes=20),
        resolved_at=T0 + timedelta(hours=2),
        closed_at=T0 + timedelta(hours=3),
        links=[CaseLink(kind="purchase", ref="P1", line="SKU2")],
        assignee_user="ann",
    )
    line = event(11, id="e1", body="Refunded", visibility="customer")
    apply(PullPage(cursor=11, has_more=False, cases=[pulled], case_events=[line]))
    with cache_db.engine.connect() as connection:
        stored = (_raw(connection, "cases", "k1"), _raw(connection, "case_events", "e1"))

    with cache_db.writer() as session:  # the same rows written through the ORM's types
        session.execute(delete(CaseEventRow))
        session.execute(delete(CaseRow))
        session.flush()
        values = pulled.model_dump(exclude={"links"})
        session.add(CaseRow(**values, links=[link.model_dump() for link in pulled.links],
                            in_queues=True))  # fmt: skip
        session.add(CaseEventRow(**line.model_dump(exclude={"attachment"}), outbox_key=None))
        session.commit()
    with cache_db.engine.connect() as connection:
        assert (_raw(connection, "cases", "k1"), _raw(connection, "case_events", "e1")) == stored
