"""The supervisor's screen against a real server process: a York supervisor sees York's
tills today against the same weekday last week, drills a branch down to its receipts and a
receipt to its customer, exports the screen to XLSX, and is told plainly when the server
is gone (the screen works online only)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from e2e_support import RunningServer, run_server_command
from PySide6.QtCore import QDate
from test_pull_e2e import PASSWORD

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.server.db import make_engine, session_factory, transaction
from frontdesk.server.reporting import sample
from frontdesk.services.supervisor import records
from frontdesk.ui.app import _desk_window
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.supervisor.board import SupervisorBoardDialog

WAIT_MS = 30_000
DAY = date(2026, 3, 2)
MID = date(2026, 3, 15)
NEXT_MONTH = date(2026, 4, 1)


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _seed(db_url: str) -> str:
    engine = make_engine(db_url)
    with transaction(session_factory(engine)) as session:
        sample.register(session, "Y1", branch="York")
        sample.register(session, "L1", branch="Leeds")
        ann = sample.customer(session, "Y-100", branch="York")
        for day, amounts in ((DAY, ("12.50", "30.00")), (DAY - timedelta(days=7), ("20.00",))):
            for n, amount in enumerate(amounts):
                sample.money(session, kind="payment", register="Y1", branch="York",
                             cashier="cid" if n else "sue", at=_at(day, 10 + n), amount=amount,
                             customer_id=ann if n == 0 else None)  # fmt: skip
        sample.money(session, kind="payment", register="L1", branch="Leeds", cashier="lee",
                     at=_at(DAY, 9), amount="99.00")  # fmt: skip
        sample.shift_close(session, register="Y1", cashier="cid", at=_at(DAY, 18),
                           expected="42.50", counted="42.00", net="42.50")  # fmt: skip
        for day, amount in ((MID, "7.25"), (MID, "0.75"), (NEXT_MONTH, "500.00")):
            sample.money(session, kind="payment", register="Y1", branch="York", cashier="sue",
                         at=_at(day, 12), amount=amount)  # fmt: skip
    engine.dispose()
    return ann


@pytest.fixture
def desk(
    server: RunningServer, tmp_path: Path, keyring_env, monkeypatch
) -> Iterator[ClientContext]:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    run_server_command(server.db_url, "add-user", "sue", "--role", "supervisor", "--branch",
                       "York", "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    client = build_client(load_settings(data_dir=tmp_path / "desk"))
    client.login(server.url, "sue", PASSWORD)
    yield client
    client.close()


def test_a_supervisor_reads_their_branch_drills_down_and_exports(
    server: RunningServer, desk: ClientContext, qtbot, tmp_path: Path
) -> None:
    customer = _seed(server.db_url)
    window = _desk_window(desk, preferences=Preferences())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.role_shaped, timeout=WAIT_MS):
        window.follow_role(desk.at_desk)
    assert window.desk_actions.board_action.isVisible()
    window.desk_actions.board_action.trigger()
    board = window.findChild(SupervisorBoardDialog, "supervisorBoard")
    with qtbot.waitSignal(board.board_shown, timeout=WAIT_MS):
        board.day.setDate(QDate(DAY.year, DAY.month, DAY.day))
        board.refresh()
    lines = board.shown.by_branch
    assert [(x.key, x.today, x.last_week, x.receipts) for x in lines] == [
        ("York", Decimal("42.5000"), Decimal("20.0000"), 2)
    ]
    assert lines[0].over_short == Decimal("-0.5000") and lines[0].change == Decimal("1.1250")
    assert {x.key for x in board.shown.by_person} == {"cid", "sue"}
    table = board.tables[0]
    assert table.item(0, 0).text() == "York" and table.item(0, 4).text() == "112.5 %"
    qtbot.wait(100)  # the chart lays its axes out on the event loop
    board.grab().save(str(Path("/tmp") / "supervisor-board-en.png"))

    table.setCurrentCell(0, 0)
    with qtbot.waitSignal(board.receipts_shown, timeout=WAIT_MS):
        table.itemActivated.emit(table.item(0, 0))
    assert [r.amount for r in board.receipts] == [Decimal("12.5000"), Decimal("30.0000")]
    assert board.receipt_table.item(0, 6).text() == f"Sample Y-100 · {customer}"
    board.receipt_table.setCurrentCell(0, 0)
    with qtbot.waitSignal(board.customer_requested, timeout=WAIT_MS) as asked:
        board.receipt_table.itemActivated.emit(board.receipt_table.item(0, 0))
    assert asked.args == [customer]

    target = tmp_path / "board.xlsx"
    board.export_to(target)
    qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    sheet = openpyxl.load_workbook(target).active
    york = next(row for row in sheet.iter_rows(min_row=2) if row[1].value == "York")
    assert Decimal(str(york[3].value)) == Decimal("42.5") and "GBP" in york[3].number_format

    _export_the_month(board, qtbot, tmp_path / "march")

    server.process.terminate()
    server.process.wait(timeout=15)
    with qtbot.waitSignal(board.failed, timeout=WAIT_MS):
        board.refresh()
    assert "online only" in board.error.text()
    board.error.clear()
    with qtbot.waitSignal(board.failed, timeout=WAIT_MS):
        board.export_month_to(tmp_path / "offline.xlsx")
    assert "online only" in board.error.text() and not (tmp_path / "offline.xlsx").exists()


def _export_the_month(board: SupervisorBoardDialog, qtbot, target: Path) -> None:
    """March for York: the workbook's total is the sum of the days the server reports, and
    neither February's week-before payment nor April's is in it."""
    with qtbot.waitSignal(board.month_written, timeout=WAIT_MS) as written:
        board.export_month_to(target)
    assert written.args == [str(target.with_suffix(".xlsx"))]
    book = openpyxl.load_workbook(written.args[0])
    assert book.sheetnames == ["Sales by branch", "Sales by person", "Over-short by branch",
                               "Over-short by person", "Cross-sell by person"]  # fmt: skip
    rows = list(book["Sales by branch"].iter_rows(min_row=2, values_only=True))
    days = [r for r in rows if r[0] != "Total"]
    assert {(r[0].date(), r[1]) for r in days} == {(DAY, "York"), (MID, "York")}
    (total,) = [r for r in rows if r[0] == "Total"]
    net = 6  # day, branch, currency, taken, refunded, voided, net
    assert total[2] == "GBP" and Decimal(str(total[net])) == Decimal("50.50")
    office = board._board._office  # the same connection the board uses, asked day by day
    per_day = [Decimal(0)]
    for n in range(31):
        day = date(2026, 3, 1) + timedelta(days=n)
        asked = office.report("payments", {"from": str(day), "to": str(day), "by": "branch"})
        per_day += [row["net"] for row in records(asked)]
    assert Decimal(str(total[net])) == sum(per_day)
    money_cell = book["Sales by branch"].cell(row=2, column=net + 1)
    assert "GBP" in money_cell.number_format
    shifts = list(book["Over-short by branch"].iter_rows(min_row=2, values_only=True))
    assert Decimal(str(shifts[-1][5])) == Decimal("-0.50")
