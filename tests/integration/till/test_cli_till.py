"""``frontdesk shift|pay`` on a real desk cache, as a scripted till runs them (``--json``)."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path

import pytest

from frontdesk import cli


def run(data_dir: Path, *args: str, stdin: str = "") -> tuple[int, dict | None, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["--data-dir", str(data_dir), *args]
    code = cli.main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    text = out.getvalue().strip()
    return code, json.loads(text) if text.startswith("{") else None, err.getvalue()


@pytest.fixture
def desk(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("FRONTDESK_REGISTER", "SHOP9")
    monkeypatch.delenv("FRONTDESK_TILL_CURRENCIES", raising=False)
    monkeypatch.delenv("FRONTDESK_TILL_LIMIT", raising=False)
    code, opened, err = run(tmp_path, "shift", "open", "--float", "100.00", "--json")
    assert code == 0, err
    assert opened is not None and opened["register"] == "SHOP9" and opened["float"] == "100.00"
    return tmp_path


def pay(desk: Path, *args: str) -> tuple[int, dict | None, str]:
    return run(desk, "pay", "--walk-in", "--currency", "GBP", "--json", *args)


def test_payments_by_every_tender_with_change_and_split(desk: Path) -> None:
    code, cash, _ = pay(desk, "--amount", "12.34", "--tender", "cash", "--tendered", "20")
    assert code == 0 and cash["receipt"] == "SHOP9-00000001" and cash["change"] == "7.66"
    code, split, _ = pay(desk, "--amount", "15", "--split", "card=10", "--split", "cash=5.00")
    assert code == 0 and split["tenders"] == [
        {"tender": "card", "amount": "10.00"},
        {"tender": "cash", "amount": "5.00"},
    ]
    code, bank, _ = pay(desk, "--amount", "99.99", "--tender", "bank_transfer")
    assert code == 0 and bank["receipt"] == "SHOP9-00000003" and bank["change"] == "0.00"
    code, report, _ = run(desk, "shift", "report", "--json")
    assert code == 0 and report["payments"] == 3 and report["taken"] == "127.33"
    assert report["by_tender"] == {"cash": "17.34", "card": "10.00", "bank_transfer": "99.99"}
    assert report["expected_cash"] == "117.34"


def test_the_same_key_records_one_payment(desk: Path) -> None:
    key = str(uuid.uuid4())
    first = pay(desk, "--amount", "5", "--tender", "card", "--key", key)
    again = pay(desk, "--amount", "5", "--tender", "card", "--key", key)
    assert first[0] == again[0] == 0 and first[1] == again[1]
    assert run(desk, "shift", "report", "--json")[1]["payments"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--amount", "-5"], "must be more than zero"),
        (["--amount", "0"], "must be more than zero"),
        (["--amount", "NaN"], "must be a finite number"),
        (["--amount", "Infinity"], "must be a finite number"),
        (["--amount", "1e309"], "over the limit"),
        (["--amount", "1.005"], "at most 2 decimal places"),
        (["--amount", "10000.01"], "over the limit"),
        (["--amount", "ten"], "is not a number"),
        (["--amount", "5", "--currency", "EUR"], "EUR is not accepted here"),
        (["--amount", "5", "--tendered", "4"], "does not cover"),
        (["--amount", "5", "--tender", "card", "--tendered", "6"], "only cash can be more"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_recorded(desk: Path, args, message) -> None:
    code, printed, err = pay(desk, *args)
    assert code == 1 and printed is None and message in err, err
    assert run(desk, "shift", "report", "--json")[1]["payments"] == 0


def test_closing_with_unsynced_payments_needs_a_supervisor(desk: Path) -> None:
    pay(desk, "--amount", "5", "--tender", "cash")
    code, _, err = run(desk, "shift", "close", "--count", "50=2", "--count", "5=1", "--json")
    assert code == 1 and "not synced yet" in err
    code, _, err = run(desk, "refund", "SHOP9-00000001", "--amount", "1", "--supervisor", "sue",
                       stdin="secret\n")  # fmt: skip
    # Not logged in: no server to ask, and sue never signed in here to be checked offline.
    assert code == 1 and "not logged in to a server" in err
    assert "sue has not signed in online at this desk before" in err
    assert run(desk, "shift", "report", "--json")[1]["refunds"] == 0


def test_the_shift_report_totals_the_discounts(desk: Path, monkeypatch) -> None:
    monkeypatch.delenv("FRONTDESK_TILL_DISCOUNT_LIMIT", raising=False)
    assert pay(desk, "--amount", "39.99", "--tender", "card", "--discount", "10%")[0] == 0
    assert pay(desk, "--amount", "20.00", "--tender", "card", "--discount", "1.50")[0] == 0
    code, report, _ = run(desk, "shift", "report", "--json")
    assert code == 0 and report["taken"] == "54.49"  # 35.99 + 18.50
    assert report["discounts"] == {
        "GBP": {"count": 2, "total": "5.50", "approved": 0, "approved_total": "0.00"}
    }
