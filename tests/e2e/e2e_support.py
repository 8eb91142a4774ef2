"""Helpers of the end-to-end tests: free ports, server commands, waiting for health."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

START_TIMEOUT_S = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class RunningServer:
    url: str
    db_url: str
    process: subprocess.Popen[bytes]


def server_command(db_url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "frontdesk.server.cli", "--db", db_url, *args]


def run_server_command(db_url: str, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        server_command(db_url, *args), input=stdin, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"frontdesk-server {' '.join(args)} failed:\n{done.stderr}"
    return done.stdout


def add_register(db_url: str, code: str, *, branch: str, device: str | None = None) -> str:
    """Set up till register ``code`` as an admin does: ``frontdesk-server register add``."""
    device_args = ("--device", device) if device else ()
    return run_server_command(db_url, "register", "add", code, "--branch", branch, *device_args)


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if requests.get(f"{url}/api/v1/health", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not answer /api/v1/health within {START_TIMEOUT_S} s")
