"""Which desk versions a server takes: what it publishes, and the one rule both sides apply.

A desk names its version in every request's ``User-Agent`` (``frontdesk/0.1.0``). A server
publishes the current desk version, the oldest it takes writes from (None: every desk) and
where an update is downloaded (``GET /desk/version``, no sign-in needed). A push from a desk
below the minimum, or from one that does not name its version while a minimum is set, is
refused with 426 and a ``DeskTooOldBody``; that desk keeps its writes in its outbox and sends
them once it is updated. Versions compare as PEP 440 versions (``packaging``), so ``0.10``
is newer than ``0.9`` and ``0.2.0rc1`` older than ``0.2.0``.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from packaging.version import InvalidVersion, Version
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

USER_AGENT_PRODUCT = "frontdesk"
VERSION_PATH = "/desk/version"
#: The status of a push refused for the desk's version: 426 Upgrade Required.
TOO_OLD_STATUS = 426


def parse_version(raw: str) -> Version:
    """``raw`` as a PEP 440 version; ``ValueError`` saying so when it is not one."""
    try:
        return Version(raw.strip())
    except InvalidVersion:
        raise ValueError(f"{raw!r} is not a version (such as 0.2.0)") from None


def web_address(raw: str) -> str:
    """``raw`` if it is an http or https address with a host, else ``ValueError``.

    A desk opens it in the browser when its user clicks it: a ``file:`` or ``javascript:``
    address from a tampered server must never get that far.
    """
    parts = urlsplit(raw.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{raw!r} is not an http or https address")
    return raw.strip()


def user_agent(version: str) -> str:
    """The ``User-Agent`` a desk of ``version`` sends."""
    return f"{USER_AGENT_PRODUCT}/{version}"


def version_from_user_agent(header: str | None) -> Version | None:
    """The desk version a ``User-Agent`` names (``frontdesk/0.1.0``), or None: no such
    product token, or not a version."""
    for token in (header or "").split():
        product, _, version = token.partition("/")
        if product.lower() == USER_AGENT_PRODUCT:
            try:
                return Version(version)
            except InvalidVersion:
                return None
    return None


def below_minimum(desk: str | Version | None, minimum: str | None) -> bool:
    """Whether a server with ``minimum`` refuses the writes of a desk of version ``desk``.

    No minimum: every desk is taken. A desk whose version is not known (None, or not a
    version) is not trusted to be new enough while there is one.
    """
    if minimum is None:
        return False
    if desk is None:
        return True
    try:
        return Version(str(desk)) < parse_version(minimum)
    except InvalidVersion:
        return True


def newer_available(desk: str, current: str | None) -> bool:
    """Whether the server's ``current`` desk version is newer than ``desk``."""
    if current is None:
        return False
    try:
        return parse_version(current) > Version(desk)
    except (InvalidVersion, ValueError):
        return False


def _version_text(raw: str) -> str:
    parse_version(raw)
    return raw.strip()


VersionText = Annotated[str, Field(max_length=64), AfterValidator(_version_text)]
WebAddress = Annotated[str, Field(max_length=2000), AfterValidator(web_address)]


class DeskVersions(BaseModel):
    """What a server publishes about desk versions (``GET /desk/version``).

    Unknown fields are ignored, unlike the other wire models: this is the one answer a desk
    of any age must still read from a newer server.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    current: VersionText
    minimum: VersionText | None = None
    download_url: WebAddress | None = None


class DeskTooOldBody(DeskVersions):
    """The 426 answer to a push from a desk below the minimum: the server's words, the
    version the desk named (None: it named none) and what the server publishes."""

    detail: str
    desk_version: str | None = None
