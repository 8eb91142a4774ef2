"""Registers are set up by an admin, for one branch, never claimed by the first pusher.

A till of another branch cannot take a register before its own branch does (it was never
added; once added for Leeds, York's pushes are 403 and Leeds' till works); a register nobody
added, a retired one, or one bound to another device refuses every entry (403 per item);
``frontdesk-server register ...`` checks what it is given; the 0016 migration gives a register
an older server left without a branch its first cashier's branch.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker
from test_push_trust import Till
from till_helpers import PASSWORD, add_register

from frontdesk.domain.till import genesis_hash
from frontdesk.server import cli as server_cli
from frontdesk.server.commands import run
from frontdesk.server.db import alembic_config, make_engine, migrate
from frontdesk.server.seed import demo_registers, seed_demo
from frontdesk.server.till.models import TillJournalEntry, TillRegister
from frontdesk.server.till.registers import bind_device, retire_register
from frontdesk.server.till.verify import verify_journals
from frontdesk.server.users import add_user

NOT_SET_UP = (
    "register SHOPA2 is not set up on this server: an admin adds it with "
    "`frontdesk-server register add`"
)


@pytest.fixture
def yve(server_factory: sessionmaker[Session], api: TestClient) -> None:
    """York's cashier, beside Leeds' cat and sue."""
    add_user(server_factory, username="yve", password=PASSWORD, role="cashier", branch="York")


def _refused(result: dict) -> str:
    assert (result["status"], result["code"]) == ("rejected", 403), result
    return result["detail"]


def _journal(factory: sessionmaker[Session], code: str) -> int:
    with factory() as session:
        query = select(func.count()).where(TillJournalEntry.register == code)
        return session.scalar(query)


def test_another_branch_cannot_claim_a_register_before_its_own_branch(
    api: TestClient, server_factory: sessionmaker[Session], yve: None
) -> None:
    york = Till(api, "yve", "SHOPA2")
    assert _refused(york.open()) == NOT_SET_UP
    with server_factory() as session:
        assert session.get(TillRegister, "SHOPA2") is None  # nothing claimed
    add_register(server_factory, "SHOPA2", branch="Leeds")
    assert _refused(york.open()) == "register SHOPA2 belongs to another branch"
    leeds = Till(api, "cat", "SHOPA2")
    assert leeds.open()["status"] == "applied"
    (paid,) = leeds.push(leeds.payment("3.00"))
    assert paid["result"]["accepted"] is True
    assert _journal(server_factory, "SHOPA2") == 2


def test_an_unknown_register_is_refused_and_nothing_is_written(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    assert _refused(Till(api, "cat", "SHOPA2").open()) == NOT_SET_UP
    assert _journal(server_factory, "SHOPA2") == 0
    assert [r.register for r in verify_journals(server_factory).reports] == ["SHOP1"]


def test_a_retired_register_takes_no_further_entries(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    add_register(server_factory, "SHOPA2")
    till = Till(api, "cat", "SHOPA2")
    till.open()
    retire_register(server_factory, "SHOPA2")
    assert _refused(till.push(till.payment())[0]) == (
        "register SHOPA2 is retired and takes no further entries"
    )
    (report,) = verify_journals(server_factory, "SHOPA2").reports
    assert (report.ok, report.checked) == (True, 1)


def test_a_register_bound_to_a_device_refuses_every_other_device(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    front = Till(api, "cat", "SHOPA2")
    add_register(server_factory, "SHOPA2", device=front.device)
    other = Till(api, "sue", "SHOPA2")
    assert _refused(other.open()) == "register SHOPA2 is bound to another device"
    assert front.open()["status"] == "applied"


def test_an_unbound_register_is_bound_by_its_first_device_until_released(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    add_register(server_factory, "SHOPA2")
    old, new = Till(api, "cat", "SHOPA2"), Till(api, "cat", "SHOPA2")
    assert old.open()["status"] == "applied"
    with server_factory() as session:
        assert session.get_one(TillRegister, "SHOPA2").device_id == old.device
    new.head, new.shift = old.head, old.shift  # the till's journal, moved to a new machine
    payment = new.payment()
    assert _refused(new.push(payment)[0]) == "register SHOPA2 is bound to another device"
    bind_device(server_factory, "SHOPA2", None)  # register bind-device SHOPA2 --any
    assert new.push(payment)[0]["status"] == "applied"
    assert _refused(old.push(old.payment())[0]) == "register SHOPA2 is bound to another device"


def test_an_added_register_starts_at_its_genesis_and_verifies(
    server_factory: sessionmaker[Session],
) -> None:
    add_register(server_factory, "SHOPA2")
    with server_factory() as session:
        head = session.get_one(TillRegister, "SHOPA2")
        assert (head.head_seq, head.head_hash, head.branch) == (0, genesis_hash("SHOPA2"), "Leeds")
    (report,) = verify_journals(server_factory, "SHOPA2").reports
    assert (report.ok, report.checked, report.problems) == (True, 0, [])


# --- the command ---------------------------------------------------------------------------


def _cli(url: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    parsed = server_cli._parser().parse_args(["--db", url, "register", *args])
    status = run(parsed, stdin=io.StringIO(), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("code", ["shopa2", "SHOP A2", "", "A" * 21, "SHOP/1", "ŠHOP1", "SHOP1\n"])
def test_register_add_refuses_a_code_the_till_could_not_send(migrated_url: str, code: str) -> None:
    status, out, err = _cli(migrated_url, "add", code, "--branch", "Leeds")
    assert (status, out) == (1, "")
    assert err.startswith(f"frontdesk-server register add: error: register code {code!r}")


@pytest.mark.parametrize("code", ["A", "SHOP_1-2", "Z" * 20, "0"])
def test_register_add_takes_every_code_the_till_may_send(migrated_url: str, code: str) -> None:
    status, out, _ = _cli(migrated_url, "add", code, "--branch", "Leeds", "--name", "Till 2")
    assert status == 0 and out.startswith(f"{code} (Till 2)  branch Leeds  device unbound")


def test_register_commands_say_what_is_wrong(
    migrated_url: str, api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    assert _cli(migrated_url, "add", "SHOPA2", "--branch", " ")[2].endswith(
        "--branch: a register belongs to a branch; give its name\n"
    )
    assert "no device 'nope'" in _cli(migrated_url, "add", "SHOPA2", "--branch", "L",
                                      "--device", "nope")[2]  # fmt: skip
    assert _cli(migrated_url, "add", "SHOPA2", "--branch", "Leeds")[0] == 0
    assert "exists already (branch Leeds)" in _cli(migrated_url, "add", "SHOPA2", "--branch",
                                                   "York")[2]  # fmt: skip
    assert "no register 'SHOPZ'" in _cli(migrated_url, "retire", "SHOPZ")[2]
    till = Till(api, "cat", "SHOPA2")
    till.open()
    status, _, err = _cli(migrated_url, "move", "SHOPA2", "--branch", "York")
    assert status == 1 and "has 1 journal entries at its branch" in err
    status, out, _ = _cli(migrated_url, "bind-device", "SHOPA2", till.device)
    assert status == 0 and f"device {till.device}" in out
    add_user(server_factory, username="yve", password=PASSWORD, role="cashier", branch="York")
    york = Till(api, "yve", "SHOPZ")
    status, _, err = _cli(migrated_url, "bind-device", "SHOPA2", york.device)
    assert status == 1 and f"device {york.device} belongs to branch York, not Leeds" in err


def test_register_move_and_list(migrated_url: str) -> None:
    _cli(migrated_url, "add", "SHOPA2", "--branch", "Leeds")
    _cli(migrated_url, "add", "SHOPB1", "--branch", "York", "--name", "Till 1")
    assert _cli(migrated_url, "move", "SHOPA2", "--branch", "York")[0] == 0
    _cli(migrated_url, "retire", "SHOPB1")
    status, out, _ = _cli(migrated_url, "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and [(r["register"], r["branch"], r["name"]) for r in rows] == [
        ("SHOPA2", "York", ""), ("SHOPB1", "York", "Till 1")]  # fmt: skip
    assert rows[0]["retired_at"] is None and rows[1]["retired_at"] is not None
    listed = _cli(migrated_url, "list")[1].splitlines()
    assert re.search(r"^SHOPB1 \(Till 1\)  branch York .* 0 entries  retired \d{4}-", listed[1])


# --- the migration -------------------------------------------------------------------------


def test_the_migration_gives_a_register_without_branch_its_first_cashiers_branch(
    db_url: str,
) -> None:
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0013_access")
            _older_servers_registers(connection)
        migrate(db_url)
        with engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT register, branch, device_id, name, retired_at FROM till_registers "
                    "ORDER BY register"
                )
            ).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in rows] == [
        ("KEPT", "York", "d1", "", None),  # had a branch: kept
        ("NOBODY", "", "d1", "", None),  # no entries: refused until an admin binds it
        ("SHOPL", "Leeds", "d1", "", None),  # its first cashier's branch
    ]


def _older_servers_registers(connection) -> None:
    now = "2024-03-01 09:30:00"
    connection.execute(
        text(
            "INSERT INTO users (id, username, password_hash, role, branch, created_at) "
            f"VALUES (1, 'cat', 'x', 'cashier', 'Leeds', '{now}')"
        )
    )
    for register, branch in (("SHOPL", None), ("NOBODY", ""), ("KEPT", "York")):
        connection.execute(
            text(
                "INSERT INTO till_registers (register, device_id, branch, head_seq, head_hash, "
                "updated_at) VALUES (:r, 'd1', :b, 1, 'h', :now)"
            ),
            {"r": register, "b": branch, "now": now},
        )
    content = json.dumps({"body": {"cashier": "cat", "float": "5.00"}, "kind": "shift_open"})
    connection.execute(
        text(
            "INSERT INTO till_journal (register, seq, key, kind, content, prev_hash, hash, "
            "received_at) VALUES ('SHOPL', 1, 'k1', 'shift_open', :c, 'p', 'h', :now)"
        ),
        {"c": content, "now": now},
    )


# --- the demo ------------------------------------------------------------------------------


def test_the_demo_seeds_one_register_per_branch_and_its_cashiers_till_works(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    report = seed_demo(server_factory, customers=0, seed=7)
    assert report.registers_created == len(demo_registers()) == 12
    assert seed_demo(server_factory, customers=0, seed=7).registers_created == 0
    codes = dict((branch, code) for code, branch in demo_registers())
    add_user(server_factory, username="lee", password=PASSWORD, role="cashier",
             branch="Leeds, Briggate")  # fmt: skip
    assert Till(api, "lee", codes["Leeds, Briggate"]).open()["status"] == "applied"
    refused = Till(api, "lee", codes["London, Camden"]).open()
    assert _refused(refused) == f"register {codes['London, Camden']} belongs to another branch"
