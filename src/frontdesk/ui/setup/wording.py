"""What a server check or a sign-in came to, in the window's words.

The background operations return a ``Reply`` (never raise), so the page can word each kind
of failure in the window's language: the certificate check's finding, an unreachable
server, a refused password.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from frontdesk.services.errors import (
    AuthFailed,
    CertificateRefused,
    FrontdeskError,
    ServerUnreachable,
)
from frontdesk.services.transport import ALLOW_SETTING, PlainHttpRefused, plain_http_off_machine

CONTEXT = "SetupWords"


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True, slots=True)
class Reply:
    """A background step's result: ``value``, or the error it raised."""

    value: Any = None
    error: FrontdeskError | None = None


def attempt(work: Callable[[], Any]) -> Reply:
    """Run ``work`` (on a worker thread); a ``FrontdeskError`` comes back as the reply."""
    try:
        return Reply(value=work())
    except FrontdeskError as error:
        return Reply(error=error)


def plain_http_refusal(url: str, *, allowed: bool) -> str:
    """The CLI's refusal of plain http off this machine, in the window's words; "" if fine."""
    if allowed or not plain_http_off_machine(url):
        return ""
    return (
        tr(
            "Refused to send anything to %1: plain http is unencrypted and is used only with "
            "localhost or a loopback address; use https, or set %2=1 to allow it."
        )
        .replace("%1", url)
        .replace("%2", ALLOW_SETTING)
    )


def checked_text(url: str, version: str) -> str:
    """A server that answered its health check."""
    if urlsplit(url).scheme.lower() == "https":
        text = tr("The server answered (version %1). Its certificate is trusted by this computer.")
    else:
        text = tr("The server answered (version %1), over plain http on this computer.")
    return text.replace("%1", version)


def failure_text(error: FrontdeskError, url: str) -> str:
    """A failed check or sign-in, in words: what happened and what to do."""
    if isinstance(error, PlainHttpRefused):
        return plain_http_refusal(url, allowed=False)
    if isinstance(error, CertificateRefused):
        return _certificate_text(error.kind)
    if isinstance(error, ServerUnreachable):
        return tr(
            "Cannot reach the server at %1. Check the address and the network, or ask your "
            "administrator whether the server is running. (%2)"
        ).replace("%1", url).replace("%2", str(error))  # fmt: skip
    if isinstance(error, AuthFailed):
        return tr("The server refused the sign-in: %1").replace("%1", str(error))
    return tr("Could not finish: %1").replace("%1", str(error))


def _certificate_text(kind: str) -> str:
    texts = {
        CertificateRefused.UNTRUSTED: lambda: tr(
            "The server's certificate is not trusted by this computer (self-signed or from an "
            "unknown authority): ask your administrator for the CA file and set "
            "FRONTDESK_CA_BUNDLE to it. Nothing was sent."
        ),
        CertificateRefused.NAME_MISMATCH: lambda: tr(
            "The server's certificate was issued for another name than this address: use the "
            "address the certificate names, or ask your administrator. Nothing was sent."
        ),
        CertificateRefused.EXPIRED: lambda: tr(
            "The server's certificate has expired: ask your administrator to renew it. "
            "Nothing was sent."
        ),
    }
    fallback = lambda: tr(  # noqa: E731
        "The server's certificate could not be verified: ask your administrator. Nothing was sent."
    )
    return texts.get(kind, fallback)()
