"""``FileBlobStore``: attachment contents at the desk, one file per content under the cache's
folder, by SHA-256 (``attachments/ab/abcdef…``).

Each file is written whole or not at all (a temporary file beside it, flushed to disk, then
renamed over), readable by this account alone (0600, the folders 0700, as the cache). A
content is named by its hash, so writing it again changes nothing, and a file that is there
is always the whole content: a read checks its hash anyway and treats a damaged one as
absent (it is fetched again).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from frontdesk.adapters.cache.database import PRIVATE_DIR
from frontdesk.services.cases.ports import AbstractBlobStore

FOLDER = "attachments"


class FileBlobStore(AbstractBlobStore):
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"{sha256!r} is not a SHA-256 in lowercase hex")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        content = self.path(sha256).read_bytes()
        if hashlib.sha256(content).hexdigest() != sha256:
            raise FileNotFoundError(f"the kept content {sha256} is damaged")
        return content

    def keep(self, content: bytes) -> str:
        sha256 = hashlib.sha256(content).hexdigest()
        target = self.path(sha256)
        if target.is_file() and target.stat().st_size == len(content):
            return sha256
        _private_dir(self.root)
        _private_dir(target.parent)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            # mkstemp made it 0600 (PRIVATE_FILE): no other account ever reads a part
            with os.fdopen(handle, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return sha256


def _private_dir(path: Path) -> None:
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(PRIVATE_DIR)


def blob_root(cache_path: Path) -> Path:
    """Where the contents of the cache at ``cache_path`` are kept."""
    return cache_path.parent / FOLDER
