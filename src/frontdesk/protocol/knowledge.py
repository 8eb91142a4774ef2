"""The knowledge base on the wire: articles and documents desks pull, and what desks write.

Articles are company-wide and versioned: every change the back office makes (``frontdesk-server
kb import DIR``, ``PUT /api/v1/kb/articles/{source}`` from a CMS, a published draft) is a new
``version`` and reaches the desks as one row of the pull. An article and its translations share
a ``translation_group``. Desks get ``published`` and ``archived`` articles of their audience
(a till: ``cashiers`` and ``all``); drafts never reach a desk. Links inside ``body_md`` to
another article are ``kb:article/<id>``, to a document ``kb:document/<sha256>``.

Documents (PDFs, images) are stored by their SHA-256: the pull carries their metadata and the
text the server extracted from them; the content is fetched on its own, resumably
(``GET /api/v1/kb/documents/{sha256}`` with ``Range``).

Desk writes (push kinds):

- ``kb.feedback``  an article was shown, judged helpful or not, or used to answer a case
- ``kb.draft``     a supervisor's correction of an article; kept as a draft until an admin
                   publishes it (``POST /api/v1/kb/drafts/{id}/publish``)
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, model_validator

from frontdesk.protocol.cases import CodeText, Sha256Hex
from frontdesk.protocol.catalogue import SkuText
from frontdesk.protocol.wire import Text, UuidText, WireModel

LanguageName = Literal["en", "ru"]
AudienceName = Literal["agents", "cashiers", "all"]
ArticleStatusName = Literal["published", "archived"]
VerdictName = Literal["shown", "helpful", "not_helpful", "used_in_case"]
FeedbackContextName = Literal["search", "customer", "case", "till", "link"]
#: A tag or category as authors write them (``apt``, ``billing``, ``debian-faq/pkgtools``).
TagText = Annotated[str, Field(pattern=r"^[^\x00-\x1f\x7f]{1,64}$")]
MAX_TITLE = 300
MAX_BODY = 200_000
MAX_TAGS = 40
MAX_LINKS = 100
MAX_QUERY = 500
#: Text extracted from one document (pages separated by form feeds, ``\f``).
MAX_DOCUMENT_TEXT = 2_000_000
MAX_DOCUMENT_BYTES = 200 * 1024**2
#: The article's key in the system it came from: ``debian-faq/en/basic-defs#s-whatisfd`` for an
#: imported file's section, a CMS's own id for one it pushed.
SourceText = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:/#@+-]{0,299}$")]


# --------------------------------------------------------------------------- pull


class KbArticlePublic(WireModel):
    """One article at its newest version (``version`` counts from 1)."""

    id: str
    translation_group: str = Field(description="shared by an article and its translations")
    lang: LanguageName
    title: str
    body_md: str = Field(description="Markdown; kb:article/<id> and kb:document/<sha256> links")
    category: str
    tags: list[str]
    product_skus: list[str]
    case_categories: list[str]
    audience: AudienceName
    version: int
    author: str
    status: ArticleStatusName
    source: str
    updated_at: datetime
    documents: list[str] = Field(default_factory=list, description="SHA-256 of linked documents")
    seq: int


class KbDocumentPublic(WireModel):
    """What a desk knows of a document before (or without) fetching its content."""

    sha256: str
    name: str
    mime: str
    size: int
    page_count: int | None
    text: str = Field(description="extracted text, pages separated by \\f; bounded")
    text_truncated: bool = False
    article_ids: list[str]
    product_skus: list[str]
    seq: int


# --------------------------------------------------------------------------- in (back office)


class KbArticleIn(WireModel):
    """``PUT /api/v1/kb/articles/{source}``: an article as a CMS sends it. Same content as the
    stored version: nothing is written; else a new version."""

    lang: LanguageName
    title: Text(MAX_TITLE, min_length=1)
    body_md: Text(MAX_BODY)
    translation_key: Text(300, min_length=1) | None = Field(
        default=None,
        description="articles with one key are translations of each other (default: the source)",
    )
    category: Text(64) = ""
    tags: list[TagText] = Field(default_factory=list, max_length=MAX_TAGS)
    product_skus: list[SkuText] = Field(default_factory=list, max_length=MAX_LINKS)
    case_categories: list[CodeText] = Field(default_factory=list, max_length=MAX_LINKS)
    audience: AudienceName = "all"
    author: Text(100) = ""
    status: ArticleStatusName = "published"
    documents: list[Sha256Hex] = Field(default_factory=list, max_length=MAX_LINKS)


class KbArticleSaved(WireModel):
    """The answer to a PUT or a publish: the article's id and version, and whether it changed."""

    id: str
    version: int
    changed: bool


class KbDraftPublic(WireModel):
    """``GET /api/v1/kb/drafts``: corrections waiting for an admin."""

    id: str
    article_id: str
    base_version: int
    title: str
    body_md: str
    note: str
    author: str
    created_at: datetime
    status: Literal["pending", "published", "rejected"]


class KbReportRow(WireModel):
    """One article in one language: how desks used it."""

    article_id: str
    lang: LanguageName
    title: str
    source: str
    shown: int
    helpful: int
    not_helpful: int
    used_in_case: int


class KbReport(WireModel):
    """``GET /api/v1/kb/report``: every article with feedback, the most used first."""

    rows: list[KbReportRow]


# --------------------------------------------------------------------------- desk writes


class KbFeedback(WireModel):
    """``kb.feedback``: what became of an article at a desk; the item's key is its id."""

    article_id: UuidText
    article_version: int | None = Field(default=None, ge=1, le=2**31 - 1)
    verdict: VerdictName
    case_id: UuidText | None = None
    query: Text(MAX_QUERY) = ""
    context: FeedbackContextName | None = None
    at: AwareDatetime

    @model_validator(mode="after")
    def _case_named(self) -> KbFeedback:
        if self.verdict == "used_in_case" and self.case_id is None:
            raise ValueError("used_in_case names the case (case_id)")
        return self


class KbDraft(WireModel):
    """``kb.draft``: a correction of an article from ``base_version``; the item's key is the
    draft's id. Never published by a desk."""

    draft_id: UuidText
    article_id: UuidText
    base_version: int = Field(ge=1, le=2**31 - 1)
    title: Text(MAX_TITLE, min_length=1)
    body_md: Text(MAX_BODY)
    note: Text(2_000) = ""
    at: AwareDatetime
