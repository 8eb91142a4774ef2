"""The OpenAPI schema, with the push contract spelled out.

``POST /sync/push`` reads its items loosely (each is checked on its own), so FastAPI alone
would publish a body of untyped items. The schema published instead is ``PushRequest``: the
union of every write kind, so clients and schemathesis see each kind and its fields.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from frontdesk.protocol import PushRequest

_REF = "#/components/schemas/{model}"


def declare_push_contract(app: FastAPI) -> None:
    """Make ``app.openapi()`` publish ``PushRequest`` and the models it refers to."""

    def schema() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _with_push_request(_generated(app))
        return app.openapi_schema

    app.openapi = schema  # type: ignore[method-assign]


def _generated(app: FastAPI) -> dict[str, Any]:
    return get_openapi(
        title=app.title, version=app.version, openapi_version=app.openapi_version,
        description=app.description, routes=app.routes,
    )  # fmt: skip


def _with_push_request(document: dict[str, Any]) -> dict[str, Any]:
    request = PushRequest.model_json_schema(ref_template=_REF)
    components = document.setdefault("components", {}).setdefault("schemas", {})
    components.update(request.pop("$defs", {}))
    components[PushRequest.__name__] = request
    return document
