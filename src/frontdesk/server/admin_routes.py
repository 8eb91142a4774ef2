"""Administration endpoints, for the admin role only (see server/deps.py for the role rules).

Each action calls the same ``server/access.py`` function as its ``frontdesk-server user …`` or
``device …`` command, so the window's admin pages and the CLI cannot drift apart. Every answer
is the account or device as it now is; none carries a password, hash or token.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, status
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol import DevicePublic, ErrorBody, PasswordReset, UserAccountPublic
from frontdesk.server import access
from frontdesk.server.deps import AdminUser, SessionDep
from frontdesk.server.models import User
from frontdesk.server.users import UserError

_ERRORS = {401: {"model": ErrorBody}, 403: {"model": ErrorBody}}
_ACTION_ERRORS = {**_ERRORS, 404: {"model": ErrorBody}, 422: {"model": ErrorBody}}
Username = Annotated[str, Path(min_length=1, max_length=100)]
DeviceId = Annotated[str, Path(min_length=1, max_length=100)]


def add_routes(router: APIRouter) -> None:
    def user_action(path: str, endpoint: Callable[..., UserAccountPublic]) -> None:
        router.add_api_route(
            f"/admin/users/{{username}}/{path}",
            endpoint,
            methods=["POST"],
            response_model=UserAccountPublic,
            responses=_ACTION_ERRORS,
        )

    router.add_api_route(
        "/admin/users",
        list_users,
        methods=["GET"],
        response_model=list[UserAccountPublic],
        responses=_ERRORS,
    )
    user_action("disable", disable_user)
    user_action("enable", enable_user)
    user_action("signout-everywhere", signout_everywhere)
    user_action("reset-password", reset_password)
    router.add_api_route(
        "/admin/devices",
        list_devices,
        methods=["GET"],
        response_model=list[DevicePublic],
        responses=_ERRORS,
    )
    router.add_api_route(
        "/admin/devices/{device_id}/revoke",
        revoke_device,
        methods=["POST"],
        response_model=DevicePublic,
        responses=_ACTION_ERRORS,
    )


def list_users(session: SessionDep, _admin: AdminUser) -> list[UserAccountPublic]:
    """Every user with role, branch and whether disabled, by username (never a password hash)."""
    return [_account(u) for u in session.scalars(select(User).order_by(User.username))]


def disable_user(request: Request, username: Username, _admin: AdminUser) -> UserAccountPublic:
    """``user disable``: the user's tokens and sign-ins are refused until enabled again."""
    return _on_user(request, username, lambda f: access.set_disabled(f, username, disabled=True))


def enable_user(request: Request, username: Username, _admin: AdminUser) -> UserAccountPublic:
    """``user enable``: a disabled user may sign in again."""
    return _on_user(request, username, lambda f: access.set_disabled(f, username, disabled=False))


def signout_everywhere(
    request: Request, username: Username, _admin: AdminUser
) -> UserAccountPublic:
    """``user signout-everywhere``: every token the user holds is refused from now on."""
    return _on_user(request, username, lambda f: access.signout_everywhere(f, username))


def reset_password(
    request: Request, username: Username, body: PasswordReset, _admin: AdminUser
) -> UserAccountPublic:
    """``user reset-password``: a new password (checked like ``user add``'s); signed out."""
    return _on_user(request, username, lambda f: access.reset_password(f, username, body.password))


def list_devices(request: Request, _admin: AdminUser) -> list[DevicePublic]:
    """``device list``: every registered workstation, oldest first."""
    return [_device(d) for d in access.list_devices(_factory(request))]


def revoke_device(request: Request, device_id: DeviceId, _admin: AdminUser) -> DevicePublic:
    """``device revoke``: every token bound to the device and any later sign-in there refused."""
    factory = _factory(request)
    try:
        access.revoke_device(factory, device_id)
    except access.UnknownDeviceId:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no device {device_id!r}") from None
    return next(_device(d) for d in access.list_devices(factory) if d.id == device_id)


def _factory(request: Request) -> sessionmaker[Session]:
    return request.app.state.session_factory


def _on_user(
    request: Request, username: str, change: Callable[[sessionmaker[Session]], None]
) -> UserAccountPublic:
    factory = _factory(request)
    try:
        change(factory)
    except access.UnknownUser as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from None
    except UserError as error:  # a password that breaks the rule of ``user add``
        raise HTTPException(422, str(error)) from None
    with factory() as session:
        return _account(
            session.scalars(select(User).where(User.username == username.strip())).one()
        )


def _account(user: User) -> UserAccountPublic:
    return UserAccountPublic(
        username=user.username,
        role=user.role,
        branch=user.branch,
        disabled=user.disabled_at is not None,
    )


def _device(device: access.DeviceInfo) -> DevicePublic:
    return DevicePublic(
        id=device.id,
        name=device.name,
        branch=device.branch,
        registered_by=device.registered_by,
        last_seen=device.last_seen,
        revoked_at=device.revoked_at,
    )
