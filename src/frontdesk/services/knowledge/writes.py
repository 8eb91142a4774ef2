"""What the desk writes about articles: feedback (shown, helpful, not helpful, used in a
case) and a supervisor's correction (a draft an admin publishes on the server).

Each is one outbox item (``kb.feedback``, ``kb.draft``) committed in one cache transaction,
its key the feedback's or the draft's own id, so a replay is the same item.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from frontdesk.protocol.knowledge import KbDraft, KbFeedback
from frontdesk.services.outbox import OutboxEntry
from frontdesk.services.unit_of_work import AbstractUnitOfWork
from frontdesk.services.writes import InvalidWrite

Clock = Callable[[], datetime]
VERDICTS = ("shown", "helpful", "not_helpful", "used_in_case")
CONTEXTS = ("search", "customer", "case", "till", "link")
SUPERVISORS = ("supervisor", "admin")
_Model = TypeVar("_Model", bound=BaseModel)


def _now() -> datetime:
    return datetime.now(UTC)


def record_feedback(
    uow: AbstractUnitOfWork,
    *,
    article_id: str,
    version: int | None,
    verdict: str,
    case_id: str | None = None,
    query: str = "",
    context: str | None = None,
    clock: Clock = _now,
) -> OutboxEntry:
    """Queue one verdict on an article.

    Raises:
        InvalidWrite: an unknown verdict or context, a used_in_case without its case, a
            malformed id (the message names the field).
    """
    feedback = _checked(
        KbFeedback, article_id=article_id, article_version=version, verdict=verdict,
        case_id=case_id, query=query[:500], context=context, at=clock(),
    )  # fmt: skip
    with uow:
        entry = uow.outbox.add(feedback, key=str(uuid.uuid4()))
        uow.commit()
    return entry


def submit_draft(
    uow: AbstractUnitOfWork,
    *,
    article_id: str,
    base_version: int,
    title: str,
    body_md: str,
    note: str = "",
    role: str,
    clock: Clock = _now,
) -> OutboxEntry:
    """Queue a supervisor's correction of an article (never published from the desk).

    Raises:
        InvalidWrite: the desk's user is no supervisor, or a field is empty or too long.
    """
    if role not in SUPERVISORS:
        raise InvalidWrite("only a supervisor may correct an article")
    draft_id = str(uuid.uuid4())
    draft = _checked(
        KbDraft, draft_id=draft_id, article_id=article_id, base_version=base_version,
        title=title.strip(), body_md=body_md, note=note, at=clock(),
    )  # fmt: skip
    with uow:
        entry = uow.outbox.add(draft, key=draft_id)
        uow.commit()
    return entry


def _checked(model: type[_Model], **fields: object) -> _Model:
    try:
        return model(**fields)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "value"
        raise InvalidWrite(f"{where}: {first['msg']}") from None
