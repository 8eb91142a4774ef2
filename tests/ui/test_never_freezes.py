"""Never freezes: at 100,000 customers, typing a search and opening a customer while a sync
writes pulled pages into the same cache never stalls the UI thread for more than 50 ms.

A 5 ms heartbeat timer on the UI thread records the longest gap between its ticks; every
key press, search, result list, profile load and the sync's writes happen meanwhile. The
sync is the window's own (``ClientContext.window_sync``): its child process logs in with the
desk's token from the OS keyring and pulls 30,000 changed customers from a real server
process on loopback, in the window's page size, writing them and their search-index entries
into the cache the window reads.
"""

from __future__ import annotations

import csv
import os
import random
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from pytestqt.qtbot import QtBot

from frontdesk.adapters.central_client import CentralClient
from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.protocol import CustomerPublic, PullPage
from frontdesk.server.importers.common import customer_id_for
from frontdesk.sync.worker import SyncOutcome
from frontdesk.sync_process import CHILD_NICENESS
from frontdesk.ui.app import prepare_interpreter_for_window
from frontdesk.ui.main_window import build_main_window

pytestmark = pytest.mark.slow

CUSTOMERS = 100_000
PAGE = 10_000
#: The longest the UI thread may be busy at once.
STALL_LIMIT_MS = 50
HEARTBEAT_MS = 5
#: Customers the server changed since the desk's cursor: what the background sync pulls.
CHANGED = 30_000
PASSWORD = "correct horse battery staple"
SEARCHES = ("Ivanov", "smirnova", "+7906", "Thompson", "customer4242")
WAIT_MS = 20_000
#: A stall our code causes (a query on the UI thread, a slow paint) shows in every run; a
#: one-off hiccup of a shared host does not. The scenario runs up to this many times and
#: the best run must stay under the limit, so the test still fails on any real stall.
ATTEMPTS = 3

_FIRST_EN = (
    "Oliver",
    "Amelia",
    "George",
    "Isla",
    "Harry",
    "Ava",
    "Jack",
    "Emily",
    "Jacob",
    "Sophie",
    "Charlie",
    "Grace",
    "Thomas",
    "Lily",
    "Oscar",
    "Chloe",
    "William",
    "Ella",
)
_LAST_EN = (
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Hughes",
    "Edwards",
    "Turner",
    "Cooper",
)
_FIRST_RU = (
    "Александр",
    "Мария",
    "Дмитрий",
    "Анна",
    "Сергей",
    "Елена",
    "Андрей",
    "Ольга",
    "Алексей",
    "Наталья",
    "Иван",
    "Татьяна",
    "Михаил",
    "Ирина",
    "Никита",
    "Светлана",
)
_LAST_RU = ("Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов",
            "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев",
            "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев")  # fmt: skip
_SINCE = datetime(2019, 1, 1, tzinfo=UTC)


def _customer(rng: random.Random, n: int, *, seq: int) -> CustomerPublic:
    russian = n % 2 == 0
    first = rng.choice(_FIRST_RU if russian else _FIRST_EN)
    last = rng.choice(_LAST_RU if russian else _LAST_EN)
    if russian and first[-1] in "аяь" and last.endswith("ов"):
        last += "а"
    phone = f"+79{rng.randrange(10**9):09d}" if russian else f"+447{rng.randrange(10**9):09d}"
    when = _SINCE + timedelta(minutes=rng.randrange(3_000_000))
    account = f"A{10_000_000 + n}"
    return CustomerPublic(
        id=customer_id_for(account),  # the server's id for it: a pull updates these rows
        account_number=account,
        full_name=f"{first} {last}",
        phones=[phone],
        emails=[f"customer{n}@{'mail.ru' if russian else 'example.co.uk'}"],
        loyalty_card=f"{rng.randrange(10**15, 10**16)}" if n % 3 else None,
        branch="Москва, Тверская 12" if russian else "London, Oxford Street",
        notes="",
        created_at=when,
        updated_at=when,
        seq=seq,
    )


