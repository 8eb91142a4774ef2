"""The contents of case attachments: upload, download, and what a desk asks before either.

- ``PUT /attachments/{sha256}``: the raw content, from a desk user's device login (as a
  push). The server hashes what arrived: a content that is not what the address names is
  refused (422) and kept nowhere; one over ``FRONTDESK_SERVER_ATTACHMENT_MAX_BYTES`` is
  refused (413) before it is read whole (``body_limit``). Idempotent: 201 when stored now,
  200 when it was there already.
- ``POST /attachments/missing``: which of these contents the server lacks (a desk skips
  uploading the others).
- ``GET /attachments/limits``: the largest attachment taken, so a desk refuses a bigger
  file before queuing it.
- ``GET /attachments/{sha256}``: the content, to a user who may pull a case it is attached
  to (the case pull's scope: the user's branch and teams); otherwise 404, as if unknown.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response, status
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from frontdesk.protocol import ErrorBody
from frontdesk.protocol.api import API_PREFIX
from frontdesk.protocol.cases import AttachmentLimits, MissingBlobs
from frontdesk.server.auth import BoundLogin
from frontdesk.server.cases.attachments import (
    HashMismatch,
    missing_blobs,
    store_blob,
    visible_blob,
)
from frontdesk.server.cases.pull import scope_of
from frontdesk.server.cases.writes import CASE_ROLES
from frontdesk.server.db import utcnow
from frontdesk.server.deps import CurrentLogin, SessionDep, SettingsDep

#: Where the attachment limit applies instead of the general body limit (``app.py``).
UPLOAD_PREFIX = f"{API_PREFIX}/attachments/"
Sha256Path = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="lowercase hex")]
_ERRORS = {code: {"model": ErrorBody} for code in (401, 403)}


def add_routes(router: APIRouter) -> None:
    # The fixed paths first: "limits" is no SHA-256, but the order makes it plain.
    router.add_api_route(
        "/attachments/limits", limits, methods=["GET"], response_model=AttachmentLimits,
        responses=_ERRORS,
    )  # fmt: skip
    router.add_api_route(
        "/attachments/missing", missing, methods=["POST"], response_model=MissingBlobs,
        responses=_ERRORS,
    )  # fmt: skip
    router.add_api_route(
        "/attachments/{sha256}", upload, methods=["PUT"], status_code=status.HTTP_201_CREATED,
        responses={**_ERRORS, 200: {"description": "the content was there already"},
                   413: {"model": ErrorBody}, 422: {"model": ErrorBody}},
    )  # fmt: skip
    router.add_api_route(
        "/attachments/{sha256}", download, methods=["GET"],
        responses={**_ERRORS, 404: {"model": ErrorBody},
                   200: {"content": {"application/octet-stream": {}}}},
    )  # fmt: skip


def limits(login: CurrentLogin, settings: SettingsDep) -> AttachmentLimits:
    _check_desk(login)
    return AttachmentLimits(max_bytes=settings.attachment_max_bytes)


def missing(body: MissingBlobs, login: CurrentLogin, session: SessionDep) -> MissingBlobs:
    _check_desk(login)
    return MissingBlobs(sha256=missing_blobs(session, list(body.sha256)))


async def upload(
    sha256: Sha256Path, request: Request, login: CurrentLogin, settings: SettingsDep
) -> Response:
    _check_desk(login)
    content = await request.body()  # at most the attachment limit (``body_limit``)
    if len(content) > settings.attachment_max_bytes:  # never past the middleware; kept plain
        raise HTTPException(413, detail=f"an attachment over {settings.attachment_max_bytes} bytes")
    if not content:
        raise HTTPException(422, detail="an attachment's content must not be empty")
    factory = request.app.state.session_factory
    try:
        created = await run_in_threadpool(_store, factory, sha256, content)
    except HashMismatch as error:
        raise HTTPException(422, detail=str(error)) from None
    code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return Response(status_code=code, content=f'{{"sha256":"{sha256}"}}',
                    media_type="application/json")  # fmt: skip


def _store(factory: sessionmaker[Session], sha256: str, content: bytes) -> bool:
    with factory() as session, session.begin():
        return store_blob(session, sha256, content, now=utcnow())


def download(sha256: Sha256Path, login: CurrentLogin, session: SessionDep) -> Response:
    _check_desk(login)
    content = visible_blob(session, sha256, scope=scope_of(session, login.user))
    if content is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no attachment {sha256} for you")
    headers = {"Cache-Control": "private, max-age=0", "ETag": f'"{sha256}"'}
    return Response(content=content, media_type="application/octet-stream", headers=headers)


def _check_desk(login: BoundLogin) -> None:
    """Attachments are a desk's: a case user signed in on a device."""
    if login.user.role not in CASE_ROLES:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="only desk users handle cases")
    if login.device_id is None:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail="this login was made without a device id: log in again with the device id "
            "of the workstation to handle attachments",
        )
