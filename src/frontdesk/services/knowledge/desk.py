"""``DeskKnowledge``: the knowledge base at this desk, for the window and the CLI, offline.

Searches are in the desk's language first (``language``): an answer found in either
language is shown in it when it has that version. Suggestions come from what the agent has
open: a customer (articles linked to the products they bought), a case (its category's
articles, then its words), a till's basket (its products' articles).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from frontdesk.domain.knowledge import LANGUAGES
from frontdesk.services.errors import FrontdeskError
from frontdesk.services.knowledge.documents import (
    AbstractDocumentFiles,
    DocumentSource,
    DocumentUnavailable,
    Prefetched,
    open_document,
    prefetch,
)
from frontdesk.services.knowledge.ports import AbstractKnowledge, KbArticle, KbHit

PRODUCT, CASE_CATEGORY = "product", "case_category"
MAX_QUERY = 500  # characters of a query read; a longer paste is cut
MAX_LIMIT = 100
BOUGHT = 50  # a customer's most recent products that suggest articles


class UnknownArticle(FrontdeskError):
    """The article is not in this desk's cache (never pulled, archived, or another audience)."""


class DeskKnowledge:
    """Search, read and suggest articles from the cache.

    Args:
        knowledge: the cache's knowledge-base port.
        language: the desk's language ("en" or "ru"; another falls back to "en").
        files: where documents' contents are kept (None: documents cannot be opened).
        source: the server, for a document not held here (None: never asked).
        budget: bytes of documents kept ahead of opening; largest: the largest fetched ahead.
    """

    def __init__(
        self,
        knowledge: AbstractKnowledge,
        *,
        language: str = "en",
        files: AbstractDocumentFiles | None = None,
        source: Callable[[], DocumentSource] | None = None,
        budget: int = 0,
        largest: int = 0,
    ) -> None:
        self._kb, self._files, self._source = knowledge, files, source
        self._budget, self._largest = budget, largest
        self.language = language if language in LANGUAGES else "en"

    def open_document(self, sha256: str) -> Path:
        """The document's file, fetched now if this desk does not hold it.

        Raises:
            DocumentUnavailable: offline (``offline``) and not held, or no good copy.
        """
        if self._files is None:
            raise DocumentUnavailable("this desk keeps no documents", offline=True)
        return open_document(self._kb, self._files, sha256.strip(), source=self._source)

    def prefetch_documents(self) -> Prefetched:
        """Fetch ahead the documents that fit the budget (a sync's last step)."""
        if self._files is None or self._source is None:
            return Prefetched()
        return prefetch(self._kb, self._files, source=self._source(), budget=self._budget,
                        largest=self._largest)  # fmt: skip

    def search(self, text: str, *, limit: int = 10, lang: str | None = None) -> list[KbHit]:
        """The best answers to what the agent typed, best first (none for no words)."""
        text = text[:MAX_QUERY].strip()
        if not text:
            return []
        return self._kb.search(text, lang=self._lang(lang), limit=_bounded(limit))

    def article(self, article_id: str) -> KbArticle:
        """Raises:
        UnknownArticle: the cache does not hold it."""
        found = self._kb.article(article_id.strip())
        if found is None:
            raise UnknownArticle(f"no article {article_id} in this desk's knowledge base")
        return found

    def translation(self, article_id: str) -> KbArticle | None:
        """The same article in the other language, when it has one."""
        others = self.article(article_id).translations
        return self._kb.article(others[0][0]) if others else None

    def for_products(self, skus: Sequence[str], *, limit: int = 5) -> list[KbHit]:
        """Articles of these products (a basket's), those of more of them first."""
        keys = [s.strip() for s in dict.fromkeys(skus) if s.strip()]
        return self._kb.linked(kind=PRODUCT, keys=keys, lang=self.language, limit=_bounded(limit))

    def for_customer(self, customer_id: str, *, limit: int = 5) -> list[KbHit]:
        """Articles of the products the customer bought (their most recent ``BOUGHT``)."""
        return self.for_products(self._kb.bought_skus(customer_id, limit=BOUGHT), limit=limit)

    def for_case(self, *, category: str, subject: str, description: str = "",
                 limit: int = 5) -> list[KbHit]:  # fmt: skip
        """Articles of the case's category first, then those its words find."""
        limit = _bounded(limit)
        linked = self._kb.linked(
            kind=CASE_CATEGORY, keys=[category] if category else [], lang=self.language,
            limit=limit,
        )  # fmt: skip
        found = self.search(f"{subject} {description}"[:MAX_QUERY], limit=limit)
        return _merged(linked, found, limit)

    def _lang(self, lang: str | None) -> str:
        return lang if lang in LANGUAGES else self.language


def _bounded(limit: int) -> int:
    return max(0, min(limit, MAX_LIMIT))


def _merged(first: list[KbHit], then: list[KbHit], limit: int) -> list[KbHit]:
    seen, merged = set(), []
    for hit in first + then:
        if hit.group not in seen:
            seen.add(hit.group)
            merged.append(hit)
    return merged[:limit]
