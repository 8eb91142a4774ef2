"""Knowledge-base documents at the desk: fetched by hash, resumably, within a budget.

A sync fetches ahead (``prefetch``) the documents this desk does not hold yet, newest
first, while they fit the desk's budget (``FRONTDESK_KB_CACHE_MB``) and are no larger than
``FRONTDESK_KB_PREFETCH_MB``; a larger one is fetched when first opened online. Offline, a
document not held is "not available offline". A download cut off resumes where it stopped
(the server answers a Range); a content whose hash is wrong is thrown away, never shown.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from frontdesk.services.errors import AuthFailed, FrontdeskError, ProtocolError, ServerUnreachable
from frontdesk.services.knowledge.ports import AbstractKnowledge, KbDocumentInfo


class DocumentUnavailable(FrontdeskError):
    """The document cannot be shown now; ``offline`` when only the network is missing."""

    def __init__(self, message: str, *, offline: bool = False) -> None:
        super().__init__(message)
        self.offline = offline


class DocumentSource(Protocol):
    """The server's document route, authenticated."""

    def download_document(
        self, sha256: str, *, offset: int, write: Callable[[bytes], None]
    ) -> int: ...


class AbstractDocumentFiles(abc.ABC):
    """Documents' contents by hash: whole ones, and downloads in progress."""

    @abc.abstractmethod
    def path(self, sha256: str) -> Path: ...

    @abc.abstractmethod
    def complete(self, sha256: str) -> bool: ...

    @abc.abstractmethod
    def held(self, sha256: str) -> int:
        """Bytes of the content on disk (whole or in progress)."""

    @abc.abstractmethod
    def appender(self, sha256: str) -> tuple[Callable[[bytes], None], Callable[[], None]]:
        """(write, close) of the download in progress."""

    @abc.abstractmethod
    def finish(self, sha256: str) -> bool:
        """Keep the download if its hash is right (True); else throw it away."""

    @abc.abstractmethod
    def remove(self, sha256: str) -> None: ...

    @abc.abstractmethod
    def total(self) -> int:
        """Bytes of every content kept and in progress."""


@dataclass(frozen=True, slots=True)
class Prefetched:
    fetched: int = 0
    too_large: int = 0  # left for their first opening
    over_budget: int = 0
    failed: int = 0  # the server's copy was not the document: tried again next time


Source = Callable[[], DocumentSource] | None


def open_document(kb: AbstractKnowledge, files: AbstractDocumentFiles, sha256: str, *,
                  source: Source) -> Path:  # fmt: skip
    """The document's file: kept here, else fetched now (any size) and kept.

    Raises:
        DocumentUnavailable: not held here and the server cannot be asked (``offline``), or
            the server's copy is not the document.
    """
    info = kb.document(sha256)
    if info is None:
        raise DocumentUnavailable(f"no document {sha256} in this desk's knowledge base")
    if not files.complete(sha256):
        offline = f"{info.name} is not available offline"
        if source is None:
            raise DocumentUnavailable(offline, offline=True)
        _fetch(kb, files, info, source=source, offline=offline)
    return files.path(sha256)


def prefetch(kb: AbstractKnowledge, files: AbstractDocumentFiles, *, source: DocumentSource,
             budget: int, largest: int) -> Prefetched:  # fmt: skip
    """Fetch ahead the documents not held yet that fit (see the module's notes). A document
    the server has no good copy of is counted and passed over; the server gone stops it.

    Raises:
        DocumentUnavailable: (``offline``) the server could not be reached.
    """
    fetched = too_large = over = failed = 0
    used = files.total()
    for info in kb.documents_to_fetch():
        if info.size > largest:
            too_large += 1
            continue
        held = files.held(info.sha256)
        if used - held + info.size > budget:
            over += 1
            continue
        try:
            _fetch(kb, files, info, source=lambda: source,
                   offline=f"{info.name} could not be fetched")  # fmt: skip
        except DocumentUnavailable as error:
            if error.offline:
                raise
            failed += 1
            continue
        used += info.size - held
        fetched += 1
    return Prefetched(fetched, too_large, over, failed)


def _fetch(kb: AbstractKnowledge, files: AbstractDocumentFiles, info: KbDocumentInfo, *,
           source: Callable[[], DocumentSource], offline: str) -> None:  # fmt: skip
    offset = files.held(info.sha256)
    if offset > info.size:
        files.remove(info.sha256)
        offset = 0
    write, close = files.appender(info.sha256)
    try:
        source().download_document(info.sha256, offset=offset, write=write)
    except (ServerUnreachable, AuthFailed) as error:
        raise DocumentUnavailable(f"{offline} ({error})", offline=True) from None
    except ProtocolError as error:
        raise DocumentUnavailable(f"the server did not give {info.name}: {error}") from None
    finally:
        close()
        kb.set_fetched(info.sha256, files.held(info.sha256))
    if not files.finish(info.sha256):
        kb.set_fetched(info.sha256, 0)
        raise DocumentUnavailable(f"the server's copy of {info.name} is not the document")
    kb.set_fetched(info.sha256, info.size)
