"""Push keys are kept for the retention period; ``prune-keys`` deletes only older ones."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from frontdesk.server import cli
from frontdesk.server.db import utcnow
from frontdesk.server.key_retention import prune_applied_keys
from frontdesk.server.models import AppliedItem, Device
from frontdesk.server.till.models import TillApproval
from frontdesk.server.users import add_user

AGES_DAYS = (0, 30, 89, 91, 200)


def _keys_with_ages(factory) -> dict[int, str]:
    user = add_user(factory, username="ann", password="a long passphrase", role="agent")
    now = utcnow()
    keys = {age: str(uuid.uuid4()) for age in AGES_DAYS}
    with factory() as session:
        device = Device(id=str(uuid.uuid4()), name="desk", registered_by=user.id, registered_at=now)
        session.add(device)
        session.flush()
        for seq, (age, key) in enumerate(keys.items(), start=1):
            session.add(
                AppliedItem(
                    key=key,
                    device_id=device.id,
                    device_seq=seq,
                    kind="interaction.record",
                    request_hash="0" * 64,
                    result={},
                    applied_by=user.id,
                    applied_at=now - timedelta(days=age, minutes=1),
                )
            )
        session.commit()
    return keys


def _kept(factory) -> set[str]:
    with factory() as session:
        return set(session.scalars(select(AppliedItem.key)))


def test_prune_deletes_only_keys_older_than_the_retention(server_factory) -> None:
    keys = _keys_with_ages(server_factory)
    report = prune_applied_keys(server_factory, older_than=timedelta(days=90))
    assert (report.deleted, report.kept) == (2, 3)
    assert _kept(server_factory) == {keys[0], keys[30], keys[89]}


def test_prune_drops_supervisor_approvals_that_expired_before_the_retention(
    server_factory,
) -> None:
    now = utcnow()
    ages = {age: f"{age:064d}" for age in AGES_DAYS}
    with server_factory.begin() as session:
        for age, digest in ages.items():
            issued = now - timedelta(days=age, minutes=11)
            session.add(TillApproval(
                id=digest, supervisor="sue", cashier="cat", register="SHOP1", kind="refund",
                entry_key=str(uuid.uuid4()), amount_minor=100, currency="GBP", issued_at=issued,
                expires_at=issued + timedelta(minutes=10),
            ))  # fmt: skip
    report = prune_applied_keys(server_factory, older_than=timedelta(days=90))
    assert report.approvals_deleted == 2
    with server_factory() as session:
        left = set(session.scalars(select(TillApproval.id)))
    assert left == {ages[0], ages[30], ages[89]}


def test_retention_shorter_than_the_longest_offline_period_is_refused(server_factory) -> None:
    _keys_with_ages(server_factory)
    with pytest.raises(ValueError, match="at least 90 days"):
        prune_applied_keys(server_factory, older_than=timedelta(days=30))
    assert len(_kept(server_factory)) == len(AGES_DAYS)


def test_prune_keys_command(server_factory, migrated_url, monkeypatch) -> None:
    keys = _keys_with_ages(server_factory)
    monkeypatch.setenv("FRONTDESK_SERVER_KEY_RETENTION_DAYS", "150")
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert cli.main(["--db", migrated_url, "prune-keys"]) == 0
    assert out.getvalue().startswith("deleted 1 push keys applied before ")
    assert keys[200] not in _kept(server_factory)
    assert cli.main(["--db", migrated_url, "prune-keys", "--older-than-days", "10"]) == 1
