"""Local writes on a real cache: the cache row and its outbox item commit together."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from frontdesk.adapters.cache.database import CacheDatabase
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.services.outbox import FAILED, PENDING, SENT
from frontdesk.services.writes import (
    CUSTOMER_EDIT,
    INTERACTION_RECORD,
    InvalidWrite,
    UnknownCustomer,
    edit_customer,
    interaction_record,
    record_interaction,
)

NOW = datetime(2024, 5, 2, 10, 0, tzinfo=UTC)


def _count(cache_db: CacheDatabase, table: str) -> int:
    with cache_db.engine.connect() as connection:
        return connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def _call(uow: SqlAlchemyUnitOfWork, **extra):
    return record_interaction(
        uow, customer_id="c1", channel="call", reason="Card not working", agent="ann", **extra
    )


def test_interaction_and_outbox_item_share_key_and_transaction(uow, cache_db) -> None:
    interaction = _call(uow, occurred_at=NOW)
    assert uuid.UUID(interaction.id).version == 4
    with uow:
        (item,) = uow.outbox.pending(limit=10)
    assert (item.key, item.kind, item.state) == (interaction.id, INTERACTION_RECORD, PENDING)
    assert item.payload["customer_id"] == "c1"
    assert item.payload["occurred_at"] == "2024-05-02T10:00:00Z"
    assert _count(cache_db, "interactions") == 1


def test_workstation_sequence_numbers_increase(uow) -> None:
    keys = [_call(uow).id for _ in range(3)]
    with uow:
        items = uow.outbox.pending(limit=10)
    assert [i.key for i in items] == keys
    seqs = [i.seq for i in items]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3


def test_failed_outbox_insert_rolls_the_cache_write_back(uow, cache_db) -> None:
    first = _call(uow)
    with pytest.raises(Exception, match="UNIQUE"), uow:
        # The same key again: the outbox refuses it, and the interaction row goes too.
        from frontdesk.domain.service import Channel, Interaction

        again = Interaction(
            id="other-id",
            customer_id="c1",
            channel=Channel.VISIT,
            occurred_at=NOW,
            reason="x",
            agent="ann",
        )
        uow.local.add_interaction(again)
        uow.outbox.add(interaction_record(again), key=first.id)
        uow.commit()
    assert _count(cache_db, "interactions") == 1
    assert _count(cache_db, "outbox") == 1


def test_unknown_customer_and_bad_values_write_nothing(uow, cache_db) -> None:
    with pytest.raises(UnknownCustomer, match="no customer c9"):
        record_interaction(uow, customer_id="c9", channel="call", reason="x", agent="ann")
    with pytest.raises(InvalidWrite, match="channel must be one of: call, visit, email"):
        record_interaction(uow, customer_id="c1", channel="fax", reason="x", agent="ann")
    with pytest.raises(InvalidWrite, match="reason: must not be empty"):
        record_interaction(uow, customer_id="c1", channel="call", reason=" ", agent="ann")
    with pytest.raises(InvalidWrite, match="is not a phone number"):
        edit_customer(uow, customer_id="c1", changes={"phones": ["12"]})
    with pytest.raises(InvalidWrite, match="'branch' cannot be edited"):
        edit_customer(uow, customer_id="c1", changes={"branch": "York"})
    assert _count(cache_db, "outbox") == 0
    assert _count(cache_db, "interactions") == 0


def test_edit_customer_updates_cache_and_queues_old_and_new(uow, cache_db) -> None:
    entry = edit_customer(
        uow,
        customer_id="c2",
        changes={"full_name": " Robert Jones ", "phones": ["+44 113 496 0001"], "notes": ""},
        clock=lambda: NOW,
    )
    assert entry is not None and entry.kind == CUSTOMER_EDIT
    changes = entry.payload["changes"]
    assert set(changes) == {"full_name", "phones"}  # notes did not change
    assert changes["full_name"] == {"old": "Bob Jones", "new": "Robert Jones"}
    assert changes["phones"] == {"old": ["0113 496 0000"], "new": ["+441134960001"]}
    with cache_db.engine.connect() as connection:
        row = connection.execute(
            text("SELECT full_name, name_fold, phone_digits FROM customers WHERE id='c2'")
        ).one()
    assert tuple(row) == ("Robert Jones", "robert jones", " 441134960001 ")
    assert edit_customer(uow, customer_id="c2", changes={"full_name": "Robert Jones"}) is None


def test_sent_failed_and_retry_states(uow) -> None:
    a, b = _call(uow), _call(uow)
    with uow:
        uow.outbox.mark_sent(a.id, result={"change_seq": 7}, at=NOW)
        uow.outbox.mark_failed(b.id, message="unknown customer c1")
        uow.commit()
    with uow:
        counts = uow.outbox.counts()
        (failed,) = uow.outbox.failed()
    assert (counts.pending, counts.failed, counts.sent) == (0, 1, 1)
    assert (failed.key, failed.state, failed.last_error) == (b.id, FAILED, "unknown customer c1")
    with uow:
        assert uow.outbox.retry_failed() == 1
        uow.commit()
    with uow:
        assert [i.key for i in uow.outbox.pending(limit=5)] == [b.id]
        assert uow.outbox.counts().sent == 1 and SENT == "sent"


def test_device_id_is_made_once_per_cache(uow, cache_db) -> None:
    with uow:
        first = uow.workstation.get().device_id
    with uow:
        assert uow.workstation.get().device_id == first
    assert uuid.UUID(first)
