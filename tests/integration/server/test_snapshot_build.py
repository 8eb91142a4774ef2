"""The initial-pull snapshot: what it holds is what a full pull carries, and a snapshot with
a floored pull gives a desk exactly what a full pull gives. SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC

import pytest
from pydantic_core import to_json
from snapshot_helpers import (
    change_after_build,
    counter,
    download,
    fill,
    json_rows,
    merged,
    meta,
    pages,
    snapshot_state,
)
from sqlalchemy import select

from frontdesk.protocol.snapshot import JSON_KINDS, LINE_COLUMNS, PURCHASE_COLUMNS, SnapshotPublic
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.models import Customer, Purchase, PurchaseLine
from frontdesk.server.pull import page_rows
from frontdesk.server.snapshot import build, store
from frontdesk.server.snapshot.build import build_snapshot
from frontdesk.server.snapshot.models import Snapshot, SnapshotChunk


def test_its_rows_are_the_rows_of_a_full_pull(server_factory, tmp_path, monkeypatch) -> None:
    fill(server_factory)
    monkeypatch.setattr(build, "READ_ROWS", 7)  # many keyset reads over a small database
    made = build_snapshot(server_factory)
    path = download(server_factory, made, tmp_path)
    content = path.read_bytes()
    assert (made.size, made.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    assert int(meta(path)["cursor"]) == made.cursor == counter(server_factory)
    with server_factory() as session:
        full = page_rows(session, cursor=0, limit=10**6)
    for name in JSON_KINDS:
        assert json_rows(path, name) == [to_json(row).decode() for row in full[name]], name
        assert made.rows[name] == len(full[name])
    assert made.rows["interactions"] == 1 and made.rows["purchases"] > 10


def test_its_purchases_and_lines_are_the_servers_rows(server_factory, tmp_path) -> None:
    fill(server_factory)
    path = download(server_factory, build_snapshot(server_factory), tmp_path)
    with server_factory() as session:
        purchases = session.scalars(select(Purchase).order_by(Purchase.change_seq)).all()
        expected = [_purchase(p) for p in purchases]
        lines = [_line(line) for p in purchases for line in sorted(p.lines, key=_line_no)]
    with sqlite3.connect(path) as file:
        written = file.execute(f"SELECT {', '.join(PURCHASE_COLUMNS)} FROM purchases").fetchall()
        written_lines = file.execute(f"SELECT {', '.join(LINE_COLUMNS)} FROM purchase_lines")
        assert written == expected
        assert written_lines.fetchall() == lines
    assert {row[6] for row in written} == {0, 1}  # returns too


def _purchase(p: Purchase) -> tuple:
    at = p.purchased_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return (p.id, p.number, p.customer_id, at, p.branch, p.currency, int(p.is_return),
            p.original_number, p.total_minor, p.change_seq)  # fmt: skip


def _line(line: PurchaseLine) -> tuple:
    return (line.purchase_id, line.line_no, line.sku, line.description, line.quantity_milli,
            line.unit_price_scaled, line.line_total_minor)  # fmt: skip


def _line_no(line: PurchaseLine) -> int:
    return line.line_no


@pytest.mark.parametrize("limit", [13, 5000])
def test_snapshot_and_floored_pull_are_a_full_pull(server_factory, tmp_path, limit) -> None:
    fill(server_factory)
    made = build_snapshot(server_factory)
    change_after_build(server_factory)
    state = snapshot_state(download(server_factory, made, tmp_path))
    with server_factory() as session:
        floored, full = pages(session, floor=made.cursor, limit=limit), pages(session)
    assert merged(floored, start=state) == merged(full)
    assert floored[-1]["cursor"] == full[-1]["cursor"] == counter(server_factory)
    carried = {name: [r["seq"] for p in floored for r in p[name]] for name in state}
    assert all(seq > made.cursor for seqs in carried.values() for seq in seqs)
    assert sorted(map(len, (carried["customers"], carried["products"]))) == [1, 2]


def test_a_floored_pull_with_nothing_new_ends_at_the_floor(server_factory) -> None:
    fill(server_factory)
    made = build_snapshot(server_factory)
    with server_factory() as session:
        found = pages(session, floor=made.cursor, limit=5)
        beyond = pages(session, floor=made.cursor + 1000, limit=5)
    # The cases' reference lists come all the same: they are no snapshot kind.
    assert found[-1]["cursor"] == made.cursor
    assert not any(page[name] for page in found for name in (*JSON_KINDS, "purchases"))
    # A floor past every change moves the cursor no further than the changes made so far.
    assert beyond[-1]["cursor"] == made.cursor


def test_a_floor_at_or_below_the_cursor_changes_nothing(server_factory) -> None:
    fill(server_factory)
    with server_factory() as session:
        middle = page_rows(session, cursor=0, limit=40)["cursor"]
        plain = page_rows(session, cursor=middle, limit=25)
        for floor in (0, middle - 10, middle):
            assert page_rows(session, cursor=middle, limit=25, floor=floor) == plain
        with pytest.raises(ValueError, match="floor"):
            page_rows(session, cursor=0, limit=5, floor=-1)


def test_nothing_changed_builds_nothing(server_factory) -> None:
    fill(server_factory)
    first = build_snapshot(server_factory)
    assert build_snapshot(server_factory) == first
    with server_factory() as session:
        assert session.scalars(select(Snapshot.id)).all() == [first.id]


def test_older_snapshots_are_pruned_but_the_previous(server_factory) -> None:
    fill(server_factory)
    made = [build_snapshot(server_factory)]
    for n in range(3):
        _touch(server_factory, n)
        made.append(build_snapshot(server_factory))
    assert [m.cursor for m in made] == sorted({m.cursor for m in made})
    with server_factory() as session:
        assert session.scalars(select(Snapshot.id).order_by(Snapshot.id)).all() == [
            made[-2].id,
            made[-1].id,
        ]
        kept = set(session.scalars(select(SnapshotChunk.snapshot_id)))
        assert kept == {made[-2].id, made[-1].id}
        assert store.newest(session).id == made[-1].id


def _touch(factory, n: int) -> None:
    with transaction(factory) as session:
        customer = session.scalars(select(Customer).order_by(Customer.id)).first()
        customer.notes, customer.change_seq = f"touched {n}", allocate_seq(session)


def test_a_change_committed_during_a_build_is_not_in_it(server_factory, monkeypatch) -> None:
    fill(server_factory)
    before = counter(server_factory)
    read = build.wire_rows

    def read_then_write(session, name, **span):
        if name == "customers":
            _touch(server_factory, 99)  # another transaction, committed mid-build
        return read(session, name, **span)

    monkeypatch.setattr(build, "wire_rows", read_then_write)
    made = build_snapshot(server_factory)
    assert made.cursor == before < counter(server_factory)
    assert made.rows["customers"] == 12


def test_the_cli_builds_and_prints_it(migrated_url, capsys) -> None:
    from frontdesk.server.cli import main

    assert main(["--db", migrated_url, "snapshot", "build"]) == 0
    printed = SnapshotPublic.model_validate_json(capsys.readouterr().out)
    assert (printed.id, printed.cursor, printed.rows["customers"]) == (1, 0, 0)


def test_an_erasure_deletes_every_snapshot(server_factory) -> None:
    from frontdesk.server.privacy.erase import erase_customer

    fill(server_factory)
    build_snapshot(server_factory)
    _touch(server_factory, 1)
    build_snapshot(server_factory)
    with server_factory() as session:
        customer = session.scalars(select(Customer.id).order_by(Customer.id)).first()
    erase_customer(server_factory, customer, reason="asked to be forgotten", by="dpo")
    with server_factory() as session:
        assert store.newest(session) is None
        assert session.scalars(select(SnapshotChunk.n)).all() == []
    rebuilt = build_snapshot(server_factory)
    assert rebuilt.rows["customers"] == 12 and rebuilt.cursor == counter(server_factory)
