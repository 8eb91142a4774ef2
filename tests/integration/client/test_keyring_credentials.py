"""The credentials adapter on the real OS keyring, and its refusal of unsafe backends.

Each desk keeps its own entry, named by its device id: two desks of one OS user signed in
as the same user keep both their tokens, and an entry of the older form is migrated.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import ClassVar

import keyring
import pytest
from keyring.backends import chainer, fail, null

from frontdesk.adapters.credentials import SERVICE, KeyringCredentials, usable_backend
from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.services.errors import CredentialStoreUnavailable


class EmptyChainer(chainer.ChainerBackend):
    """What keyring builds on a machine where it found no backend at all."""

    backends: ClassVar[list[object]] = []


@pytest.fixture
def backend_swap() -> Iterator[object]:
    """Install a given keyring backend for one test, then put the original back."""
    original = keyring.get_keyring()
    yield keyring.set_keyring
    keyring.set_keyring(original)


@pytest.mark.parametrize(
    ("backend", "message"),
    [
        (fail.Keyring(), "no OS keyring is available"),
        (null.Keyring(), "does not keep secrets safely"),
        (EmptyChainer(), "no OS keyring backend"),
    ],
    ids=["fail", "null", "empty-chainer"],
)
def test_unusable_backends_are_refused_by_name(backend_swap, backend, message: str) -> None:
    backend_swap(backend)

    with pytest.raises(CredentialStoreUnavailable, match=message):
        KeyringCredentials("desk-1").store("http://hq:1", "ann", "t" * 43)
    with pytest.raises(CredentialStoreUnavailable):
        KeyringCredentials("desk-1").load("http://hq:1", "ann")


@pytest.fixture
def real_keyring() -> None:
    try:
        usable_backend()
    except CredentialStoreUnavailable as error:
        reason = f"{error} (run the tests through tools/with-keyring.sh)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI=true requires a real keyring", pytrace=False)
        pytest.skip(reason)


@pytest.mark.usefixtures("real_keyring")
def test_round_trip_in_the_os_keyring() -> None:
    credentials = KeyringCredentials("desk-1")
    server, user, token = (
        "http://127.0.0.1:1",
        f"user-{secrets.token_hex(4)}",
        secrets.token_urlsafe(),
    )

    credentials.store(server, user, token)
    try:
        assert credentials.load(server, user) == token
        assert keyring.get_password(SERVICE, f"{server}|{user}|desk-1") == token
    finally:
        credentials.delete(server, user)

    assert credentials.load(server, user) is None
    credentials.delete(server, user)  # forgetting twice is fine


@pytest.fixture
def two_desks(tmp_path) -> Iterator[tuple[ClientContext, ClientContext]]:
    """Two desks of one OS user on one machine, each with its own data directory."""
    desks = [build_client(load_settings(data_dir=tmp_path / name)) for name in ("a", "b")]
    yield desks[0], desks[1]
    for desk in desks:
        desk.close()


def _device_id(desk: ClientContext) -> str:
    with desk.uow:
        return desk.uow.workstation.get().device_id


@pytest.mark.usefixtures("real_keyring")
def test_two_desks_signed_in_as_one_user_keep_both_tokens(two_desks) -> None:
    first, second = two_desks
    server, user = "http://127.0.0.1:1", f"user-{secrets.token_hex(4)}"
    first_token, second_token = secrets.token_urlsafe(), secrets.token_urlsafe()

    first.credentials.store(server, user, first_token)
    second.credentials.store(server, user, second_token)
    try:
        assert first.credentials.load(server, user) == first_token
        assert second.credentials.load(server, user) == second_token
        named = f"{server}|{user}|{_device_id(first)}"
        assert keyring.get_password(SERVICE, named) == first_token
    finally:
        first.credentials.delete(server, user)
    assert first.credentials.load(server, user) is None
    try:
        assert second.credentials.load(server, user) == second_token  # logging out one desk
    finally:
        second.credentials.delete(server, user)


@pytest.mark.usefixtures("real_keyring")
def test_an_entry_of_the_older_form_is_moved_to_the_desk_on_first_use() -> None:
    server, user, token = "http://127.0.0.1:1", f"user-{secrets.token_hex(4)}", "t" * 43
    keyring.set_password(SERVICE, f"{server}|{user}", token)
    credentials = KeyringCredentials("desk-1")
    try:
        assert credentials.load(server, user) == token
        assert keyring.get_password(SERVICE, f"{server}|{user}|desk-1") == token
        assert keyring.get_password(SERVICE, f"{server}|{user}") is None
        assert KeyringCredentials("desk-2").load(server, user) is None  # adopted once only
        assert credentials.load(server, user) == token
    finally:
        credentials.delete(server, user)
