"""Which server addresses the desk may talk to in the clear.

Plain http carries passwords, tokens and customer data readable on the way, so the desk uses
it only within this machine: to a host written as ``localhost`` or a literal loopback address
(127.0.0.0/8, ::1). The address is judged as written, before any name lookup: a name that
resolves to this machine today may resolve elsewhere tomorrow. ``FRONTDESK_ALLOW_PLAIN_HTTP=1``
allows plain http to any host; the window and ``frontdesk sync --status`` then warn.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from frontdesk.services.errors import FrontdeskError

ALLOW_SETTING = "FRONTDESK_ALLOW_PLAIN_HTTP"


class PlainHttpRefused(FrontdeskError):
    """A plain http server address off this machine, without the setting that allows it."""


def is_loopback(host: str) -> bool:
    """``localhost`` or a literal loopback address, as written (no lookup)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def plain_http_off_machine(url: str | None) -> bool:
    """Whether ``url`` is plain http to a host that is not this machine's loopback."""
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme.lower() == "http" and not is_loopback(parts.hostname or "")


def refuse_plain_http(url: str, *, allowed: bool) -> None:
    """Raise ``PlainHttpRefused`` for plain http off this machine, unless ``allowed``."""
    if allowed or not plain_http_off_machine(url):
        return
    raise PlainHttpRefused(
        f"refused to send anything to {url}: plain http is unencrypted and is used only with "
        f"localhost or a loopback address; use https, or set {ALLOW_SETTING}=1 to allow it"
    )
