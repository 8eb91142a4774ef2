"""A case from the call to its resolution, across two desks and a real server on loopback.

A cashier takes a payment; an agent (offline: the server is down) opens a case on that
customer, linked to the receipt, for the returns team; once the server is back the case goes
up with the next sync; a colleague of the team finds it in their queue, answers the customer
and resolves it; the first desk sees the same history; a change both desks make to the
resolved case from the same status is kept once and shown as a conflict on the loser's desk;
the server's report counts the case.
"""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from e2e_support import free_port, run_server_command, server_command, wait_healthy

from frontdesk import cli
from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings

PASSWORD = "correct horse battery"
CATEGORIES = {"categories": [{"code": "returns", "name_en": "Returns", "name_ru": "Возвраты"}]}
TEAMS = {"teams": [{"code": "returns-leeds", "name": "Returns desk", "branch": "Leeds",
                    "members": ["bob"]}]}  # fmt: skip
SERVICE_LEVELS = {
    "policies": [{"category": "returns", "priority": "normal", "first_response_minutes": 60,
                  "resolution_minutes": 480}],
    "calendars": [{"branch": "*", "timezone": "Europe/London",
                   "hours": {str(day): [["00:00", "24:00"]] for day in range(1, 8)},
                   "holidays": []}],
}  # fmt: skip


@dataclass
class Server:
    db_url: str
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = server_command(self.db_url, "serve", "--host", "127.0.0.1", "--port",
                                 str(self.port))  # fmt: skip
        self.process = subprocess.Popen(command, stdout=self.log.open("ab"),
                                        stderr=subprocess.STDOUT)  # fmt: skip
        wait_healthy(self.url, self.process, self.log)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)
            self.process = None


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    for user, role in (("ann", "agent"), ("bob", "agent"), ("cat", "cashier")):
        run_server_command(db_url, "add-user", user, "--role", role, "--branch", "Leeds",
                           "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    run_server_command(db_url, "register", "add", "SHOP1", "--branch", "Leeds")
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


def run(data_dir: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), *args], stdin=io.StringIO(stdin), stdout=out,
                    stderr=err)  # fmt: skip
    return code, out.getvalue(), err.getvalue()


def ok(data_dir: Path, *args: str, stdin: str = "") -> str:
    code, out, err = run(data_dir, *args, stdin=stdin)
    assert code == 0, f"frontdesk {' '.join(args)}: {err}"
    return out


def one(text: str) -> dict:
    (line,) = [line for line in text.splitlines() if line.startswith("{")]
    return json.loads(line)


def login(data_dir: Path, server: Server, user: str) -> None:
    ok(data_dir, "login", "--server", server.url, "--user", user, "--password-stdin",
       stdin=PASSWORD + "\n")  # fmt: skip
    ok(data_dir, "sync")


def history(data_dir: Path, case_id: str) -> list[tuple[str, str, str | None]]:
    client = build_client(load_settings(data_dir=data_dir))
    try:
        events = client.cases().history(case_id)
        return [(e.kind, e.author, e.new) for e in events if not e.pending]
    finally:
        client.close()


def conflicts(data_dir: Path, case_id: str) -> list:
    client = build_client(load_settings(data_dir=data_dir))
    try:
        return client.cases().conflicts(case_id)
    finally:
        client.close()


def test_a_case_from_the_call_to_its_resolution_on_two_desks(
    server: Server, tmp_path: Path, monkeypatch, keyring_env
) -> None:
    for name, value in keyring_env.items():  # the CLI runs here: its keyring is this session's
        monkeypatch.setenv(name, value)
    till, agent, colleague = tmp_path / "till", tmp_path / "ann", tmp_path / "bob"

    monkeypatch.setenv("FRONTDESK_REGISTER", "SHOP1")
    login(till, server, "cat")
    customer = json.loads(ok(till, "lookup", "a", "--json", "--limit", "1").splitlines()[0])
    ok(till, "shift", "open", "--float", "20")
    paid = one(ok(till, "pay", "--customer", customer["id"], "--amount", "30.00", "--currency",
                  "GBP", "--tender", "cash", "--json"))  # fmt: skip
    ok(till, "sync")
    monkeypatch.delenv("FRONTDESK_REGISTER")

    login(agent, server, "ann")
    login(colleague, server, "bob")
    server.stop()  # the call comes in while the network is down
    opened = one(ok(agent, "case", "open", "--customer", customer["id"], "--category", "returns",
                    "--subject", "Kettle leaks", "--description", "Leaks from the base.",
                    "--link", f"receipt:{paid['receipt']}", "--team", "returns-leeds",
                    "--json"))  # fmt: skip
    number = opened["number"]
    assert number.endswith("-00001") and opened["status"] == "new"
    code, _, err = run(agent, "sync")
    assert code != 0 and err  # offline: said so, the case waits in the outbox

    server.start()
    ok(agent, "sync")
    ok(colleague, "sync")
    queue = [json.loads(line) for line in ok(colleague, "case", "list", "--queue", "team",
                                             "--json").splitlines() if line]  # fmt: skip
    assert [row["number"] for row in queue] == [number]
    ok(colleague, "case", "comment", number, "--body", "A new kettle is on its way.",
       "--for-customer")  # fmt: skip
    ok(colleague, "case", "status", number, "resolved", "--note", "replaced")
    ok(colleague, "sync")
    ok(agent, "sync")

    seen_by_agent = history(agent, opened["id"])
    assert seen_by_agent == history(colleague, opened["id"])
    assert [kind for kind, _, _ in seen_by_agent] == ["opened", "comment", "status"]
    assert seen_by_agent[-1] == ("status", "bob", "resolved")
    mine = [json.loads(line) for line in ok(agent, "case", "list", "--customer", customer["id"],
                                            "--json").splitlines() if line]  # fmt: skip
    assert [(row["number"], row["status"]) for row in mine] == [(number, "resolved")]

    # Both desks act on the resolved case before either syncs: the first to arrive stands.
    ok(agent, "case", "status", number, "reopened", "--note", "still leaks")
    ok(colleague, "case", "status", number, "closed")
    ok(agent, "sync")
    ok(colleague, "sync")
    ok(agent, "sync")
    (conflict,) = conflicts(colleague, opened["id"])
    assert (conflict.field, conflict.kept, conflict.yours) == ("status", "reopened", "closed")
    assert not conflicts(agent, opened["id"])
    assert history(agent, opened["id"]) == history(colleague, opened["id"])
    assert history(agent, opened["id"])[-1][0] == "conflict"
    # The desk that lost counts it among what waits for the agent, apart from edit conflicts.
    status = json.loads(ok(colleague, "sync", "--status", "--json"))
    assert (status["case_conflicts"], status["conflicts"]) == (1, 0)
    assert json.loads(ok(agent, "sync", "--status", "--json"))["case_conflicts"] == 0
    text = ok(colleague, "sync", "--status").splitlines()
    assert "case_conflicts:        1" in text and "conflicts:             0" in text

    report = json.loads(run_server_command(server.db_url, "cases", "report", "--json"))
    ours = report["by_team"]["returns-leeds"]  # seed-demo's cases are other teams'
    # Answered for the customer: a first response; reopened at the end: not closed.
    assert (ours["opened"], ours["closed"], ours["breached"]) == (1, 0, 0)
    assert ours["median_minutes_to_first_response"] is not None
