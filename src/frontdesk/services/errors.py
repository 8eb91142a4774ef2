"""Errors the client's use cases raise. Each message is one line a person can act on.

Adapters raise these (they implement the service layer's ports), so the UI and the CLI
catch ``FrontdeskError`` alone and show ``str(error)``; no traceback reaches the user.
"""

from __future__ import annotations

from frontdesk.protocol.versions import DeskVersions


class FrontdeskError(Exception):
    """Base class of every error the client reports to its user."""


class ServerUnreachable(FrontdeskError):
    """The central server could not be reached (refused, DNS, TLS, timeout)."""


class CertificateRefused(ServerUnreachable):
    """The server's TLS certificate failed verification; nothing was sent.

    Attributes:
        kind: ``UNTRUSTED`` (self-signed, or signed by a CA this computer does not trust),
            ``NAME_MISMATCH`` (issued for another host), ``EXPIRED``, or ``OTHER``: what a
            window words in its own language.
    """

    UNTRUSTED, NAME_MISMATCH, EXPIRED, OTHER = "untrusted", "name_mismatch", "expired", "other"

    def __init__(self, message: str, *, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class AuthFailed(FrontdeskError):
    """The server refused the credentials or token; the message carries its reason."""


class AccessRevoked(AuthFailed):
    """An admin took this login's access back (user disabled or signed out everywhere,
    device revoked): the desk locks and forgets the login instead of retrying it."""


class ApprovalDenied(FrontdeskError):
    """The server would not issue a supervisor's approval (their password, role, account or
    branch, or the cashier's); the message carries its reason."""


class ApprovalThrottled(ApprovalDenied):
    """Too many failed sign-ins for the supervisor's name or from this till: try later. Says
    nothing about the password typed (it was not checked)."""


class AdminRefused(FrontdeskError):
    """The server would not do an admin's action on a user or device (no such user or
    device, a password that breaks the rule); the message is the server's reason."""


class DeskTooOld(FrontdeskError):
    """The server takes no pushes from this desk's version (426): the outbox keeps them
    until Frontdesk is updated.

    Attributes:
        versions: what the server said it takes, or None when its answer did not say.
    """

    def __init__(self, message: str, *, versions: DeskVersions | None = None) -> None:
        super().__init__(message)
        self.versions = versions


class ProtocolError(FrontdeskError):
    """The server answered, but not with what the protocol promises."""


class CredentialStoreUnavailable(FrontdeskError):
    """No usable OS keyring, so a refresh token cannot be stored safely."""


class NotLoggedIn(FrontdeskError):
    """An operation needs a login this workstation does not have (or no longer has)."""


class CacheError(FrontdeskError):
    """The local cache cannot be opened or does not accept the data."""


class NoCrossSellModel(FrontdeskError):
    """The cache holds no cross-sell model yet (the server has not trained one, or no sync)."""
