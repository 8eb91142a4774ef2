"""The composition root: the only place that picks concrete adapters.

The GUI and the headless CLI both start here::

    settings = load_settings(data_dir=args.data_dir)
    client = build_client(settings)
    client.queries.search("smith")          # AbstractCustomerQueries over the cache
    client.login("https://hq:8765", "ann", password)
    client.sync()                           # SyncReport: push the outbox, then pull
    worker = client.sync_worker(on_outcome=print)   # background sync on a thread
    worker.start()                          # pushes each local write at once
    window_sync = client.window_sync(on_outcome=report)  # the same, runs in a child process
    client.logout()
    client.close()

Every method blocks on disk or network: the UI calls them from background operations.
They raise ``frontdesk.services.errors.FrontdeskError`` subclasses with readable messages.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from frontdesk.adapters.cache.cases.queries import SqlAlchemyCaseQueries
from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.adapters.credentials import KeyringCredentials
from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.config import Settings
from frontdesk.protocol import Health, UserPublic
from frontdesk.protocol.till import REGISTER_PATTERN
from frontdesk.services import desk_login, first_run, session
from frontdesk.services.back_office import AbstractBackOffice, DeskBackOffice
from frontdesk.services.cases.desk import DeskCases
from frontdesk.services.catalogue.desk import DeskCatalogue
from frontdesk.services.errors import AccessRevoked, CredentialStoreUnavailable, NotLoggedIn
from frontdesk.services.knowledge.desk import DeskKnowledge
from frontdesk.services.knowledge.documents import DocumentUnavailable, Prefetched
from frontdesk.services.omnibox import Omnibox
from frontdesk.services.orders.desk import DeskOrders
from frontdesk.services.ports import AbstractCentral, AbstractCredentials
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.till.approval import DeskSupervisorCheck
from frontdesk.services.till.basket import TillBasket
from frontdesk.services.till.desk import TillDesk
from frontdesk.services.till.journal import Clock
from frontdesk.services.till.journal import now as till_now
from frontdesk.services.till.ports import TillTransaction, TillUnitOfWork
from frontdesk.sync import service as sync_service
from frontdesk.sync.pull import PullProgress, PullResult
from frontdesk.sync.push import PushResult
from frontdesk.sync.service import SyncReport
from frontdesk.sync.worker import SyncOutcome, SyncWorker
from frontdesk.sync_process import SyncProcess

#: Changes per pulled page while a window is open. Parsing a page holds the GIL, and a page
#: of the headless default's size would be a visible freeze; a window's first pull makes
#: more, smaller requests; ``frontdesk sync`` does not.
WINDOW_PAGE_SIZE = 1_000
#: The file in the data directory whose lock the desk's processes take turns on to refresh.
LOGIN_LOCK = "login.lock"


@dataclass(frozen=True, slots=True)
class WindowSync:
    """The window's sync worker and the child process its runs happen in."""

    worker: SyncWorker
    process: SyncProcess

    def start(self) -> None:
        self.worker.start()

    def stop(self, *, timeout_s: float = 10.0) -> bool:
        """Let the current run finish, end the worker, then the child; True if all in time."""
        stopped = self.worker.stop(timeout_s=timeout_s)
        self.process.close(timeout_s=timeout_s if stopped else 1.0)
        return stopped

    def request_sync(self) -> None:
        self.worker.request_sync()

    def notify_write(self) -> None:
        self.worker.notify_write()


REGISTER_CODE = re.compile(REGISTER_PATTERN)


