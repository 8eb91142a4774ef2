"""``frontdesk-server import orders FILE`` (the real command, SQLite and PostgreSQL): an
ERP's CSV and a JSON list, bad orders reported by row and field with the rest imported,
a second run unchanged, another content under a stored number refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from order_helpers import ANN, YURI, line, order_in, write_json
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.cli import main
from frontdesk.server.orders.models import Order, OrderEvent, OrderLine

HEADER = ("number,channel,customer_id,branch,currency,total,payment_state,status,promised_on,"
          "carrier,tracking_number,placed_at,line_no,sku,description,quantity,unit_price,"
          "line_total")  # fmt: skip
AT = "2025-03-03T10:00:00+00:00"
ROWS = [
    # row 2-3: a good order of two lines; its second line comes after another order (row 5)
    f"ERP-1,web,{ANN},Leeds,GBP,28.95,paid,shipped,2025-03-06,DPD,JD0001,{AT},1,22423,Cakestand,2,12.75,25.50",
    f"ERP-2,branch,{YURI},York,GBP,12.75,unpaid,placed,,,,{AT},1,22423,,1,12.75,12.75",
    # row 4: a line total that is not quantity x price
    f"ERP-3,web,{ANN},Leeds,GBP,5.00,unpaid,placed,,,,{AT},1,22423,,1,12.75,5.00",
    f"ERP-1,web,{ANN},Leeds,GBP,28.95,paid,shipped,2025-03-06,DPD,JD0001,{AT},2,W1,,1.5,2.30,3.45",
    # row 6: an unknown SKU on the second line of ERP-4
    f"ERP-4,phone,,Leeds,GBP,13.75,unpaid,placed,,,,{AT},1,22423,,1,12.75,12.75",
    f"ERP-4,phone,,Leeds,GBP,13.75,unpaid,placed,,,,{AT},2,NOPE,,1,1.00,1.00",
    # row 8-9: the order's rows disagree on its branch
    f"ERP-5,web,{ANN},Leeds,GBP,25.50,unpaid,placed,,,,{AT},1,22423,,1,12.75,12.75",
    f"ERP-5,web,{ANN},York,GBP,25.50,unpaid,placed,,,,{AT},2,22423,,1,12.75,12.75",
    # row 10: a status that is not one
    f"ERP-6,web,{ANN},Leeds,GBP,12.75,unpaid,lost,,,,{AT},1,22423,,1,12.75,12.75",
    # row 11: too few fields
    "ERP-7,web",
]  # fmt: skip


def run(url: str, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["--db", url, "import", "orders", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def _counts(factory: sessionmaker[Session]) -> tuple[int, int, int]:
    with factory() as session:
        return tuple(session.scalar(select(func.count()).select_from(t))
                     for t in (Order, OrderLine, OrderEvent))  # type: ignore[return-value]  # fmt: skip


def test_bad_orders_are_reported_by_row_and_field_and_the_rest_imported(
    migrated_url: str, server_factory: sessionmaker[Session], shop: None, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    path = tmp_path / "orders.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    status, out, err = run(migrated_url, str(path), "--json", capsys=capsys)
    assert (status, err) == (0, "")
    result = json.loads(out)
    assert (result["created"], result["unchanged"]) == (2, 0)
    assert [(p["row"], p["field"]) for p in result["refused"]] == [
        (4, "line_total"), (7, "sku"), (9, "branch"), (10, "status"), (11, "row")]  # fmt: skip
    messages = {p["row"]: p["message"] for p in result["refused"]}
    assert messages[4] == "order ERP-3: line 1: 1 x 12.75 is 12.75 GBP, not 5.00"
    assert messages[7] == "order ERP-4: line 2: no product 'NOPE'"
    assert _counts(server_factory)[:2] == (2, 3)
    again = json.loads(run(migrated_url, str(path), "--json", capsys=capsys)[1])
    assert (again["created"], again["unchanged"], len(again["refused"])) == (0, 2, 5)
    assert _counts(server_factory)[:2] == (2, 3)
    with server_factory() as session:
        shipped = session.scalars(select(Order).where(Order.number == "ERP-1")).one()
    assert (shipped.status, shipped.total_minor, shipped.tracking_number) == ("shipped", 2895,
                                                                              "JD0001")  # fmt: skip


def test_a_json_list_and_a_stored_number_with_other_content(
    migrated_url: str, shop: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_json(tmp_path / "a.json", [order_in("J-1"), order_in("J-2"), "junk"])
    result = json.loads(run(migrated_url, str(first), "--json", capsys=capsys)[1])
    assert result["created"] == 2
    assert [(p["row"], p["field"]) for p in result["refused"]] == [(3, "row")]
    other = [order_in("J-1", lines=[line(1, "22423", "1", "12.75")]), order_in("J-3")]
    second = write_json(tmp_path / "b.json", other)
    status, out, _ = run(migrated_url, str(second), capsys=capsys)
    assert status == 0
    assert "created:    1" in out
    assert "row 1: number: order J-1 exists with other content" in out


def test_a_file_with_a_wrong_header_is_refused_whole(
    migrated_url: str, shop: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("number,sku\nERP-1,22423\n", encoding="utf-8")
    status, out, err = run(migrated_url, str(path), capsys=capsys)
    assert status == 1 and out == ""
    assert "required column 'channel' is missing" in err and "nothing was imported" in err
