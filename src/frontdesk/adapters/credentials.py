"""The refresh token in the OS keyring: the only module that imports ``keyring``.

The token is stored under service ``frontdesk`` and user ``"{server_url}|{username}|{device_id}"``:
tokens are bound to a device, and several desks (``--data-dir``) of one OS user may sign in as
the same user, each keeping its own token. An entry of the older form ``"{server_url}|{username}"``
is moved to this desk's name the first time this desk reads it, so a desk stays signed in.
Refreshing exchanges the stored token for a new one (the server rotates them), under an
exclusive lock on ``login.lock`` in the desk's data directory (``exclusive``), so the
processes of one desk take turns and never present the same token twice.
It is never written to a file, a log or QSettings: if no real keyring is available
(no Secret Service on Linux, the fail/null backends, a plain-file backend), every operation
raises ``CredentialStoreUnavailable`` saying so, instead of falling back to something weaker.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import chainer, fail

from frontdesk.adapters.file_lock import exclusive_lock
from frontdesk.services.errors import CredentialStoreUnavailable
from frontdesk.services.ports import AbstractCredentials

SERVICE = "frontdesk"
# Backends that would either drop the secret or keep it in a file next to the cache.
_REFUSED_MODULES = ("keyring.backends.null", "keyrings.alt")
_HELP = "on Linux, run a Secret Service (e.g. gnome-keyring) in your D-Bus session and unlock it"


def account(server_url: str, username: str, device_id: str) -> str:
    """The keyring user name a desk's token is stored under."""
    return f"{server_url}|{username}|{device_id}"


def legacy_account(server_url: str, username: str) -> str:
    """The name of a token stored before entries named the desk."""
    return f"{server_url}|{username}"


def usable_backend() -> keyring.backend.KeyringBackend:
    """The OS keyring, or CredentialStoreUnavailable naming what is wrong."""
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, fail.Keyring):
        raise CredentialStoreUnavailable(f"no OS keyring is available to keep the login; {_HELP}")
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        raise CredentialStoreUnavailable(f"no OS keyring backend is usable; {_HELP}")
    if type(backend).__module__.startswith(_REFUSED_MODULES):
        raise CredentialStoreUnavailable(
            f"the keyring backend {name} does not keep secrets safely; {_HELP}"
        )
    return backend


class KeyringCredentials(AbstractCredentials):
    """One desk's refresh tokens in the OS keyring (checked on every call, so headless
    commands that never touch credentials work on a machine without one).

    Args:
        device_id: the desk's device id, part of every entry's name.
        lock_path: the file whose lock ``exclusive`` holds (None: no lock, one process).
    """

    def __init__(self, device_id: str, *, lock_path: Path | None = None) -> None:
        self._device_id = device_id
        self._lock_path = lock_path

    def exclusive(self) -> AbstractContextManager[None]:
        return nullcontext() if self._lock_path is None else exclusive_lock(self._lock_path)

    def store(self, server_url: str, username: str, refresh_token: str) -> None:
        backend = usable_backend()
        with _keyring_errors("store the login in"):
            backend.set_password(SERVICE, self._account(server_url, username), refresh_token)

    def load(self, server_url: str, username: str) -> str | None:
        backend = usable_backend()
        with _keyring_errors("read the login from"):
            token = backend.get_password(SERVICE, self._account(server_url, username))
        return token if token is not None else self._migrate(backend, server_url, username)

    def delete(self, server_url: str, username: str) -> None:
        _delete(usable_backend(), self._account(server_url, username))

    def _account(self, server_url: str, username: str) -> str:
        return account(server_url, username, self._device_id)

    def _migrate(
        self, backend: keyring.backend.KeyringBackend, server_url: str, username: str
    ) -> str | None:
        """Adopt an entry of the older form: kept under this desk's name, the old one gone."""
        old = legacy_account(server_url, username)
        with _keyring_errors("read the login from"):
            token = backend.get_password(SERVICE, old)
        if token is None:
            return None
        with _keyring_errors("store the login in"):
            backend.set_password(SERVICE, self._account(server_url, username), token)
        _delete(backend, old)
        return token


def _delete(backend: keyring.backend.KeyringBackend, name: str) -> None:
    try:
        backend.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass  # nothing stored: already forgotten
    except keyring.errors.KeyringError as error:
        reason = str(error) or type(error).__name__
        raise CredentialStoreUnavailable(
            f"cannot delete the login from the OS keyring ({reason})"
        ) from None


@contextmanager
def _keyring_errors(action: str) -> Iterator[None]:
    try:
        yield
    except keyring.errors.KeyringError as error:
        reason = str(error) or type(error).__name__
        raise CredentialStoreUnavailable(
            f"cannot {action} the OS keyring ({reason}); is it locked?"
        ) from None