@dataclass
class ClientContext:
    """A workstation wired up: its settings, cache queries and session use cases.

    Its sync runs share one access token while the server accepts it (``_kept``): the
    window's sync process lives across runs, so each run does not rotate the refresh token.
    """

    settings: Settings
    queries: AbstractCustomerQueries
    uow: SqlAlchemyUnitOfWork
    credentials: AbstractCredentials
    _database: CacheDatabase = field(repr=False)
    _kept: sync_service.KeptTransport = field(
        default_factory=sync_service.KeptTransport, repr=False
    )

    @property
    def snapshot_dir(self) -> Path:
        """Where a first pull downloads the server's snapshot: beside the cache it fills."""
        return self.settings.cache_path.parent

    def central(self, server_url: str) -> AbstractCentral:
        return CentralClient(
            server_url,
            timeouts=self.settings.timeouts,
            ca_bundle=self.settings.ca_bundle,
            allow_plain_http=self.settings.allow_plain_http,
        )

    def login(self, server_url: str, username: str, password: str) -> UserPublic:
        """Log in online; registers this desk as the user's device, keeps the offline verifier."""
        self._kept.forget()  # the runs after this one use the new sign-in's tokens
        return desk_login.login_at_desk(
            server_url,
            username,
            password,
            central_factory=self.central,
            credentials=self.credentials,
            uow=self.uow,
            verifier=Argon2Verifier(),
        )

    def check_server(self, server_url: str) -> Health:
        """Ask ``server_url``'s health, as the setup page's Check does: raises
        ``PlainHttpRefused``, ``CertificateRefused``, ``ServerUnreachable`` in words."""
        central = CentralClient(
            server_url,
            timeouts=self.settings.timeouts,
            ca_bundle=self.settings.ca_bundle,
            allow_plain_http=self.settings.allow_plain_http,
        )
        try:
            return central.health()
        finally:
            central.close()

    def stage(self) -> str:
        """Where this desk stands: ``services.first_run`` CONNECT, FIRST_PULL or READY."""
        return first_run.desk_stage(self.uow)

    def last_user(self) -> str:
        return first_run.last_user(self.uow)

    def first_pull(
        self, *, on_page: Callable[[PullProgress], None], cancelled: Callable[[], bool]
    ) -> PullResult:
        """The desk's first pull (or the rest of it), in the window's page size, on this
        thread; ``PullCancelled`` when ``cancelled()`` says so between pages."""
        with self._forgetting_revoked_login():
            pulled = sync_service.pull_now(
                central_factory=self.central,
                credentials=self.credentials,
                uow=self.uow,
                page_size=self.window_page_size,
                kept=self._kept,
                on_page=on_page,
                cancelled=cancelled,
                snapshot_dir=self.snapshot_dir,
            )
        with self.uow:
            self.uow.workstation.synced(at=datetime.now(UTC))
            self.uow.commit()
        return pulled

    def unlock(self, password: str, *, username: str | None = None) -> desk_login.Unlocked:
        """Unlock the desk offline with the password of ``username``'s last online login
        here (default: whoever logged in online here last)."""
        return desk_login.unlock_offline(
            self.uow,
            password,
            verifier=Argon2Verifier(),
            valid_for=self.settings.offline_unlock_for,
            username=username,
        )

    def sign_in(self, username: str, password: str) -> desk_login.SignedIn:
        """The lock screen's sign-in: online at this desk's server, offline if unreachable."""
        server_url = session.logged_in_state(self.uow).server_url or ""
        return desk_login.sign_in_at_desk(
            username,
            password,
            online=lambda user, secret: self.login(server_url, user, secret),
            offline=lambda user, secret: self.unlock(secret, username=user),
        )

    def at_desk(self) -> desk_login.SignedIn | None:
        """Who signed in at this desk last, with their role (None: nobody yet)."""
        uow = self.uow.fresh()  # a background operation's own: never the sync worker's
        with uow:
            desk = uow.workstation.get()
        if desk.desk_user is None:
            return None
        return desk_login.SignedIn(desk.desk_user, role=desk.desk_role)

    def back_office(self) -> DeskBackOffice:
        """Reports and the admin pages, asked with the desk's current login."""

        def connect() -> AbstractBackOffice:
            # A unit of work of its own: two of the window's operations may ask at once.
            # The kept transport is shared between them; its lock guards it.
            return self._kept.get(
                central_factory=self.central, credentials=self.credentials, uow=self.uow.fresh()
            )

        return DeskBackOffice(connect)

    @property
    def offline_unlock_days(self) -> int:
        return self.settings.offline_unlock_for.days

    def sync(self, *, page_size: int | None = None, prefetch: bool = True) -> SyncReport:
        """Push every pending local write, then pull every change (``page_size`` changes a
        page, the configured size if None), then fetch ahead the knowledge base's
        documents that fit (``prefetch``): every run of the sync worker, the window's sync
        process and ``frontdesk sync`` comes here."""
        with self._forgetting_revoked_login():
            report = sync_service.sync_now(
                central_factory=self.central,
                credentials=self.credentials,
                uow=self.uow,
                page_size=page_size or self.settings.page_size,
                kept=self._kept,
                snapshot_dir=self.snapshot_dir,
            )
            if prefetch:
                self.prefetch_documents()
        return report

    def prefetch_documents(self) -> Prefetched | None:
        """The knowledge base's documents fetched ahead, within FRONTDESK_KB_CACHE_MB and
        FRONTDESK_KB_PREFETCH_MB; None when the server went away meanwhile. A pull that
        succeeded stays a successful sync: what is not fetched now is fetched by the next
        run, or when it is first opened."""
        try:
            return self.knowledge().prefetch_documents()
        except DocumentUnavailable:
            return None

    def push(self) -> PushResult:
        with self._forgetting_revoked_login():
            return sync_service.push_now(
                central_factory=self.central,
                credentials=self.credentials,
                uow=self.uow,
                kept=self._kept,
            )

    @contextlib.contextmanager
    def _forgetting_revoked_login(self) -> Iterator[None]:
        """When an admin took the access back, the stored token and every verifier go, so
        nobody works on here offline with access the server no longer grants; the outbox
        keeps every write for the next online sign-in."""
        from frontdesk.adapters.cache.till import till_unit_of_work

        try:
            yield
        except AccessRevoked:
            self._kept.forget()
            # The verifiers first: the keyring may fail, the cache does not.
            desk_login.forget_every_verifier(till_unit_of_work(self.uow))
            state = session.logged_in_state(self.uow)
            self.credentials.delete(state.server_url or "", state.username or "")
            raise

    def sync_status(self, *, online: bool | None = None) -> dict[str, Any]:
        """The desk's sync state (``frontdesk sync --status --json`` prints the same)."""
        try:
            server_url = session.logged_in_state(self.uow).server_url
        except NotLoggedIn:
            server_url = None
        central = self.central(server_url) if server_url and online is None else None
        return sync_service.sync_status(self.uow, central=central, online=online)

    @property
    def window_page_size(self) -> int:
        """Changes per pulled page while a window is open: at most ``WINDOW_PAGE_SIZE``."""
        return min(self.settings.page_size, WINDOW_PAGE_SIZE)

    def sync_worker(
        self, *, on_outcome: Callable[[SyncOutcome], None], interval_s: float | None = None
    ) -> SyncWorker:
        """A background sync worker for this desk (not started); every local write wakes it."""
        worker = SyncWorker(
            push=self.push,
            sync=lambda: self.sync(page_size=self.window_page_size),
            status=lambda online: self.sync_status(online=online),
            on_outcome=on_outcome,
            interval_s=interval_s or self.settings.sync_interval_s,
        )
        self.uow.add_write_listener(worker.notify_write)
        return worker

    def window_sync(
        self, *, on_outcome: Callable[[SyncOutcome], None], interval_s: float | None = None
    ) -> WindowSync:
        """The window's background sync (not started): a worker whose runs happen in a child
        process, so the window's own interpreter stays free for the window (see
        ``frontdesk.sync_process``). Every local write wakes it; the status is read here."""
        process = SyncProcess(
            self.settings, page_size=self.window_page_size, open_client=build_client
        )
        worker = SyncWorker(
            push=process.push,
            sync=process.sync,
            status=lambda online: self.sync_status(online=online),
            on_outcome=on_outcome,
            interval_s=interval_s or self.settings.sync_interval_s,
        )
        self.uow.add_write_listener(worker.notify_write)
        return WindowSync(worker, process)

    def logout(self) -> bool:
        """Log out online and here; every password verifier this desk kept goes too."""
        from frontdesk.adapters.cache.till import till_unit_of_work

        self._kept.forget()
        told = session.logout(
            central_factory=self.central, credentials=self.credentials, uow=self.uow
        )
        desk_login.forget_every_verifier(till_unit_of_work(self.uow))
        return told

    def cases(self) -> DeskCases:
        """Cases at this desk; a customer's cases are asked of the server with the kept
        login (the window's sync shares it)."""

        def source() -> sync_service.AuthorizedCentral:
            # Asked from the window's background operations, two at once when a customer
            # opens: each with a unit of work of its own (one shared leaves a write
            # transaction open, and every writer of the cache waits on it).
            return self._kept.get(
                central_factory=self.central, credentials=self.credentials, uow=self.uow.fresh()
            )

        return DeskCases(
            self.uow.fresh, SqlAlchemyCaseQueries(self._database.reader), source=source
        )

    def orders(self, *, language: str = "en") -> DeskOrders:
        """Orders at this desk; a customer's orders, or a number the cache does not hold, are
        asked of the server with the kept login."""
        from frontdesk.adapters.cache.orders.queries import SqlAlchemyOrderQueries
        from frontdesk.adapters.cache.orders.store import order_unit_of_work
        from frontdesk.services.orders.prices import CataloguePriceBook

        def source() -> sync_service.AuthorizedCentral:
            return self._kept.get(
                central_factory=self.central, credentials=self.credentials, uow=self.uow.fresh()
            )

        return DeskOrders(
            lambda: order_unit_of_work(self.uow), SqlAlchemyOrderQueries(self._database.reader),
            customers=self.queries, prices=CataloguePriceBook(self.catalogue(language=language)),
            source=source,
        )  # fmt: skip

    def knowledge(self, *, language: str = "en") -> DeskKnowledge:
        """The knowledge base at this desk: search, articles and suggestions, offline."""
        from frontdesk.adapters.cache.knowledge.files import FOLDER, FileDocumentStore
        from frontdesk.adapters.cache.knowledge.queries import SqlAlchemyKnowledge

        def source() -> sync_service.AuthorizedCentral:
            return self._kept.get(
                central_factory=self.central, credentials=self.credentials, uow=self.uow.fresh()
            )

        port = SqlAlchemyKnowledge(self._database.reader, writer=self._database.writer)
        return DeskKnowledge(
            port, language=language, files=FileDocumentStore(self.settings.data_dir / FOLDER),
            source=source, budget=self.settings.kb_cache_bytes,
            largest=self.settings.kb_prefetch_bytes,
        )  # fmt: skip

    def catalogue(self, *, language: str = "en") -> DeskCatalogue:
        """Products at this desk, their prices, stock and cards, read from the cache."""
        from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue

        port = SqlAlchemyCatalogue(self._database.reader)
        return DeskCatalogue(
            port,
            language=language,
            currencies=self.settings.till_rules.currencies,
            stale_after=self.settings.stock_stale_after,
        )

    def omnibox(self, *, language: str = "en") -> Omnibox:
        """The one search box: customers, the branch's receipts, orders, cases, products."""
        return Omnibox(
            self.queries, cases=self.cases(), orders=self.orders(language=language),
            catalogue=self.catalogue(language=language), receipt=self.find_receipt,
        )  # fmt: skip

    def find_receipt(self, number: str) -> TillTransaction | None:
        """A receipt of any till of the branch, as this desk has pulled it (or took it)."""
        from frontdesk.adapters.cache.till import till_unit_of_work
        from frontdesk.services.till.branch import find_receipt

        # Its own unit of work: the window's background operations run beside the sync.
        return find_receipt(till_unit_of_work(self.uow.fresh()), number)

    def till_desk(self, register: str | None = None, *, clock: Clock = till_now) -> TillDesk:
        """This desk's till, at ``register`` or else ``till_register()``; ``clock``: when its
        entries happen (a test's till may run on another day)."""
        from frontdesk.adapters.cache.till import till_unit_of_work

        with self.uow:
            state, desk = self.uow.sync_state.get(), self.uow.workstation.get()
        uow = till_unit_of_work(self.uow)
        return TillDesk(
            uow,
            register=register or self.till_register(),
            # Whoever signed in at the till (also offline), not whose login pushes.
            cashier=desk.desk_user or state.username or "cashier",
            rules=self.settings.till_rules,
            supervisor_check=lambda: self.supervisor_check(uow),
            queries=self.queries,
            clock=clock,
        )

    def till_basket(
        self, register: str | None = None, *, language: str = "en", clock: Clock = till_now
    ) -> TillBasket:
        """The basket of this desk's till at ``register`` (else ``till_register()``)."""
        desk = self.till_desk(register, clock=clock)
        return TillBasket(desk, self.catalogue(language=language))

    def till_register(self) -> str:
        """``FRONTDESK_REGISTER``, else the register chosen at setup, else ``R`` and the
        start of this desk's id."""
        if self.settings.register:
            return self.settings.register
        with self.uow:
            desk = self.uow.workstation.get()
        return desk.till_register or "R" + desk.device_id[:8].upper()

    def choose_till_register(self, code: str) -> None:
        """Keep ``code`` (checked as the till's wire model checks a register) as this desk's
        register; an empty one forgets the choice. ``ValueError`` says what is wrong."""
        code = code.strip().upper()
        if code and not REGISTER_CODE.fullmatch(code):
            raise ValueError(f"{code!r} is not a register code: up to 20 letters, digits, - or _")
        with self.uow:
            self.uow.workstation.set_till_register(code or None)
            self.uow.commit()

    def supervisor_check(self, uow: TillUnitOfWork) -> DeskSupervisorCheck:
        """A supervisor's sign-in at this desk: the server if logged in to one (asked with
        the cashier's stored login), else offline."""
        try:
            server_url = session.logged_in_state(self.uow).server_url
        except NotLoggedIn:
            server_url = None

        def issuer() -> sync_service.AuthorizedCentral:
            try:
                return self._kept.get(
                    central_factory=self.central, credentials=self.credentials, uow=self.uow.fresh()
                )
            except CredentialStoreUnavailable as error:  # no keyring: no login to ask with
                raise NotLoggedIn(str(error)) from None

        return DeskSupervisorCheck(
            issuer if server_url else None,
            uow,
            verifier=Argon2Verifier(),
            valid_for=self.settings.offline_unlock_for,
        )

    def close(self) -> None:
        self._database.dispose()


def build_client(settings: Settings) -> ClientContext:
    """Open (create, migrate) the cache under ``settings.data_dir`` and wire the adapters."""
    database = open_cache(settings.cache_path)
    uow = SqlAlchemyUnitOfWork(database.writer)
    with uow:
        device_id = uow.workstation.get().device_id
    return ClientContext(
        settings=settings,
        queries=SqlAlchemyCustomerQueries(
            database.reader, crosssell_repeat_after=settings.crosssell_repeat_after
        ),
        uow=uow,
        credentials=KeyringCredentials(device_id, lock_path=settings.data_dir / LOGIN_LOCK),
        _database=database,
    )
