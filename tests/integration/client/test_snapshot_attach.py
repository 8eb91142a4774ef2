"""A new desk's first pull from the server's snapshot file: the same cache as pulling the
same rows as pages, a tampered file refused with nothing written, the download resumed
from its part, and the floored pages completing the pull."""

from __future__ import annotations

import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from cache_pages import T0, customer, line, product, purchase
from snapshot_files import described, write_snapshot

from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import InteractionPublic, PullPage, TokenPair, UserPublic
from frontdesk.protocol.api import Role
from frontdesk.protocol.catalogue import CategoryPublic, PricePublic, StockPublic
from frontdesk.protocol.snapshot import SnapshotPublic
from frontdesk.services.errors import AuthFailed, ProtocolError, ServerUnreachable
from frontdesk.services.ports import AbstractCentral, AbstractCredentials, FetchedPage
from frontdesk.sync.pull import AbstractPullTransport, PullCancelled, PullProgress, pull_all
from frontdesk.sync.service import pull_now
from frontdesk.sync.snapshot import attach_if_new, part_path

CURSOR = 20
WEIGHED = line(2, 1, "3.20", "1.46", sku="SKU2").model_copy(update={"quantity": "0.455"})
ROWS = PullPage(
    cursor=CURSOR,
    has_more=False,
    customers=[customer(1), customer(2, name="Борис Петров", phones=("+447911123456",))],
    products=[product(3), product(4, sku="SKU2", price="3.20")],
    purchases=[
        purchase(5, lines=[line(1, 2, "2.55", "5.10"), WEIGHED], total="6.56"),
        purchase(6, customer_id="c2", days=3, lines=[line(1, 3, "2.55", "7.65")], total="7.65"),
        purchase(7, customer_id=None, currency="EUR"),
        purchase(8, customer_id="c2", is_return=True, lines=[line(1, -1, "2.55", "-2.55")],
                 total="-2.55"),
    ],
    interactions=[
        InteractionPublic(id="i1", customer_id="c1", channel="call", occurred_at=T0,
                          reason="billing", agent="ann", notes="", outcome="done",
                          follow_up=date(2024, 3, 9), seq=9),
    ],
    categories=[CategoryPublic(code="KIT", parent=None, names={"en": "Kitchen"}, seq=10)],
    prices=[
        PricePublic(id="pr1", sku="SKU1", currency="GBP", unit_price="2.40", branch="Leeds",
                    valid_from=date(2024, 1, 1), valid_until=None, seq=11),
    ],
    stock=[
        StockPublic(sku="SKU1", branch="Leeds", warehouse="main", on_hand="4", reserved="1",
                    incoming="0", incoming_on=None, as_of=T0 + timedelta(hours=1), seq=12),
    ],
)  # fmt: skip
#: A change after the snapshot: what the floored pages bring.
LATER = PullPage(
    cursor=CURSOR + 2, has_more=False, customers=[customer(CURSOR + 1, name="Cleo Lane")]
)
_NOT_COMPARED = {"sync_state", "workstation", "alembic_version"}


class Server(AbstractPullTransport):
    """The snapshot's rows as one page, or above a floor only what came after it."""

    def __init__(self, *, snapshot: Path | None = None, described_as: SnapshotPublic | None = None,
                 cut_after: int | None = None) -> None:  # fmt: skip
        self.content = snapshot.read_bytes() if snapshot else b""
        self.described_as = described_as
        self.cut_after = cut_after
        self.asked, self.offsets, self.floors = 0, [], []

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        self.floors.append(0)
        rows = ROWS.model_copy(update={"has_more": True})
        return rows if cursor < CURSOR else LATER

    def fetch_above(self, cursor: int, *, limit: int, floor: int) -> FetchedPage:
        self.floors.append(floor)
        if cursor < floor:
            return FetchedPage.of(PullPage(cursor=CURSOR, has_more=True))
        return FetchedPage.of(LATER)

    def snapshot(self) -> SnapshotPublic | None:
        self.asked += 1
        return self.described_as

    def download_snapshot(self, snapshot, *, offset, write) -> int:
        self.offsets.append(offset)
        content = self.content[offset:]
        if self.cut_after is not None:
            write(content[: self.cut_after])
            self.cut_after = None
            raise ServerUnreachable("the connection dropped")
        for first in range(0, len(content), 100):
            write(content[first : first + 100])
        return len(self.content)


@pytest.fixture
def snapshot_file(tmp_path: Path) -> Path:
    path = tmp_path / "server" / "snapshot.sqlite3"
    path.parent.mkdir()
    write_snapshot(path, ROWS, cursor=CURSOR)
    return path


def _cache(tmp_path: Path, name: str) -> CacheDatabase:
    return open_cache(tmp_path / name / "cache.sqlite3")


