"""The knowledge base's port at the desk and the records it returns.

A search answer (``KbHit``) is an article group shown once: the version in the desk's
language when the group has one, with its other version named (``translation_id``), so a
Russian question finds an English-only answer and an English one its Russian translation.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class KbHit:
    """One answer: ``snippet`` is plain text, ``spans`` the matched words in it (and
    ``title_spans`` in ``title``); ``score`` is higher for better answers."""

    article_id: str
    group: str
    title: str
    lang: str
    source: str
    score: float
    snippet: str
    spans: tuple[Span, ...] = ()
    title_spans: tuple[Span, ...] = ()
    translation_id: str | None = None
    translation_lang: str | None = None


@dataclass(frozen=True, slots=True)
class KbDocumentInfo:
    """A linked document; ``offline`` when its whole content is in this desk's cache."""

    sha256: str
    name: str
    mime: str
    size: int
    pages: int | None
    offline: bool


@dataclass(frozen=True, slots=True)
class KbArticle:
    id: str
    group: str
    lang: str
    title: str
    body_md: str
    category: str
    tags: tuple[str, ...]
    product_skus: tuple[str, ...]
    case_categories: tuple[str, ...]
    audience: str
    version: int
    author: str
    source: str
    updated_at: datetime
    documents: tuple[KbDocumentInfo, ...] = ()
    #: The same article in the other languages: (id, lang).
    translations: tuple[tuple[str, str], ...] = ()


class AbstractKnowledge(abc.ABC):
    """What the desk's cache answers about articles and documents (reads only)."""

    @abc.abstractmethod
    def search(self, text: str, *, lang: str, limit: int) -> list[KbHit]: ...

    @abc.abstractmethod
    def article(self, article_id: str) -> KbArticle | None: ...

    @abc.abstractmethod
    def linked(self, *, kind: str, keys: list[str], lang: str, limit: int) -> list[KbHit]:
        """Articles linked to any of ``keys`` (SKUs, or case categories), the most linked
        first, one per translation group in ``lang`` where it exists."""

    @abc.abstractmethod
    def document(self, sha256: str) -> KbDocumentInfo | None: ...

    @abc.abstractmethod
    def documents_to_fetch(self) -> list[KbDocumentInfo]:
        """Documents whose whole content this desk does not hold, the newest first."""

    @abc.abstractmethod
    def set_fetched(self, sha256: str, held: int) -> None:
        """Record how many bytes of a document's content this desk holds."""

    @abc.abstractmethod
    def bought_skus(self, customer_id: str, *, limit: int) -> list[str]:
        """The products a customer bought, the most recent first."""
