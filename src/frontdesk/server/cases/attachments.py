"""Case attachments on the server: their content kept once by its SHA-256, and the
``case.attach`` applier.

A desk uploads a file's content first (``PUT /attachments/{sha256}``, see
``attachment_routes``), then pushes the ``case.attach`` item that names it. The applier
takes the item only once the content is here: one whose content is missing (an upload
that failed, a desk that skipped it) is deferred, not refused, so the desk keeps it and
sends it again after the next upload. An attachment is a line of the case's append-only
history (``attached``, its id the item's key), so every desk that pulls the case's history
gets it; who may fetch the content is whoever may pull a case that names it.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from frontdesk.protocol.cases import CaseAttach
from frontdesk.server.cases.models import Case, CaseAttachment, CaseAttachmentBlob
from frontdesk.server.cases.pull import CaseScope
from frontdesk.server.cases.writes import _case, _check_author, _event, _when
from frontdesk.server.db import allocate_seq
from frontdesk.server.push_items import ApplyContext, ItemDeferred, ItemRejected


class HashMismatch(ValueError):
    """The uploaded bytes are not the content the address names."""


def apply_case_attach(ctx: ApplyContext) -> dict[str, Any]:
    attach: CaseAttach = ctx.item.payload
    _check_author(ctx)
    if attach.attachment_id != ctx.item.key:
        raise ItemRejected("attachment_id: must be the item's key")
    case = _case(ctx, attach.case_id)
    stored = ctx.session.scalar(
        select(CaseAttachmentBlob.size).where(CaseAttachmentBlob.sha256 == attach.sha256)
    )
    if stored is None:
        raise ItemDeferred(
            f"sha256: the content {attach.sha256} of {attach.file_name!r} has not been "
            "uploaded yet; upload it, then send this item again"
        )
    if stored != attach.size:
        raise ItemRejected(
            f"size: the content {attach.sha256} is {stored} bytes, not {attach.size}"
        )
    at = _when(ctx, case, attach.at)
    ctx.session.add(_attachment_row(ctx, attach, at=at, branch=ctx.user.branch))
    seq = allocate_seq(ctx.session)
    _event(ctx, case, kind="attached", at=at, body=attach.file_name,
           visibility=attach.visibility, new=attach.sha256, seq=seq)  # fmt: skip
    return {"case_id": case.id, "event_id": attach.attachment_id, "change_seq": seq}


def _attachment_row(
    ctx: ApplyContext, attach: CaseAttach, *, at: datetime, branch: str
) -> CaseAttachment:
    return CaseAttachment(
        id=attach.attachment_id, case_id=attach.case_id, sha256=attach.sha256,
        file_name=attach.file_name, media_type=attach.media_type, size=attach.size,
        visibility=attach.visibility, author=ctx.user.username, branch=branch,
        device_id=ctx.device_id, at=at,
    )  # fmt: skip


# --------------------------------------------------------------------------- contents


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def store_blob(session: Session, sha256: str, content: bytes, *, now: datetime) -> bool:
    """Keep ``content`` under ``sha256`` (the caller commits); False when it was there.

    Raises:
        HashMismatch: ``content`` hashes to something else.
    """
    actual = sha256_hex(content)
    if actual != sha256:
        raise HashMismatch(
            f"the uploaded content's SHA-256 is {actual}, not {sha256} as the address says "
            "(the upload was cut or changed on its way): upload it again"
        )
    values = {"sha256": sha256, "size": len(content), "content": content, "created_at": now}
    # Two processes may store one content at once: the first insert wins, the other is a no-op.
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(CaseAttachmentBlob).values(values).on_conflict_do_nothing()
    return bool(session.execute(statement.returning(CaseAttachmentBlob.sha256)).first())


def missing_blobs(session: Session, wanted: list[str]) -> list[str]:
    """Those of ``wanted`` the server does not hold, in their order."""
    query = select(CaseAttachmentBlob.sha256).where(CaseAttachmentBlob.sha256.in_(set(wanted)))
    held = set(session.scalars(query))
    return [sha for sha in dict.fromkeys(wanted) if sha not in held]


def visible_blob(session: Session, sha256: str, *, scope: CaseScope) -> bytes | None:
    """The content, if a case of ``scope`` (its branch's, its teams') has it attached."""
    seen = exists().where(
        CaseAttachment.sha256 == sha256,
        Case.id == CaseAttachment.case_id,
        (Case.branch == scope.branch) | Case.assignee_team.in_(scope.teams),
    )
    query = select(CaseAttachmentBlob.content).where(CaseAttachmentBlob.sha256 == sha256, seen)
    return session.scalar(query)
