"""Edit conflicts at the desk: record the fields another desk won, list them, settle them.

The push calls ``record_acknowledged`` in the transaction that marks items sent, so a
``customer.edit`` whose acknowledgement carries ``conflicts`` never ends up sent with its
losing values forgotten. The agent then settles each one:

- **Use mine**: a new ``customer.edit`` through the ordinary write path (old = the value the
  server kept, new = this desk's), queued in the same transaction that marks the conflict
  resolved. Should the field have changed again meanwhile, the server answers with a new
  conflict, so even then nothing is lost silently.
- **Keep theirs**: the conflict is marked resolved, with who and when; nothing is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from frontdesk.protocol import EDITABLE_CUSTOMER_FIELDS, CustomerEdit
from frontdesk.services.conflict_ports import (
    KEEP_THEIRS,
    RESOLUTIONS,
    USE_MINE,
    EditConflict,
    LostField,
)
from frontdesk.services.errors import FrontdeskError, ProtocolError
from frontdesk.services.outbox import OutboxEntry
from frontdesk.services.unit_of_work import AbstractUnitOfWork
from frontdesk.services.writes import CUSTOMER_EDIT, UnknownCustomer, normalise_field

__all__ = [
    "KEEP_THEIRS",
    "USE_MINE",
    "ConflictSettled",
    "DeskConflicts",
    "UnknownConflict",
    "count_open",
    "open_conflicts",
    "record_acknowledged",
    "resolve_conflict",
]

Clock = Callable[[], datetime]


class UnknownConflict(FrontdeskError):
    """No conflict with this id in the local cache."""


class ConflictSettled(FrontdeskError):
    """The conflict was resolved already (at this desk, perhaps from another window)."""


def _now() -> datetime:
    return datetime.now(UTC)


def lost_fields(result: dict[str, Any]) -> list[LostField]:
    """The fields a ``customer.edit`` acknowledgement says another desk won.

    Raises:
        ProtocolError: an entry that is not a field with its kept and losing values; the
            push then records nothing of its batch, and the items stay pending.
    """
    return [_lost_field(entry) for entry in result.get("conflicts") or []]


def _lost_field(entry: Any) -> LostField:
    if not isinstance(entry, dict) or entry.get("field") not in EDITABLE_CUSTOMER_FIELDS:
        raise ProtocolError(f"the server's answer has a malformed conflict: {entry!r}")
    return LostField(field=entry["field"], kept=entry.get("kept"), yours=entry.get("yours"))


def record_acknowledged(
    uow: AbstractUnitOfWork,
    entries: Iterable[OutboxEntry],
    results: dict[str, dict[str, Any]],
    *,
    at: datetime,
) -> int:
    """Keep the lost fields of the acknowledged customer edits among ``entries``; how many.

    Runs inside the caller's transaction (the push's), which commits. Where the cached
    customer still shows the losing value, it shows the kept one from now on, as the
    server does; the losing value lives on in the conflict until the agent settles it.
    """
    recorded = 0
    for entry in entries:
        result = results.get(entry.key)
        lost = lost_fields(result) if entry.kind == CUSTOMER_EDIT and result else []
        if not lost:
            continue
        customer_id = str(entry.payload["customer_id"])
        recorded += uow.conflicts.record(
            outbox_key=entry.key, customer_id=customer_id, lost=lost, at=at
        )
        _show_kept(uow, customer_id, lost, server_seq=int(result.get("change_seq") or 0))
    return recorded


def _show_kept(
    uow: AbstractUnitOfWork, customer_id: str, lost: list[LostField], *, server_seq: int
) -> None:
    current = uow.local.customer_fields(customer_id)
    if current is None:
        return
    back = {f.field: f.kept for f in lost if _same(current.get(f.field), f.yours)}
    if back:
        uow.conflicts.show_kept(customer_id, back, server_seq=server_seq)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return list(a) == list(b)
    return bool(a == b)


def open_conflicts(uow: AbstractUnitOfWork, customer_id: str) -> list[EditConflict]:
    """The customer's unresolved conflicts, oldest first."""
    with uow:
        return uow.conflicts.open_for(customer_id)


def count_open(uow: AbstractUnitOfWork) -> int:
    """How many conflicts wait for an agent at this desk, over all customers."""
    with uow:
        return uow.conflicts.count_open()


def resolve_conflict(
    uow: AbstractUnitOfWork,
    *,
    conflict_id: int,
    resolution: str,
    by: str,
    clock: Clock = _now,
) -> OutboxEntry | None:
    """Settle one conflict; "mine" returns the edit it queued, "theirs" None.

    Raises:
        UnknownConflict, ConflictSettled: nothing to settle.
        UnknownCustomer: the customer is no longer in the cache ("mine" only).
        ValueError: ``resolution`` is neither "mine" nor "theirs".
    """
    if resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be one of {', '.join(RESOLUTIONS)}, not {resolution!r}")
    with uow:
        conflict = _open_conflict(uow, conflict_id)
        now = clock()
        entry = _send_mine(uow, conflict, at=now) if resolution == USE_MINE else None
        uow.conflicts.resolve(
            conflict_id,
            resolution=resolution,
            by=by,
            at=now,
            resolution_key=entry.key if entry else None,
        )
        uow.commit()
    return entry


def _open_conflict(uow: AbstractUnitOfWork, conflict_id: int) -> EditConflict:
    conflict = uow.conflicts.get(conflict_id)
    if conflict is None:
        raise UnknownConflict(f"no edit conflict {conflict_id} in the local cache")
    if not conflict.is_open:
        raise ConflictSettled(
            f"the conflict over {conflict.field} was settled already "
            f"({conflict.resolution}, by {conflict.resolved_by or 'someone'})"
        )
    return conflict


def _send_mine(uow: AbstractUnitOfWork, conflict: EditConflict, *, at: datetime) -> OutboxEntry:
    """This desk's value again, as an edit from the value the server kept."""
    if uow.local.customer_fields(conflict.customer_id) is None:
        raise UnknownCustomer(f"no customer {conflict.customer_id} in the local cache")
    mine = normalise_field(conflict.field, conflict.yours)
    uow.local.update_customer(conflict.customer_id, {conflict.field: mine}, at=at)
    edit = CustomerEdit(
        customer_id=conflict.customer_id,
        changes={conflict.field: {"old": conflict.kept, "new": mine}},
    )
    return uow.outbox.add(edit)


class DeskConflicts:
    """The conflicts use cases for this desk's cache; the window's background ops call it.

    Args:
        make_uow: a new unit of work for each call (``SqlAlchemyUnitOfWork.fresh``): the
            calls run on worker threads beside the sync worker, and a unit of work holds one
            transaction at a time, so they never share one.

    The agent who settles a conflict is whoever is logged in at this desk.
    """

    def __init__(self, make_uow: Callable[[], AbstractUnitOfWork], *, clock: Clock = _now):
        self._make_uow = make_uow
        self._clock = clock

    def open_for(self, customer_id: str) -> list[EditConflict]:
        return open_conflicts(self._make_uow(), customer_id)

    def count_open(self) -> int:
        return count_open(self._make_uow())

    def resolve(self, conflict_id: int, resolution: str) -> OutboxEntry | None:
        uow = self._make_uow()
        return resolve_conflict(
            uow,
            conflict_id=conflict_id,
            resolution=resolution,
            by=_agent(uow),
            clock=self._clock,
        )


def _agent(uow: AbstractUnitOfWork) -> str:
    with uow:
        return uow.sync_state.get().username or ""
