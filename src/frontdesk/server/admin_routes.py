"""Administration endpoints, for the admin role only (see server/deps.py for the role rules)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select

from frontdesk.protocol import ErrorBody, UserPublic
from frontdesk.server.deps import AdminUser, SessionDep
from frontdesk.server.models import User

_ERRORS = {401: {"model": ErrorBody}, 403: {"model": ErrorBody}}


def add_routes(router: APIRouter) -> None:
    router.add_api_route(
        "/admin/users",
        list_users,
        methods=["GET"],
        response_model=list[UserPublic],
        responses=_ERRORS,
    )


def list_users(session: SessionDep, _admin: AdminUser) -> list[UserPublic]:
    """Every user with role and branch, by username (never a password hash)."""
    users = session.scalars(select(User).order_by(User.username))
    return [UserPublic(username=u.username, role=u.role, branch=u.branch) for u in users]
