"""Reports over seeded till, contact and cross-sell rows, checked against figures worked
out by hand; last week's rows come from the exported Parquet, today's from the database."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.app import create_app
from frontdesk.server.db import transaction
from frontdesk.server.reporting import engine, output, sample
from frontdesk.server.reporting.export import export
from frontdesk.server.reporting.relations import Window
from frontdesk.server.settings import Settings
from frontdesk.server.users import add_user

DAY = date(2026, 3, 2)
WEEK_AGO = DAY - timedelta(days=7)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def _last_week(session: Session) -> None:
    sample.register(session, "L1", branch="Leeds")
    sample.money(session, kind="payment", register="L1", branch="Leeds", cashier="cara",
                 at=_at(WEEK_AGO, 9), amount="40.00")  # fmt: skip


def _today(session: Session) -> dict[str, str]:
    sample.register(session, "Y1", branch="York")
    a = sample.customer(session, "A-1", branch="Leeds")
    first = sample.money(session, kind="payment", register="L1", branch="Leeds", cashier="cara",
                         at=_at(DAY, 9, 5), amount="10.00", customer_id=a)  # fmt: skip
    second = sample.money(session, kind="payment", register="L1", branch="Leeds",
                          cashier="cara", at=_at(DAY, 10), amount="5.50")  # fmt: skip
    sample.money(session, kind="refund", register="L1", branch="Leeds", cashier="cara",
                 at=_at(DAY, 11), amount="2.25", links_to=first, customer_id=a)  # fmt: skip
    sample.money(session, kind="void", register="L1", branch="Leeds", cashier="cara",
                 at=_at(DAY, 11, 30), amount="5.50", links_to=second)  # fmt: skip
    sample.money(session, kind="payment", register="L1", branch="Leeds", cashier="cara",
                 at=_at(DAY, 12), amount="99.99", accepted=False)  # fmt: skip
    sample.money(session, kind="payment", register="Y1", branch="York", cashier="yuri",
                 at=_at(DAY, 9), amount="7.10")  # fmt: skip
    sample.money(session, kind="payment", register="Y1", branch="York", cashier="yuri",
                 at=_at(DAY, 9, 30), amount="3.00", currency="EUR")  # fmt: skip
    sample.shift_close(session, register="L1", cashier="cara", at=_at(DAY, 18),
                       expected="50.00", counted="49.50", net="7.75")  # fmt: skip
    sample.shift_close(session, register="Y1", cashier="yuri", at=_at(DAY, 18),
                       expected="20.00", counted="20.20", net="7.10")  # fmt: skip
    sample.discount(session, register="L1", cashier="cara", at=_at(DAY, 13), amount="13.50",
                    discount="1.50", supervisor="sam", check="valid")  # fmt: skip
    sample.discount(session, register="L1", cashier="cara", at=_at(DAY, 14), amount="6.75",
                    discount="0.75", supervisor="sam", check="unverified")  # fmt: skip
    _desk_rows(session, a)
    return {"customer": a, "first": first}


def _desk_rows(session: Session, customer: str) -> None:
    desk = sample.device(session, "d0000000-0000-0000-0000-000000000001", branch="Leeds")
    for channel, reason, outcome in (("phone", "billing", "resolved"),
                                     ("phone", "billing", "resolved"),
                                     ("visit", "delivery", "callback")):  # fmt: skip
        sample.contact(session, customer_id=customer, device_id=desk, branch="Leeds",
                       agent="ann", at=_at(DAY, 15), channel=channel, reason=reason,
                       outcome=outcome)  # fmt: skip
    answers = [("ann", "offered")] * 4 + [("ann", "accepted"), ("ann", "declined"),
               ("ann", "declined"), ("bob", "offered"), ("bob", "offered"),
               ("bob", "accepted"), ("bob", "accepted")]  # fmt: skip
    for agent, outcome in answers:
        sample.offer(session, customer_id=customer, device_id=desk, branch="Leeds", agent=agent,
                     at=_at(DAY, 16), sku="SKU-1", outcome=outcome)  # fmt: skip


@pytest.fixture
def seeded(server_factory: sessionmaker[Session], tmp_path: Path) -> dict[str, str]:
    with transaction(server_factory) as session:
        _last_week(session)
    export(server_factory, tmp_path / "feed")  # last week: in Parquet from here on
    with transaction(server_factory) as session:
        return _today(session)


def _run(factory: sessionmaker[Session], name: str, folder: Path, **how: object) -> list:
    window = how.pop("window", Window(WEEK_AGO, DAY))
    with factory() as session:
        return engine.run(session, name, window=window, folder=folder, **how).rows  # type: ignore[arg-type]


def test_money_at_the_tills_by_branch_and_day(
    server_factory: sessionmaker[Session], seeded: dict[str, str], tmp_path: Path
) -> None:
    rows = _run(server_factory, "payments", tmp_path / "feed")
    d = Decimal
    assert rows == [
        ("Leeds", WEEK_AGO, "GBP", d("40.0000"), d("0"), d("0"), d("40.0000"), 1, 0),
        ("Leeds", DAY, "GBP", d("15.5000"), d("2.2500"), d("5.5000"), d("7.7500"), 4, 1),
        ("York", DAY, "EUR", d("3.0000"), d("0"), d("0"), d("3.0000"), 1, 0),
        ("York", DAY, "GBP", d("7.1000"), d("0"), d("0"), d("7.1000"), 1, 0),
    ]
    assert all(isinstance(v, Decimal) for row in rows for v in row[3:7])
    by_hour = _run(server_factory, "payments", tmp_path / "feed", by=("user", "hour"),
                   window=Window(DAY, DAY, "Leeds"))  # fmt: skip
    assert [(r[0], r[1], r[6]) for r in by_hour] == [
        ("cara", 9, d("10.0000")), ("cara", 10, d("5.5000")), ("cara", 11, d("-7.7500")),
        ("cara", 12, d("0")),
    ]  # fmt: skip


def test_shifts_approvals_contacts_and_cross_sell(
    server_factory: sessionmaker[Session], seeded: dict[str, str], tmp_path: Path
) -> None:
    folder, d = tmp_path / "feed", Decimal
    shifts = _run(server_factory, "shifts", folder, by=("register",))
    assert [(r[0], r[2], r[3]) for r in shifts] == [("L1", 1, d("7.7500")), ("Y1", 1, d("7.1000"))]
    assert [(r[4], r[5], r[6]) for r in shifts] == [
        (d("-0.5000"), d("0"), d("0.5000")), (d("0.2000"), d("0.2000"), d("0"))
    ]  # fmt: skip
    approvals = _run(server_factory, "approvals", folder, by=("verdict",))
    assert approvals == [("unverified", "GBP", 1, d("0.7500"), 0, 1),
                         ("verified", "GBP", 1, d("1.5000"), 1, 0)]  # fmt: skip
    contacts = _run(server_factory, "contacts", folder)
    assert contacts == [("phone", "billing", "resolved", 2, 1, 0),
                        ("visit", "delivery", "callback", 1, 1, 0)]  # fmt: skip
    crosssell = _run(server_factory, "crosssell", folder, by=("user",))
    assert crosssell == [("ann", 4, 1, 2, d("0.2500")), ("bob", 2, 2, 0, d("1.0000"))]


@pytest.mark.parametrize("name", ["payments", "crosssell"])
def test_the_daily_rollups_give_the_rows_figures(
    server_factory: sessionmaker[Session], seeded: dict[str, str], tmp_path: Path, name: str
) -> None:
    """Last week's rollups come from the export, today's are rolled from the database."""
    rolled = engine.report_named(name).rolled
    assert rolled is not None
    dims = [(d,) for d in rolled.dims] + [("branch", "day"), ("user", "week"), ("sku", "user")]
    for by in [b for b in dims if set(b) <= set(rolled.dims)]:
        for window in (Window(WEEK_AGO, DAY), Window(WEEK_AGO, DAY, "Leeds")):
            fast = _run(server_factory, name, tmp_path / "feed", by=by, window=window)
            slow = _run(server_factory, name, tmp_path / "feed", by=by, window=window,
                        rollups=False)  # fmt: skip
            assert fast == slow and fast, (by, window)
    assert (tmp_path / "feed" / "_rollups" / f"kind={name}").is_dir() == (name == "payments")


def test_a_figure_drills_down_to_its_receipts_and_their_customer(
    server_factory: sessionmaker[Session], seeded: dict[str, str], tmp_path: Path
) -> None:
    cell = {"branch": "Leeds", "day": DAY.isoformat(), "currency": "GBP"}
    with server_factory() as session:
        found = engine.drill(session, "payments", window=Window(WEEK_AGO, DAY), cell=cell,
                             folder=tmp_path / "feed")  # fmt: skip
    assert found.total == len(found.rows) == 5
    first = dict(zip(found.columns, found.rows[0], strict=True))
    assert (first["id"], first["customer_id"]) == (seeded["first"], seeded["customer"])
    assert first["customer_name"] == "Sample A-1"
    assert dict(zip(found.columns, found.rows[1], strict=True))["customer_name"] is None
    assert first["amount"] == Decimal("10.0000")
    with server_factory() as session, pytest.raises(engine.ReportError, match="no dimension"):
        engine.drill(session, "payments", window=Window(DAY, DAY), cell={"colour": "red"},
                     folder=tmp_path / "feed")  # fmt: skip


def test_the_xlsx_opens_with_the_same_numbers_as_currency_cells(
    server_factory: sessionmaker[Session], seeded: dict[str, str], tmp_path: Path
) -> None:
    with server_factory() as session:
        result = engine.run(session, "payments", window=Window(WEEK_AGO, DAY),
                            folder=tmp_path / "feed")  # fmt: skip
    path = tmp_path / "payments.xlsx"
    output.write(result, path, "xlsx")
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(result.rows) == 4
    for cells, row in zip(rows, result.rows, strict=True):
        taken = cells[3]
        assert isinstance(taken.value, int | float)
        assert Decimal(str(taken.value)) == row[3]
        assert taken.number_format == f'#,##0.00 "{row[2]}"'
        assert cells[1].value.date() == row[1]


def _token(client: TestClient, name: str) -> dict[str, str]:
    answer = client.post(
        "/api/v1/auth/login", json={"username": name, "password": "pw-long-enough"}
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_the_api_keeps_a_supervisor_to_their_branch(
    server_factory: sessionmaker[Session], seeded: dict[str, str], migrated_url: str,
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("FRONTDESK_SERVER_FEED_DIR", str(tmp_path / "feed"))
    for name, role, branch in (("bo", "backoffice", ""), ("su", "supervisor", "Leeds"),
                               ("ag", "agent", "Leeds"), ("ca", "cashier", "Leeds")):  # fmt: skip
        add_user(server_factory, username=name, password="pw-long-enough", role=role,
                 branch=branch)  # fmt: skip
    span = {"from": DAY.isoformat(), "to": DAY.isoformat()}
    with TestClient(create_app(Settings(database_url=migrated_url))) as client:
        for name in ("ag", "ca"):
            assert client.get("/api/v1/reports/payments", params=span,
                              headers=_token(client, name)).status_code == 403  # fmt: skip
        su, bo = _token(client, "su"), _token(client, "bo")
        mine = client.get("/api/v1/reports/payments", params=span, headers=su).json()
        assert {row[0] for row in mine["rows"]} == {"Leeds"} and mine["branch"] == "Leeds"
        york = client.get("/api/v1/reports/payments", params={**span, "branch": "York"}, headers=su)
        assert york.status_code == 403, york.text
        every = client.get("/api/v1/reports/payments", params=span, headers=bo).json()
        assert {row[0] for row in every["rows"]} == {"Leeds", "York"}
        assert every["rows"][0][3] == "15.5000"
        for bad in ({"by": "colour"}, {"from": "2026-03-09"}, {"to": "2030-01-01"}):
            answer = client.get("/api/v1/reports/payments", params={**span, **bad}, headers=bo)
            assert answer.status_code == 400, answer.text
        assert client.get("/api/v1/reports/nope", params=span, headers=bo).status_code == 404
        cell = json.dumps({"user": "cara", "hour": 9})
        drilled = client.get("/api/v1/reports/payments/drill", params={**span, "cell": cell},
                             headers=su).json()  # fmt: skip
        assert [r["customer_id"] for r in drilled["rows"]] == [seeded["customer"]]
