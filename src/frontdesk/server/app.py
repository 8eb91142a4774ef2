"""The HTTP API: ``create_app(settings)`` builds a FastAPI app with its own engine.

Nothing lives in module globals, so tests build as many apps as they like and every
server process is stateless apart from its connection pool.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from frontdesk import __version__
from frontdesk.protocol import (
    API_PREFIX,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    ErrorBody,
    Health,
    LoginRequest,
    PullPage,
    RefreshRequest,
    TokenPair,
)
from frontdesk.server import (
    admin_routes,
    auth,
    crosssell_feedback,
    desk_versions,
    openapi,
    sync_routes,
    write_kinds,
)
from frontdesk.server.body_limit import BodyLimit
from frontdesk.server.cases import attachment_routes
from frontdesk.server.cases import pull as case_pull
from frontdesk.server.cases import routes as case_routes
from frontdesk.server.cases.attachment_routes import UPLOAD_PREFIX
from frontdesk.server.catalogue import routes as catalogue_routes
from frontdesk.server.db import make_engine, session_factory, utcnow
from frontdesk.server.deps import CurrentUser, SessionDep, SettingsDep, taken_back
from frontdesk.server.devices import DeviceRefused
from frontdesk.server.knowledge import pull as kb_pull
from frontdesk.server.knowledge import routes as kb_routes
from frontdesk.server.orders import routes as order_routes
from frontdesk.server.pull import pull_page_json
from frontdesk.server.reporting import report_routes
from frontdesk.server.reporting import routes as feed_routes
from frontdesk.server.settings import Settings
from frontdesk.server.snapshot import routes as snapshot_routes
from frontdesk.server.snapshot.schedule import Rebuilder
from frontdesk.server.till import feed as till_feed
from frontdesk.server.till import routes as till_routes
from frontdesk.server.till import signing

#: The largest cursor a BIGINT change_seq can hold; larger ones are a client error.
MAX_CURSOR = 2**63 - 1

_UNAUTHORIZED = {401: {"model": ErrorBody}}
_LOGIN_ERRORS = {**_UNAUTHORIZED, 403: {"model": ErrorBody}, 429: {"model": ErrorBody}}


def create_app(settings: Settings) -> FastAPI:
    """The API on the database of ``settings`` (which must already be migrated).

    The journal signing key is read (made first, if there is none) before anything else:
    a server with an unusable key file does not start.
    """
    signer, _created = signing.load_or_create(
        settings.signing_key_path(), database_url=settings.database_url
    )
    engine = make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        rebuilder = _snapshot_rebuilder(app, settings)
        yield
        if rebuilder is not None:
            rebuilder.stop()
        engine.dispose()

    app = FastAPI(title="Frontdesk server", version=__version__, lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory(engine)
    app.state.write_kinds = write_kinds.registry(signer)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(desk_versions.DeskTooOld, desk_versions.too_old_answer)
    app.add_middleware(
        BodyLimit,
        max_bytes=settings.max_body_bytes,
        paths={
            UPLOAD_PREFIX: (settings.attachment_max_bytes, "an attachment"),
            API_PREFIX + catalogue_routes.STOCK_PATH: (
                max(settings.max_body_bytes, catalogue_routes.STOCK_MAX_BYTES),
                "a stock batch",
            ),
        },
    )
    app.include_router(_router(), prefix=API_PREFIX)
    openapi.declare_push_contract(app)
    return app


def _snapshot_rebuilder(app: FastAPI, settings: Settings) -> Rebuilder | None:
    if not settings.snapshot_every:
        return None
    rebuilder = Rebuilder(app.state.session_factory, every=settings.snapshot_every)
    rebuilder.start()
    return rebuilder


def create_app_from_env() -> FastAPI:
    """App factory for ``uvicorn --factory`` (one per worker process): settings from env."""
    return create_app(Settings.load())


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """422 with one readable ``detail`` string, as every other error has."""
    problems = [
        f"{'.'.join(str(p) for p in error['loc'])}: {error['msg']}"
        for error in exc.errors()  # type: ignore[attr-defined]
    ]
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        content={"detail": "; ".join(problems) or "invalid request"},
    )


def _router() -> APIRouter:
    router = APIRouter()
    router.add_api_route("/health", health, methods=["GET"], response_model=Health)
    router.add_api_route(
        "/auth/login", login, methods=["POST"], response_model=TokenPair, responses=_LOGIN_ERRORS
    )
    router.add_api_route(
        "/auth/refresh",
        refresh,
        methods=["POST"],
        response_model=TokenPair,
        responses=_UNAUTHORIZED,
    )
    router.add_api_route(
        "/auth/logout", logout, methods=["POST"], status_code=status.HTTP_204_NO_CONTENT
    )
    router.add_api_route(
        "/sync/pull", pull, methods=["GET"], response_model=PullPage, responses=_UNAUTHORIZED
    )
    desk_versions.add_routes(router)
    sync_routes.add_routes(router)
    crosssell_feedback.add_routes(router)
    admin_routes.add_routes(router)
    till_routes.add_routes(router)
    case_routes.add_routes(router)
    attachment_routes.add_routes(router)
    catalogue_routes.add_routes(router)
    order_routes.add_routes(router)
    kb_routes.add_routes(router)
    snapshot_routes.add_routes(router)
    feed_routes.add_routes(router)
    report_routes.add_routes(router)
    return router


def health(session: SessionDep, request: Request) -> Health | JSONResponse:
    """Liveness and database reachability, for load balancers and the client."""
    dialect = request.app.state.engine.dialect.name
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        body = Health(status="database unavailable", version=__version__, database=dialect)
        return JSONResponse(status_code=503, content=body.model_dump())
    return Health(status="ok", version=__version__, database=dialect)


def login(
    body: LoginRequest, request: Request, session: SessionDep, settings: SettingsDep
) -> TokenPair:
    """Tokens for a password; 429 with ``Retry-After`` while the name or the address must
    wait (server/throttle.py). The address is the TCP peer's: behind a reverse proxy, the
    proxy's."""
    try:
        pair = auth.login(
            session,
            username=body.username,
            password=body.password,
            settings=settings,
            now=utcnow(),
            device_id=body.device_id,
            device_name=body.device_name,
            address=request.client.host if request.client else None,
        )
    except DeviceRefused as exc:
        session.commit()  # the password was right: that attempt is not a failure
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=str(exc)) from None
    except auth.InvalidCredentials as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=str(exc)) from None
    except auth.LoginThrottled as exc:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail=str(exc),
            headers={"Retry-After": str(exc.retry_after_s)},
        ) from None
    session.commit()
    return pair


