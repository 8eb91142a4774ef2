"""``frontdesk-server import orders`` against files as they come: a spreadsheet's BOM, a
Windows-1251 export, an empty file, formulas in cells, a line number used twice, JSON with
numbers where text belongs (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from order_helpers import ANN, order_in, write_json
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from test_order_import import AT, HEADER, run

from frontdesk.server.orders.models import OrderLine


def _csv(path: Path, rows: list[str], *, encoding: str = "utf-8") -> Path:
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding=encoding)
    return path


def test_a_bom_is_dropped_and_a_formula_is_kept_as_text(
    migrated_url: str, server_factory: sessionmaker[Session], shop: None, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    rows = [f'E-1,web,{ANN},Leeds,GBP,12.75,,,,,,{AT},1,22423,"=HYPERLINK(""x"")",1,12.75,12.75']
    path = _csv(tmp_path / "o.csv", rows, encoding="utf-8-sig")
    result = json.loads(run(migrated_url, str(path), "--json", capsys=capsys)[1])
    assert (result["created"], result["refused"]) == (1, [])
    with server_factory() as session:
        assert session.scalar(select(OrderLine.description)) == '=HYPERLINK("x")'


def test_a_file_that_is_not_utf8_or_empty_is_refused_whole(
    migrated_url: str, shop: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [f"E-1,web,{ANN},Москва,GBP,12.75,,,,,,{AT},1,22423,,1,12.75,12.75"]
    cp1251 = _csv(tmp_path / "o.csv", rows, encoding="cp1251")
    status, out, err = run(migrated_url, str(cp1251), capsys=capsys)
    assert (status, out) == (1, "") and "not UTF-8" in err
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    status, out, err = run(migrated_url, str(empty), capsys=capsys)
    assert (status, out) == (1, "") and "empty" in err
    header_only = _csv(tmp_path / "h.csv", [])
    status, out, _ = run(migrated_url, str(header_only), "--json", capsys=capsys)
    assert status == 0 and json.loads(out)["created"] == 0


def test_a_line_number_twice_is_reported_at_its_row(
    migrated_url: str, shop: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [f"E-1,web,{ANN},Leeds,GBP,25.50,,,,,,{AT},1,22423,,1,12.75,12.75",
            f"E-1,web,{ANN},Leeds,GBP,25.50,,,,,,{AT},1,22423,,1,12.75,12.75"]  # fmt: skip
    path = _csv(tmp_path / "o.csv", rows)
    result = json.loads(run(migrated_url, str(path), "--json", capsys=capsys)[1])
    assert [(p["row"], p["field"]) for p in result["refused"]] == [(3, "line_no")], result


def test_json_numbers_and_junk_are_refused_by_row(
    migrated_url: str, shop: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    floats = order_in("J-1", total=25.5)
    nested = {**order_in("J-2"), "lines": {"1": "x"}}
    not_list = {**order_in("J-3"), "lines": [["x"]]}
    path = write_json(tmp_path / "o.json", [floats, nested, not_list, order_in("J-4")])
    status, out, err = run(migrated_url, str(path), "--json", capsys=capsys)
    assert (status, err) == (0, ""), err
    result = json.loads(out)
    assert result["created"] == 1
    assert [(p["row"], p["field"]) for p in result["refused"]] == [
        (1, "total"), (2, "lines"), (3, "lines.0")]  # fmt: skip
