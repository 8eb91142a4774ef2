"""End-to-end fixtures: a real OS keyring in a D-Bus session, a real server process.

``keyring_env`` is the environment for client subprocesses. Where the run already has a
D-Bus session (a desktop, or ``tools/with-keyring.sh`` under ``make test``) it is used as is;
otherwise the fixture starts its own ``dbus-daemon`` and an unlocked throw-away
``gnome-keyring-daemon`` whose files live in a temporary directory. Either way a probe checks
that ``frontdesk.adapters.credentials`` finds a usable keyring there. Without one the tests
skip with the reason, except in CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_support import (
    START_TIMEOUT_S,
    RunningServer,
    free_port,
    run_server_command,
    server_command,
    wait_healthy,
)

KEYRING_PASSWORD = "frontdesk-e2e"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true requires a real keyring", pytrace=False)
    pytest.skip(reason)


def _start_dbus(env: dict[str, str]) -> subprocess.Popen[str]:
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    if not address:
        daemon.kill()
        _unavailable("dbus-daemon did not print a session bus address")
    env["DBUS_SESSION_BUS_ADDRESS"] = address
    return daemon


def _start_keyring(env: dict[str, str], home: Path) -> None:
    # Keyring files and the control socket go to a throw-away folder, so the machine's own
    # keyring is never touched and an old "login" keyring cannot refuse the password.
    (home / "data").mkdir()
    (home / "run").mkdir(mode=0o700)
    env["XDG_DATA_HOME"], env["XDG_RUNTIME_DIR"] = str(home / "data"), str(home / "run")
    started = subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input=KEYRING_PASSWORD,
        capture_output=True,
        text=True,
        env=env,
        timeout=START_TIMEOUT_S,
    )
    if started.returncode != 0:
        _unavailable(f"gnome-keyring-daemon failed: {started.stderr.strip()}")
    for line in started.stdout.splitlines():
        name, _, value = line.partition("=")
        if name and value:
            env[name] = value


def _probe(env: dict[str, str]) -> None:
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "from frontdesk.adapters.credentials import usable_backend\nusable_backend()",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=START_TIMEOUT_S,
    )
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["unknown error"])[-1]
        _unavailable(f"no usable OS keyring in the test session: {last}")


@pytest.fixture(scope="session")
def keyring_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Environment variables under which the OS keyring works (D-Bus + Secret Service)."""
    env = dict(os.environ)
    daemon = None
    if not env.get("DBUS_SESSION_BUS_ADDRESS"):
        missing = [t for t in ("dbus-daemon", "gnome-keyring-daemon") if not shutil.which(t)]
        if missing:
            _unavailable(
                f"{' and '.join(missing)} not installed "
                "(apt-get install gnome-keyring dbus dbus-x11)"
            )
        daemon = _start_dbus(env)
        _start_keyring(env, tmp_path_factory.mktemp("keyring"))
    try:
        _probe(env)
        yield {k: env[k] for k in env if k not in os.environ or env[k] != os.environ[k]}
    finally:
        if daemon is not None:  # the keyring daemon leaves with its session bus
            daemon.terminate()
            daemon.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path, start_server) -> RunningServer:
    """A server with the first retail file imported and agent ``ann`` (``PASSWORD``)."""
    from test_pull_e2e import FIRST_FILE, PASSWORD

    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    retail = tmp_path / "retail.csv"
    retail.write_text(FIRST_FILE)
    run_server_command(db_url, "import", "online-retail", str(retail))
    run_server_command(
        db_url, "add-user", "ann", "--role", "agent", "--password-stdin", stdin=PASSWORD + "\n"
    )
    return start_server(db_url)


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[object]:
    """Start ``frontdesk-server serve`` on a free loopback port over a given database."""
    started: list[subprocess.Popen[bytes]] = []

    def start(db_url: str) -> RunningServer:
        port = free_port()
        log = (tmp_path / f"server-{port}.log").open("wb")
        process = subprocess.Popen(
            server_command(db_url, "serve", "--host", "127.0.0.1", "--port", str(port)),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append(process)
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, process, tmp_path / f"server-{port}.log")
        return RunningServer(url, db_url, process)

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
