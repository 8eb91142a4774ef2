"""The pull engine: bring the cache up to date with the central server, page by page.

Each page and the cursor after it are applied in one cache transaction, so an interrupted
pull (network, crash, kill) resumes exactly where the last committed page ended and never
skips or half-applies a page. No Qt here: the UI runs ``pull_all`` in a background operation.

A new desk's first pull (or one resuming it) is a bulk load: its pages are applied without
refreshing the lookup index, and the index is built once, in the transaction of the last
page. Re-indexing each page's customers cost about a third of the pull, and a purchase on a
later page re-indexes its customer again. Lookup is the only way to a customer, so while a
bulk load runs the desk finds none of its customers, and then all of them at once; a load
cut short is still "due" (the index misses customers) and the resumed pull finishes it.

A bulk load also commits less often: the pages that come within ``BULK_COMMIT_SECONDS``
share one transaction (with the cursor of the last of them). Pulled rows have random keys,
so every commit rewrote most of the cases' and lines' indexes; at 100,000 cases the commits
were a third of the load. A load cut short loses at most that much work, never a row: the
cursor commits with the pages it covers.

A cache that attached the server's snapshot (``sync.snapshot``) keeps its cursor as the
floor: every page is asked for above it, so the server leaves out the snapshot's kinds up
to it while the scoped ones (cases, orders, the till) still come from the start.
"""

from __future__ import annotations

import abc
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from time import monotonic

from frontdesk.protocol import DEFAULT_PAGE_SIZE, PullPage
from frontdesk.protocol.snapshot import SnapshotPublic
from frontdesk.services.errors import FrontdeskError, ProtocolError
from frontdesk.services.ports import FetchedPage
from frontdesk.services.unit_of_work import AbstractUnitOfWork

#: How long a bulk load keeps adding pages to one transaction before it commits.
BULK_COMMIT_SECONDS = 3.0


