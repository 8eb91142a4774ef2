"""Case conflicts at the desk: an assignment or a move another desk made first.

The server applies a ``case.assign`` or ``case.status`` only if the case still has the value
the desk saw; otherwise it keeps the first-arrived value, records a ``conflict`` line in the
case's history, and answers the item (acknowledged, ``accepted: false``) with
``conflicts: [{"field", "kept", "yours"}]``, as it answers customer edits. The push calls
``record_acknowledged`` in the transaction that marks the items sent: the lost value is kept
open on the case, and the case shows the server's value again. The agent settles it:

- **Use mine**: the same change again, from the value the server kept (a new item, checked
  as any move or assignment is), queued in the transaction that marks the conflict settled.
- **Keep theirs**: marked settled, with who and when; nothing is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from frontdesk.domain.cases import CaseStatus
from frontdesk.protocol.push import CaseAssignItem, CaseStatusItem, kind_of
from frontdesk.services.cases.ports import CaseConflict, LostValue
from frontdesk.services.cases.writes import assign_within, assignee_text, move_within
from frontdesk.services.conflict_ports import KEEP_THEIRS, RESOLUTIONS, USE_MINE
from frontdesk.services.errors import FrontdeskError, ProtocolError
from frontdesk.services.outbox import OutboxEntry
from frontdesk.services.unit_of_work import AbstractUnitOfWork

CASE_ASSIGN, CASE_STATUS = kind_of(CaseAssignItem), kind_of(CaseStatusItem)
STATUS, ASSIGNEE = "status", "assignee"
Clock = Callable[[], datetime]

__all__ = ["KEEP_THEIRS", "USE_MINE", "record_acknowledged", "resolve_case_conflict"]


class UnknownCaseConflict(FrontdeskError):
    """No case conflict with this id here, or it was settled already."""


def _now() -> datetime:
    return datetime.now(UTC)


def lost_values(kind: str, result: dict[str, Any]) -> list[LostValue]:
    """The values a case change's acknowledgement says another desk's beat.

    Raises:
        ProtocolError: a malformed entry; the push then records nothing of its batch.
    """
    wanted = STATUS if kind == CASE_STATUS else ASSIGNEE
    return [_lost(entry, wanted) for entry in result.get("conflicts") or []]


def _lost(entry: Any, field: str) -> LostValue:
    if not isinstance(entry, dict) or entry.get("field") != field:
        raise ProtocolError(f"the server's answer has a malformed case conflict: {entry!r}")
    if field == ASSIGNEE:
        return LostValue(field, _assignee(entry.get("kept")), _assignee(entry.get("yours")))
    return LostValue(field, _status(entry.get("kept")), _status(entry.get("yours")))


def _assignee(value: Any) -> dict[str, str | None]:
    if not isinstance(value, dict) or set(value) != {"user", "team"}:
        raise ProtocolError(f"the server's answer has a malformed assignee: {value!r}")
    return {"user": value["user"], "team": value["team"]}


def _status(value: Any) -> str:
    if not isinstance(value, str):
        raise ProtocolError(f"the server's answer has a malformed status: {value!r}")
    return value


def record_acknowledged(
    uow: AbstractUnitOfWork,
    entries: Iterable[OutboxEntry],
    results: dict[str, dict[str, Any]],
    *,
    at: datetime,
) -> int:
    """Keep the lost values of the acknowledged case changes among ``entries``; how many.

    Runs in the push's transaction. The cached case shows the kept value again where it
    still shows this desk's losing one (a later pull may have brought newer already).
    """
    recorded = 0
    for entry in entries:
        result = results.get(entry.key)
        if entry.kind not in (CASE_ASSIGN, CASE_STATUS) or not result:
            continue
        lost = lost_values(entry.kind, result)
        if not lost:
            continue
        case_id = str(entry.payload["case_id"])
        recorded += uow.cases.record_conflicts(
            outbox_key=entry.key, case_id=case_id, lost=lost, at=at
        )
        _show_kept(uow, case_id, lost)
    return recorded


def _show_kept(uow: AbstractUnitOfWork, case_id: str, lost: list[LostValue]) -> None:
    case = uow.cases.get(case_id)
    if case is None:
        return
    for one in lost:
        if one.field == STATUS and case.status == one.yours:
            uow.cases.change(case_id, {"status": one.kept})
        mine = assignee_text(case.assignee_user, case.assignee_team)
        if one.field == ASSIGNEE and mine == assignee_text(one.yours["user"], one.yours["team"]):
            uow.cases.change(
                case_id, {"assignee_user": one.kept["user"], "assignee_team": one.kept["team"]}
            )


def resolve_case_conflict(
    uow: AbstractUnitOfWork, *, conflict_id: int, resolution: str, by: str, clock: Clock = _now
) -> str | None:
    """Settle one case conflict; "mine" sends the change again and returns its item's key.

    One transaction: the conflict is settled only with its new item queued.

    Raises:
        UnknownCaseConflict: none open with this id.
        ValidationError: "mine" is no longer a change the case can take (closed since, or
            already so).
        ValueError: ``resolution`` is neither "mine" nor "theirs".
    """
    if resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be one of {', '.join(RESOLUTIONS)}, not {resolution!r}")
    with uow:
        conflict = uow.cases.conflict(conflict_id)
        if conflict is None or not conflict.is_open:
            raise UnknownCaseConflict(f"no open case conflict {conflict_id} at this desk")
        now = clock()
        key = _send_mine(uow, conflict, at=now) if resolution == USE_MINE else None
        uow.cases.resolve_conflict(
            conflict_id, resolution=resolution, by=by, at=now, resolution_key=key
        )
        uow.commit()
    return key


def _send_mine(uow: AbstractUnitOfWork, conflict: CaseConflict, *, at: datetime) -> str:
    if conflict.field == STATUS:
        _, key = move_within(
            uow, case_id=conflict.case_id, status=CaseStatus(conflict.yours), note="", at=at
        )
        return key
    mine = conflict.yours
    _, key = assign_within(
        uow, case_id=conflict.case_id, user=mine["user"], team=mine["team"], note="", at=at
    )
    return key
