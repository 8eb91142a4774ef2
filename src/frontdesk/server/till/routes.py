"""The till's own route: ``POST /till/approvals``, a supervisor approving one entry.

401: the cashier's token is missing, expired or taken back. 403: the approval is refused
(the supervisor's name or password, role, account or branch; the cashier's role, device or
register), with the reason. 429: the supervisor's account is locked after too many failed
sign-ins. See ``server.till.approvals``.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status

from frontdesk.protocol import ErrorBody
from frontdesk.protocol.till import TillApprovalGranted, TillApprovalRequest
from frontdesk.server import auth
from frontdesk.server.db import utcnow
from frontdesk.server.deps import CurrentLogin, SessionDep, SettingsDep
from frontdesk.server.till import approvals

_ERRORS = {code: {"model": ErrorBody} for code in (401, 403, 429)}


def add_routes(router: APIRouter) -> None:
    router.add_api_route(
        "/till/approvals",
        approve,
        methods=["POST"],
        response_model=TillApprovalGranted,
        status_code=status.HTTP_201_CREATED,
        responses=_ERRORS,
    )


def approve(
    body: TillApprovalRequest,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    login: CurrentLogin,
) -> TillApprovalGranted:
    """A single-use approval of the entry ``body`` describes, if the supervisor may give it."""
    address = request.client.host if request.client else None
    try:
        return approvals.issue(
            session, login, body, settings=settings, now=utcnow(), address=address
        )
    except approvals.ApprovalDenied as refused:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(refused)) from None
    except auth.LoginThrottled as throttled:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail=str(throttled),
            headers={"Retry-After": str(throttled.retry_after_s)},
        ) from None
