"""The snapshot's HTTP API, for any signed-in desk user (as ``/sync/pull``).

- ``GET /sync/snapshot``: the newest snapshot's description (404 while there is none).
- ``GET /sync/snapshots/{id}``: its content, one byte range of it with ``Range`` (a desk
  resumes a download), ``If-Range`` against its ``ETag`` (the SHA-256), streamed from the
  database a stored chunk at a time.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, status
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import select

from frontdesk.protocol import ErrorBody
from frontdesk.protocol.snapshot import SnapshotPublic
from frontdesk.server.byte_ranges import served_range
from frontdesk.server.deps import CurrentUser, SessionDep
from frontdesk.server.snapshot import store
from frontdesk.server.snapshot.models import Snapshot

#: What the content is: a SQLite database file.
MEDIA_TYPE = "application/vnd.sqlite3"
_ERRORS = {code: {"model": ErrorBody} for code in (401, 404)}
SnapshotId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def add_routes(router: APIRouter) -> None:
    router.add_api_route(
        "/sync/snapshot",
        newest,
        methods=["GET"],
        response_model=SnapshotPublic,
        responses=_ERRORS,
    )
    router.add_api_route(
        "/sync/snapshots/{snapshot_id}",
        content,
        methods=["GET"],
        response_class=Response,
        responses={
            **_ERRORS,
            206: {"description": "the range asked for"},
            416: {"model": ErrorBody},
        },
    )


def newest(session: SessionDep, user: CurrentUser) -> SnapshotPublic:
    """The newest snapshot: a new desk downloads it before its first pull."""
    found = store.newest(session)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="no snapshot has been built")
    return store.public(found)


def content(
    snapshot_id: SnapshotId, request: Request, session: SessionDep, user: CurrentUser
) -> Response:
    """The snapshot's bytes, or the byte range ``Range`` asks for (206)."""
    found = session.execute(
        select(Snapshot.size, Snapshot.sha256).where(Snapshot.id == snapshot_id)
    ).first()
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no snapshot {snapshot_id}")
    size, sha256 = found
    served = served_range(request, size=size, etag=f'"{sha256}"')
    chunks = store.read_range(request.app.state.session_factory, snapshot_id,
                              start=served.start, end=served.end)  # fmt: skip
    return StreamingResponse(chunks, status_code=served.status_code, media_type=MEDIA_TYPE,
                             headers=served.headers)  # fmt: skip
