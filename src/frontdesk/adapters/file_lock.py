"""An exclusive lock on a file, between processes and threads of one machine.

The lock belongs to an open file (``flock`` on POSIX, ``msvcrt.locking`` on Windows), taken
on a file opened afresh for each holder, so two threads of one process exclude each other as
two processes do; the operating system releases it when its holder dies, so a killed
process never leaves it held.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from frontdesk.services.errors import FrontdeskError

_POLL_S = 0.05


class LockTimeout(FrontdeskError):
    """Another process held the lock for longer than the caller would wait."""


@contextmanager
def exclusive_lock(path: Path, *, timeout_s: float = 60.0) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if missing) for the block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        _acquire(fd, path, timeout_s=timeout_s)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


def _acquire(fd: int, path: Path, *, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not _try_lock(fd):
        if time.monotonic() >= deadline:
            raise LockTimeout(f"{path} stayed locked by another process for {timeout_s:g} s")
        time.sleep(_POLL_S)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
