"""A new desk's first pull of cases: rows stored exactly as the desk's own writes store them,
the full-text index built once at the end of the load, a load cut short and resumed ending
with the index a rebuild from scratch gives, and the pulls after it keeping the index in step
page by page."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta, timezone

import pytest
from cache_pages import customer
from case_pages import T0, case, event
from sqlalchemy import delete

from frontdesk.adapters.cache.cases.pull import drop_case_indexes
from frontdesk.adapters.cache.cases.queries import SqlAlchemyCaseQueries
from frontdesk.adapters.cache.cases.search import rebuild_case_index, reindex_cases
from frontdesk.adapters.cache.cases.tables import CaseEventRow, CaseRow
from frontdesk.adapters.cache.database import CacheDatabase, open_cache
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


def _case_indexes(cache_db: CacheDatabase) -> list[tuple]:
    with cache_db.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
            " AND tbl_name IN ('cases', 'case_events') ORDER BY name"
        ).all()


def test_a_first_pull_cut_short_and_resumed_ends_with_the_cases_indexes_as_migrated(
    cache_db: CacheDatabase, cases
) -> None:
    migrated = _case_indexes(cache_db)
    uow = SqlAlchemyUnitOfWork(cache_db.writer)
    with pytest.raises(ServerUnreachable):
        pull_all(Server(fail_after=2), uow)
    # Mid-load the secondary indexes wait for the load's end; reads are right without them.
    mid_load = [name for name, _ in _case_indexes(cache_db)]
    assert "ix_cases_team" not in mid_load and "ix_case_events_case" not in mid_load
    assert "ix_case_events_provisional" in mid_load
    assert [line.id for line in cases.history("k2")] == ["e2"]
    assert [c.id for c in cases.of_customer("c1")] == ["k1", "k2"]

    pull_all(Server(fail_after=1), uow)

    assert _case_indexes(cache_db) == migrated
    assert [line.id for line in cases.history("k2")] == ["e2"]


def test_a_pull_after_the_first_builds_the_cases_indexes_that_are_missing(
    cache_db: CacheDatabase, cases
) -> None:
    migrated = _case_indexes(cache_db)
    uow = SqlAlchemyUnitOfWork(cache_db.writer)
    pull_all(Server(), uow)
    with cache_db.engine.begin() as connection:
        drop_case_indexes(connection)
    assert _case_indexes(cache_db) != migrated

    pull_all(Server(), uow)

    assert _case_indexes(cache_db) == migrated
    assert found(cases, "blocked bank") == ["k3"]


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


#: A desk process pulling ``PAGES`` (their JSON in argv[2]) in bulk, committing every
#: argv[3] seconds. When the next-to-last page is applied (and, with commits at once,
#: committed), the fetch of the last says so on stdout and waits to be killed.
_KILLED_DESK = """
import sqlite3, sys, threading, time
from pathlib import Path
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import PullPage
from frontdesk.sync.pull import AbstractPullTransport, pull_all
path, commit_seconds = Path(sys.argv[1]), float(sys.argv[3])
pages = [PullPage.model_validate_json(line) for line in Path(sys.argv[2]).read_text().splitlines()]
applied = threading.Event()
def committed():
    with sqlite3.connect(path) as reader:
        return reader.execute("SELECT cursor FROM sync_state").fetchone()[0] == pages[-2].cursor
class Stalls(AbstractPullTransport):
    def pull(self, cursor, *, limit):
        page = next(page for page in pages if page.cursor > cursor)
        if page is pages[-1]:
            applied.wait()
            while commit_seconds == 0 and not committed():
                time.sleep(0.01)
            print("stalled", flush=True)
            time.sleep(120)
        return page
def heard(progress):
    if progress.result.cursor == pages[-2].cursor:
        applied.set()
database = open_cache(path)
pull_all(Stalls(), SqlAlchemyUnitOfWork(database.writer), bulk_commit_seconds=commit_seconds,
         on_page=heard)
"""


@pytest.mark.parametrize("commit_seconds", [0.0, 3600.0])
def test_a_desk_killed_mid_first_pull_resumes_from_its_last_commit(
    tmp_path, commit_seconds: float
) -> None:
    path, pages = tmp_path / "desk" / "cache.sqlite3", tmp_path / "pages.jsonl"
    migrated = open_cache(path)
    indexes = _case_indexes(migrated)
    migrated.dispose()
    pages.write_text("\n".join(page.model_dump_json() for page in PAGES))
    desk = subprocess.Popen(
        [sys.executable, "-c", _KILLED_DESK, str(path), str(pages), str(commit_seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert desk.stdout is not None and desk.stdout.readline() == "stalled\n"
    finally:
        desk.kill()
        desk.wait(timeout=30)

    database = open_cache(path)
    try:
        uow = SqlAlchemyUnitOfWork(database.writer)
        with uow:  # every page before the stall, or none when they shared a transaction
            assert uow.sync_state.get().cursor == (5 if commit_seconds == 0 else 0)
        # The indexes the load dropped are still dropped, or back with the rolled-back pages.
        assert (_case_indexes(database) == indexes) is (commit_seconds > 0)
        assert pull_all(Server(), uow).cursor == 7
        assert _case_indexes(database) == indexes
        cases = SqlAlchemyCaseQueries(database.reader)
        assert found(cases, "teapot") == ["k1"] and found(cases, "курьера") == ["k2"]
        assert [line.id for line in cases.history("k1")] == ["e1"]
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        database.dispose()
