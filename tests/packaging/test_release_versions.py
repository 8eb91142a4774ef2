"""Every package of the desk says pyproject.toml's version and registers the scheme it handles.

Fast (no build): the bundle's own ``--version`` and the Linux packages built from it are checked
in test_bundle.py; the Windows and macOS packages are built by the release workflow, which
takes every version from the same place as checked here.
"""

from __future__ import annotations

import ast
import plistlib
import re

from release_tools import REPO, packages

from frontdesk import __version__
from frontdesk.services.screen_pop import SCHEME

VERSION_LITERAL = re.compile(r"^\d+\.\d+(\.\d+)?([.-]?(a|b|rc|dev|post)\d*)?$")


def test_the_installed_package_reports_pyprojects_version() -> None:
    # `make` reinstalls when pyproject.toml changes, so a bumped version cannot go unseen.
    assert __version__ == packages.project_version()


def test_the_macos_info_plist_carries_the_version_and_the_link_scheme() -> None:
    version = packages.project_version()
    keys = plistlib.loads(plistlib.dumps(packages.info_plist(version)))  # a valid plist
    assert keys["CFBundleShortVersionString"] == keys["CFBundleVersion"] == version
    assert keys["CFBundleIdentifier"] == packages.BUNDLE_IDENTIFIER
    (url_type,) = keys["CFBundleURLTypes"]
    assert url_type["CFBundleURLSchemes"] == [SCHEME]


def test_build_spec_takes_every_version_and_plist_key_from_the_package_tool() -> None:
    source = (REPO / "build.spec").read_text(encoding="utf-8")
    tree = ast.parse(source)
    literals = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    typed = [value for value in literals if VERSION_LITERAL.match(value)]
    assert not typed, f"build.spec types a version instead of reading it: {typed}"
    assert "VERSION = packages.project_version()" in source
    assert "info_plist=packages.info_plist(VERSION)" in source
    assert "bundle_identifier=packages.BUNDLE_IDENTIFIER" in source


def test_the_linux_menu_entry_handles_the_link_scheme() -> None:
    entry = packages.desktop_entry("/opt/frontdesk/frontdesk")
    lines = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert lines["MimeType"] == f"x-scheme-handler/{SCHEME};"
    # %u: the clicked link is the program's one argument (cli_open takes a bare link).
    assert lines["Exec"] == "/opt/frontdesk/frontdesk %u"
    assert lines["Icon"] == packages.APP_NAME


def test_the_deb_control_file_names_the_version_and_architecture() -> None:
    control = packages.deb_control(packages.project_version(), "x86_64", 1234)
    fields = dict(line.split(": ", 1) for line in control.splitlines() if not line[:1].isspace())
    assert fields["Version"] == packages.project_version()
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "1234"
    assert "libxcb-cursor0" in fields["Depends"]  # Qt 6's xcb platform plugin needs it
