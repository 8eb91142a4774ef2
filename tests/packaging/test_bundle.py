"""The PyInstaller bundle: build it from build.spec, then run the frozen client for real.

Slow (about a minute to build on two cores), so marked ``slow``; ``make test`` and CI run it,
``make test-fast`` leaves it out. The frozen client logs in to a real ``frontdesk-server`` process
(run from the development install: the bundle carries no server), syncs its own cache through
the bundled Alembic migrations, looks a customer up, and renders the window to a PNG.
"""

from __future__ import annotations

import ast
import json
import os
import secrets
import socket
import sqlite3
import struct
import subprocess
import sys
import tarfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from importlib.metadata import distribution
from pathlib import Path

import pytest
from release_tools import packages

from frontdesk import __version__

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

REPO = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT_S = 900
RUN_TIMEOUT_S = 120
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Top-level modules of the server stack: none may be frozen into the client.
SERVER_STACK = ("frontdesk.server", "fastapi", "starlette", "uvicorn", "psycopg", "faker")
DEMO_PASSWORD = "bundle-test-" + secrets.token_hex(4)
SEEDED_CUSTOMERS = 40


@dataclass(frozen=True)
class LiveServer:
    """A running ``frontdesk-server`` and the SQLite file behind it."""

    url: str
    database: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the bundle into a temporary dist/work pair; returns the work root."""
    root = tmp_path_factory.mktemp("pyinstaller")
    cmd = [
        str(Path(sys.executable).with_name("pyinstaller")),
        "--noconfirm",
        "--distpath",
        str(root / "dist"),
        "--workpath",
        str(root / "work"),
        str(REPO / "build.spec"),
    ]
    result = subprocess.run(
        cmd, cwd=REPO, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False
    )
    assert result.returncode == 0, f"pyinstaller failed:\n{result.stderr[-6000:]}"
    return root


@pytest.fixture(scope="module")
def frontdesk_exe(built: Path) -> Path:
    name = "frontdesk.exe" if os.name == "nt" else "frontdesk"
    exe = built / "dist" / "frontdesk" / name
    assert exe.is_file(), f"no executable at {exe}"
    return exe


def test_frozen_client_reports_the_package_version(frontdesk_exe: Path) -> None:
    result = _run(frontdesk_exe, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"frontdesk {packages.project_version()}"
    assert __version__ == packages.project_version()


@pytest.fixture(scope="module")
def linux_packages(built: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tarball and the .deb ``tools/packages.py linux`` makes of the bundle just built."""
    if sys.platform != "linux":
        pytest.skip("the Linux packages are made on Linux")
    out = tmp_path_factory.mktemp("packages")
    made = subprocess.run(
        [sys.executable, str(REPO / "tools" / "packages.py"), "linux", "--quick",
         "--bundle", str(built / "dist" / "frontdesk"), "--out", str(out)],
        capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    paths = [Path(line) for line in made.stdout.split()]
    return {path.suffix: path for path in paths}


def test_the_linux_tarball_installs_into_a_prefix_runs_and_uninstalls(
    linux_packages: dict[str, Path], tmp_path: Path
) -> None:
    version = packages.project_version()
    tarball = linux_packages[".gz"]
    assert tarball.name == f"frontdesk-{version}-linux-{packages.machine_arch()}.tar.gz"
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    prefix, home = tmp_path / "prefix", tmp_path / "home"
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    install = subprocess.run(
        [str(unpacked / "install.sh"), "--prefix", str(prefix)],
        capture_output=True, text=True, env=env, timeout=RUN_TIMEOUT_S, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    assert f"Frontdesk {version} installed in {prefix}" in install.stdout
    launcher = prefix / "bin" / "frontdesk"
    assert _run(launcher, "--version").stdout.strip() == f"frontdesk {version}"
    entry = (prefix / "share" / "applications" / "frontdesk.desktop").read_text()
    assert f"Exec={launcher} %u" in entry
    assert "MimeType=x-scheme-handler/frontdesk;" in entry
    assert (prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / "frontdesk.png").is_file()
    png, data = tmp_path / "smoke.png", tmp_path / "desk"
    shot = _run(launcher, "--data-dir", str(data), "--smoke-screenshot", str(png))
    assert shot.returncode == 0, shot.stderr
    width, height = _png_size(png)
    assert width >= 400 and height >= 300, (width, height)

    removed = subprocess.run(
        [str(unpacked / "install.sh"), "--uninstall", "--prefix", str(prefix)],
        capture_output=True, text=True, env=env, timeout=RUN_TIMEOUT_S, check=False,
    )  # fmt: skip
    assert removed.returncode == 0, removed.stderr
    assert not launcher.exists() and not (prefix / "lib" / "frontdesk").exists()
    assert not (prefix / "share" / "applications" / "frontdesk.desktop").exists()
    assert (data / "cache.sqlite3").is_file(), "the desk's own data must outlive the program"


def test_the_deb_carries_the_program_its_menu_entry_and_the_version(
    linux_packages: dict[str, Path], tmp_path: Path
) -> None:
    deb = linux_packages[".deb"]
    version = packages.project_version()
    field = lambda name: subprocess.run(  # noqa: E731
        ["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert (field("Package"), field("Version")) == ("frontdesk", version)
    assert field("Architecture") == packages.deb_arch(packages.machine_arch())
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "--extract", str(deb), str(root)], check=True)
    assert os.readlink(root / "usr" / "bin" / "frontdesk") == "/opt/frontdesk/frontdesk"
    entry = (root / "usr" / "share" / "applications" / "frontdesk.desktop").read_text()
    assert "Exec=/usr/bin/frontdesk %u" in entry
    assert "MimeType=x-scheme-handler/frontdesk;" in entry
    result = _run(root / "opt" / "frontdesk" / "frontdesk", "--version")
    assert result.stdout.strip() == f"frontdesk {version}"


def test_bundle_leaves_the_server_out(built: Path) -> None:
    frozen = _frozen_modules(built / "work" / "build" / "PYZ-00.toc")
    assert "frontdesk.adapters.cache.database" in frozen, "the cache itself is missing"
    carried = sorted(m for m in frozen if m.split(".")[0] in SERVER_STACK or _is_server(m))
    assert not carried, f"server modules in the client bundle: {carried[:20]}"


def test_bundle_carries_the_cache_migrations(built: Path) -> None:
    internal = built / "dist" / "frontdesk" / "_internal"
    migrations = internal / "frontdesk" / "adapters" / "cache" / "migrations"
    assert (migrations / "env.py").is_file()
    assert list((migrations / "versions").glob("*.py")), "no revision scripts bundled"


def test_bundle_carries_the_resources(built: Path) -> None:
    source = REPO / "resources"
    wanted = [
        p.relative_to(source) for p in source.rglob("*") if p.is_file() and p.suffix == ".png"
    ]
    assert wanted, "resources/ holds no PNG icon to bundle"
    bundled = built / "dist" / "frontdesk" / "_internal" / "resources"
    missing = [str(p) for p in wanted if not (bundled / p).is_file()]
    assert not missing, f"resources missing from the bundle: {missing}"
    assert not list(bundled.rglob("*.py")), "resource-building scripts do not belong in the bundle"


def test_bundle_carries_the_time_zones(built: Path) -> None:
    """Service hours are wall-clock hours of a branch's zone; Windows has no zone files."""
    zones = built / "dist" / "frontdesk" / "_internal" / "tzdata" / "zoneinfo"
    assert (zones / "Europe" / "Moscow").is_file()
    assert (zones / "America" / "New_York").is_file()


def test_bundle_carries_qtcharts_qtpdf_and_nothing_else_of_the_addons(built: Path) -> None:
    pyside = built / "dist" / "frontdesk" / "_internal" / "PySide6"
    bundled = {p.name for p in pyside.rglob("*")}
    assert any(name.startswith("QtCharts.") for name in bundled), "no PySide6.QtCharts module"
    assert any("Qt6Charts" in name or name == "QtCharts" for name in bundled), "no Qt Charts lib"
    addons = {f.name for f in distribution("PySide6-Addons").files or []}
    assert any(name.startswith("QtPdfWidgets.") for name in bundled), "no PySide6.QtPdfWidgets"
    kept = ("Charts", "Pdf")
    unwanted = ("Qml", "Quick")
    extra = sorted(
        name
        for name in bundled & addons
        if not any(k in name for k in kept) or any(u in name for u in unwanted)
    )
    assert not extra, f"PySide6-Addons files beyond QtCharts and QtPdf in the bundle: {extra[:20]}"


def test_frozen_client_syncs_looks_up_and_renders(
    frontdesk_exe: Path, live_server: LiveServer, tmp_path: Path
) -> None:
    desk = ["--data-dir", str(tmp_path / "desk")]
    login = _run(
        frontdesk_exe,
        *desk,
        "login",
        "--server",
        live_server.url,
        "--user",
        "agent",
        "--password-stdin",
        stdin=DEMO_PASSWORD + "\n",
    )
    assert login.returncode == 0, f"login failed:\n{login.stdout}\n{login.stderr}"
    sync = _run(frontdesk_exe, *desk, "sync")
    assert sync.returncode == 0, f"sync failed:\n{sync.stdout}\n{sync.stderr}"
    # The window's sync: the frozen executable started again as its child process.
    child = _run(frontdesk_exe, *desk, "sync", "--as-window")
    assert child.returncode == 0, f"sync in a child failed:\n{child.stdout}\n{child.stderr}"
    assert "Synced in a child process" in child.stdout

    status = _run(frontdesk_exe, *desk, "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["customers"] == SEEDED_CUSTOMERS

    account = _an_account_number(live_server.database)
    lookup = _run(frontdesk_exe, *desk, "lookup", account, "--json")
    assert lookup.returncode == 0, lookup.stderr
    matches = [json.loads(line) for line in lookup.stdout.splitlines() if line.strip()]
    assert account in lookup.stdout, f"lookup {account!r} found {matches}"

    png = tmp_path / "out.png"
    shot = _run(frontdesk_exe, *desk, "--smoke-screenshot", str(png))
    assert shot.returncode == 0, f"smoke screenshot failed:\n{shot.stdout}\n{shot.stderr}"
    width, height = _png_size(png)
    assert width >= 400 and height >= 300, (width, height)


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real ``frontdesk-server`` on a free loopback port with seeded data and user ``agent``."""
    _require_keyring()
    root = tmp_path_factory.mktemp("server")
    db = f"sqlite:///{(root / 'server.sqlite3').as_posix()}"
    _server(db, "seed-demo", "--customers", str(SEEDED_CUSTOMERS), "--seed", "3")
    _server(db, "add-user", "agent", "--role", "agent", "--password-stdin", stdin=DEMO_PASSWORD)
    port = _free_port()
    log = (root / "server.log").open("wb")
    process = subprocess.Popen(
        [*_server_cmd(db), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(process, f"{url}/api/v1/health", log_path=root / "server.log")
        yield LiveServer(url=url, database=root / "server.sqlite3")
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _an_account_number(database: Path) -> str:
    """The first seeded customer's account number, read straight from the server's database."""
    with closing(sqlite3.connect(database)) as db:
        row = db.execute("SELECT account_number FROM customers ORDER BY id LIMIT 1").fetchone()
    assert row, "the server has no customers"
    return row[0]


def _run(exe: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [str(exe), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def _frozen_modules(toc_path: Path) -> set[str]:
    """Module names in PyInstaller's PYZ table of contents (a Python literal file)."""
    _archive, entries = ast.literal_eval(toc_path.read_text(encoding="utf-8"))
    return {name for name, _source, _kind in entries}


def _is_server(module: str) -> bool:
    return module == "frontdesk.server" or module.startswith("frontdesk.server.")


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC, f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _server_cmd(db_url: str) -> list[str]:
    return [str(Path(sys.executable).with_name("frontdesk-server")), "--db", db_url]


def _server(db_url: str, *args: str, stdin: str | None = None) -> None:
    result = subprocess.run(
        [*_server_cmd(db_url), *args],
        input=None if stdin is None else stdin + "\n",
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, f"frontdesk-server {args[0]} failed:\n{result.stderr}"


def _wait_healthy(process: subprocess.Popen[bytes], url: str, *, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"server exited:\n{log_path.read_text(errors='replace')}"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(f"server at {url} not healthy within 60 s")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _require_keyring() -> None:
    """The frozen client keeps its token in the OS keyring; skip (fail in CI) without one."""
    import keyring

    service, user = "frontdesk-bundle-test", secrets.token_hex(4)
    try:
        keyring.set_password(service, user, "probe")
        ok = keyring.get_password(service, user) == "probe"
        keyring.delete_password(service, user)
    except Exception as exc:  # any backend failure means: no usable keyring here
        ok, reason = False, f"{type(exc).__name__}: {exc}"
    else:
        reason = "the keyring did not return what was stored"
    if ok:
        return
    message = f"no usable OS keyring ({reason}); run under tools/with-keyring.sh (make test does)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def test_a_frozen_fresh_desk_opens_on_the_setup_page(frontdesk_exe: Path, tmp_path: Path) -> None:
    png = tmp_path / "setup.png"
    shot = _run(
        frontdesk_exe, "--data-dir", str(tmp_path / "fresh"), "--smoke-screenshot", str(png)
    )
    assert shot.returncode == 0, f"setup page screenshot failed:\n{shot.stdout}\n{shot.stderr}"
    width, height = _png_size(png)
    assert width >= 400 and height >= 300, (width, height)


def test_a_frozen_window_takes_a_screen_pop(
    frontdesk_exe: Path, live_server: LiveServer, tmp_path: Path
) -> None:
    """``frontdesk open`` (frozen) hands its customer to the frozen window already running."""
    from frontdesk.ui.handover import send_line, server_name

    data_dir = tmp_path / "desk"
    desk = ["--data-dir", str(data_dir)]
    login = _run(frontdesk_exe, *desk, "login", "--server", live_server.url, "--user", "agent",
                 "--password-stdin", stdin=DEMO_PASSWORD + "\n")  # fmt: skip
    assert login.returncode == 0, login.stderr
    assert _run(frontdesk_exe, *desk, "sync").returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    window = subprocess.Popen([str(frontdesk_exe), *desk], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while send_line(server_name(data_dir), "raise") != "ok":  # the window is up
            assert window.poll() is None, "the frozen window exited"
            assert time.monotonic() < deadline, "the frozen window never listened"
            time.sleep(0.5)
        account = _an_account_number(live_server.database)
        opened = _run(frontdesk_exe, *desk, "open", "--customer", account)
        assert opened.returncode == 0, f"open failed:\n{opened.stdout}\n{opened.stderr}"
        refused = _run(frontdesk_exe, *desk, "open", "frontdesk://open?phone=%0A")
        assert refused.returncode == 2 and "frontdesk open:" in refused.stderr
        assert window.poll() is None  # one window, still running
    finally:
        window.terminate()
        window.wait(timeout=30)
