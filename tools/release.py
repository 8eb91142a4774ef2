"""The release's version, read from pyproject.toml, for the packaging steps that need it.

    python tools/release.py version
        the version, e.g. 0.1.0
    python tools/release.py iscc-args --source dist/frontdesk --output dist
        the /D defines packaging/windows/frontdesk.iss needs, one ISCC argument per line,
        unquoted (pass each line as one argument), paths made absolute

pyproject.toml is the one place a version is written; the installer script, the CI workflow and
the other packages take it from here. Standard library only, so CI runs it before any install.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
#: PEP 440 public and local versions: what may go into a file name and a define unquoted.
_VERSION = re.compile(r"^\d+(\.\d+)*[0-9A-Za-z.+-]*$")
_RELEASE = re.compile(r"^\d+(?:\.\d+){0,3}")


def version(pyproject: Path = PYPROJECT) -> str:
    """The project version pyproject.toml declares; ValueError if it is not a plain one."""
    with pyproject.open("rb") as file:
        found = tomllib.load(file)["project"]["version"]
    if not isinstance(found, str) or not _VERSION.match(found):
        raise ValueError(f"{pyproject}: version {found!r} is not a PEP 440 release version")
    return found


def file_version(text: str) -> str:
    """Four numbers for a Windows VERSIONINFO: ``0.1.0`` is ``0.1.0.0``, ``2.0rc1`` ``2.0.0.0``."""
    release = _RELEASE.match(text)
    if release is None:
        raise ValueError(f"version {text!r} does not start with a number")
    numbers = release.group().split(".")
    return ".".join(numbers + ["0"] * (4 - len(numbers)))


def iscc_args(source: Path, output: Path, pyproject: Path = PYPROJECT) -> list[str]:
    """The ISCC defines for packaging/windows/frontdesk.iss."""
    found = version(pyproject)
    return [
        f"/DAppVersion={found}",
        f"/DFileVersion={file_version(found)}",
        f"/DSourceDir={source.resolve()}",
        f"/DOutputDir={output.resolve()}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="release.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("version", help="print the version from pyproject.toml")
    iscc = sub.add_parser("iscc-args", help="print the ISCC /D defines, one per line")
    iscc.add_argument("--source", type=Path, required=True, help="the PyInstaller folder")
    iscc.add_argument("--output", type=Path, required=True, help="where the setup goes")
    args = parser.parse_args(argv)
    try:
        lines = [version()] if args.command == "version" else iscc_args(args.source, args.output)
    except (OSError, KeyError, ValueError, tomllib.TOMLDecodeError) as error:
        print(f"release.py: {error}", file=sys.stderr)
        return 1
    # "\n" even on Windows, where a shell's line reader (bash's mapfile) would keep a "\r".
    sys.stdout.reconfigure(newline="\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
