"""``GET /api/v1/feed``: the transaction feed for the back office (backoffice, admin)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status

from frontdesk.protocol import ErrorBody, Role
from frontdesk.server.deps import SessionDep, require_role
from frontdesk.server.models import User
from frontdesk.server.reporting import feed

FeedReader = Annotated[User, Depends(require_role(Role.BACKOFFICE, Role.ADMIN))]
_ERRORS = {400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 403: {"model": ErrorBody}}


def add_routes(router: APIRouter) -> None:
    router.add_api_route("/feed", read_feed, methods=["GET"], responses=_ERRORS)


def read_feed(
    session: SessionDep,
    _user: FeedReader,
    cursor: Annotated[str | None, Query(max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=feed.MAX_LIMIT)] = 1000,
) -> dict[str, Any]:
    """Rows after ``cursor`` in feed order, each with its ``kind``; ``next_cursor`` goes on.

    Money and quantities are decimal strings, each row naming its currency."""
    top = feed.horizon(session)
    try:
        position = feed.parse_cursor(cursor, horizon=top)
    except feed.BadCursor as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(error)) from None
    page = feed.page(session, position, limit=limit, top=top)
    return {"rows": page.rows, "next_cursor": str(page.next_cursor),
            "horizon": str(page.horizon), "more": page.next_cursor < page.horizon}  # fmt: skip
