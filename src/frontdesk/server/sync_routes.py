"""Routes of the push side of sync: device registration and ``POST /sync/push``."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status
from sqlalchemy.exc import IntegrityError

from frontdesk.protocol import DeviceRegistration, ErrorBody, PushBatch, PushRequest, PushResponse
from frontdesk.server.deps import CurrentLogin, SessionDep
from frontdesk.server.desk_versions import TOO_OLD_RESPONSE, desk_accepted
from frontdesk.server.devices import DeviceRefused, UnknownDevice, register_device
from frontdesk.server.push import Pusher, push

_ERRORS = {401: {"model": ErrorBody}, 403: {"model": ErrorBody}}


def add_routes(router: APIRouter) -> None:
    router.add_api_route(
        "/devices",
        register,
        methods=["POST"],
        status_code=status.HTTP_204_NO_CONTENT,
        responses=_ERRORS,
    )
    router.add_api_route(
        "/sync/push",
        push_items,
        methods=["POST"],
        response_model=PushResponse,
        responses={**_ERRORS, **TOO_OLD_RESPONSE},
        # First of all: a desk below the minimum is refused before its token is looked up.
        dependencies=[Depends(desk_accepted)],
        # The contract is the typed union; the route reads items loosely so that each one is
        # checked, and refused, on its own (see server/push.py).
        openapi_extra={"requestBody": _typed_body()},
    )


def register(body: DeviceRegistration, session: SessionDep, login: CurrentLogin) -> None:
    """Register the workstation ``device_id`` (idempotent: a known device stays as it is)."""
    try:
        register_device(
            session,
            device_id=body.device_id,
            name=body.name,
            user=login.user,
            token_device=login.device_id,
        )
        session.commit()
    except (UnknownDevice, DeviceRefused) as error:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(error)) from None
    except IntegrityError:  # another server process registered it a moment ago
        session.rollback()


def _typed_body() -> dict[str, object]:
    schema = {"$ref": f"#/components/schemas/{PushRequest.__name__}"}
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def push_items(body: PushBatch, request: Request, login: CurrentLogin) -> PushResponse:
    """Apply each item at most once; one result per item, in order (see server/push.py).

    403 when the token was issued on no device (log in with a device id) or on another one.
    """
    pusher = Pusher(login.user.id, login.device_id)
    try:
        return push(
            request.app.state.session_factory,
            body,
            pusher=pusher,
            registry=request.app.state.write_kinds,
        )
    except UnknownDevice as error:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(error)) from None
