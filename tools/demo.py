"""``make demo``: a local server with seeded data, a logged-in client cache, and the window.

Everything lives in a throw-away data directory (``.demo/`` in the repository) that is removed
when the demo ends: Ctrl+C in the terminal or closing the window stops the window and the server.

Steps: migrate and seed a SQLite server database, create user ``demo`` (a supervisor of the first
demo branch, so the customer desk, the till on that branch's register ``DEMO-01`` and its
approvals all work), build the initial-pull snapshot, serve it on a free loopback port, log a
client in and sync its cache over HTTP (from the snapshot), then open the window on that cache.

The client keeps its refresh token in the OS keyring. On a headless Linux box (no D-Bus session)
the demo re-runs itself under ``tools/with-keyring.sh``, so every client command shares one
throw-away unlocked keyring.

Environment:
    DEMO_SMOKE=FILE.png   instead of opening the window, render it offscreen to FILE.png
                          (``frontdesk --smoke-screenshot``) and stop: a check for headless boxes.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from frontdesk.server.seed import BRANCHES, demo_registers

REPO = Path(__file__).resolve().parents[1]
WITH_KEYRING = REPO / "tools" / "with-keyring.sh"
HEALTH_PATH = "/api/v1/health"
DEMO_USER = "demo"
#: The first register ``seed-demo`` sets up, and its branch: the demo user's till.
DEMO_REGISTER, DEMO_BRANCH = demo_registers()[0]
STARTUP_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0


class DemoError(RuntimeError):
    """A demo step failed; the message says which and why."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if _needs_private_keyring():
        os.execv(str(WITH_KEYRING), [str(WITH_KEYRING), sys.executable, __file__, *sys.argv[1:]])
    demo_dir = _fresh_dir(Path(args.dir))
    server: subprocess.Popen[bytes] | None = None
    try:
        server = _prepare_and_serve(demo_dir, args)
        return _run_client(demo_dir, port=args.port, password=args.password)
    except DemoError as exc:
        print(f"demo: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ndemo: interrupted, stopping")
        return 130
    finally:
        _stop(server, "server")
        _remove(demo_dir, keep=args.keep)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(REPO / ".demo"), help="throw-away data directory")
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    parser.add_argument("--keep", action="store_true", help="keep the data directory at the end")
    parser.add_argument(
        "--password", default=secrets.token_urlsafe(12), help="the demo user's password"
    )
    return parser


