"""The export's columnar read path (COPY on PostgreSQL, the driver's cursor on SQLite) gives
every kind's rows as the API's row path gives them: till payments, refunds and voids with
their JSON and awkward text, shift opens and closes from their journal content, and the
seeded kinds; a value no column can hold stops the export with its reason."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.reporting import feed
from frontdesk.server.reporting.export import ExportError, export
from frontdesk.server.reporting.sources import BY_KIND
from frontdesk.server.seed import seed_demo
from frontdesk.server.till.models import TillFeedRow, TillJournalEntry, TillRegister

AT = datetime(2025, 6, 1, 23, 59, 59, 999_999, tzinfo=UTC)
AWKWARD = 'a, "quoted"\nsecond line; Zürich £ \\ end'


def _till_row(n: int, kind: str, seq: int, **extra: Any) -> dict[str, Any]:
    return {
        "id": f"t{n}", "kind": kind, "register": "N1", "branch": "North",
        "receipt_no": "" if n == 2 else f"R{n}", "links_to": "t1" if kind != "payment" else None,
        "currency": "JPY" if n == 3 else "GBP", "amount_minor": 1250 * n, "change_minor": 0,
        "tenders": [{"tender": "cash", "minor": 1250 * n}], "customer_id": None,
        "purpose": "sale", "cashier": "cashier1", "occurred_at": AT + timedelta(microseconds=n),
        "accepted": n != 2, "declined_reason": AWKWARD if n == 2 else None, "change_seq": seq,
        "lines": [{"sku": "S1", "note": AWKWARD}] if n == 1 else [], "returned": [],
        **extra,
    }  # fmt: skip


def _shift(n: int, kind: str, seq: int, body: dict[str, Any]) -> dict[str, Any]:
    at = (AT + timedelta(hours=n)).isoformat().replace("+00:00", "Z")
    return {"register": "N1", "seq": n, "key": f"j{n}", "kind": kind, "prev_hash": "0" * 64,
            "hash": f"{n:064d}", "received_at": AT, "change_seq": seq,
            "content": json.dumps({"at": at, "body": {"currency": "GBP", **body}})}  # fmt: skip


def _till(factory: sessionmaker[Session], **extra: Any) -> None:
    with transaction(factory) as session:
        first = allocate_seq(session, 6)
        session.execute(insert(TillRegister), [{
            "register": "N1", "device_id": None, "branch": "North", "head_seq": 2,
            "head_hash": "0" * 64, "updated_at": AT}])  # fmt: skip
        session.execute(insert(TillFeedRow), [
            _till_row(1, "payment", first, **extra), _till_row(2, "refund", first + 1),
            _till_row(3, "void", first + 2)])  # fmt: skip
        session.execute(insert(TillJournalEntry), [
            _shift(1, "shift_open", first + 3, {"float": "100.00", "cashier": "cashier1"}),
            _shift(2, "shift_close", first + 4, {
                "shift_id": "j1", "counted": "140.50", "expected_cash": "141.00",
                "over_short": "-0.50", "net": "41.00", "unsynced_at_close": 0})])  # fmt: skip


def _plain(value: Any) -> Any:
    """A value of either path in one comparable form."""
    if isinstance(value, Decimal):
        return value.normalize()
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _exported(folder: Path, kind: str) -> list[dict[str, Any]]:
    rows = [row for path in sorted(folder.glob(f"kind={kind}/*/*.parquet"))
            for row in pq.read_table(path).to_pylist()]  # fmt: skip
    for row in rows:
        for col in BY_KIND[kind].all_columns:
            if col.type == "json" and row[col.name] is not None:
                row[col.name] = json.loads(row[col.name])
    return sorted(rows, key=lambda row: (row["seq"], row["id"]))


def _wired(factory: sessionmaker[Session], kind: str) -> list[dict[str, Any]]:
    source = BY_KIND[kind]
    with factory() as session:
        rows = [feed.wire_row(source, r) for r in feed.rows_of(session, source, 0, 10**9)]
    for row in rows:
        del row["kind"]
        for col in source.all_columns:
            if col.type in ("money", "price", "quantity") and row[col.name] is not None:
                row[col.name] = Decimal(row[col.name])
    return sorted(rows, key=lambda row: (row["seq"], row["id"]))


def test_every_kind_exports_as_the_api_reads_it(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    seed_demo(server_factory, customers=4, seed=5)
    _till(server_factory)
    report = export(server_factory, tmp_path / "out")
    assert {"payments", "refunds", "voids", "shifts", "basket_lines"} <= set(report.rows)
    for kind in report.rows:
        exported, wired = _exported(tmp_path / "out", kind), _wired(server_factory, kind)
        assert len(exported) == len(wired) == report.rows[kind]
        for got, want in zip(exported, wired, strict=True):
            assert {k: _plain(v) for k, v in got.items()} == {
                k: _plain(v) for k, v in want.items()
            }, kind
    refund = _exported(tmp_path / "out", "refunds")[0]
    assert (refund["declined_reason"], refund["receipt_no"], refund["links_to"]) == (
        AWKWARD, "", "t1")  # fmt: skip
    assert refund["occurred_at"] == AT + timedelta(microseconds=2)  # a day's last instant
    assert _exported(tmp_path / "out", "voids")[0]["amount"] == Decimal(3750)  # yen: no minor
    close = _exported(tmp_path / "out", "shifts")[1]
    assert (close["event"], close["over_short"], close["shift_id"]) == (
        "close", Decimal("-0.5"), "j1")  # fmt: skip


def test_a_value_no_column_holds_stops_the_export_with_its_reason(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    _till(server_factory, amount_minor=10**17)  # pence: 10**18 ten-thousandths, 19 digits
    with pytest.raises(ExportError, match=r"payments: amount: a value past .*decimal128\(18, 4\)"):
        export(server_factory, tmp_path / "out")
    state = json.loads((tmp_path / "out" / "_feed_state.json").read_text())
    assert state["cursor"] == 0 and state["pending"] is not None
