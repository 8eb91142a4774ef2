"""``frontdesk product search|show`` on a real desk cache, as a script runs them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from catalogue_pages import ean, shop_page

from frontdesk import cli
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.config import CACHE_FILE


def run(data_dir: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    database = open_cache(tmp_path / CACHE_FILE)
    uow = SqlAlchemyUnitOfWork(database.writer)
    try:
        with uow:
            uow.replica.apply(shop_page())
            uow.sync_state.keep_case_desk(case_prefix="D1", branch="Тверская")
            uow.commit()
    finally:
        database.dispose()
    return tmp_path


def test_search_prints_one_object_per_product(desk: Path) -> None:
    code, out, err = run(desk, "product", "search", "дрель", "--json")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["sku"], r["status"]) for r in rows] == [
        ("DR-100", "active"),
        ("DR-090", "discontinued"),
    ]
    code, out, _ = run(desk, "product", "search", "", "--category", "tools.saws")
    assert code == 0 and out.split("\t")[0] == "SW-200"


def test_a_search_with_no_match_exits_1(desk: Path) -> None:
    assert run(desk, "product", "search", "zzzzzz")[:2] == (1, "")


def test_show_by_barcode_prints_the_card(desk: Path) -> None:
    code, out, err = run(desk, "product", "show", ean("460123456789"), "--json", "--language", "ru")
    assert code == 0, err
    card = json.loads(out)
    assert card["name"] == "Аккумуляторная ударная дрель"
    assert card["price"] == {"amount": "129.99", "currency": "GBP"}  # Тверская: the list price
    assert [(s["branch"], s["available"], s["incoming"]) for s in card["stock"]] == [
        ("Арбат", "12", "0"), ("Тверская", "3", "40")]  # fmt: skip
    assert card["stock"][1]["as_of"] == "2026-12-04T18:00:00+00:00"
    assert card["literature"][0]["url"] == "https://example.com/dr100.pdf"
    code, out, _ = run(desk, "product", "show", "DR-100")
    assert code == 0 and "incoming on 2026-12-12" in out


def test_show_of_an_unknown_code_fails_with_one_line(desk: Path) -> None:
    code, out, err = run(desk, "product", "show", "NOPE-1")
    assert (code, out) == (1, "") and err.startswith("frontdesk: no product NOPE-1")
