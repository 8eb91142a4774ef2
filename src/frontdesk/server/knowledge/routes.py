"""The knowledge base's HTTP API.

- ``PUT /kb/articles/{source}`` (admin): an article from a CMS, keyed by its source; the same
  content writes nothing, other content is a new version.
- ``GET /kb/drafts`` and ``POST /kb/drafts/{id}/publish|reject`` (admin): supervisors'
  corrections. Publishing one made on an older version than the article's is refused with
  409 unless ``force=true``.
- ``GET /kb/report`` (admin): feedback per article and language.
- ``GET /kb/documents/{sha256}`` (any signed-in user): a document's content, one byte range
  of it with ``Range: bytes=N-`` (a desk resumes a download), streamed from the database in
  chunks so a large document is never held whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, Body, HTTPException, Path, Query, Request, status
from fastapi.responses import Response, StreamingResponse
from pydantic import TypeAdapter
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol import ErrorBody
from frontdesk.protocol.knowledge import (
    KbArticleIn,
    KbArticleSaved,
    KbDraftPublic,
    KbReport,
    SourceText,
)
from frontdesk.server.byte_ranges import served_range
from frontdesk.server.db import utcnow
from frontdesk.server.deps import AdminUser, CurrentUser, SessionDep
from frontdesk.server.knowledge.models import KbArticle, KbDocument, KbDocumentBlob, KbDraft
from frontdesk.server.knowledge.report import feedback_report
from frontdesk.server.knowledge.store import (
    ArticleContent,
    KbInputError,
    save_article,
    stored_content,
)

CHUNK = 1024 * 1024
_ERRORS = {code: {"model": ErrorBody} for code in (401, 403)}
Sha256Path = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="lowercase hex")]
_SOURCE: TypeAdapter[str] = TypeAdapter(SourceText)
DraftId = Annotated[str, Path(pattern=r"^[0-9a-fA-F-]{36}$")]


def add_routes(router: APIRouter) -> None:
    add = router.add_api_route
    add(
        "/kb/articles/{source:path}",
        put_article,
        methods=["PUT"],
        response_model=KbArticleSaved,
        responses={**_ERRORS, 422: {"model": ErrorBody}},
    )
    add(
        "/kb/drafts", drafts, methods=["GET"], response_model=list[KbDraftPublic], responses=_ERRORS
    )
    add(
        "/kb/drafts/{draft_id}/publish",
        publish,
        methods=["POST"],
        response_model=KbArticleSaved,
        responses={**_ERRORS, 404: {"model": ErrorBody}, 409: {"model": ErrorBody}},
    )
    add(
        "/kb/drafts/{draft_id}/reject",
        reject,
        methods=["POST"],
        status_code=status.HTTP_204_NO_CONTENT,
        responses={**_ERRORS, 404: {"model": ErrorBody}, 409: {"model": ErrorBody}},
    )
    add("/kb/report", report, methods=["GET"], response_model=KbReport, responses=_ERRORS)
    add("/kb/documents/{sha256}", download, methods=["GET"],
        responses={**_ERRORS, 404: {"model": ErrorBody}, 416: {"model": ErrorBody},
                   200: {"content": {"application/octet-stream": {}}}})  # fmt: skip


def put_article(
    source: str, body: Annotated[KbArticleIn, Body()], session: SessionDep, user: AdminUser
) -> KbArticleSaved:
    """Create or change the article whose key in the CMS is ``source``."""
    checked = _source(source)
    content = ArticleContent(
        source=checked, lang=body.lang, title=body.title, body_md=body.body_md,
        translation_key=body.translation_key or checked, category=body.category,
        tags=tuple(body.tags), product_skus=tuple(body.product_skus),
        case_categories=tuple(body.case_categories), audience=body.audience,
        author=body.author or user.username, status=body.status, documents=tuple(body.documents),
    )  # fmt: skip
    try:
        saved = save_article(session, content, now=utcnow())
    except KbInputError as error:
        raise HTTPException(422, detail=str(error)) from None
    session.commit()
    return KbArticleSaved(id=saved.id, version=saved.version, changed=saved.changed)


def _source(source: str) -> str:
    try:
        return _SOURCE.validate_python(source)
    except ValueError:
        raise HTTPException(
            422, detail="source: letters, digits and _ . : / # @ + - only, at most 300"
        ) from None


def drafts(
    session: SessionDep,
    user: AdminUser,
    status_: Annotated[Literal["pending", "published", "rejected"], Query(alias="status")] = (
        "pending"
    ),
) -> list[KbDraftPublic]:
    query = select(KbDraft).where(KbDraft.status == status_).order_by(KbDraft.created_at)
    return [KbDraftPublic.model_validate(row, from_attributes=True)
            for row in session.scalars(query)]  # fmt: skip


def publish(
    draft_id: DraftId, session: SessionDep, user: AdminUser, force: bool = False
) -> KbArticleSaved:
    """Publish the draft as the article's next version (its author the draft's)."""
    draft = _pending(session, draft_id)
    # Locked until the commit: a second admin publishing at once waits, then sees the new
    # version (409), instead of writing the same version number (a 500).
    article = session.get(KbArticle, draft.article_id, with_for_update=True,
                          populate_existing=True)  # fmt: skip
    assert article is not None  # a draft's article is a foreign key
    if article.version != draft.base_version and not force:
        raise HTTPException(
            409, detail=f"the article is at version {article.version}; the draft was made on "
            f"version {draft.base_version}: publish with force=true to replace it anyway",
        )  # fmt: skip
    content = replace(stored_content(session, article), title=draft.title,
                      body_md=draft.body_md, author=draft.author)  # fmt: skip
    saved = save_article(session, content, now=utcnow())
    _decide(draft, "published", by=user.username)
    session.commit()
    return KbArticleSaved(id=saved.id, version=saved.version, changed=saved.changed)


def reject(draft_id: DraftId, session: SessionDep, user: AdminUser) -> Response:
    _decide(_pending(session, draft_id), "rejected", by=user.username)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _pending(session: Session, draft_id: str) -> KbDraft:
    draft = session.get(KbDraft, draft_id.lower(), with_for_update=True, populate_existing=True)
    if draft is None:
        raise HTTPException(404, detail=f"no draft {draft_id}")
    if draft.status != "pending":
        raise HTTPException(409, detail=f"the draft was {draft.status} already")
    return draft


def _decide(draft: KbDraft, outcome: str, *, by: str) -> None:
    draft.status, draft.decided_by, draft.decided_at = outcome, by, utcnow()


def report(session: SessionDep, user: AdminUser) -> KbReport:
    return feedback_report(session)


# --------------------------------------------------------------------------- documents


def download(
    sha256: Sha256Path, request: Request, session: SessionDep, user: CurrentUser
) -> Response:
    """The document's content, or the byte range ``Range`` asks for (206)."""
    found = session.execute(
        select(KbDocument.size, KbDocument.mime).where(KbDocument.sha256 == sha256)
    ).first()
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no document {sha256}")
    size, mime = found
    served = served_range(request, size=size, etag=f'"{sha256}"')
    factory = request.app.state.session_factory
    chunks = _chunks(factory, sha256, start=served.start, end=served.end)
    return StreamingResponse(
        chunks, status_code=served.status_code, media_type=mime, headers=served.headers
    )


def _chunks(
    factory: sessionmaker[Session], sha256: str, *, start: int, end: int
) -> Iterator[bytes]:
    # Its own session: the response is streamed after the request's session is closed.
    with factory() as session:
        position = start
        while position <= end:
            length = min(CHUNK, end - position + 1)
            part = func.substr(KbDocumentBlob.content, position + 1, length)
            yield session.scalar(select(part).where(KbDocumentBlob.sha256 == sha256)) or b""
            position += length