def refresh(body: RefreshRequest, session: SessionDep, settings: SettingsDep) -> TokenPair:
    try:
        pair = auth.refresh(
            session, refresh_token=body.refresh_token, settings=settings, now=utcnow()
        )
    except auth.AccessTakenBack as refused:
        raise taken_back(refused) from None
    except auth.InvalidToken as exc:
        # A reused refresh token too: its family is revoked, but it may be the desk's own
        # lost answer retried too late, so no taken-back marker: the desk keeps its verifiers.
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=str(exc)) from None
    session.commit()
    return pair


def logout(body: RefreshRequest, session: SessionDep) -> None:
    auth.logout(session, refresh_token=body.refresh_token)
    session.commit()


def pull(
    session: SessionDep,
    user: CurrentUser,
    cursor: Annotated[int, Query(ge=0, le=MAX_CURSOR)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    floor: Annotated[
        int,
        Query(
            ge=0,
            le=MAX_CURSOR,
            description="the cursor of the snapshot the desk attached: the snapshot kinds' "
            "changes up to it are left out",
        ),
    ] = 0,
) -> Response:
    """Customers, products, purchases, the till transactions of the user's branch (not for
    agents), the cases of the user's branch and teams and the cases' reference lists, the
    orders of the user's branch and of its customers, changed after ``cursor`` (a
    ``PullPage``, written without models); with ``floor``, without the snapshot kinds'
    changes up to it."""
    branch = till_feed.puller_branch(user)
    cases = case_pull.scope_of(session, user)
    orders = user.branch or None
    audience = kb_pull.audience_of(user)
    page = pull_page_json(session, cursor=cursor, limit=limit, branch=branch, cases=cases,
                          orders=orders, audience=audience, floor=floor)  # fmt: skip
    return Response(content=page, media_type="application/json")
