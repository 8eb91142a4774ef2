"""The refresh token in the OS keyring: the only module that imports ``keyring``.

The token is stored under service ``frontdesk`` and user ``"{server_url}|{username}"``.
It is never written to a file, a log or QSettings: if no real keyring is available
(no Secret Service on Linux, the fail/null backends, a plain-file backend), every operation
raises ``CredentialStoreUnavailable`` saying so, instead of falling back to something weaker.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import chainer, fail

from frontdesk.services.errors import CredentialStoreUnavailable
from frontdesk.services.ports import AbstractCredentials

SERVICE = "frontdesk"
# Backends that would either drop the secret or keep it in a file next to the cache.
_REFUSED_MODULES = ("keyring.backends.null", "keyrings.alt")
_HELP = "on Linux, run a Secret Service (e.g. gnome-keyring) in your D-Bus session and unlock it"


def account(server_url: str, username: str) -> str:
    """The keyring user name a token is stored under."""
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
    """Refresh tokens in the OS keyring (checked on every call, so headless commands that
    never touch credentials work on a machine without one)."""

    def store(self, server_url: str, username: str, refresh_token: str) -> None:
        backend = usable_backend()
        with _keyring_errors("store the login in"):
            backend.set_password(SERVICE, account(server_url, username), refresh_token)

    def load(self, server_url: str, username: str) -> str | None:
        backend = usable_backend()
        with _keyring_errors("read the login from"):
            return backend.get_password(SERVICE, account(server_url, username))

    def delete(self, server_url: str, username: str) -> None:
        backend = usable_backend()
        try:
            backend.delete_password(SERVICE, account(server_url, username))
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
