"""The cross-sell model goes from server training through a real pull to a desk that is offline.

seed-demo in a real server process retrains the model by itself (enough new purchases), a
desk logs in and syncs over HTTP, the server is stopped, and ``frontdesk recommend`` still
answers from the cache, with reasons naming the customer's own products.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from e2e_support import RunningServer, run_server_command, server_command, wait_healthy

PASSWORD = "tea and biscuits at four"
_STARTED: list[subprocess.Popen[bytes]] = []


@pytest.fixture(autouse=True)
def _stop_restarted_servers():
    yield
    while _STARTED:
        process = _STARTED.pop()
        process.terminate()
        process.wait(timeout=15)


def _desk(data_dir: Path, env: dict[str, str], *args: str, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "frontdesk", "--data-dir", str(data_dir), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, f"frontdesk {' '.join(args)}: {done.stderr}"
    return done.stdout


def test_a_desk_recommends_offline_with_the_model_it_pulled(
    tmp_path: Path, start_server, keyring_env: dict[str, str]
) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    seeded = run_server_command(db_url, "seed-demo", "--customers", "150", "--seed", "4")
    assert "cross-sell model v1:" in seeded  # over 1,000 new purchases: retrained by itself
    run_server_command(
        db_url,
        "add-user",
        "desk.agent",
        "--role",
        "agent",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    server: RunningServer = start_server(db_url)
    env = {**os.environ, **keyring_env}
    desk = tmp_path / "desk"
    _desk(
        desk,
        env,
        "login",
        "--server",
        server.url,
        "--user",
        "desk.agent",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    _desk(desk, env, "sync")
    server.process.terminate()
    server.process.wait(timeout=15)

    account = "DEMO-4-000007"
    customer = json.loads(_desk(desk, env, "lookup", account, "--json").splitlines()[0])
    kept = _kept_skus(customer["purchases"])
    offers = [
        json.loads(line) for line in _desk(desk, env, "recommend", account, "--json").splitlines()
    ]
    assert [o["rank"] for o in offers] == [1, 2, 3, 4, 5]
    assert all(o["model_version"] == 1 for o in offers)
    assert not {o["sku"] for o in offers} & kept, "offers only what the customer does not have"
    explained = [o for o in offers if o["kind"] == "co-purchase"]
    assert explained, offers
    for offer in explained:
        assert offer["because_of_skus"] and set(offer["because_of_skus"]) <= kept
        assert offer["reason"].endswith(f"who bought {offer['because_of'][0]}")
    table = _desk(desk, env, "recommend", customer["id"])
    assert table.splitlines()[0].startswith(f"1. {offers[0]['name']} [{offers[0]['sku']}]: ")


def _kept_skus(purchases: list[dict]) -> set[str]:
    net: dict[str, Decimal] = {}
    for purchase in purchases:
        for item in purchase["items"]:
            net[item["sku"]] = net.get(item["sku"], Decimal(0)) + Decimal(item["quantity"])
    return {sku for sku, quantity in net.items() if quantity > 0}


def test_feedback_made_offline_reaches_the_acceptance_report(
    tmp_path: Path, start_server, keyring_env: dict[str, str]
) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    run_server_command(db_url, "seed-demo", "--customers", "150", "--seed", "4")
    for name, role, branch in (("desk.agent", "agent", "Leeds"), ("boss", "supervisor", "")):
        run_server_command(
            db_url, "add-user", name, "--role", role, "--branch", branch, "--password-stdin",
            stdin=PASSWORD + "\n",
        )  # fmt: skip
    server: RunningServer = start_server(db_url)
    env = {**os.environ, **keyring_env}
    desk = tmp_path / "desk"
    _desk(desk, env, "login", "--server", server.url, "--user", "desk.agent",
          "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    _desk(desk, env, "sync")
    server.process.terminate()
    server.process.wait(timeout=15)

    shown = _desk(desk, env, "recommend", "DEMO-4-000007", "--json", "--record-offered")
    offers = [json.loads(line) for line in shown.splitlines()]
    _desk(desk, env, "feedback", "DEMO-4-000007", offers[0]["sku"], "accepted")
    _desk(desk, env, "feedback", "DEMO-4-000007", offers[1]["sku"], "declined")

    server = _restart(server, tmp_path)
    _desk(desk, env, "sync")
    report = _report(server.url, "boss")
    assert report["total"] == {
        "key": "all", "name": "all", "offered": 5, "accepted": 1, "declined": 1,
        "acceptance_rate": 0.2,
    }  # fmt: skip
    by_product = {row["key"]: row for row in report["by_product"]}
    assert by_product[offers[0]["sku"]]["accepted"] == 1
    assert by_product[offers[0]["sku"]]["name"] == offers[0]["name"]
    assert [(r["key"], r["offered"]) for r in report["by_agent"]] == [("desk.agent", 5)]
    assert [(r["key"], r["declined"]) for r in report["by_branch"]] == [("Leeds", 1)]
    agent_token = _token(server.url, "desk.agent")
    refused = requests.get(
        f"{server.url}/api/v1/reports/crosssell-acceptance",
        headers={"Authorization": f"Bearer {agent_token}"},
        timeout=10,
    )
    assert refused.status_code == 403


def _restart(server: RunningServer, tmp_path: Path) -> RunningServer:
    """The server again on the same address, so the desk's login still points at it."""
    port = server.url.rsplit(":", 1)[1]
    log_path = tmp_path / "server-again.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            server_command(server.db_url, "serve", "--host", "127.0.0.1", "--port", port),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    _STARTED.append(process)
    wait_healthy(server.url, process, log_path)
    return RunningServer(server.url, server.db_url, process)


def _token(url: str, user: str) -> str:
    answer = requests.post(
        f"{url}/api/v1/auth/login", json={"username": user, "password": PASSWORD}, timeout=10
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["access_token"]


def _report(url: str, user: str) -> dict:
    answer = requests.get(
        f"{url}/api/v1/reports/crosssell-acceptance",
        headers={"Authorization": f"Bearer {_token(url, user)}"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return answer.json()
