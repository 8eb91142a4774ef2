"""``PUT /api/v1/stock``: the back office's stock feed (admin role, else 403).

A batch of up to 100,000 rows is applied in one transaction, set-based (stock.py); its answer
counts the rows applied, unchanged and stale (a stored newer figure kept), and names each
refused row (an unknown SKU, a key twice in the batch) by its place in the batch, from 1.
A malformed batch is a 422 naming the row and field, and writes nothing.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from frontdesk.protocol import ErrorBody
from frontdesk.protocol.catalogue import StockBatch, StockResult
from frontdesk.server.catalogue.stock import apply_stock
from frontdesk.server.db import transaction
from frontdesk.server.deps import AdminUser

STOCK_PATH = "/stock"
#: The body limit of a stock batch: 100,000 rows of the longest branch and warehouse names
#: fit (about 600 bytes a row); the other routes keep the server's smaller limit.
STOCK_MAX_BYTES = 64 * 1024 * 1024
_ERRORS = {401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 413: {"model": ErrorBody},
           422: {"model": ErrorBody}}  # fmt: skip


def add_routes(router: APIRouter) -> None:
    router.add_api_route(
        STOCK_PATH, put_stock, methods=["PUT"], response_model=StockResult, responses=_ERRORS
    )


def put_stock(request: Request, body: StockBatch, _admin: AdminUser) -> StockResult:
    """Replace the figures of the batch's (sku, branch, warehouse) unless the stored one is
    newer; each applied row is a change desks pull."""
    with transaction(request.app.state.session_factory) as session:
        outcome = apply_stock(session, enumerate(body.rows, start=1))
    return StockResult(
        applied=outcome.applied,
        unchanged=outcome.unchanged,
        stale=outcome.stale,
        refused=outcome.problems,
    )