class AbstractPullTransport(abc.ABC):
    """Where pages come from (the central server, already authenticated)."""

    @abc.abstractmethod
    def pull(self, cursor: int, *, limit: int) -> PullPage: ...

    def fetch(self, cursor: int, *, limit: int) -> FetchedPage:
        """``pull``, with where the page ends known before the page is validated."""
        return FetchedPage.of(self.pull(cursor, limit=limit))

    def fetch_above(self, cursor: int, *, limit: int, floor: int) -> FetchedPage:
        """``fetch`` leaving out the snapshot kinds' changes up to ``floor`` (a desk that
        attached a snapshot). A transport that cannot says so rather than pull them twice."""
        if floor > 0:
            raise ProtocolError("this transport cannot pull above a snapshot's floor")
        return self.fetch(cursor, limit=limit)

    def snapshot(self) -> SnapshotPublic | None:
        """The newest initial-pull snapshot the server offers (None: none, or no such route)."""
        return None

    def download_snapshot(
        self, snapshot: SnapshotPublic, *, offset: int, write: Callable[[bytes], None]
    ) -> int:
        """The snapshot's bytes from ``offset`` on into ``write``; the file's whole size."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class PullResult:
    """What one ``pull_all`` brought in: pages and rows applied, and the cursor now."""

    pages: int
    customers: int
    products: int
    purchases: int
    cursor: int

    @property
    def rows(self) -> int:
        return self.customers + self.products + self.purchases


@dataclass(frozen=True, slots=True)
class PullProgress:
    """How far a pull has come after a page: what a progress bar shows.

    ``head`` is the server's newest change number when it read the page (None from a
    server that does not say); ``started_at`` the cursor this pull started after.
    """

    result: PullResult
    started_at: int
    head: int | None
    #: Before the pages of a new desk: the snapshot's bytes (downloaded, of all), and
    #: ``attaching`` while it is checked and copied into the cache.
    download: tuple[int, int] | None = None
    attaching: bool = False

    @property
    def fraction(self) -> float | None:
        """The share of the way done, 0 to 1, or None when the server gave no head."""
        if self.download is not None:
            done, total = self.download
            return 1.0 if total <= 0 else min(1.0, done / total)
        if self.head is None or self.attaching:
            return None
        total = self.head - self.started_at
        return 1.0 if total <= 0 else min(1.0, (self.result.cursor - self.started_at) / total)


class PullCancelled(FrontdeskError):
    """A pull stopped between pages because it was asked to; ``result`` is what came in.

    Every page before it committed with its cursor: the next pull resumes after them.
    """

    def __init__(self, result: PullResult) -> None:
        super().__init__(f"the pull was cancelled after {result.pages} pages")
        self.result = result


def pull_all(
    transport: AbstractPullTransport,
    cache: AbstractUnitOfWork,
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    on_page: Callable[[PullProgress], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    bulk_commit_seconds: float = BULK_COMMIT_SECONDS,
) -> PullResult:
    """Pull pages after the cache's cursor until the server says there are no more.

    The next page is fetched on a helper thread while this one is applied: the server's
    work and the desk's overlap. Pages are still applied one at a time, in order, each
    page's cursor with it; a bulk load commits them ``bulk_commit_seconds`` at a time.
    ``on_page`` hears after each page; ``cancelled`` is asked between pages, and True
    commits what was applied and stops the pull with ``PullCancelled`` (nothing
    half-applied, the cursor kept).
    """
    cursor, bulk, floor = _start(cache)
    fetcher = _Fetcher(transport, page_size, floor=floor)

    def heard(result: PullResult, page: PullPage) -> None:
        if on_page is not None:
            on_page(PullProgress(result, started_at=cursor, head=page.head))

    try:
        pages = _Pages(cache, fetcher, cursor, bulk=bulk, clock=clock)
        result, seconds = PullResult(0, 0, 0, 0, cursor), bulk_commit_seconds if bulk else 0.0
        while True:
            result, page = pages.commit(result, seconds=seconds, heard=heard, stop=cancelled)
            if not page.has_more:
                return result
            if pages.cancelled:
                raise PullCancelled(result)
    finally:
        fetcher.shutdown()


#: A page fetched, and the next one if it was already asked for (its cursor, its page).
_Fetched = tuple[PullPage, "tuple[int, Future[_Fetched]] | None"]


class _Fetcher:
    """Fetches pages in order on two threads: once a page's end is read, the next page is
    asked for on the other thread while this one is validated, so the server builds a page
    while the desk validates and applies the one before. A first pull was mostly that wait.

    At most ``AHEAD`` pages are asked for before the apply takes the page before them, and
    requests never overlap: the next is sent once the page before it has come.
    """

    AHEAD = 1

    def __init__(self, transport: AbstractPullTransport, limit: int, *, floor: int = 0) -> None:
        self._transport, self._limit, self._floor = transport, limit, floor
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pull-fetch")
        self._lock = threading.Lock()
        self._ahead = 0

    def fetch(self, after: int) -> Future[_Fetched]:
        return self._pool.submit(self._one, after)

    def adopted(self) -> None:
        """The apply took a page asked for ahead: another may be asked for."""
        with self._lock:
            self._ahead -= 1

    def shutdown(self) -> None:
        # A failed apply does not wait for a fetch still in flight.
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _one(self, after: int) -> _Fetched:
        if self._floor > 0:
            fetched = self._transport.fetch_above(after, limit=self._limit, floor=self._floor)
        else:
            fetched = self._transport.fetch(after, limit=self._limit)
        end, ahead = fetched.end, None
        if end.has_more and end.cursor > after:
            ahead = self._ask_ahead(end.cursor)
        return fetched.page(), ahead

    def _ask_ahead(self, after: int) -> tuple[int, Future[_Fetched]] | None:
        with self._lock:
            if self._ahead >= self.AHEAD:
                return None
            try:
                future = self._pool.submit(self._one, after)
            except RuntimeError:  # shut down: the pull has ended
                return None
            self._ahead += 1
            return after, future


class _Pages:
    """Applies pages as they come, fetching the next one as soon as a page says more."""

    def __init__(
        self,
        cache: AbstractUnitOfWork,
        fetcher: _Fetcher,
        cursor: int,
        *,
        bulk: bool,
        clock: Callable[[], datetime],
    ) -> None:
        self._cache, self._fetcher = cache, fetcher
        self._pending = fetcher.fetch(cursor)
        self._bulk, self._clock = bulk, clock
        self.cancelled = False

    def commit(
        self,
        result: PullResult,
        *,
        seconds: float,
        heard: Callable[[PullResult, PullPage], None],
        stop: Callable[[], bool],
    ) -> tuple[PullResult, PullPage]:
        """Apply pages for ``seconds`` (at least one), then commit them with the last one's
        cursor. A page that cannot be fetched or applied is undone alone, and the pages
        before it are committed before the error goes on, as if each had its own commit."""
        commit_by = monotonic() + seconds
        with self._cache:
            while True:
                try:
                    page = self._next(result.cursor)
                except BaseException:
                    self._cache.commit()
                    raise
                result = _add(result, page)
                heard(result, page)
                self.cancelled = page.has_more and stop()
                if self.cancelled or not page.has_more or monotonic() >= commit_by:
                    self._cache.commit()
                    return result, page

    def _next(self, cursor: int) -> PullPage:
        page, ahead = self._pending.result()
        _check_progress(page, cursor)
        if ahead is not None:
            self._fetcher.adopted()
            if ahead[0] != page.cursor:
                raise ProtocolError(f"page ends at {page.cursor}, its head said {ahead[0]}")
            self._pending = ahead[1]
        elif page.has_more:
            self._pending = self._fetcher.fetch(page.cursor)
        with self._cache.savepoint():
            _apply(self._cache, page, pulled_at=self._clock(), bulk=self._bulk)
        return page


def _start(cache: AbstractUnitOfWork) -> tuple[int, bool, int]:
    """The cursor to pull after, whether this pull is a bulk load, and the floor of an
    attached snapshot (0: none), passed on every page while the state keeps one."""
    with cache:
        state = cache.sync_state
        return state.get().cursor, cache.replica.bulk_load_due(), state.floor()


def _check_progress(page: PullPage, cursor: int) -> None:
    if page.cursor < cursor:
        raise ProtocolError(f"server moved the cursor back from {cursor} to {page.cursor}")
    if page.has_more and page.cursor == cursor:
        # A "more" page that does not advance would make this loop spin for ever.
        raise ProtocolError(f"server reported more changes but did not advance cursor {cursor}")


def _apply(cache: AbstractUnitOfWork, page: PullPage, *, pulled_at: datetime, bulk: bool) -> None:
    """One page and its cursor, in the caller's transaction."""
    cache.replica.apply(page, index=not bulk)
    if bulk and not page.has_more:
        cache.replica.rebuild_index()
    cache.sync_state.advance(page.cursor, pulled_at=pulled_at)


def _add(result: PullResult, page: PullPage) -> PullResult:
    return PullResult(
        pages=result.pages + 1,
        customers=result.customers + len(page.customers),
        products=result.products + len(page.products),
        purchases=result.purchases + len(page.purchases),
        cursor=page.cursor,
    )