def _pages(first: int, count: int, *, seed: int, seq: int, size: int = PAGE) -> Iterator[PullPage]:
    rng = random.Random(seed)
    for start in range(first, first + count, size):
        ids = range(start, min(start + size, first + count))
        customers = [_customer(rng, n, seq=seq + n) for n in ids]
        yield PullPage(cursor=seq + ids[-1], has_more=True, customers=customers)


@pytest.fixture(scope="module")
def big_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClientContext]:
    data_dir: Path = tmp_path_factory.mktemp("desk100k")
    client = build_client(load_settings(data_dir=data_dir))
    # Filled as a new desk's first pull fills it: a bulk load, indexed once at the end.
    with client.uow as uow:
        for page in _pages(0, CUSTOMERS, seed=1, seq=1):
            uow.replica.apply(page, index=False)
        uow.replica.rebuild_index()
        uow.commit()
    yield client
    client.close()


class Heartbeat:
    """Ticks every few ms on the UI thread; ``longest_ms`` is the longest gap seen.

    On Linux it also says what the UI thread did in that gap (``worst``): ran on a CPU, waited
    runnable for one (a loaded machine), or slept (waiting for the GIL or a lock). A failure
    message with it tells a slow host from a stall of our own.
    """

    def __init__(self) -> None:
        self.longest_ms = 0
        self.worst = ""
        self._clock = QElapsedTimer()
        self._timer = QTimer(interval=HEARTBEAT_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._sched = _thread_schedstat()

    def start(self) -> None:
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        gap = self._clock.restart()
        sched, before = _thread_schedstat(), self._sched
        self._sched = sched
        if gap > self.longest_ms:
            self.longest_ms = gap
            if sched and before:
                ran, waited = (sched[0] - before[0]) // 10**6, (sched[1] - before[1]) // 10**6
                self.worst = f"{gap} ms: ran {ran}, runnable {waited}, slept {gap - ran - waited}"


def _thread_schedstat() -> tuple[int, int] | None:
    """This thread's CPU time and run-queue wait so far, in ns (Linux only)."""
    try:
        text = Path(f"/proc/self/task/{threading.get_native_id()}/schedstat").read_text()
    except OSError:
        return None
    ran, waited, _slices = text.split()
    return int(ran), int(waited)


@pytest.fixture(scope="module")
def sync_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server process whose change feed holds ``CHANGED`` of the desk's customers,
    renamed (another seed), as a customer import leaves them; user ann may log in."""
    folder = tmp_path_factory.mktemp("server")
    db_url = f"sqlite:///{folder / 'central.sqlite3'}"
    listing = folder / "customers.csv"
    with listing.open("w", newline="", encoding="utf-8") as out:
        rows = csv.writer(out)
        rows.writerow(["account_number", "full_name", "phones", "emails", "branch"])
        for page in _pages(0, CHANGED, seed=2, seq=1):
            rows.writerows(
                [c.account_number, c.full_name, c.phones[0], c.emails[0], c.branch]
                for c in page.customers
            )
    _server_cli(db_url, "import", "customers", str(listing))
    _server_cli(db_url, "add-user", "ann", "--role", "agent", "--password-stdin",
                stdin=PASSWORD + "\n")  # fmt: skip
    with _serving(db_url, folder / "server.log") as url:
        yield url


def _server_cli(db_url: str, *args: str, stdin: str | None = None) -> None:
    command = [sys.executable, "-m", "frontdesk.server.cli", "--db", db_url, *args]
    subprocess.run(command, input=stdin, text=True, check=True, capture_output=True)


@contextmanager
def _serving(db_url: str, log: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "frontdesk.server.cli", "--db", db_url, "serve",
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    # At a desk the server is another machine; here it shares the desk's cores, so it runs
    # at the sync child's lower priority, not competing with the window more than the child.
    process = subprocess.Popen(
        command, stdout=log.open("wb"), stderr=subprocess.STDOUT, preexec_fn=_lower_priority
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_reachable(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _lower_priority() -> None:
    os.nice(CHILD_NICENESS)


def _wait_reachable(url: str, process: subprocess.Popen[bytes]) -> None:
    central = CentralClient(url, timeouts=(1.0, 5.0))
    deadline = time.monotonic() + 60
    while not central.is_reachable():
        assert process.poll() is None and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.2)


class BackgroundSync:
    """The window's own background sync, pulling everything since cursor 0 once."""

    def __init__(self, client: ClientContext) -> None:
        self._cache = client.settings.cache_path
        self._set_cursor(0)  # every attempt pulls all the changed customers again
        self._outcomes: list[SyncOutcome] = []
        self._sync = client.window_sync(on_outcome=self._outcomes.append, interval_s=3600.0)
        self._sync.start()

    def pulling(self) -> bool:
        """Its child process has committed a first page (and the run has not ended)."""
        return self._cursor() > 0 and not self._outcomes

    def running(self) -> bool:
        return not self._outcomes

    def finished(self) -> bool:
        """The run has ended without an error (and the sync is stopped then)."""
        if not self._outcomes:
            return False
        assert self._outcomes[0].error is None, self._outcomes[0].error
        assert self._cursor() > 0
        return self._sync.stop()

    def _cursor(self) -> int:
        with closing(sqlite3.connect(self._cache)) as cache:
            return cache.execute("SELECT cursor FROM sync_state").fetchone()[0]

    def _set_cursor(self, cursor: int) -> None:
        with closing(sqlite3.connect(self._cache)) as cache, cache:
            cache.execute("UPDATE sync_state SET cursor = ?", (cursor,))


def _search(qtbot: QtBot, window, text: str) -> None:
    edit = window.search_panel.search_edit
    with qtbot.waitSignal(window.search_panel.model.modelReset, timeout=WAIT_MS):
        qtbot.keyClicks(edit, text)
    qtbot.waitUntil(lambda: not window.search_panel._searching, timeout=WAIT_MS)


def _window(qtbot: QtBot, client: ClientContext):
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    prepare_interpreter_for_window()  # as the desk does before it shows its window
    with qtbot.waitSignal(window.sync_status_shown, timeout=WAIT_MS):
        window.show()
    return window


def _type_searches_and_open(qtbot: QtBot, window) -> None:
    for query in SEARCHES:
        window.search_panel.search_edit.clear()
        _search(qtbot, window, query)
    with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS):
        qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Return)
    assert window.search_panel.model.rowCount() > 0


