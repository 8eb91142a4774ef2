"""A new desk's first pull starts from the server's snapshot file, when it offers one.

Pulling a hundred thousand customers and a million receipt lines as JSON pages took most of
a first pull; the snapshot (``protocol.snapshot``) brings the kinds every desk gets alike in
one file, and the pages that follow leave them out up to its cursor (the floor).

The download resumes: its part file is named by the content's SHA-256, so a pull cut off
(network, cancel, crash) goes on from the part's size next time, and a newer snapshot on
the server starts a new part (the old ones are deleted). What goes wrong decides what
follows:

- the network or the login fails: the pull fails as a page failure does; the part stays;
- the file is not the one announced (size, SHA-256): the part is deleted, and the desk
  pulls pages as a desk without snapshots does;
- the file's content is refused (layout, a bad row): nothing is written, the reason is
  logged, and the desk pulls pages from 0 with no floor.

No Qt, SQL or HTTP here: the transport downloads, the unit of work attaches.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from frontdesk.protocol.snapshot import SNAPSHOT_FORMAT, SnapshotPublic
from frontdesk.services.errors import ProtocolError
from frontdesk.services.ports import SnapshotCounts
from frontdesk.services.unit_of_work import AbstractUnitOfWork
from frontdesk.sync.pull import AbstractPullTransport, PullCancelled, PullProgress, PullResult

log = logging.getLogger(__name__)

_READ = 1024 * 1024
_NOTHING = PullResult(pages=0, customers=0, products=0, purchases=0, cursor=0)
Heard = Callable[[PullProgress], None]


def part_path(directory: Path, snapshot: SnapshotPublic) -> Path:
    """Where the snapshot's download is kept until it is attached."""
    return directory / f"snapshot-{snapshot.sha256}.part"


def attach_if_new(
    transport: AbstractPullTransport,
    cache: AbstractUnitOfWork,
    *,
    directory: Path | None,
    on_progress: Heard | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> SnapshotCounts | None:
    """Download and attach the server's snapshot if this cache has pulled nothing yet;
    what it brought, or None when the pull goes on by pages alone."""
    if directory is None or not _fresh(cache):
        return None
    snapshot = _offered(transport)
    if snapshot is None:
        return None
    part = part_path(directory, snapshot)
    _forget_others(directory, keep=part)
    try:
        if not _download(transport, snapshot, part, heard=_Heard(on_progress, cancelled)):
            return None
        return _attach(cache, snapshot, part, on_progress)
    except ProtocolError as error:
        part.unlink(missing_ok=True)
        log.warning("snapshot %s refused, pulling pages instead: %s", snapshot.id, error)
        return None


def _fresh(cache: AbstractUnitOfWork) -> bool:
    with cache:
        return cache.sync_state.get().cursor == 0 and cache.sync_state.floor() == 0


def _offered(transport: AbstractPullTransport) -> SnapshotPublic | None:
    try:
        snapshot = transport.snapshot()
    except ProtocolError as error:
        log.warning("the server's snapshot is not readable, pulling pages instead: %s", error)
        return None
    if snapshot is None or snapshot.format != SNAPSHOT_FORMAT or snapshot.cursor == 0:
        # A layout this desk does not know, or nothing in it: pages bring the same rows.
        return None
    return snapshot


def _forget_others(directory: Path, *, keep: Path) -> None:
    """Parts of snapshots the server no longer offers will never be finished."""
    for stale in directory.glob("snapshot-*.part"):
        if stale != keep:
            stale.unlink(missing_ok=True)


class _Heard:
    """Reports the download's bytes, and stops it when the pull is cancelled."""

    def __init__(self, on_progress: Heard | None, cancelled: Callable[[], bool]) -> None:
        self._on_progress, self._cancelled = on_progress, cancelled

    def bytes(self, done: int, total: int) -> None:
        if self._on_progress is not None:
            self._on_progress(PullProgress(_NOTHING, 0, None, download=(done, total)))
        if self._cancelled():
            raise PullCancelled(_NOTHING)  # the part stays: the next pull resumes it


def _download(
    transport: AbstractPullTransport, snapshot: SnapshotPublic, part: Path, *, heard: _Heard
) -> bool:
    """Bring the part to the whole file (from its size on); True when it is the file the
    server announced, else it is deleted. Network errors leave the part for a resume."""
    part.parent.mkdir(parents=True, exist_ok=True)
    digest, offset = _digest_of(part)
    if offset > snapshot.size:
        part.unlink()
        digest, offset = hashlib.sha256(), 0
    total = snapshot.size
    if offset < snapshot.size:
        total = _fetch(transport, snapshot, part, digest=digest, offset=offset, heard=heard)
    size = part.stat().st_size
    if total == snapshot.size == size and digest.hexdigest() == snapshot.sha256:
        return True
    part.unlink(missing_ok=True)
    log.warning("snapshot %s: %d bytes not matching its SHA-256, pulling pages instead",
                snapshot.id, size)  # fmt: skip
    return False


def _fetch(
    transport: AbstractPullTransport,
    snapshot: SnapshotPublic,
    part: Path,
    *,
    digest: hashlib._Hash,
    offset: int,
    heard: _Heard,
) -> int:
    done = offset
    with part.open("ab") as file:

        def write(chunk: bytes) -> None:
            nonlocal done
            if done + len(chunk) > snapshot.size:
                raise ProtocolError(f"snapshot {snapshot.id} is longer than {snapshot.size} bytes")
            file.write(chunk)
            digest.update(chunk)
            done += len(chunk)
            heard.bytes(done, snapshot.size)

        return transport.download_snapshot(snapshot, offset=offset, write=write)


def _digest_of(part: Path) -> tuple[hashlib._Hash, int]:
    """The SHA-256 of what the part holds so far, and its size."""
    digest, size = hashlib.sha256(), 0
    if part.exists():
        with part.open("rb") as file:
            while chunk := file.read(_READ):
                digest.update(chunk)
                size += len(chunk)
    return digest, size


def _attach(
    cache: AbstractUnitOfWork, snapshot: SnapshotPublic, part: Path, on_progress: Heard | None
) -> SnapshotCounts:
    """The file's rows and its floor, in one cache transaction; the file is deleted after."""
    if on_progress is not None:
        on_progress(PullProgress(_NOTHING, 0, None, attaching=True))
    try:
        with cache:
            counts = cache.replica.attach_snapshot(part, cursor=snapshot.cursor)
            cache.sync_state.keep_floor(snapshot.cursor)
            cache.commit()
    finally:
        part.unlink(missing_ok=True)
    log.info("snapshot %s attached as of change %d: %s", snapshot.id, snapshot.cursor, counts.rows)
    return counts
