"""The knowledge base's wire: desk writes are bounded and checked, pull rows parse."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from frontdesk.protocol import PUSH_ITEM
from frontdesk.protocol.knowledge import KbArticleIn, KbDraft, KbFeedback
from frontdesk.protocol.push import outbox_form

AT = "2026-03-01T10:00:00+00:00"


def _feedback(**fields: object) -> dict[str, object]:
    return {"article_id": str(uuid.uuid4()), "verdict": "helpful", "at": AT, **fields}


def test_feedback_goes_out_as_its_kind_and_comes_back_through_the_union() -> None:
    kind, payload = outbox_form(KbFeedback.model_validate(_feedback(query="apt hold")))
    item = PUSH_ITEM.validate_python(
        {"key": str(uuid.uuid4()), "seq": 1, "created_at": AT, "kind": kind, "payload": payload}
    )
    assert (kind, item.payload.query) == ("kb.feedback", "apt hold")


def test_used_in_case_names_the_case() -> None:
    with pytest.raises(ValidationError, match="case_id"):
        KbFeedback.model_validate(_feedback(verdict="used_in_case"))
    KbFeedback.model_validate(_feedback(verdict="used_in_case", case_id=str(uuid.uuid4())))


@pytest.mark.parametrize(
    "bad",
    [{"verdict": "loved"}, {"query": "x" * 501}, {"article_id": "1"}, {"at": "2026-03-01T10:00"}],
)
def test_bad_feedback_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        KbFeedback.model_validate(_feedback(**bad))


def test_a_draft_is_bounded() -> None:
    draft = {"draft_id": str(uuid.uuid4()), "article_id": str(uuid.uuid4()), "base_version": 1,
             "title": "Fixed", "body_md": "text", "at": AT}  # fmt: skip
    assert outbox_form(KbDraft.model_validate(draft))[0] == "kb.draft"
    with pytest.raises(ValidationError):
        KbDraft.model_validate({**draft, "body_md": "x" * 200_001})
    with pytest.raises(ValidationError):
        KbDraft.model_validate({**draft, "base_version": 0})


def test_an_article_from_a_cms_refuses_unknown_fields_and_nul() -> None:
    KbArticleIn.model_validate({"lang": "en", "title": "T", "body_md": "b"})
    with pytest.raises(ValidationError):
        KbArticleIn.model_validate({"lang": "de", "title": "T", "body_md": "b"})
    with pytest.raises(ValidationError):
        KbArticleIn.model_validate({"lang": "en", "title": "T\x00", "body_md": "b"})
    with pytest.raises(ValidationError):
        KbArticleIn.model_validate({"lang": "en", "title": "T", "body_md": "b", "x": 1})
