"""Log in, sync and log out, driven with fake server, keyring and cache."""

from __future__ import annotations

import pytest
from client_fakes import FakeCentral, FakeCredentials, FakeUnitOfWork, customer, purchase

from frontdesk.protocol import PullPage
from frontdesk.protocol.versions import DeskVersions
from frontdesk.services import session
from frontdesk.services.errors import (
    AuthFailed,
    CredentialStoreUnavailable,
    NotLoggedIn,
    ServerUnreachable,
)
from frontdesk.sync.pull import PullResult
from frontdesk.sync.service import pull_now

URL = "http://hq.example:8765"


class World:
    """One workstation and the servers it can reach."""

    def __init__(self) -> None:
        self.servers: dict[str, FakeCentral] = {}
        self.credentials = FakeCredentials()
        self.uow = FakeUnitOfWork()

    def server(self, url: str = URL) -> FakeCentral:
        return self.servers.setdefault(url.rstrip("/"), FakeCentral(url))

    def deps(self) -> dict[str, object]:
        return {"central_factory": self.server, "credentials": self.credentials, "uow": self.uow}

    def login(self, url: str = URL, user: str = "ann", password: str = "pw") -> object:
        return session.login(url, user, password, **self.deps())  # type: ignore[arg-type]

    def sync(self) -> PullResult:
        return pull_now(**self.deps())  # type: ignore[arg-type]

    def logout(self) -> bool:
        return session.logout(**self.deps())  # type: ignore[arg-type]


@pytest.fixture
def world() -> World:
    return World()


def test_login_keeps_the_refresh_token_in_the_keyring_and_the_user_in_the_cache(world: World):
    user = world.login(URL + "/")

    token = world.credentials.tokens[(URL, "ann")]
    assert token in world.server().live_refresh
    assert user.username == "ann"  # type: ignore[attr-defined]
    state = world.uow.committed.state
    assert (state.server_url, state.username) == (URL, "ann")


def test_wrong_password_stores_nothing(world: World) -> None:
    with pytest.raises(AuthFailed, match="invalid username or password"):
        world.login(password="wrong")

    assert world.credentials.tokens == {}
    assert world.uow.committed.state.username is None


def test_without_a_keyring_login_fails_and_revokes_the_unkept_token(world: World) -> None:
    world.credentials.usable = False

    with pytest.raises(CredentialStoreUnavailable):
        world.login()

    assert world.server().live_refresh == set()
    assert world.uow.committed.state.username is None


def test_login_keeps_the_case_prefix_and_branch_the_server_gave(world: World) -> None:
    world.server().case_prefix = "D12"
    world.login()
    state = world.uow.committed.state
    assert (state.case_prefix, state.desk_branch) == ("D12", "Leeds")


def test_a_prefix_first_given_at_a_refresh_is_kept_too(world: World) -> None:
    world.login()  # an older server: no case numbers at this desk yet
    assert world.uow.committed.state.case_prefix is None
    world.server().case_prefix = "D3"  # the server was updated
    world.server().pages = [PullPage(cursor=1, has_more=False)]
    world.sync()
    assert world.uow.committed.state.case_prefix == "D3"


def test_sync_pulls_with_a_fresh_access_token(world: World) -> None:
    world.login()
    world.server().pages = [
        PullPage(cursor=1, has_more=True, customers=[customer(1)]),
        PullPage(cursor=2, has_more=False, purchases=[purchase(2)]),
    ]

    result = world.sync()

    assert (result.pages, result.customers, result.purchases, result.cursor) == (2, 1, 1, 2)
    assert set(world.uow.committed.purchases) == {"p2"}


def test_an_access_token_expiring_mid_pull_is_renewed_once(world: World) -> None:
    world.login()
    server = world.server()

    server.pages = [
        PullPage(cursor=1, has_more=True, customers=[customer(1)]),
        PullPage(cursor=2, has_more=False, customers=[customer(2)]),
    ]
    original_pull = server.pull

    def pull_then_expire(cursor: int, *, limit: int, access_token: str) -> PullPage:
        page = original_pull(cursor, limit=limit, access_token=access_token)
        server.expire_access_tokens()
        return page

    server.pull = pull_then_expire  # type: ignore[method-assign]

    assert world.sync().cursor == 2


def test_a_rotated_refresh_token_replaces_the_stored_one(world: World) -> None:
    world.login()
    old = world.credentials.tokens[(URL, "ann")]
    server = world.server()
    server.rotate = True
    server.pages = [PullPage(cursor=0, has_more=False)]

    world.sync()

    new = world.credentials.tokens[(URL, "ann")]
    assert new != old and new in server.live_refresh


def test_sync_before_login_says_so(world: World) -> None:
    with pytest.raises(NotLoggedIn, match="not logged in"):
        world.sync()


def test_sync_with_a_revoked_token_asks_to_log_in_again(world: World) -> None:
    world.login()
    world.server().live_refresh.clear()

    with pytest.raises(AuthFailed, match="refused the stored login"):
        world.sync()


def test_sync_with_the_token_gone_from_the_keyring(world: World) -> None:
    world.login()
    world.credentials.tokens.clear()

    with pytest.raises(NotLoggedIn, match="no stored login for ann"):
        world.sync()


def test_logout_revokes_on_the_server_and_forgets_here(world: World) -> None:
    world.login()
    token = world.credentials.tokens[(URL, "ann")]

    assert world.logout() is True

    assert world.server().revoked == [token]
    assert world.credentials.tokens == {}
    assert world.uow.committed.state.username is None
    with pytest.raises(NotLoggedIn):
        world.sync()


def test_logout_offline_still_forgets_the_login_here(world: World) -> None:
    world.login()
    world.server().reachable = False

    assert world.logout() is False

    assert world.credentials.tokens == {}
    assert world.uow.committed.state.username is None


def test_switching_server_drops_the_other_servers_data(world: World) -> None:
    world.login()
    world.server().pages = [PullPage(cursor=7, has_more=False, customers=[customer(1)])]
    world.sync()
    world.uow.committed.versions = DeskVersions(current="0.3.0", minimum="0.2.0")

    world.login("http://other.example:8765")

    data = world.uow.committed
    assert data.customers == {} and data.state.cursor == 0
    assert data.versions is None  # the other server's version rules are not this one's
    assert (URL, "ann") not in world.credentials.tokens


def test_logging_in_again_on_the_same_server_keeps_the_data(world: World) -> None:
    world.login()
    world.server().pages = [PullPage(cursor=7, has_more=False, customers=[customer(1)])]
    world.sync()

    world.login()

    assert world.uow.committed.state.cursor == 7
    assert set(world.uow.committed.customers) == {"c1"}


def test_login_to_an_unreachable_server_changes_nothing(world: World) -> None:
    world.server().reachable = False

    with pytest.raises(ServerUnreachable):
        world.login()

    assert world.uow.committed.state.server_url is None
