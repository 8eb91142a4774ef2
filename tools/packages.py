"""Release packages of the desk, made from the PyInstaller folder that ``make bundle`` builds.

    python tools/packages.py linux [--bundle dist/frontdesk] [--out dist/packages]
        frontdesk-<version>-linux-<arch>.tar.gz   unpack, then ./install.sh (per user or --prefix)
        frontdesk_<version>_<debarch>.deb         program in /opt/frontdesk, `frontdesk` on PATH
    python tools/packages.py info-plist            the macOS Info.plist keys build.spec uses

Windows (Inno Setup, packaging/windows/) and macOS (the .app and its .dmg) are built by the
release workflow on their own systems; the version of every package is pyproject.toml's, read
here and by build.spec, never typed.

Stdlib only, so build.spec can load it inside PyInstaller and CI can run it before installing
anything else.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import platform
import plistlib
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
LINUX_FILES = ROOT / "packaging" / "linux"
ICON_PNG = ROOT / "resources" / "icons" / "frontdesk.png"

APP_NAME = "frontdesk"
DISPLAY_NAME = "Frontdesk"
BUNDLE_IDENTIFIER = "org.frontdesk.workstation"
#: The links a telephony system or a web page opens (frontdesk.services.screen_pop.SCHEME).
URL_SCHEME = "frontdesk"
MAINTAINER = "Frontdesk <frontdesk@localhost>"
DESCRIPTION = (
    "Frontline workstation for call-centre agents and branch cashiers",
    "Customer lookup and 360-degree profile, purchase history, cross-sell offers, contacts and\n"
    "the till in one window, working offline from a local cache and syncing with the central\n"
    "Frontdesk server.",
)
#: System libraries the bundled Qt loads on a desktop (the xcb platform plugin and its
#: helpers, OpenGL/EGL, fonts, D-Bus for the keyring); Python and Qt themselves are inside.
DEB_DEPENDS = (
    "libc6 (>= 2.31)",
    "libegl1",
    "libgl1",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0t64 | libglib2.0-0",
    "libdbus-1-3",
    "libx11-6",
    "libx11-xcb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
)
DEB_RECOMMENDS = ("gnome-keyring | kwalletmanager", "xdg-utils")


def _sibling(name: str) -> ModuleType:
    """``tools/<name>.py``: this file is loaded by path too (build.spec), not as a package."""
    spec = importlib.util.spec_from_file_location(
        f"frontdesk_{name}", Path(__file__).with_name(f"{name}.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: tools/release.py: the version and its Windows four-number form.
release = _sibling("release")


def project_version() -> str:
    """The one version of the project: ``[project] version`` in pyproject.toml."""
    return release.version()


def info_plist(version: str) -> dict[str, object]:
    """The keys of Frontdesk.app's Info.plist that are the project's (PyInstaller adds the rest)."""
    return {
        "CFBundleName": DISPLAY_NAME,
        "CFBundleDisplayName": DISPLAY_NAME,
        "CFBundleIdentifier": BUNDLE_IDENTIFIER,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "NSHighResolutionCapable": True,
        "LSMinimumSystemVersion": "11.0",
        "LSApplicationCategoryType": "public.app-category.business",
        # macOS hands a clicked frontdesk:// link to this app as an "open URL" event.
        "CFBundleURLTypes": [
            {
                "CFBundleURLName": f"{BUNDLE_IDENTIFIER}.open",
                "CFBundleURLSchemes": [URL_SCHEME],
                "CFBundleTypeRole": "Viewer",
            }
        ],
    }


def machine_arch() -> str:
    """``x86_64`` / ``aarch64``: the bundle's architecture is the building machine's."""
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(
        platform.machine().lower(), platform.machine()
    )


def deb_arch(arch: str) -> str:
    return {"x86_64": "amd64", "aarch64": "arm64"}.get(arch, arch)


def desktop_entry(executable: str) -> str:
    """The menu entry (and frontdesk:// handler) for a desk started as ``executable``."""
    return (
        (LINUX_FILES / "frontdesk.desktop.in")
        .read_text(encoding="utf-8")
        .replace("@EXEC@", executable)
    )


def _check_bundle(bundle: Path) -> None:
    exe = bundle / APP_NAME
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        raise SystemExit(
            f"packages: {bundle} has no {APP_NAME} program: not a PyInstaller folder"
            " (run `make bundle`)"
        )


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    # Reproducible and owned by nobody in particular: whoever unpacks it owns the files.
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = (info.mode | 0o644 | (0o111 if info.mode & 0o111 or info.isdir() else 0)) & 0o755
    return info


def build_tarball(bundle: Path, out: Path, version: str, arch: str, *, level: int = 9) -> Path:
    """``frontdesk-<version>-linux-<arch>.tar.gz``: the program, install.sh, menu entry, icon."""
    _check_bundle(bundle)
    top = f"{APP_NAME}-{version}-linux-{arch}"
    target = out / f"{top}.tar.gz"
    partial = target.with_name(target.name + ".part")
    with tarfile.open(partial, "w:gz", compresslevel=level) as tar:
        tar.add(bundle, arcname=f"{top}/{APP_NAME}", filter=_tar_filter)
        for source in (LINUX_FILES / "install.sh", LINUX_FILES / "frontdesk.desktop.in", ICON_PNG):
            tar.add(source, arcname=f"{top}/{source.name}", filter=_tar_filter)
        readme = (
            f"Frontdesk {version} for Linux ({arch}).\n\n"
            "Install for yourself:        ./install.sh\n"
            "Install for everyone (root): ./install.sh --prefix /usr/local\n"
            "Remove:                      ./install.sh --uninstall [--prefix ...]\n\n"
            "Your desk's data (~/.local/share/frontdesk) is never removed by these.\n"
        ).encode()
        info = _tar_filter(tarfile.TarInfo(f"{top}/README.txt"))
        info.size, info.mode = len(readme), 0o644
        tar.addfile(info, io.BytesIO(readme))
    partial.replace(target)
    return target


def _installed_size_kib(folder: Path) -> int:
    return (
        sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
        // 1024
        + 1
    )


def deb_control(version: str, arch: str, installed_kib: int) -> str:
    summary, body = DESCRIPTION
    long_text = "\n".join(f" {line}" for line in body.splitlines())
    return (
        f"Package: {APP_NAME}\n"
        f"Version: {version}\n"
        f"Architecture: {deb_arch(arch)}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(DEB_DEPENDS)}\n"
        f"Recommends: {', '.join(DEB_RECOMMENDS)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {summary}\n{long_text}\n"
    )


def build_deb(bundle: Path, out: Path, version: str, arch: str, *, level: int = 9) -> Path:
    """``frontdesk_<version>_<arch>.deb`` with ``dpkg-deb`` (Debian and Ubuntu have it)."""
    _check_bundle(bundle)
    dpkg_deb = shutil.which("dpkg-deb")
    if dpkg_deb is None:
        raise SystemExit(
            "packages: dpkg-deb is not installed; the .deb needs a Debian or Ubuntu machine"
        )
    target = out / f"{APP_NAME}_{version}_{deb_arch(arch)}.deb"
    with tempfile.TemporaryDirectory(prefix="frontdesk-deb-") as temp:
        root = Path(temp) / "root"
        program = root / "opt" / APP_NAME
        shutil.copytree(bundle, program, symlinks=True)
        (root / "usr" / "bin").mkdir(parents=True)
        (root / "usr" / "bin" / APP_NAME).symlink_to(f"/opt/{APP_NAME}/{APP_NAME}")
        menus = root / "usr" / "share" / "applications"
        menus.mkdir(parents=True)
        (menus / f"{APP_NAME}.desktop").write_text(
            desktop_entry(f"/usr/bin/{APP_NAME}"), encoding="utf-8"
        )
        icons = root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps"
        icons.mkdir(parents=True)
        shutil.copyfile(ICON_PNG, icons / f"{APP_NAME}.png")
        control = root / "DEBIAN"
        control.mkdir()
        (control / "control").write_text(
            deb_control(version, arch, _installed_size_kib(root)), encoding="utf-8"
        )
        for path in [root, *root.rglob("*")]:
            if path.is_symlink():
                continue
            mode = path.stat().st_mode
            executable = path.is_dir() or mode & stat.S_IXUSR
            path.chmod(0o755 if executable else 0o644)
        partial = Path(temp) / target.name
        subprocess.run(
            [
                dpkg_deb,
                "--root-owner-group",
                "-Zgzip",
                f"-z{level}",
                "--build",
                str(root),
                str(partial),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        shutil.move(partial, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="packages.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    linux = sub.add_parser("linux", help="the tarball and the .deb from a Linux bundle")
    linux.add_argument("--bundle", type=Path, default=ROOT / "dist" / APP_NAME)
    linux.add_argument("--out", type=Path, default=ROOT / "dist" / "packages")
    linux.add_argument("--no-deb", action="store_true", help="only the tarball")
    linux.add_argument(
        "--quick", action="store_true", help="least compression (the same files, for tests)"
    )
    sub.add_parser("info-plist", help="print the Info.plist keys of Frontdesk.app (XML)")
    args = parser.parse_args(argv)
    version = project_version()
    if args.command == "info-plist":
        sys.stdout.buffer.write(plistlib.dumps(info_plist(version)))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    arch = machine_arch()
    level = 1 if args.quick else 9
    made = [build_tarball(args.bundle, args.out, version, arch, level=level)]
    if not args.no_deb:
        made.append(build_deb(args.bundle, args.out, version, arch, level=level))
    for path in made:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
