"""The orders' API: the back office creates and changes orders, desks read them.

- ``POST /orders`` (admin): create an order; its number is the key. 201 with the stored
  order; 200 with it for a repeat of the same content; 409 for other content under a
  taken number; 422 naming the field (``lines.2.sku``) for an order that breaks a rule.
- ``PATCH /orders/{number}`` (admin): 200 with the order; 404 unknown; 409 when the order
  is not in ``old_status`` (the body names the stored status); 422 for a move the
  lifecycle does not have.
- ``GET /orders?customer_id=`` and ``GET /orders/{number}`` (desk users): the orders with
  their events, any branch; an admin's token is refused (403) as for cases.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response, status
from fastapi.responses import JSONResponse

from frontdesk.protocol import ErrorBody
from frontdesk.protocol.orders import OrderIn, OrderNumberText, OrderPatch, OrderPublic, OrdersFound
from frontdesk.protocol.wire import text_problem
from frontdesk.server.cases.writes import CASE_ROLES
from frontdesk.server.db import utcnow
from frontdesk.server.deps import AdminUser, CurrentUser, SessionDep
from frontdesk.server.models import User
from frontdesk.server.orders import wire
from frontdesk.server.orders.changes import OrderMissing, StatusConflict, patch_order
from frontdesk.server.orders.checks import OrderProblem
from frontdesk.server.orders.store import OrderTaken, Stored, store_orders

_ERRORS = {code: {"model": ErrorBody} for code in (401, 403, 404, 409, 422)}
NumberPath = Annotated[OrderNumberText, Path()]


def add_routes(router: APIRouter) -> None:
    router.add_api_route("/orders", create, methods=["POST"], response_model=OrderPublic,
                         status_code=201, responses=_ERRORS)  # fmt: skip
    router.add_api_route("/orders", of_customer, methods=["GET"], response_model=OrdersFound,
                         responses=_ERRORS)  # fmt: skip
    router.add_api_route("/orders/{number}", change, methods=["PATCH"],
                         response_model=OrderPublic, responses=_ERRORS)  # fmt: skip
    router.add_api_route("/orders/{number}", by_number, methods=["GET"],
                         response_model=OrdersFound, responses=_ERRORS)  # fmt: skip


def create(body: OrderIn, session: SessionDep, admin: AdminUser, response: Response) -> OrderPublic:
    """Store a new order (201) or return the stored one of the same content (200)."""
    (outcome,) = store_orders(session, [body], by=admin.username, now=utcnow())
    if isinstance(outcome, OrderTaken):
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(outcome))
    if isinstance(outcome, OrderProblem):
        raise HTTPException(422, detail=str(outcome))
    assert isinstance(outcome, Stored)
    session.commit()
    if not outcome.created:
        response.status_code = status.HTTP_200_OK
    return _one(session, body.number)


def change(
    number: NumberPath, body: OrderPatch, session: SessionDep, admin: AdminUser
) -> OrderPublic | JSONResponse:
    """Apply the patch; each change is an event of the order."""
    try:
        patch_order(session, number, body, by=admin.username, now=utcnow())
    except OrderMissing as missing:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=str(missing)) from None
    except StatusConflict as conflict:
        body_409 = {"detail": str(conflict), "status": conflict.stored}
        return JSONResponse(status_code=status.HTTP_409_CONFLICT, content=body_409)
    except OrderProblem as problem:
        raise HTTPException(422, detail=str(problem)) from None
    session.commit()
    return _one(session, number)


def of_customer(
    session: SessionDep,
    user: CurrentUser,
    customer_id: Annotated[str, Query(min_length=1, max_length=36)],
) -> OrdersFound:
    """Every order of the customer (any branch, any status) with its events, oldest first."""
    _desk_user(user)
    problem = text_problem(customer_id)
    if problem is not None:  # never a database error (PostgreSQL text holds no NUL)
        raise HTTPException(422, detail=f"customer_id: {problem}")
    found = wire.orders(session, wire.ORDERS.c.customer_id == customer_id,
                        by=wire.ORDERS.c.placed_at)  # fmt: skip
    return _found(session, found)


def by_number(number: NumberPath, session: SessionDep, user: CurrentUser) -> OrdersFound:
    """One order by its number, with its events; 404 if there is none."""
    _desk_user(user)
    found = wire.orders(session, wire.ORDERS.c.number == number)
    if not found:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no order {number}")
    return _found(session, found)


def _desk_user(user: User) -> None:
    if user.role not in CASE_ROLES:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="only desk users read orders")


def _found(session: SessionDep, found: list[wire.Row]) -> OrdersFound:
    ids = [order["id"] for order in found]
    events = wire.events(session, wire.EVENTS.c.order_id.in_(ids)) if ids else []
    return OrdersFound.model_validate({"orders": found, "order_events": events})


def _one(session: SessionDep, number: str) -> OrderPublic:
    (found,) = wire.orders(session, wire.ORDERS.c.number == number)
    return OrderPublic.model_validate(found)
