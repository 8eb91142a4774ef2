"""FastAPI dependencies as `Annotated` aliases: SessionDep, SettingsDep, CurrentUser, AdminUser.

Which role may call what: every endpoint but health and auth needs a live access token
(``CurrentUser``, any role); administration (``/admin/...``) needs the admin role
(``AdminUser``, else 403). A push must come from the device its token is bound to
(``CurrentLogin``; checked in server/push.py); a token bound to no device may read and pull,
never push.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from frontdesk.protocol import ACCESS_HEADER, TAKEN_BACK, Role
from frontdesk.server.auth import (
    ACCESS,
    AccessTakenBack,
    BoundLogin,
    InvalidToken,
    login_for_token,
)
from frontdesk.server.db import utcnow
from frontdesk.server.models import User
from frontdesk.server.settings import Settings

_bearer = HTTPBearer(auto_error=False)


def get_session(request: Request) -> Iterator[Session]:
    """A session per request; endpoints that write commit before they answer."""
    with request.app.state.session_factory() as session:
        yield session


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_current_login(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> BoundLogin:
    """The user and device of the request's live access token, else 401 (saying why when
    an admin took the access back)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorized("missing bearer token")
    try:
        found = login_for_token(session, credentials.credentials, kind=ACCESS, now=utcnow())
    except AccessTakenBack as refused:
        raise taken_back(refused) from None
    if found is None:
        raise _unauthorized("access token is invalid or expired")
    return found


CurrentLogin = Annotated[BoundLogin, Depends(get_current_login)]


def get_current_user(login: CurrentLogin) -> User:
    """The user of the request's live access token, else 401."""
    return login.user


def taken_back(refused: InvalidToken) -> HTTPException:
    """401 that tells the desk to lock and forget its login, not to retry it: an admin took
    the access back (a sign-in used twice is a plain 401: the family is revoked, but the
    desk keeps its offline verifiers)."""
    answer = _unauthorized(str(refused))
    answer.headers = {**(answer.headers or {}), ACCESS_HEADER: TAKEN_BACK}
    return answer


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )


CurrentUser = Annotated[User, Depends(get_current_user)]


def require_role(*roles: Role) -> Callable[[User], User]:
    """A dependency passing the current user only if it holds one of ``roles``, else 403."""
    allowed = {role.value for role in roles}

    def check(user: CurrentUser) -> User:
        if user.role not in allowed:
            names = ", ".join(sorted(allowed))
            raise HTTPException(
                status_code=status.HTTP_403_FORBIDDEN,
                detail=f"this needs the role {names}; {user.username} is {user.role}",
            )
        return user

    return check


AdminUser = Annotated[User, Depends(require_role(Role.ADMIN))]
