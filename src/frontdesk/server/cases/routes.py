"""``GET /cases?customer_id=``: every case of a customer, on demand.

A desk keeps its branch's and teams' cases from the pull; a customer who opened cases
elsewhere is asked for when they are in front of it (any desk user's token; an admin's is
refused with 403: the admin pages have no cases).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from frontdesk.protocol import ErrorBody
from frontdesk.protocol.cases import CustomerCases
from frontdesk.protocol.wire import text_problem
from frontdesk.server.cases.pull import customer_cases
from frontdesk.server.cases.writes import CASE_ROLES
from frontdesk.server.deps import CurrentUser, SessionDep

_ERRORS = {code: {"model": ErrorBody} for code in (401, 403)}


def add_routes(router: APIRouter) -> None:
    router.add_api_route(
        "/cases", cases_of, methods=["GET"], response_model=CustomerCases, responses=_ERRORS
    )


def cases_of(
    session: SessionDep,
    user: CurrentUser,
    customer_id: Annotated[str, Query(min_length=1, max_length=36)],
) -> CustomerCases:
    """Every case of the customer (any branch, any status) with its events, oldest first."""
    if user.role not in CASE_ROLES:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="only desk users read cases")
    problem = text_problem(customer_id)
    if problem is not None:  # never a database error (PostgreSQL text holds no NUL)
        raise HTTPException(422, detail=f"customer_id: {problem}")
    cases, events = customer_cases(session, customer_id)
    return CustomerCases.model_validate(
        {"customer_id": customer_id, "cases": cases, "case_events": events}
    )
