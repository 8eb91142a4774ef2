"""Hand-written fakes of the client's ports: the central server, the keyring, the cache."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from frontdesk.protocol import (
    CustomerPublic,
    ProductPublic,
    PullPage,
    PurchaseLinePublic,
    PurchasePublic,
    Role,
    TokenPair,
    UserPublic,
)
from frontdesk.protocol.versions import DeskVersions
from frontdesk.services.errors import AuthFailed, CredentialStoreUnavailable, ServerUnreachable
from frontdesk.services.ports import (
    AbstractCentral,
    AbstractCredentials,
    AbstractReplicaRepository,
    AbstractSyncStateRepository,
    SyncState,
)
from frontdesk.services.unit_of_work import AbstractUnitOfWork
from frontdesk.sync.pull import AbstractPullTransport

T0 = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


def customer(seq: int, *, id: str | None = None, name: str = "Ann Smith") -> CustomerPublic:
    return CustomerPublic(
        id=id or f"c{seq}",
        account_number=f"A{seq}",
        full_name=name,
        phones=[],
        emails=[],
        loyalty_card=None,
        branch="Leeds",
        notes="",
        created_at=T0,
        updated_at=T0,
        seq=seq,
    )


def product(seq: int, sku: str = "SKU1") -> ProductPublic:
    return ProductPublic(
        sku=sku, name="Mug", category="Kitchen", unit_price="2.55", currency="GBP", seq=seq
    )


def purchase(seq: int, *, customer_id: str = "c1", currency: str = "GBP") -> PurchasePublic:
    line = PurchaseLinePublic(
        line_no=1, sku="SKU1", description="Mug", quantity="2", unit_price="2.55", line_total="5.10"
    )
    return PurchasePublic(
        id=f"p{seq}",
        number=f"N{seq}",
        customer_id=customer_id,
        purchased_at=T0,
        branch="Leeds",
        currency=currency,
        is_return=False,
        original_number=None,
        total="5.10",
        lines=[line],
        seq=seq,
    )


# --- the cache ------------------------------------------------------------------------


@dataclass
class _CacheData:
    customers: dict[str, CustomerPublic] = field(default_factory=dict)
    products: dict[str, ProductPublic] = field(default_factory=dict)
    purchases: dict[str, PurchasePublic] = field(default_factory=dict)
    state: SyncState = field(default_factory=lambda: SyncState(None, None, 0, None))
    versions: DeskVersions | None = None  # what the server last published
    indexed: set[str] = field(default_factory=set)  # customers the lookup index holds
    rebuilds: int = 0


class FakeReplica(AbstractReplicaRepository):
    def __init__(self, data: _CacheData) -> None:
        self.data = data

    def apply(self, page: PullPage, *, index: bool = True) -> None:
        self.data.customers.update((c.id, c) for c in page.customers)
        self.data.products.update((p.sku, p) for p in page.products)
        self.data.purchases.update((p.id, p) for p in page.purchases)
        if index:
            self.data.indexed.update(c.id for c in page.customers)

    def bulk_load_due(self) -> bool:
        return not self.data.customers or self.data.indexed != set(self.data.customers)

    def rebuild_index(self) -> None:
        self.data.indexed = set(self.data.customers)
        self.data.rebuilds += 1

    def clear(self) -> None:
        self.data.indexed.clear()
        self.data.customers.clear()
        self.data.products.clear()
        self.data.purchases.clear()


class FakeSyncState(AbstractSyncStateRepository):
    def __init__(self, data: _CacheData) -> None:
        self.data = data

    def get(self) -> SyncState:
        return self.data.state

    def set_login(self, server_url: str, username: str) -> None:
        self.data.state = replace(self.data.state, server_url=server_url, username=username)

    def clear_login(self) -> None:
        self.data.state = replace(self.data.state, username=None)

    def advance(self, cursor: int, *, pulled_at: datetime) -> None:
        self.data.state = replace(self.data.state, cursor=cursor, last_pull_at=pulled_at)

    def reset_cursor(self) -> None:
        self.data.state = replace(self.data.state, cursor=0, last_pull_at=None)

    def keep_case_desk(self, *, case_prefix: str | None, branch: str | None) -> None:
        self.data.state = replace(self.data.state, case_prefix=case_prefix, desk_branch=branch)

    def server_versions(self) -> DeskVersions | None:
        return self.data.versions

    def keep_server_versions(self, versions: DeskVersions | None) -> None:
        self.data.versions = versions


class FakeUnitOfWork(AbstractUnitOfWork):
    """Works on a copy of the committed data; ``commit`` publishes it, else it is dropped."""

    def __init__(self) -> None:
        self.committed = _CacheData()
        self.commits = 0

    def __enter__(self) -> FakeUnitOfWork:
        self._working = copy.deepcopy(self.committed)
        self.replica = FakeReplica(self._working)
        self.sync_state = FakeSyncState(self._working)
        return self

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        before = copy.deepcopy(self._working)
        try:
            yield
        except BaseException:
            self._working.__dict__.update(before.__dict__)
            raise

    def commit(self) -> None:
        self.committed = copy.deepcopy(self._working)
        self.commits += 1

    def rollback(self) -> None:
        self._working = copy.deepcopy(self.committed)


# --- the server -----------------------------------------------------------------------


class FakeTransport(AbstractPullTransport):
    """Serves pre-built pages in order and records the cursors it was asked for."""

    def __init__(self, pages: list[PullPage]) -> None:
        self.pages = list(pages)
        self.asked: list[tuple[int, int]] = []

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        self.asked.append((cursor, limit))
        return self.pages.pop(0)


class FakeCentral(AbstractCentral):
    """A central server with one user, numbered tokens and a scripted list of pages."""

    def __init__(self, base_url: str, *, password: str = "pw", pages: list[PullPage] | None = None):
        self.base_url = base_url.rstrip("/")
        self.password = password
        self.pages = list(pages or [])
        self.live_refresh: set[str] = set()
        self.live_access: set[str] = set()
        self.revoked: list[str] = []
        self.reachable = True
        self.rotate = False
        self.case_prefix: str | None = None  # what its token pairs say (None: an older server)
        self._issued = 0

    def _tokens(self, username: str, refresh_token: str | None = None) -> TokenPair:
        self._issued += 1
        access = f"access-{self._issued}"
        refresh = refresh_token or f"refresh-token-{self._issued:08d}"
        self.live_access.add(access)
        self.live_refresh.add(refresh)
        user = UserPublic(username=username, role=Role.AGENT, branch="Leeds")
        return TokenPair(
            access_token=access,
            refresh_token=refresh,
            expires_in=900,
            user=user,
            case_prefix=self.case_prefix,
        )

    def _up(self) -> None:
        if not self.reachable:
            raise ServerUnreachable(f"cannot reach the server at {self.base_url}: refused")

    def login(self, username: str, password: str) -> TokenPair:
        self._up()
        if password != self.password:
            raise AuthFailed("invalid username or password")
        return self._tokens(username)

    def refresh(self, refresh_token: str) -> TokenPair:
        self._up()
        if refresh_token not in self.live_refresh:
            raise AuthFailed("refresh token is invalid or expired; log in again")
        if self.rotate:
            self.live_refresh.discard(refresh_token)
            return self._tokens("ann")
        return self._tokens("ann", refresh_token)

    def logout(self, refresh_token: str) -> None:
        self._up()
        self.live_refresh.discard(refresh_token)
        self.revoked.append(refresh_token)

    def pull(self, cursor: int, *, limit: int, access_token: str) -> PullPage:
        self._up()
        if access_token not in self.live_access:
            raise AuthFailed("access token expired")
        return self.pages.pop(0)

    def expire_access_tokens(self) -> None:
        self.live_access.clear()


class FakeCredentials(AbstractCredentials):
    def __init__(self, *, usable: bool = True) -> None:
        self.tokens: dict[tuple[str, str], str] = {}
        self.usable = usable

    def _check(self) -> None:
        if not self.usable:
            raise CredentialStoreUnavailable("no OS keyring is available to keep the login")

    def store(self, server_url: str, username: str, refresh_token: str) -> None:
        self._check()
        self.tokens[(server_url, username)] = refresh_token

    def load(self, server_url: str, username: str) -> str | None:
        self._check()
        return self.tokens.get((server_url, username))

    def delete(self, server_url: str, username: str) -> None:
        self._check()
        self.tokens.pop((server_url, username), None)
