"""``frontdesk basket ...``, ``pay`` settling the basket and ``refund --line`` on a real desk
cache, each command a fresh process-like run (the basket lives in the cache between them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from basket_helpers import MUG, SUE, TEA, fill
from test_cli_till import run

from frontdesk.adapters.cache.database import open_cache
from frontdesk.config import CACHE_FILE


@pytest.fixture
def desk(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("FRONTDESK_REGISTER", "SHOP1")
    monkeypatch.delenv("FRONTDESK_TILL_CURRENCIES", raising=False)
    monkeypatch.delenv("FRONTDESK_TILL_DISCOUNT_LIMIT", raising=False)
    code, _, err = run(tmp_path, "shift", "open", "--float", "50", "--json")
    assert code == 0, err
    database = open_cache(tmp_path / CACHE_FILE)
    fill(database)
    database.dispose()
    return tmp_path


def basket(desk: Path, *args: str, stdin: str = "") -> dict:
    code, shown, err = run(desk, "basket", *args, "--json", stdin=stdin)
    assert code == 0 and shown is not None, err
    return shown


def test_a_basket_built_held_recalled_and_paid_from_the_command_line(desk: Path) -> None:
    basket(desk, "add", MUG, "--quantity", "2")
    basket(desk, "add", "PEN-1")
    shown = basket(desk, "add", MUG)
    assert [(line["sku"], line["quantity"]) for line in shown["lines"]] == [
        ("MUG-1", "3"), ("PEN-1", "1")]  # fmt: skip
    shown = basket(desk, "remove", "2")
    assert shown["amount"] == "11.97"
    held = basket(desk, "hold", "--name", "Ann")["held"]
    basket(desk, "add", TEA)
    assert [h["name"] for h in basket(desk, "held")["held"]] == ["Ann"]
    shown = basket(desk, "recall", held["id"])
    assert shown["amount"] == "11.97" and len(basket(desk, "held")["held"]) == 1  # tea held
    assert basket(desk, "customer", "c1")["customer"] == "Ann Smith"
    shown = basket(desk, "discount", "--basket", "20%")
    assert shown["needs_approval"] and shown["basket_discount"] == "2.39"
    code, _, err = run(desk, "pay", "--json")
    assert code == 1 and "supervisor must approve" in err
    shown = basket(desk, "discount", "--basket", "20%", "--supervisor", SUE[0],
                   stdin=SUE[1] + "\n")  # fmt: skip
    assert shown["approved_by"] == "sue" and shown["amount"] == "9.58"
    code, paid, err = run(desk, "pay", "--tendered", "10", "--json")
    assert code == 0, err
    assert (paid["amount"], paid["change"], paid["gross"]) == ("9.58", "0.42", "11.97")
    assert paid["lines"] == [{"line": 1, "sku": "MUG-1", "quantity": "3", "net": "9.58"}]
    assert basket(desk, "show")["lines"] == []
    code, back, err = run(desk, "refund", paid["receipt"], "--line", "1:1", "--supervisor",
                          SUE[0], "--json", stdin=SUE[1] + "\n")  # fmt: skip
    assert code == 0, err
    assert back["amount"] == "3.19" and back["lines"][0]["quantity"] == "1"
    code, _, err = run(desk, "refund", paid["receipt"], "--line", "1:3", "--supervisor",
                       SUE[0], "--json", stdin=SUE[1] + "\n")  # fmt: skip
    assert code == 1 and "only 2 of 3 is left" in err


def test_bad_input_is_refused_naming_it(desk: Path) -> None:
    code, _, err = run(desk, "basket", "add", "NOPE")
    assert code == 1 and "no product 'NOPE'" in err
    code, _, err = run(desk, "basket", "add", MUG, "--quantity", "1.5")
    assert code == 1 and "quantity" in err and "whole number" in err
    code, _, err = run(desk, "pay", "--json")
    assert code == 1 and "basket: it has no lines" in err
    code, _, err = run(desk, "basket", "recall", "nothing-here")
    assert code == 1 and "no held basket" in err