def _needs_private_keyring() -> bool:
    """Headless Linux: no session bus, so no keyring unless we bring our own."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        and os.environ.get("FRONTDESK_KEYRING_SESSION") != "1"
        and shutil.which("dbus-run-session") is not None
    )


def _branch_currency(branch: str) -> str:
    return "RUB" if branch in BRANCHES["ru_RU"] else "GBP"


def _this_hour() -> str:
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0).isoformat()


def _prepare_and_serve(demo_dir: Path, args: argparse.Namespace) -> subprocess.Popen[bytes]:
    server_db = f"sqlite:///{(demo_dir / 'server.sqlite3').as_posix()}"
    _step("Migrating the server database", _server_cmd(server_db, "migrate"))
    _step(
        f"Seeding {args.customers} demo customers (seed {args.seed})",
        _server_cmd(
            server_db,
            "seed-demo",
            "--customers",
            str(args.customers),
            "--seed",
            str(args.seed),
            # Now: the demo's orders, stock figures and cases are current, not a year late.
            "--history-end",
            _this_hour(),
        ),
    )
    _step(
        f"Creating user {DEMO_USER!r} (supervisor of {DEMO_BRANCH}, register {DEMO_REGISTER})",
        _server_cmd(
            server_db,
            "add-user",
            DEMO_USER,
            "--role",
            "supervisor",
            "--branch",
            DEMO_BRANCH,
            "--password-stdin",
        ),
        stdin_text=args.password + "\n",
    )
    # As a back office prepares it for new desks: the demo desk's first pull starts from it.
    _step("Building the initial-pull snapshot", _server_cmd(server_db, "snapshot", "build"))
    args.port = args.port or _free_port()
    server = _start_server(server_db, port=args.port, log_path=demo_dir / "server.log")
    _wait_healthy(server, port=args.port, log_path=demo_dir / "server.log")
    return server


def _run_client(demo_dir: Path, *, port: int, password: str) -> int:
    desk = ["--data-dir", str(demo_dir / "desk")]
    os.environ["FRONTDESK_REGISTER"] = DEMO_REGISTER  # the window and the CLI inherit it
    # The demo branch's money: roubles in a Russian branch (the till and the price lists).
    os.environ.setdefault("FRONTDESK_TILL_CURRENCIES", _branch_currency(DEMO_BRANCH))
    url = f"http://127.0.0.1:{port}"
    _step(
        f"Logging the client in to {url} as {DEMO_USER!r}",
        _client_cmd(*desk, "login", "--server", url, "--user", DEMO_USER, "--password-stdin"),
        stdin_text=password + "\n",
    )
    _step("Syncing the client cache", _client_cmd(*desk, "sync"))
    smoke = os.environ.get("DEMO_SMOKE")
    if smoke:
        return _smoke_screenshot(desk, Path(smoke).resolve())
    print(f"\nFrontdesk is open. Server {url}, user {DEMO_USER!r}, password {password!r}")
    print(f"(a supervisor of {DEMO_BRANCH}: Desk > Till... works register {DEMO_REGISTER}).")
    print("Close the window or press Ctrl+C here to stop the demo.\n")
    window = subprocess.Popen(_client_cmd(*desk), start_new_session=True)
    try:
        status = window.wait()
    finally:
        _stop(window, "window")
    if status != 0:
        raise DemoError(f"the window exited with status {status}")
    return 0


def _smoke_screenshot(desk: list[str], png: Path) -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    _step(
        f"Rendering the window to {png}",
        _client_cmd(*desk, "--smoke-screenshot", str(png)),
        env=env,
    )
    print(f"demo: screenshot written to {png} ({png.stat().st_size} bytes)")
    return 0


def _server_cmd(db_url: str, *args: str) -> list[str]:
    return [*_entry_point("frontdesk-server", "frontdesk.server.cli"), "--db", db_url, *args]


def _client_cmd(*args: str) -> list[str]:
    return [*_entry_point("frontdesk", "frontdesk"), *args]


def _entry_point(script: str, module: str) -> list[str]:
    """The console script beside this Python, else ``python -m`` (same code either way)."""
    bin_dir = Path(sys.executable).parent
    found = shutil.which(script, path=str(bin_dir))
    return [found] if found else [sys.executable, "-m", module]


def _step(
    title: str, cmd: list[str], *, stdin_text: str | None = None, env: dict[str, str] | None = None
) -> None:
    print(f"==> {title}", flush=True)
    started = time.monotonic()
    result = subprocess.run(
        cmd, input=stdin_text, text=True, env=env, check=False, start_new_session=True
    )
    if result.returncode != 0:
        raise DemoError(f"{title} failed (exit {result.returncode}): {' '.join(cmd)}")
    print(f"    done in {time.monotonic() - started:.1f} s", flush=True)


def _start_server(db_url: str, *, port: int, log_path: Path) -> subprocess.Popen[bytes]:
    print(f"==> Starting the server on http://127.0.0.1:{port} (log: {log_path})", flush=True)
    cmd = _server_cmd(db_url, "serve", "--host", "127.0.0.1", "--port", str(port))
    with log_path.open("wb") as log:
        # Own session: Ctrl+C reaches only this script, which stops things in order.
        return subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def _wait_healthy(server: subprocess.Popen[bytes], *, port: int, log_path: Path) -> None:
    url = f"http://127.0.0.1:{port}{HEALTH_PATH}"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise DemoError(f"the server exited with {server.returncode}:\n{_tail(log_path)}")
        if _answers(url):
            return
        time.sleep(0.2)
    raise DemoError(f"no answer from {url} within {STARTUP_TIMEOUT_S:.0f} s:\n{_tail(log_path)}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[bytes] | None, name: str) -> None:
    if process is None or process.poll() is not None:
        return
    print(f"==> Stopping the {name}", flush=True)
    process.terminate()  # SIGTERM: a Qt event loop never sees SIGINT, uvicorn stops cleanly
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)  # left over from a demo that was killed
    path.mkdir(parents=True)
    return path


def _remove(path: Path, *, keep: bool) -> None:
    if keep:
        print(f"demo: data kept in {path}")
        return
    shutil.rmtree(path, ignore_errors=True)
    print(f"demo: removed {path}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 20) -> str:
    if not path.exists():
        return "(no server log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


if __name__ == "__main__":
    sys.exit(main())
