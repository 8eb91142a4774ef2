"""Desks' writes about the knowledge base: feedback on articles and supervisors' drafts.

``kb.feedback`` is taken from any desk user, many at once (one lookup of the articles, one
insert), and names an article the server holds. ``kb.draft`` is a supervisor's (or an
admin's) correction; it is stored as a pending draft and changes no article until an admin
publishes it (``routes.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select

from frontdesk.protocol import Role
from frontdesk.protocol.knowledge import KbDraft as KbDraftWrite
from frontdesk.protocol.knowledge import KbFeedback as KbFeedbackWrite
from frontdesk.server.knowledge.models import KbArticle, KbDraft, KbFeedback
from frontdesk.server.push_items import ApplyContext, ItemForbidden, ItemRejected, Outcome

DESK_ROLES = frozenset({Role.AGENT.value, Role.CASHIER.value, Role.SUPERVISOR.value})
DRAFT_ROLES = frozenset({Role.SUPERVISOR.value, Role.ADMIN.value})


def apply_feedback(ctx: ApplyContext) -> dict[str, Any]:
    (outcome,) = apply_feedbacks([ctx])
    if not isinstance(outcome, dict):
        raise outcome
    return outcome


def apply_feedbacks(contexts: Sequence[ApplyContext]) -> list[Outcome]:
    """Many feedback items at once: one look at their articles, one insert."""
    session = contexts[0].session
    wanted = {ctx.item.payload.article_id for ctx in contexts}
    query = select(KbArticle.id, KbArticle.lang).where(KbArticle.id.in_(wanted))
    langs = {ident: lang for ident, lang in session.execute(query)}
    outcomes: list[Outcome] = []
    rows = []
    for ctx in contexts:
        feedback: KbFeedbackWrite = ctx.item.payload
        if ctx.user.role not in DESK_ROLES:
            who = f"{ctx.user.username} is a {ctx.user.role}"
            outcomes.append(ItemForbidden(f"{who}: feedback on articles comes from desk users"))
        elif feedback.article_id not in langs:
            outcomes.append(ItemRejected(f"article_id: unknown article {feedback.article_id}"))
        else:
            rows.append(_feedback_row(ctx, feedback, lang=langs[feedback.article_id]))
            outcomes.append({"feedback_id": ctx.item.key})
    if rows:
        session.execute(insert(KbFeedback), rows)
    return outcomes


def _feedback_row(ctx: ApplyContext, feedback: KbFeedbackWrite, *, lang: str) -> dict[str, Any]:
    return {
        "id": ctx.item.key, "article_id": feedback.article_id, "lang": lang,
        "article_version": feedback.article_version, "verdict": feedback.verdict,
        "case_id": feedback.case_id, "query": feedback.query, "context": feedback.context,
        "agent": ctx.user.username, "branch": ctx.user.branch, "device_id": ctx.device_id,
        "at": feedback.at, "recorded_at": ctx.now,
    }  # fmt: skip


def apply_draft(ctx: ApplyContext) -> dict[str, Any]:
    draft: KbDraftWrite = ctx.item.payload
    if ctx.user.role not in DRAFT_ROLES:
        raise ItemForbidden(
            f"{ctx.user.username} is a {ctx.user.role}: only supervisors correct articles"
        )
    if draft.draft_id != ctx.item.key:
        raise ItemRejected("draft_id: must be the item's key")
    article = ctx.session.get(KbArticle, draft.article_id)
    if article is None:
        raise ItemRejected(f"article_id: unknown article {draft.article_id}")
    if draft.base_version > article.version:
        raise ItemRejected(
            f"base_version: the article is at version {article.version}, not {draft.base_version}"
        )
    ctx.session.add(_draft_row(ctx, draft))
    return {"draft_id": draft.draft_id, "status": "pending", "article_version": article.version}


def _draft_row(ctx: ApplyContext, draft: KbDraftWrite) -> KbDraft:
    return KbDraft(
        id=draft.draft_id, article_id=draft.article_id, base_version=draft.base_version,
        title=draft.title, body_md=draft.body_md, note=draft.note, author=ctx.user.username,
        branch=ctx.user.branch, device_id=ctx.device_id, created_at=ctx.now, status="pending",
    )  # fmt: skip