def test_typing_searches_at_100k_customers_never_stalls_the_ui(
    qtbot: QtBot, big_client: ClientContext
) -> None:
    window = _window(qtbot, big_client)

    def attempt() -> Heartbeat:
        heartbeat = Heartbeat()
        heartbeat.start()
        _type_searches_and_open(qtbot, window)
        heartbeat.stop()
        return heartbeat

    _assert_best_under_limit(_best_of(attempt))


def test_typing_while_a_sync_writes_at_100k_customers_never_stalls_the_ui(
    qtbot: QtBot, big_client: ClientContext, sync_server: str
) -> None:
    big_client.login(sync_server, "ann", PASSWORD)  # the token goes to the OS keyring
    window = _window(qtbot, big_client)

    def attempt() -> Heartbeat:
        heartbeat = Heartbeat()
        heartbeat.start()
        sync = BackgroundSync(big_client)
        qtbot.waitUntil(sync.pulling, timeout=60_000)
        _type_searches_and_open(qtbot, window)
        assert sync.running(), "the pull ended before the typing: nothing was measured"
        qtbot.waitUntil(sync.finished, timeout=120_000)
        heartbeat.stop()
        return heartbeat

    _assert_best_under_limit(_best_of(attempt))


def _best_of(attempt: Callable[[], Heartbeat]) -> list[Heartbeat]:
    """Each run's heartbeat, stopping at the first run under the limit."""
    runs: list[Heartbeat] = []
    while len(runs) < ATTEMPTS and (not runs or runs[-1].longest_ms > STALL_LIMIT_MS):
        runs.append(attempt())
    return runs


def _assert_best_under_limit(runs: list[Heartbeat]) -> None:
    stalls = [run.longest_ms for run in runs]
    worst = "; ".join(run.worst for run in runs if run.worst)
    print(f"longest UI-thread stall per run: {stalls} ms ({worst})")  # shown with -rP
    assert min(stalls) <= STALL_LIMIT_MS, f"UI thread stalled {stalls} ms ({worst})"
