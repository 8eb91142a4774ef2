"""``frontdesk order ...`` on a real desk cache, as a script runs it (``--json``)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from order_pages import order_page

from frontdesk import cli
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.config import CACHE_FILE


def run(data_dir: Path, *args: str) -> tuple[int, list[dict], str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), *args], stdout=out, stderr=err)
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.startswith("{")]
    return code, lines, out.getvalue(), err.getvalue()


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    database = open_cache(tmp_path / CACHE_FILE)
    uow = SqlAlchemyUnitOfWork(database.writer)
    try:
        with uow:
            uow.replica.apply(order_page())
            uow.sync_state.set_login("https://central.example", "ann")
            uow.sync_state.keep_case_desk(case_prefix="D7", branch="Leeds")
            uow.workstation.sign_in("ann", role="agent")
            uow.commit()
    finally:
        database.dispose()
    return tmp_path


def test_find_by_tracking_number_and_show_where_it_is(desk: Path) -> None:
    code, (found,), _, err = run(desk, "order", "find", "1z999aa1 0123456784", "--json")
    assert code == 0, err
    assert (found["number"], found["status"], found["total"], found["currency"]) == (
        "WEB-100234", "shipped", "8.10", "GBP")  # fmt: skip
    code, _, out, _ = run(desk, "order", "find", "+44 7911 123456")
    assert code == 0 and [line.split("\t")[0] for line in out.splitlines()] == [
        "WEB-100234", "WEB-099001"]  # fmt: skip
    code, (shown,), _, _ = run(desk, "order", "show", "web-100234", "--json")
    assert shown["where"].startswith("Shipped with DPD on ") and shown["days_late"] >= 1
    assert [line["sku"] for line in shown["lines"]] == ["MUG", "TEA"]
    code, _, out, _ = run(desk, "order", "show", "WEB-100234")
    assert "tracking 1Z999AA10123456784, promised 5 Dec" in out


def test_place_a_phone_order_then_ask_to_cancel_it(desk: Path) -> None:
    code, (placed,), _, err = run(desk, "order", "place", "--customer", "c1", "--line", "MUG:3",
                                  "--line", "TEA:0.5", "--json")  # fmt: skip
    assert code == 0, err
    assert (placed["number"], placed["total"], placed["waiting_for_server"]) == (
        "D7-O00001", "13.65", True)  # fmt: skip
    code, (asked,), _, _ = run(desk, "order", "cancel", "d7-o1", "--reason", "Ordered twice",
                               "--json")  # fmt: skip
    assert code == 0 and asked["kind"] == "cancel_request" and asked["pending"]
    code, _, out, err = run(desk, "order", "place", "--customer", "c1", "--line", "MUG:0")
    assert code == 1 and "lines[1].quantity" in err and out == ""
    code, _, _, err = run(desk, "order", "place", "--customer", "c1", "--line", "MUG")
    assert code == 1 and "SKU:QUANTITY" in err
    code, _, _, err = run(desk, "order", "show", "WEB-404")
    assert code == 1 and "no order WEB-404" in err
