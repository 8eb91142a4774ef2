"""The credentials adapter on the real OS keyring, and its refusal of unsafe backends."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from typing import ClassVar

import keyring
import pytest
from keyring.backends import chainer, fail, null

from frontdesk.adapters.credentials import SERVICE, KeyringCredentials, usable_backend
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
        KeyringCredentials().store("http://hq:1", "ann", "t" * 43)
    with pytest.raises(CredentialStoreUnavailable):
        KeyringCredentials().load("http://hq:1", "ann")


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
    credentials = KeyringCredentials()
    server, user, token = (
        "http://127.0.0.1:1",
        f"user-{secrets.token_hex(4)}",
        secrets.token_urlsafe(),
    )

    credentials.store(server, user, token)
    try:
        assert credentials.load(server, user) == token
        assert keyring.get_password(SERVICE, f"{server}|{user}") == token
    finally:
        credentials.delete(server, user)

    assert credentials.load(server, user) is None
    credentials.delete(server, user)  # forgetting twice is fine
