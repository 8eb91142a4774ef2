"""Edit conflicts on a real cache: the push records them with the acknowledgement, in one
transaction; the agent lists them and settles each by sending their value again or keeping
the other desk's, again in one transaction with any outbox row."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from frontdesk.adapters.cache.database import CacheDatabase
from frontdesk.adapters.cache.tables import Base
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import ItemEnvelope, ItemResult, PushResponse, PushStatus
from frontdesk.services.conflict_ports import LostField
from frontdesk.services.conflicts import (
    KEEP_THEIRS,
    USE_MINE,
    ConflictSettled,
    DeskConflicts,
    UnknownConflict,
    count_open,
    open_conflicts,
    resolve_conflict,
)
from frontdesk.services.errors import ProtocolError
from frontdesk.services.outbox import PENDING, SENT
from frontdesk.services.writes import CUSTOMER_EDIT, UnknownCustomer, edit_customer
from frontdesk.sync.push import AbstractPushTransport, push_all
from frontdesk.sync.service import sync_status

NOW = datetime(2024, 5, 2, 10, 0, tzinfo=UTC)
LATER = datetime(2024, 5, 2, 11, 0, tzinfo=UTC)
THEIRS = ["+441134960999"]  # what the other desk put on the server first
MINE = ["01134960111"]  # what this desk wanted (as the server normalised it)


class AnsweringTransport(AbstractPushTransport):
    """A server stand-in that acknowledges every item with the result ``answer`` makes."""

    def __init__(self, answer) -> None:
        self.answer = answer
        self.pushed: list[ItemEnvelope] = []

    def push(self, device_id: str, items: list[ItemEnvelope]) -> PushResponse:
        self.pushed.extend(items)
        return PushResponse(
            results=[
                ItemResult(key=i.key, status=PushStatus.APPLIED, result=self.answer(i))
                for i in items
            ]
        )


def lost_phone(item: ItemEnvelope) -> dict[str, Any]:
    if item.kind != CUSTOMER_EDIT:
        return {"change_seq": 7}
    yours = item.payload["changes"]["phones"]["new"]
    return {
        "applied": [],
        "conflicts": [{"field": "phones", "kept": THEIRS, "yours": yours}],
        "change_seq": 7,
    }


def _phones(cache_db: CacheDatabase, customer_id: str = "c2") -> list[str]:
    with cache_db.engine.connect() as connection:
        return json.loads(
            connection.execute(
                text("SELECT phones FROM customers WHERE id = :id"), {"id": customer_id}
            ).scalar_one()
        )


def _outbox(uow: SqlAlchemyUnitOfWork) -> list:
    with uow:
        return uow.outbox.pending(limit=100)


def _lose_phone_edit(uow: SqlAlchemyUnitOfWork) -> str:
    entry = edit_customer(
        uow, customer_id="c2", changes={"phones": ["0113 496 0111"]}, clock=lambda: NOW
    )
    assert entry is not None
    push_all(AnsweringTransport(lost_phone), uow, clock=lambda: NOW)
    return entry.key


def test_the_push_records_the_lost_field_as_it_marks_the_edit_sent(uow, cache_db) -> None:
    key = _lose_phone_edit(uow)
    with uow:
        counts = uow.outbox.counts()
        (conflict,) = uow.conflicts.open_for("c2")
    assert (counts.sent, counts.pending) == (1, 0)
    assert (conflict.field, conflict.kept, conflict.yours) == ("phones", THEIRS, MINE)
    assert (conflict.outbox_key, conflict.recorded_at, conflict.is_open) == (key, NOW, True)
    # The cache shows what the server kept; the losing value lives on in the conflict.
    assert _phones(cache_db) == THEIRS
    assert count_open(uow) == 1
    assert sync_status(uow, central=None)["conflicts"] == 1


def test_an_edit_with_no_conflict_records_none(uow) -> None:
    edit_customer(uow, customer_id="c1", changes={"notes": "VIP"})
    push_all(AnsweringTransport(lambda item: {"applied": ["notes"], "conflicts": []}), uow)
    assert count_open(uow) == 0
    with uow:
        assert uow.outbox.counts().sent == 1


def test_a_malformed_acknowledgement_leaves_the_edit_pending_and_records_nothing(uow) -> None:
    edit_customer(uow, customer_id="c2", changes={"phones": ["0113 496 0111"]})
    broken = AnsweringTransport(lambda item: {"conflicts": [{"kept": "x"}], "change_seq": 7})
    with pytest.raises(ProtocolError, match="malformed conflict"):
        push_all(broken, uow)
    (still,) = _outbox(uow)
    assert (still.kind, still.state) == (CUSTOMER_EDIT, PENDING)
    assert count_open(uow) == 0


def test_the_same_acknowledgement_twice_records_each_field_once(uow) -> None:
    lost = [LostField("phones", THEIRS, MINE), LostField("notes", "a", "b")]
    with uow:
        first = uow.conflicts.record(outbox_key="k1", customer_id="c2", lost=lost, at=NOW)
        again = uow.conflicts.record(outbox_key="k1", customer_id="c2", lost=lost, at=LATER)
        uow.commit()
    assert (first, again, count_open(uow)) == (2, 0, 2)


def test_a_pull_that_got_there_first_is_not_undone(uow, cache_db) -> None:
    edit_customer(uow, customer_id="c2", changes={"phones": ["0113 496 0111"]})
    # The server's answer is older than the cache's row (seq 2): the cache keeps its row.
    push_all(AnsweringTransport(lambda item: {**lost_phone(item), "change_seq": 2}), uow)
    assert _phones(cache_db) == MINE
    assert count_open(uow) == 1


def test_use_mine_queues_an_edit_from_the_kept_value_and_settles_the_conflict(
    uow, cache_db
) -> None:
    _lose_phone_edit(uow)
    (conflict,) = open_conflicts(uow, "c2")
    entry = resolve_conflict(
        uow, conflict_id=conflict.id, resolution=USE_MINE, by="ann", clock=lambda: LATER
    )
    assert entry is not None
    (queued,) = _outbox(uow)
    assert (queued.key, queued.kind) == (entry.key, CUSTOMER_EDIT)
    assert queued.payload == {
        "customer_id": "c2",
        "changes": {"phones": {"old": THEIRS, "new": MINE}},
    }
    assert _phones(cache_db) == MINE
    with uow:
        settled = uow.conflicts.get(conflict.id)
    assert settled is not None and not settled.is_open
    assert (settled.resolution, settled.resolved_by, settled.resolved_at) == (
        USE_MINE,
        "ann",
        LATER,
    )
    assert settled.resolution_key == entry.key
    assert open_conflicts(uow, "c2") == [] and count_open(uow) == 0


def test_keep_theirs_settles_the_conflict_and_sends_nothing(uow, cache_db) -> None:
    _lose_phone_edit(uow)
    (conflict,) = open_conflicts(uow, "c2")
    desk = DeskConflicts(lambda: uow, clock=lambda: LATER)
    with uow:
        uow.sync_state.set_login("http://central", "bea")
        uow.commit()
    assert desk.resolve(conflict.id, KEEP_THEIRS) is None
    assert _outbox(uow) == []
    assert _phones(cache_db) == THEIRS
    with uow:
        settled = uow.conflicts.get(conflict.id)
    assert settled is not None
    assert (settled.resolution, settled.resolved_by, settled.resolved_at) == (
        KEEP_THEIRS,
        "bea",
        LATER,
    )
    assert desk.count_open() == 0 and desk.open_for("c2") == []


def test_settling_twice_or_an_unknown_conflict_is_refused(uow) -> None:
    _lose_phone_edit(uow)
    (conflict,) = open_conflicts(uow, "c2")
    resolve_conflict(uow, conflict_id=conflict.id, resolution=KEEP_THEIRS, by="ann")
    with pytest.raises(ConflictSettled, match="phones was settled already"):
        resolve_conflict(uow, conflict_id=conflict.id, resolution=USE_MINE, by="ann")
    with pytest.raises(UnknownConflict, match="no edit conflict 999"):
        resolve_conflict(uow, conflict_id=999, resolution=USE_MINE, by="ann")
    with pytest.raises(ValueError, match="resolution must be one of mine, theirs"):
        resolve_conflict(uow, conflict_id=conflict.id, resolution="both", by="ann")
    assert _outbox(uow) == []


def test_use_mine_for_a_customer_gone_from_the_cache_writes_nothing(uow, cache_db) -> None:
    lost = [LostField("full_name", "Ann Smyth", "Ann Smith-Jones")]
    with uow:
        uow.conflicts.record(outbox_key="k9", customer_id="gone", lost=lost, at=NOW)
        uow.commit()
    (conflict,) = open_conflicts(uow, "gone")
    with pytest.raises(UnknownCustomer, match="no customer gone"):
        resolve_conflict(uow, conflict_id=conflict.id, resolution=USE_MINE, by="ann")
    assert _outbox(uow) == [] and count_open(uow) == 1  # one transaction: nothing half-done


def test_the_conflicts_table_matches_its_model(cache_db) -> None:
    with cache_db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    ours = [d for d in diff if "conflicts" in repr(d)]
    assert ours == []


def test_sent_items_stay_sent_after_settling(uow) -> None:
    key = _lose_phone_edit(uow)
    (conflict,) = open_conflicts(uow, "c2")
    resolve_conflict(uow, conflict_id=conflict.id, resolution=USE_MINE, by="ann")
    with uow:
        counts = uow.outbox.counts()
    assert (counts.sent, counts.pending) == (1, 1)
    assert conflict.outbox_key == key and SENT == "sent"


def test_a_fresh_unit_of_work_is_its_own_and_its_writes_wake_the_same_listeners(uow) -> None:
    woken: list[str] = []
    twin = uow.fresh()
    uow.add_write_listener(lambda: woken.append("push"))  # as the sync worker registers
    assert twin is not uow
    _lose_phone_edit(uow)
    (conflict,) = open_conflicts(twin, "c2")
    resolve_conflict(twin, conflict_id=conflict.id, resolution=USE_MINE, by="ann")
    assert woken == ["push", "push"]  # the lost edit, then the one "use mine" queued
