"""The desk version rules: ``GET /desk/version``, and 426 for a push from a desk too old.

The server publishes the current desk version, the minimum and the download address
(``FRONTDESK_SERVER_DESK_*``); a desk reads them at each full sync, before it pushes. A push
(``POST /sync/push``, the one path every desk write takes, the till's journal included) from
a desk below the minimum, or one whose ``User-Agent`` names no version while a minimum is
set, is answered 426 before its token is even looked up: none of its items is checked or
written. The desk keeps those writes in its outbox until it is updated.

Only the push is held back. Sign-in, refresh, device registration and pull still work: an
old desk keeps its lookups fresh and its user signed in, which is what lets it go on
working "offline" (recording, not sending) instead of going blind. A supervisor's approval
(``/till/approvals``) is a sign-in that issues a token; the entry it approves is itself a
push, held back like every other, and the token still holds when that entry is sent after
the update (its check is against the entry's own time). The admin actions (``/admin/...``)
change accounts and devices, each checked here in full; an admin must be able to take
access back from whatever desk is at hand.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from frontdesk.protocol.versions import (
    TOO_OLD_STATUS,
    VERSION_PATH,
    DeskTooOldBody,
    DeskVersions,
    below_minimum,
    version_from_user_agent,
)
from frontdesk.server.deps import SettingsDep


class DeskTooOld(Exception):
    """A push from a desk below the minimum; answered 426 with ``body``."""

    def __init__(self, body: DeskTooOldBody) -> None:
        super().__init__(body.detail)
        self.body = body


#: The OpenAPI entry of a route that refuses desks below the minimum.
TOO_OLD_RESPONSE = {TOO_OLD_STATUS: {"model": DeskTooOldBody}}


def add_routes(router: APIRouter) -> None:
    router.add_api_route(VERSION_PATH, desk_version, methods=["GET"], response_model=DeskVersions)


def desk_version(settings: SettingsDep) -> DeskVersions:
    """The current desk version, the oldest whose pushes are taken (null: any) and where
    the current one is downloaded (null: not said). No sign-in needed."""
    return settings.desk_versions()


def desk_accepted(request: Request, settings: SettingsDep) -> None:
    """A dependency: raise ``DeskTooOld`` unless the requesting desk's version is taken."""
    minimum = settings.desk_minimum_version
    if minimum is None:
        return
    named = version_from_user_agent(request.headers.get("user-agent"))
    if below_minimum(named, minimum):
        raise DeskTooOld(_refusal(None if named is None else str(named), settings))


def _refusal(desk: str | None, settings: SettingsDep) -> DeskTooOldBody:
    versions = settings.desk_versions()
    minimum = versions.minimum
    if desk is None:
        said = (
            "this desk does not say its Frontdesk version; the server takes pushes only "
            f"from {minimum} or newer"
        )
    else:
        said = f"Frontdesk {desk} is older than the server takes pushes from ({minimum} or newer)"
    where = f" (download: {versions.download_url})" if versions.download_url else ""
    detail = (
        f"{said}; update the desk to {versions.current}{where}. "
        "Its changes wait on the desk until then."
    )
    return DeskTooOldBody(detail=detail, desk_version=desk, **versions.model_dump())


async def too_old_answer(_request: Request, exc: Exception) -> JSONResponse:
    """426 with the refusal's body (the exception handler of ``DeskTooOld``)."""
    assert isinstance(exc, DeskTooOld)
    return JSONResponse(status_code=TOO_OLD_STATUS, content=exc.body.model_dump())
