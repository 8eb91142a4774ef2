"""``frontdesk refund|void|shift close|pay --discount --supervisor`` against a real server on
loopback: the supervisor's password comes on stdin, the server checks it, the approval is in
the record; once the server has stopped, the same supervisor approves offline.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_till_window_e2e import PASSWORD, server, server_url  # noqa: F401 (fixtures)

from frontdesk import cli
from frontdesk.adapters.cache.till import till_unit_of_work
from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings


def run(data_dir: Path, *args: str, stdin: str = "") -> tuple[int, dict | None, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), *args], stdin=io.StringIO(stdin), stdout=out,
                    stderr=err)  # fmt: skip
    text = out.getvalue().strip()
    return code, json.loads(text) if text.startswith("{") else None, err.getvalue()


@pytest.fixture
def desk(tmp_path: Path, monkeypatch, server_url: str, keyring_env) -> Path:  # noqa: F811
    for name, value in keyring_env.items():  # the CLI runs here: its keyring is this session's
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FRONTDESK_REGISTER", "SHOP7")
    # cat logs in here: the desk's own login asks the server for each approval.
    code, _, err = run(tmp_path, "login", "--server", server_url, "--user", "cat",
                       "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    assert code == 0, err
    assert run(tmp_path, "shift", "open", "--float", "20", "--json")[0] == 0
    for amount in ("30.00", "12.50"):
        code, _, err = run(tmp_path, "pay", "--walk-in", "--amount", amount, "--currency", "GBP",
                           "--tender", "cash", "--json")  # fmt: skip
        assert code == 0, err
    return tmp_path


def test_refund_void_and_close_with_a_supervisor(desk: Path) -> None:
    sue = PASSWORD + "\n"
    refund = ["refund", "SHOP7-00000001", "--amount", "10.00", "--supervisor"]
    code, _, err = run(desk, *refund, "cat", "--json", stdin=sue)
    assert code == 1 and "cat is a cashier" in err
    code, _, err = run(desk, *refund, "sue", "--json", stdin="wrong password\n")
    assert code == 1 and "supervisor" in err
    code, refunded, err = run(desk, *refund, "sue", "--json", stdin=sue)
    assert code == 0, err
    assert refunded["kind"] == "refund" and refunded["receipt"] == "SHOP7-00000003"
    code, _, err = run(desk, "refund", "SHOP7-00000001", "--amount", "20.01", "--supervisor", "sue",
                       stdin=sue)  # fmt: skip
    assert code == 1 and "only 20.00 GBP of SHOP7-00000001 is left to refund" in err
    code, voided, err = run(desk, "void", "SHOP7-00000002", "--supervisor", "sue", "--json",
                            stdin=sue)  # fmt: skip
    assert code == 0 and voided["kind"] == "void" and voided["amount"] == "12.50", err
    code, closed, err = run(desk, "shift", "close", "--count", "20=2", "--supervisor", "sue",
                            "--json", stdin=sue)  # fmt: skip
    assert code == 0, err
    # 20 float + 30 + 12.50 - 10 refunded - 12.50 voided = 40.00 expected; counted 40.00.
    assert closed["expected_cash"] == "40.00" and closed["over_short"] == "0.00"
    assert (closed["refunds"], closed["voids"], closed["override_by"]) == (1, 1, "sue")
    _approvals_in_the_journal(desk)


def _approvals_in_the_journal(data_dir: Path) -> None:
    client = build_client(load_settings(data_dir=data_dir))
    try:
        uow = till_unit_of_work(client.uow)
        with uow:
            shift = uow.till.last_shift("SHOP7")
            entries = uow.till.entries(shift_id=shift.id)
    finally:
        client.close()
    signed = {e.kind: (e.body.get("approval") or e.body.get("override") or {}) for e in entries}
    assert {signed[k].get("supervisor") for k in ("refund", "void", "shift_close")} == {"sue"}


def test_a_discount_over_the_limit_then_an_offline_approval(desk: Path, server) -> None:  # noqa: F811
    pay = ["pay", "--walk-in", "--amount", "80.00", "--currency", "GBP", "--tender", "card",
           "--discount", "25%", "--json"]  # fmt: skip
    code, _, err = run(desk, *pay)
    assert code == 1 and "over the cashier's limit of 10% of the sale (8.00 GBP)" in err
    code, paid, err = run(desk, *pay, "--supervisor", "sue", stdin=PASSWORD + "\n")
    assert code == 0, err
    assert (paid["gross"], paid["discount"], paid["amount"]) == ("80.00", "20.00", "60.00")
    assert paid["approval"]["supervisor"] == "sue" and paid["approval"]["method"] == "online"
    server[1].terminate()  # the server goes away; sue signed in online here a moment ago
    server[1].wait(timeout=15)
    refund = ["refund", paid["receipt"], "--amount", "5.00", "--supervisor", "sue", "--json"]
    code, _, err = run(desk, *refund, stdin="not her password\n")
    assert code == 1 and "wrong password for sue (checked offline)" in err
    code, refunded, err = run(desk, *refund, stdin=PASSWORD + "\n")
    assert code == 0 and refunded["kind"] == "refund", err
    client = build_client(load_settings(data_dir=desk))
    try:
        uow = till_unit_of_work(client.uow)
        with uow:
            approval = uow.till.transaction(refunded["id"]).approval
    finally:
        client.close()
    assert (approval.supervisor, approval.method) == ("sue", "offline")
