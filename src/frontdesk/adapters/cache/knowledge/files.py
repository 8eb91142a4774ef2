"""``FileDocumentStore``: knowledge-base documents' contents at the desk, one file per
content by SHA-256 under the cache's folder (``kb-documents/ab/abcdef…``).

A download in progress is ``<hash>.part``, appended to as bytes arrive, so a cut download
resumes at its length; it becomes ``<hash>`` only once its hash is checked. Files are this
account's alone (0600 in 0700 folders), as the cache is.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from frontdesk.adapters.cache.database import PRIVATE_DIR, PRIVATE_FILE
from frontdesk.services.knowledge.documents import AbstractDocumentFiles

FOLDER = "kb-documents"
_HEX = frozenset("0123456789abcdef")


class FileDocumentStore(AbstractDocumentFiles):
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or not _HEX.issuperset(sha256):
            raise ValueError(f"{sha256!r} is not a SHA-256 in lowercase hex")
        return self.root / sha256[:2] / sha256

    def _part(self, sha256: str) -> Path:
        return self.path(sha256).with_suffix(".part")

    def complete(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def held(self, sha256: str) -> int:
        for candidate in (self.path(sha256), self._part(sha256)):
            if candidate.is_file():
                return candidate.stat().st_size
        return 0

    def appender(self, sha256: str) -> tuple[Callable[[bytes], None], Callable[[], None]]:
        part = self._part(sha256)
        part.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        handle = os.fdopen(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE),
                           "ab")  # fmt: skip
        return handle.write, handle.close

    def finish(self, sha256: str) -> bool:
        part = self._part(sha256)
        digest = hashlib.sha256()
        with part.open("rb") as content:
            while block := content.read(1024 * 1024):
                digest.update(block)
        if digest.hexdigest() != sha256:
            part.unlink()
            return False
        part.replace(self.path(sha256))
        return True

    def remove(self, sha256: str) -> None:
        for candidate in (self.path(sha256), self._part(sha256)):
            candidate.unlink(missing_ok=True)

    def total(self) -> int:
        if not self.root.is_dir():
            return 0
        return sum(f.stat().st_size for f in self.root.glob("*/*") if f.is_file())
