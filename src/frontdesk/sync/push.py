"""The push engine: carry outbox items to the server in batches, exactly once in effect.

Items are marked sent only after the server's acknowledgement, in the transaction that
records its result. A cut connection, a crash or a kill before that leaves them pending,
and the next push sends them again under the same keys; the server answers a replay with
the stored result, so nothing is lost and nothing applies twice. An item the server refuses
is marked failed with the server's message and never holds back the items behind it; one
it defers (an attachment whose content has not arrived) stays pending for the next push.
No Qt here: the window runs this in a background operation, the CLI calls it directly.
"""

from __future__ import annotations

import abc
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from frontdesk.protocol import MAX_PUSH_ITEMS, ItemEnvelope, ItemResult, PushResponse, PushStatus
from frontdesk.services.cases import conflicts as case_conflicts
from frontdesk.services.conflicts import record_acknowledged
from frontdesk.services.errors import FrontdeskError, ProtocolError, ServerUnreachable
from frontdesk.services.outbox import OutboxEntry
from frontdesk.services.unit_of_work import AbstractUnitOfWork

#: Items per push request: the most the server takes (protocol.MAX_PUSH_ITEMS); the server
#: applies a batch set-based, so fewer, larger requests drain a queue fastest.
DEFAULT_BATCH = MAX_PUSH_ITEMS


class AbstractPushTransport(abc.ABC):
    """Where batches go (the central server, already authenticated)."""

    @abc.abstractmethod
    def push(self, device_id: str, items: list[ItemEnvelope]) -> PushResponse: ...


@dataclass(frozen=True, slots=True)
class PushResult:
    """What a push did; ``held_back``: items left pending, unsent, because the server takes
    nothing from this desk's version (``sync.updates``)."""

    batches: int = 0
    sent: int = 0
    failed: int = 0
    held_back: int = 0
    deferred: int = 0  # left pending at the server's word (an attachment not uploaded yet)


def push_all(
    transport: AbstractPushTransport,
    cache: AbstractUnitOfWork,
    *,
    batch_size: int = DEFAULT_BATCH,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> PushResult:
    """Push pending items, oldest first, until none is left (or the server is unreachable).

    Raises:
        ServerUnreachable: the network or server failed; the items stay pending and the
            error is recorded as the workstation's last error.
    """
    result = PushResult()
    device_id = _device_id(cache)
    while batch := _pending(cache, batch_size):
        response = _send(transport, cache, device_id, batch, clock=clock)
        before = result.deferred
        result = _record(cache, batch, response, result, at=clock())
        if result.deferred - before == len(batch):
            break  # only deferred items are left: the next sync sends them again
    return result


def _device_id(cache: AbstractUnitOfWork) -> str:
    with cache:
        return cache.workstation.get().device_id


def _pending(cache: AbstractUnitOfWork, limit: int) -> list[OutboxEntry]:
    with cache:
        return cache.outbox.pending(limit=limit)


def _send(
    transport: AbstractPushTransport,
    cache: AbstractUnitOfWork,
    device_id: str,
    batch: list[OutboxEntry],
    *,
    clock: Callable[[], datetime],
) -> PushResponse:
    try:
        response = transport.push(device_id, [_wire(entry) for entry in batch])
        _check(response, batch)
    except FrontdeskError as error:
        with cache:
            cache.outbox.note_attempt([e.key for e in batch], error=str(error))
            cache.workstation.failed(str(error), at=clock())
            cache.commit()
        raise
    return response


def _wire(entry: OutboxEntry) -> ItemEnvelope:
    return ItemEnvelope(
        key=entry.key,
        kind=entry.kind,
        seq=entry.seq,
        created_at=entry.created_at,
        payload=entry.payload,
        author=entry.author,
    )


def _check(response: PushResponse, batch: list[OutboxEntry]) -> None:
    keys = [r.key for r in response.results]
    if keys != [e.key for e in batch]:
        raise ProtocolError("the server's push answer does not match the batch item by item")


def _record(
    cache: AbstractUnitOfWork,
    batch: list[OutboxEntry],
    response: PushResponse,
    so_far: PushResult,
    *,
    at: datetime,
) -> PushResult:
    with cache:
        cache.outbox.note_attempt([e.key for e in batch], error=None)
        applied = {r.key: r.result for r in response.results if r.status is PushStatus.APPLIED}
        cache.outbox.mark_all_sent(applied, at=at)
        # Fields another desk won stay open as conflicts: sent, but never silently lost.
        record_acknowledged(cache, batch, applied, at=at)
        case_conflicts.record_acknowledged(cache, batch, applied, at=at)
        settled = [_settle(cache, item) for item in response.results]
        cache.workstation.pushed(at=at)
        cache.commit()
    failed, deferred = settled.count(_FAILED), settled.count(_DEFERRED)
    return PushResult(
        batches=so_far.batches + 1,
        sent=so_far.sent + len(batch) - failed - deferred,
        failed=so_far.failed + failed,
        deferred=so_far.deferred + deferred,
    )


_SENT, _FAILED, _DEFERRED = "sent", "failed", "deferred"


def _settle(cache: AbstractUnitOfWork, item: ItemResult) -> str:
    """Mark one item failed unless it was applied (marked sent already) or deferred (kept
    pending, with the server's reason); what became of it."""
    if item.status is PushStatus.APPLIED:
        return _SENT
    if item.status is PushStatus.DEFERRED:
        cache.outbox.note_attempt([item.key], error=f"deferred: {item.detail}")
        return _DEFERRED
    cache.outbox.mark_failed(item.key, message=f"{item.status.value}: {item.detail}")
    return _FAILED


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential backoff with full jitter: attempt n waits uniform(0, min(cap, base*2^n)).

    Jitter keeps a room full of desks that lost the server together from hammering it
    together when it comes back.
    """

    base_s: float = 0.5
    cap_s: float = 60.0

    def delay(self, attempt: int, *, rng: random.Random | None = None) -> float:
        ceiling = min(self.cap_s, self.base_s * 2 ** max(0, attempt))
        return (rng or random).uniform(0, ceiling)


def with_retries(
    operation: Callable[[], PushResult],
    *,
    attempts: int,
    backoff: Backoff,
    sleep: Callable[[float], None],
    rng: random.Random | None = None,
) -> PushResult:
    """Run ``operation``, retrying on ServerUnreachable up to ``attempts`` times in all."""
    for attempt in range(attempts):
        try:
            return operation()
        except ServerUnreachable:
            if attempt == attempts - 1:
                raise
            sleep(backoff.delay(attempt, rng=rng))
    raise ValueError("attempts must be at least 1")
