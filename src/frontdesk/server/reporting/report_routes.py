"""``GET /api/v1/reports``: the reports for the back office and the supervisors' screen.

Back office and administrators read every branch (or one, with ``branch``); a supervisor
reads their own branch only and is refused any other. Money is a decimal string and each
money row names its currency.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, status

from frontdesk.protocol import ErrorBody, Role
from frontdesk.server.deps import SessionDep, require_role
from frontdesk.server.models import User
from frontdesk.server.reporting import engine, output
from frontdesk.server.reporting.catalogue import REPORTS
from frontdesk.server.reporting.relations import Window

ReportReader = Annotated[User, Depends(require_role(Role.BACKOFFICE, Role.ADMIN, Role.SUPERVISOR))]
_ERRORS = {400: {"model": ErrorBody}, 401: {"model": ErrorBody}, 403: {"model": ErrorBody},
           404: {"model": ErrorBody}}  # fmt: skip
#: The longest window one request may cover (a year and a bit: last year against this one).
MAX_DAYS = 400
Day = Annotated[date, Query()]


def add_routes(router: APIRouter) -> None:
    router.add_api_route("/reports", list_reports, methods=["GET"], responses=_ERRORS)
    router.add_api_route("/reports/{name}", read_report, methods=["GET"], responses=_ERRORS)
    router.add_api_route("/reports/{name}/drill", drill, methods=["GET"], responses=_ERRORS)


def list_reports(_user: ReportReader) -> dict[str, Any]:
    """The reports, their dimensions and figures."""
    return {"reports": [
        {"name": r.name, "title": r.title, "dimensions": list(r.dims),
         "default_by": list(r.default_by),
         "figures": [{"name": f.name, "type": f.type} for f in r.figures]}
        for r in REPORTS.values()
    ]}  # fmt: skip


def read_report(
    session: SessionDep,
    user: ReportReader,
    name: str,
    first: Annotated[date, Query(alias="from")],
    last: Annotated[date, Query(alias="to")],
    branch: Annotated[str | None, Query(max_length=100)] = None,
    by: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """The report's figures over days ``from``..``to`` grouped by ``by`` (comma-separated)."""
    window = _window(user, first, last, branch)
    dims = tuple(d for d in (by or "").split(",") if d) or None
    try:
        result = engine.run(session, _known(name), window=window, by=dims)
    except engine.ReportError as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(error)) from None
    return output.as_json(result)


def drill(
    session: SessionDep,
    user: ReportReader,
    name: str,
    first: Annotated[date, Query(alias="from")],
    last: Annotated[date, Query(alias="to")],
    cell: Annotated[str, Query(max_length=2000)],
    branch: Annotated[str | None, Query(max_length=100)] = None,
) -> dict[str, Any]:
    """The transactions behind one cell (``cell``: a JSON object of dimension -> value)."""
    window = _window(user, first, last, branch)
    try:
        found = engine.drill(session, _known(name), window=window, cell=_parse_cell(cell))
    except engine.ReportError as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(error)) from None
    rows = [dict(zip(found.columns, map(output.wire, r), strict=True)) for r in found.rows]
    return {"report": found.report, "cell": found.cell, "total": found.total, "rows": rows}


def _known(name: str) -> str:
    if name not in REPORTS:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no report named {name[:40]!r}")
    return name


def _window(user: User, first: date, last: date, branch: str | None) -> Window:
    if user.role == Role.SUPERVISOR:
        if branch not in (None, user.branch):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, detail="a supervisor reads their own branch only"
            )
        branch = user.branch
    if last < first or (last - first).days > MAX_DAYS:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            detail=f"the window must run forwards and cover at most {MAX_DAYS} days",
        )
    return Window(first, last, branch)


def _parse_cell(text: str) -> dict[str, str | None]:
    try:
        cell = json.loads(text)
    except ValueError:
        cell = None
    if (
        not isinstance(cell, dict)
        or len(cell) > 8
        or not all(
            isinstance(k, str) and (v is None or isinstance(v, str | int)) for k, v in cell.items()
        )
    ):
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, detail="cell: a JSON object of dimension -> text"
        )
    return {k: None if v is None else str(v) for k, v in cell.items()}
