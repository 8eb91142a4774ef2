"""A case handed to another branch's team leaves the old team's desk, over a real server.

Eve at York opens a case for the Leeds returns team; Bob at Leeds, in that team, pulls it
into his team queue. Eve hands it to York's own team: Bob's next sync says the case left his
scope, so it leaves his queues (and stays only as its customer's case). A second case that
Bob himself hands to a York user with no team leaves his queues the same way, while a case
still his team's stays.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_support import free_port, run_server_command
from test_cases_e2e import PASSWORD, SERVICE_LEVELS, Server, login, ok, one

CATEGORIES = {"categories": [{"code": "returns", "name_en": "Returns", "name_ru": "Возвраты"}]}
TEAMS = {"teams": [
    {"code": "returns-leeds", "name": "Returns Leeds", "branch": "Leeds", "members": ["bob"]},
    {"code": "returns-york", "name": "Returns York", "branch": "York", "members": ["eve"]},
]}  # fmt: skip


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    for user, branch in (("bob", "Leeds"), ("eve", "York")):
        run_server_command(db_url, "add-user", user, "--role", "agent", "--branch", branch,
                           "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    run_server_command(db_url, "seed-demo", "--customers", "10")
    for command, content in (("case-categories", CATEGORIES), ("teams", TEAMS),
                             ("service-levels", SERVICE_LEVELS)):  # fmt: skip
        path = tmp_path / f"{command}.json"
        path.write_text(json.dumps(content), encoding="utf-8")
        run_server_command(db_url, command, "import", str(path))
    running = Server(db_url, free_port(), tmp_path / "server.log")
    running.start()
    try:
        yield running
    finally:
        running.stop()


def _numbers(data_dir: Path, *args: str) -> list[str]:
    lines = ok(data_dir, "case", "list", *args, "--json").splitlines()
    return [json.loads(line)["number"] for line in lines if line]


def _in_queues(data_dir: Path, case_id: str) -> bool:
    with sqlite3.connect(next(data_dir.rglob("*.sqlite3"))) as conn:
        (flag,) = conn.execute("SELECT in_queues FROM cases WHERE id = ?", (case_id,)).fetchone()
    return bool(flag)


def _open(data_dir: Path, customer: str, subject: str) -> dict:
    return one(ok(data_dir, "case", "open", "--customer", customer, "--category", "returns",
                  "--subject", subject, "--team", "returns-leeds", "--json"))  # fmt: skip


def test_a_case_handed_to_another_branch_leaves_the_old_teams_queue(
    server: Server, tmp_path: Path, monkeypatch, keyring_env
) -> None:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    york, leeds = tmp_path / "eve", tmp_path / "bob"
    login(york, server, "eve")
    login(leeds, server, "bob")
    customer = json.loads(ok(york, "lookup", "a", "--json", "--limit", "1").splitlines()[0])
    moved = _open(york, customer["id"], "Kettle leaks")
    handed = _open(york, customer["id"], "Toaster burns")
    stays = _open(york, customer["id"], "Mug cracked")
    ok(york, "sync")
    ok(leeds, "sync")
    numbers = [moved["number"], handed["number"], stays["number"]]
    assert sorted(_numbers(leeds, "--queue", "team")) == sorted(numbers)

    ok(york, "case", "assign", moved["number"], "--team", "returns-york", "--user", "eve")
    ok(york, "sync")
    ok(leeds, "case", "assign", handed["number"], "--user", "eve", "--note", "hers now")
    ok(leeds, "sync")  # pushes the hand-over, then pulls what left

    assert _numbers(leeds, "--queue", "team") == [stays["number"]]
    assert not _in_queues(leeds, moved["id"]) and not _in_queues(leeds, handed["id"])
    assert _in_queues(leeds, stays["id"])
    # Still the customer's cases at Bob's desk (as last seen), only out of his queues.
    assert sorted(_numbers(leeds, "--customer", customer["id"])) == sorted(numbers)
    # York's desk keeps them all: they are its branch's.
    ok(york, "sync")
    assert sorted(_numbers(york, "--queue", "mine")) == sorted([moved["number"], handed["number"]])

    # Handed back to Leeds, the case comes back into Bob's queue with its whole history.
    ok(york, "case", "assign", moved["number"], "--team", "returns-leeds")
    ok(york, "sync")
    ok(leeds, "sync")
    assert sorted(_numbers(leeds, "--queue", "team")) == sorted([moved["number"], stays["number"]])