def _tables(cache: CacheDatabase) -> dict[str, list[tuple]]:
    with cache.engine.connect() as connection:
        names = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND sql NOT LIKE 'CREATE VIRTUAL%'"  # their shadow tables are compared
        ).scalars()
        return {
            name: sorted(map(tuple, connection.exec_driver_sql(f"SELECT * FROM {name}")), key=repr)
            for name in names
            if name not in _NOT_COMPARED
        }


def _state(cache: CacheDatabase) -> tuple[int, int]:
    uow = SqlAlchemyUnitOfWork(cache.writer)
    with uow:
        return uow.sync_state.get().cursor, uow.sync_state.floor()


def _count(cache: CacheDatabase, table: str) -> int:
    with cache.engine.connect() as connection:
        return connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()


def test_a_snapshot_and_its_floored_pages_fill_the_cache_as_pages_do(tmp_path, snapshot_file):
    paged, snapped = _cache(tmp_path, "paged"), _cache(tmp_path, "snapped")
    try:
        pull_all(Server(), SqlAlchemyUnitOfWork(paged.writer))
        server = Server(
            snapshot=snapshot_file, described_as=described(snapshot_file, cursor=CURSOR)
        )
        uow = SqlAlchemyUnitOfWork(snapped.writer)
        heard: list[PullProgress] = []
        counts = attach_if_new(
            server, uow, directory=tmp_path / "snapped", on_progress=heard.append
        )
        assert counts is not None and counts.rows["purchase_lines"] == 5
        with uow:
            assert uow.replica.bulk_load_due()  # the pages' bulk load builds every index
        assert _state(snapped) == (0, CURSOR)
        result = pull_all(server, uow)
        assert result.cursor == CURSOR + 2 and server.floors == [CURSOR, CURSOR]
        assert _tables(snapped) == _tables(paged)
        assert heard[0].download is not None and heard[-1].attaching
        assert heard[-2].fraction == 1.0 and heard[-1].fraction is None
        assert not list((tmp_path / "snapped").glob("snapshot-*"))
        with snapped.writer() as session:  # the file let go of: the pool's connection is clean
            listed = session.connection().exec_driver_sql("PRAGMA database_list").all()
            assert "pulled_snapshot" not in [row[1] for row in listed]
        found = SqlAlchemyCustomerQueries(snapped.reader).search("Петров")
        assert [match.id for match in found] == ["c2"]
        assert [m.id for m in SqlAlchemyCustomerQueries(snapped.reader).search("Cleo")] == ["c21"]
    finally:
        paged.dispose()
        snapped.dispose()


def test_the_item_counts_are_the_pulled_ones(tmp_path, snapshot_file):
    cache = _cache(tmp_path, "desk")
    try:
        uow = SqlAlchemyUnitOfWork(cache.writer)
        with uow:
            uow.replica.attach_snapshot(snapshot_file, cursor=CURSOR)
            uow.commit()
        with cache.engine.connect() as connection:
            counts = dict(connection.exec_driver_sql("SELECT id, item_count FROM purchases").all())
        assert counts == {"p5": 3, "p6": 3, "p7": 2, "p8": 1}
    finally:
        cache.dispose()


TAMPERED = [
    ("UPDATE purchase_lines SET line_total_minor = line_total_minor + 1 WHERE rowid = 1",
     "total is not the sum of its lines"),
    ("UPDATE purchases SET currency = 'XXX' WHERE id = 'p6'", "'p6': currency is not a known"),
    ("UPDATE purchases SET seq = 21 WHERE id = 'p7'", "'p7': seq is not an integer from 1"),
    ("UPDATE customers SET row = json_set(row, '$.seq', 21) WHERE n = 2",
     "customers row 2: seq 21 outside"),
    ("UPDATE customers SET row = json_set(row, '$.full_name', 5) WHERE n = 1",
     "customers: row 1 full_name"),
    ("UPDATE customers SET row = row || '],\"kb_articles_left\":[\"a\"' WHERE n = 2",
     "not one object each"),
    ("UPDATE meta SET value = '2' WHERE key = 'format'", "snapshot format '2'"),
    ("UPDATE meta SET value = '19' WHERE key = 'cursor'", "snapshot cursor '19'"),
    ("ALTER TABLE purchases DROP COLUMN branch", "table 'purchases' has columns"),
    ("DROP TABLE stock", "no table 'stock'"),
    ("CREATE TABLE extra (x)", "unexpected table 'extra'"),
    ("CREATE VIEW seen AS SELECT * FROM customers", "unexpected view 'seen'"),
    ("UPDATE purchases SET purchased_at = '2024-02-30 09:30:00.000000' WHERE id = 'p5'",
     "'p5': purchased_at is not a time"),
    ("UPDATE purchase_lines SET quantity_milli = 0 WHERE rowid = 2", "quantity_milli is zero"),
    ("UPDATE purchase_lines SET quantity_milli = '2' WHERE rowid = 3", "quantity_milli is not"),
    ("UPDATE purchase_lines SET purchase_id = 'p99' WHERE rowid = 4",
     "its total is not the sum of its lines"),  # its receipt lost a line
    ("INSERT INTO purchase_lines SELECT 'p99', line_no, sku, description, quantity_milli,"
     " unit_price_scaled, 0 FROM purchase_lines WHERE rowid = 4",
     "'p99': its purchase is not in the snapshot"),
    ("UPDATE purchase_lines SET line_no = 1 WHERE rowid = 2", "appears twice"),
    ("INSERT INTO purchases SELECT * FROM purchases WHERE id = 'p7'", "'p7' appears twice"),
    ("UPDATE purchases SET is_return = 2 WHERE id = 'p5'", "is_return is not an integer"),
    ("UPDATE purchase_lines SET description = hex(randomblob(200)) WHERE rowid = 1",
     "description is not text of at most 300"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "refusal"), TAMPERED)
def test_a_tampered_snapshot_is_refused_with_nothing_written(tmp_path, snapshot_file, change,
                                                             refusal):  # fmt: skip
    with sqlite3.connect(snapshot_file) as db:
        db.execute(change)
    db.close()
    _refused(tmp_path, snapshot_file, refusal)


def _refused(tmp_path: Path, snapshot_file: Path, refusal: str) -> None:
    cache = _cache(tmp_path, "desk")
    try:
        uow = SqlAlchemyUnitOfWork(cache.writer)
        with pytest.raises(ProtocolError, match=re.escape(refusal)), uow:
            uow.replica.attach_snapshot(snapshot_file, cursor=CURSOR)
            uow.commit()
        for table in ("customers", "products", "purchases", "purchase_lines", "stock"):
            assert _count(cache, table) == 0, table
    finally:
        cache.dispose()


def test_a_garbage_or_truncated_file_is_refused(tmp_path, snapshot_file):
    content = snapshot_file.read_bytes()
    snapshot_file.write_bytes(content[: len(content) // 2])
    _refused(tmp_path, snapshot_file, "snapshot file")
    snapshot_file.write_bytes(b"not a database at all" * 100)
    _refused(tmp_path, snapshot_file, "cannot be read")


def test_a_cut_download_resumes_from_its_part(tmp_path, snapshot_file):
    cache = _cache(tmp_path, "desk")
    try:
        uow, folder = SqlAlchemyUnitOfWork(cache.writer), tmp_path / "desk"
        about = described(snapshot_file, cursor=CURSOR)
        server = Server(snapshot=snapshot_file, described_as=about, cut_after=1000)
        with pytest.raises(ServerUnreachable):
            attach_if_new(server, uow, directory=folder)
        assert part_path(folder, about).stat().st_size == 1000
        assert attach_if_new(server, uow, directory=folder) is not None
        assert server.offsets == [0, 1000]
        assert _state(cache) == (0, CURSOR) and _count(cache, "purchase_lines") == 5
        assert not part_path(folder, about).exists()
    finally:
        cache.dispose()


@pytest.mark.parametrize("lie", [{"sha256": "0" * 64}, {"size": 10}])
def test_a_file_not_the_one_announced_is_deleted_and_pages_are_pulled(tmp_path, snapshot_file,
                                                                      lie):  # fmt: skip
    cache = _cache(tmp_path, "desk")
    try:
        uow, folder = SqlAlchemyUnitOfWork(cache.writer), tmp_path / "desk"
        about = described(snapshot_file, cursor=CURSOR, **lie)
        server = Server(snapshot=snapshot_file, described_as=about)
        assert attach_if_new(server, uow, directory=folder) is None
        assert not list(folder.glob("snapshot-*")) and _count(cache, "customers") == 0
        pull_all(server, uow)
        assert server.floors == [0, 0] and _count(cache, "customers") == 3
    finally:
        cache.dispose()


def test_refused_content_leaves_a_plain_pull_from_nothing(tmp_path, snapshot_file):
    with sqlite3.connect(snapshot_file) as db:
        db.execute("UPDATE purchases SET currency = 'XXX'")
    db.close()
    cache = _cache(tmp_path, "desk")
    try:
        uow, folder = SqlAlchemyUnitOfWork(cache.writer), tmp_path / "desk"
        server = Server(
            snapshot=snapshot_file, described_as=described(snapshot_file, cursor=CURSOR)
        )
        assert attach_if_new(server, uow, directory=folder) is None
        assert _state(cache) == (0, 0) and _count(cache, "purchases") == 0
        assert not list(folder.glob("snapshot-*"))
    finally:
        cache.dispose()


def test_a_desk_that_has_pulled_never_asks_for_a_snapshot(tmp_path, snapshot_file):
    cache = _cache(tmp_path, "desk")
    try:
        uow = SqlAlchemyUnitOfWork(cache.writer)
        server = Server(
            snapshot=snapshot_file, described_as=described(snapshot_file, cursor=CURSOR)
        )
        pull_all(server, uow)
        assert attach_if_new(server, uow, directory=tmp_path / "desk") is None
        assert attach_if_new(server, uow, directory=None) is None
        assert server.asked == 0
    finally:
        cache.dispose()


def test_a_snapshot_of_another_format_is_not_downloaded(tmp_path, snapshot_file):
    cache = _cache(tmp_path, "desk")
    try:
        about = described(snapshot_file, cursor=CURSOR, format=2)
        server = Server(snapshot=snapshot_file, described_as=about)
        uow = SqlAlchemyUnitOfWork(cache.writer)
        assert attach_if_new(server, uow, directory=tmp_path / "desk") is None
        assert server.asked == 1 and server.offsets == []
    finally:
        cache.dispose()


class Central(AbstractCentral):
    """A server with a snapshot whose first access token has already expired."""

    def __init__(self, snapshot: Path) -> None:
        self.content, self.about = snapshot.read_bytes(), described(snapshot, cursor=CURSOR)
        self.tokens, self.floors = ["expired"], []
        self.base_url = "http://hq.example"

    def login(self, username, password, *, device_id=None, device_name=""):
        raise NotImplementedError

    def refresh(self, refresh_token: str) -> TokenPair:
        self.tokens.append(f"access-{len(self.tokens)}")
        user = UserPublic(username="ann", role=Role.AGENT, branch="Leeds")
        return TokenPair(access_token=self.tokens[-1], refresh_token="r" * 43, expires_in=900,
                         user=user)  # fmt: skip

    def logout(self, refresh_token: str) -> None:
        raise NotImplementedError

    def _check(self, token: str) -> None:
        if token != self.tokens[-1] or token == "expired":
            raise AuthFailed("access token expired")

    def pull(self, cursor: int, *, limit: int, access_token: str) -> PullPage:
        raise AssertionError("a desk with a snapshot pulls above its floor")

    def fetch_pull(self, cursor, *, limit, access_token, floor=0) -> FetchedPage:
        self._check(access_token)
        self.floors.append(floor)
        return FetchedPage.of(LATER if cursor >= floor else PullPage(cursor=CURSOR, has_more=True))

    def snapshot(self, *, access_token: str) -> SnapshotPublic | None:
        self._check(access_token)
        return self.about

    def download_snapshot(self, snapshot, *, offset, access_token, write) -> int:
        self._check(access_token)
        write(self.content[offset:])
        return len(self.content)


class Keyring(AbstractCredentials):
    def store(self, server_url: str, username: str, refresh_token: str) -> None:
        pass

    def load(self, server_url: str, username: str) -> str | None:
        return "r" * 43

    def delete(self, server_url: str, username: str) -> None:
        pass


def test_the_desks_first_pull_goes_through_the_snapshot(tmp_path, snapshot_file):
    cache, central = _cache(tmp_path, "desk"), Central(snapshot_file)
    try:
        uow = SqlAlchemyUnitOfWork(cache.writer)
        with uow:
            uow.sync_state.set_login(central.base_url, "ann")
            uow.commit()
        result = pull_now(central_factory=lambda _url: central, credentials=Keyring(), uow=uow,
                          snapshot_dir=tmp_path / "desk")  # fmt: skip
        assert result.cursor == CURSOR + 2 and central.floors == [CURSOR, CURSOR]
        assert _count(cache, "purchase_lines") == 5 and _state(cache) == (CURSOR + 2, CURSOR)
        queries = SqlAlchemyCustomerQueries(cache.reader)
        assert [m.id for m in queries.search("Ann Smith")] == ["c1"]
    finally:
        cache.dispose()


def test_a_cancelled_download_keeps_its_part_and_another_snapshot_drops_it(tmp_path, snapshot_file):
    cache = _cache(tmp_path, "desk")
    try:
        uow, folder = SqlAlchemyUnitOfWork(cache.writer), tmp_path / "desk"
        about = described(snapshot_file, cursor=CURSOR)
        server = Server(snapshot=snapshot_file, described_as=about)
        with pytest.raises(PullCancelled):
            attach_if_new(server, uow, directory=folder, cancelled=lambda: True)
        assert part_path(folder, about).stat().st_size == 100
        server.described_as = newer = described(snapshot_file, cursor=CURSOR, sha256="e" * 64)
        assert attach_if_new(server, uow, directory=folder) is None  # not the file announced
        assert not part_path(folder, about).exists() and not part_path(folder, newer).exists()
        assert _state(cache) == (0, 0)
    finally:
        cache.dispose()
