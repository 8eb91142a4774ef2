"""packaging/windows/frontdesk.iss, read as text: what the Windows installer promises.

Inno Setup's compiler runs only on Windows (or under Wine, test_windows_installer_wine.py), so
these fast checks parse the script themselves: the version comes from pyproject.toml through
tools/release.py and nowhere else, the whole PyInstaller folder is installed, the frontdesk://
handler starts the program in the one form it takes a link in and goes on uninstall, and the
uninstaller leaves each user's data alone.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from frontdesk import cli, cli_open
from frontdesk.services.screen_pop import PopRequest
from frontdesk.ui.handover import _window_launch

REPO = Path(__file__).resolve().parents[2]
ISS = REPO / "packaging" / "windows" / "frontdesk.iss"
RELEASE = REPO / "tools" / "release.py"
#: Fixed for good: a new AppId would install a second Frontdesk beside the first.
APP_ID = "{{9EE9878A-F52A-4B93-91BC-E2C29350DCB3}"
URL_KEY = r"Software\Classes\frontdesk"
INSTALLED = r"C:\Program Files\Frontdesk"
#: Where a per-user install's data or any user's profile is: never the uninstaller's business.
USER_PLACES = (
    "{localappdata}",
    "{userappdata}",
    "{userdocs}",
    "{userprofile}",
    "{commonappdata}",
    "{%",
)


def _sections(text: str) -> dict[str, list[str]]:
    """Each [Section]'s lines, without comments, blank lines and preprocessor lines."""
    sections: dict[str, list[str]] = {}
    current = sections.setdefault("", [])
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].lower(), [])
        else:
            current.append(line)
    return sections


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('""', '"')
    return value


def _entry(line: str) -> dict[str, str]:
    """``Name: "a"; Flags: b c`` as {"name": "a", "flags": "b c"} (keys lowercased)."""
    params, field, quoted = [], "", False
    for char in line:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            params.append(field)
            field = ""
        else:
            field += char
    params.append(field)
    pairs = (param.partition(":") for param in params if param.strip())
    return {key.strip().lower(): _unquote(value) for key, _, value in pairs}


def _expanded(value: str, text: str) -> str:
    """``value`` with the script's own ``#define Name "value"`` constants put in."""
    for name, defined in re.findall(r'^#define (\w+) "([^"]*)"$', text, flags=re.M):
        value = value.replace(f"{{#{name}}}", defined)
    return value


@pytest.fixture(scope="module")
def text() -> str:
    return ISS.read_text(encoding="utf-8-sig")


@pytest.fixture(scope="module")
def sections(text: str) -> dict[str, list[str]]:
    return _sections(text)


@pytest.fixture(scope="module")
def setup(sections: dict[str, list[str]]) -> dict[str, str]:
    pairs = (line.partition("=") for line in sections["setup"])
    return {key.strip().lower(): value.strip() for key, _, value in pairs}


def _entries(sections: dict[str, list[str]], name: str) -> list[dict[str, str]]:
    return [_entry(line) for line in sections.get(name, [])]


def _pyproject_version() -> str:
    with (REPO / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def _release() -> ModuleType:
    spec = importlib.util.spec_from_file_location("release", RELEASE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_release(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, str(RELEASE), *args], capture_output=True, check=True)
    assert b"\r" not in result.stdout, "one define per line, with nothing a shell would keep"
    return result.stdout.decode().splitlines()


def test_the_version_comes_only_from_the_command_line_define(
    text: str, setup: dict[str, str]
) -> None:
    assert setup["appversion"] == "{#AppVersion}"
    assert setup["versioninfoversion"] == "{#FileVersion}"
    assert setup["outputbasefilename"] == "frontdesk-{#AppVersion}-windows-x64-setup"
    assert not re.search(r"^\s*#\s*define\s+(AppVersion|FileVersion)\b", text, flags=re.M)
    # No version number anywhere but the lowest Windows the desk runs on.
    numbers = [
        line for line in text.splitlines()
        if re.search(r"\d+\.\d+", line) and not line.startswith("MinVersion=")
    ]  # fmt: skip
    assert not numbers, f"a hard-coded version in the script: {numbers}"


def test_the_script_refuses_to_compile_without_the_defines(text: str) -> None:
    for name in ("AppVersion", "FileVersion", "SourceDir", "OutputDir"):
        guard = re.search(rf"^#ifndef {name}\n\s*#error .+\n#endif$", text, flags=re.M)
        assert guard, f"no #error when /D{name}= is missing"


def test_release_gives_iscc_the_pyproject_version(tmp_path: Path) -> None:
    version = _pyproject_version()
    assert _run_release("version") == [version]
    lines = _run_release("iscc-args", "--source", "dist/frontdesk", "--output", str(tmp_path))
    defines = dict(line.removeprefix("/D").split("=", 1) for line in lines)
    assert all(line.startswith("/D") for line in lines)
    assert defines["AppVersion"] == version
    assert defines["FileVersion"] == _release().file_version(version)
    assert Path(defines["SourceDir"]).is_absolute()
    assert Path(defines["SourceDir"]).parts[-2:] == ("dist", "frontdesk")
    assert defines["OutputDir"] == str(tmp_path.resolve())


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.1.0", "0.1.0.0"), ("2", "2.0.0.0"), ("1.2.3.4.5", "1.2.3.4"), ("2.0rc1", "2.0.0.0")],
)
def test_the_setup_file_version_is_four_numbers(version: str, numbers: str) -> None:
    assert _release().file_version(version) == numbers


def test_release_refuses_a_version_that_is_no_release(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nversion = "1.0 beta"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="not a PEP 440"):
        _release().version(pyproject)


def test_the_whole_pyinstaller_folder_is_installed(
    text: str, sections: dict[str, list[str]]
) -> None:
    (files,) = _entries(sections, "files")
    assert files["source"] == "{#SourceDir}\\*"
    assert files["destdir"] == "{app}"
    assert {"recursesubdirs", "createallsubdirs"} <= set(files["flags"].split())
    assert _expanded("{#AppExe}", text) == "frontdesk.exe"
    assert "#if !FileExists(AddBackslash(SourceDir) + AppExe)" in text


def test_it_installs_64_bit_under_program_files(setup: dict[str, str]) -> None:
    assert setup["defaultdirname"] == "{autopf}\\Frontdesk"
    assert setup["architecturesallowed"] == "x64compatible"
    assert setup["architecturesinstallin64bitmode"] == "x64compatible"
    assert setup["closeapplications"] == "yes"


def test_the_app_id_never_changes(setup: dict[str, str]) -> None:
    assert setup["appid"] == APP_ID


def test_the_setup_icon_is_the_repository_icon(setup: dict[str, str]) -> None:
    icon = (ISS.parent / setup["setupiconfile"].replace("\\", "/")).resolve()
    assert icon == REPO / "resources" / "icons" / "frontdesk.ico"
    assert icon.read_bytes()[:4] == b"\x00\x00\x01\x00", "not a Windows icon file"


def test_english_and_russian_installers(sections: dict[str, list[str]]) -> None:
    messages = {entry["name"]: entry["messagesfile"] for entry in _entries(sections, "languages")}
    assert messages == {
        "en": "compiler:Default.isl",
        "ru": "compiler:Languages\\Russian.isl",
    }


def test_start_menu_entry_and_an_optional_desktop_icon(sections: dict[str, list[str]]) -> None:
    icons = {entry["name"]: entry for entry in _entries(sections, "icons")}
    assert icons["{autoprograms}\\Frontdesk"]["filename"] == "{app}\\{#AppExe}"
    assert icons["{autodesktop}\\Frontdesk"]["tasks"] == "desktopicon"
    (task,) = _entries(sections, "tasks")
    assert task["name"] == "desktopicon" and "unchecked" in task["flags"].split()


def _url_values(sections: dict[str, list[str]]) -> dict[tuple[str, str], str]:
    keys = [e for e in _entries(sections, "registry") if e["subkey"].startswith(URL_KEY)]
    assert keys, "no frontdesk:// registry keys"
    for entry in keys:
        assert entry["root"] in ("HKA", "HKCR"), entry
        assert "uninsdeletekey" in entry["flags"].split(), f"left behind on uninstall: {entry}"
    return {(e["subkey"], e["valuename"]): e["valuedata"] for e in keys}


def _registered_command(text: str, sections: dict[str, list[str]]) -> str:
    values = _url_values(sections)
    command = values[(URL_KEY + r"\shell\open\command", "")]
    return _expanded(command, text).replace("{app}", INSTALLED)


def test_the_frontdesk_url_scheme_is_registered(text: str, sections: dict[str, list[str]]) -> None:
    values = _url_values(sections)
    assert values[(URL_KEY, "URL Protocol")] == ""
    assert values[(URL_KEY, "")].startswith("URL:")
    assert _expanded(values[(URL_KEY + r"\DefaultIcon", "")], text) == '"{app}\\frontdesk.exe",0'
    assert _registered_command(text, sections) == f'"{INSTALLED}\\frontdesk.exe" "%1"'


def _windows_argv(command_line: str) -> list[str]:
    """The arguments a Windows C runtime reads from ``command_line`` (CommandLineToArgvW)."""
    args: list[str] = []
    current, quoted, slashes, started = "", False, 0, False
    for char in command_line:
        if char == "\\":
            slashes += 1
            continue
        if char == '"':
            current += "\\" * (slashes // 2)
            if slashes % 2:
                current += '"'
            else:
                quoted = not quoted
            slashes, started = 0, True
            continue
        current, slashes = current + "\\" * slashes, 0
        if char in " \t" and not quoted:
            if started:
                args.append(current)
            current, started = "", False
        else:
            current, started = current + char, True
    current += "\\" * slashes
    if started:
        args.append(current)
    return args


def _launched_with(link: str, text: str, sections: dict[str, list[str]]) -> list[str]:
    """What ``frontdesk.exe`` finds in sys.argv[1:] when Windows opens ``link``."""
    argv = _windows_argv(_registered_command(text, sections).replace("%1", link))
    assert argv[0] == f"{INSTALLED}\\frontdesk.exe"
    return argv[1:]


@pytest.mark.parametrize(
    ("link", "request_"),
    [
        ("frontdesk://open?phone=%2B7%20916%20123-45-67", PopRequest(phone="+7 916 123-45-67")),
        ("frontdesk://open/?customer=100235", PopRequest(customer="100235")),
    ],
)
def test_the_registered_command_hands_the_link_to_the_desk(
    link: str, request_: PopRequest, text: str, sections: dict[str, list[str]]
) -> None:
    args = _launched_with(link, text, sections)
    assert args == [link]
    launch = _window_launch(args)  # the fast hand-over to a window already open
    assert launch is not None and launch[1] == link
    parsed = cli._parser().parse_args(cli_open.with_open_command(args))  # no window yet
    assert parsed.command == "open"
    assert cli_open.request_from_args(parsed) == request_


def test_a_link_with_a_quote_in_it_cannot_add_options(
    text: str, sections: dict[str, list[str]]
) -> None:
    link = 'frontdesk://open?phone=1" --smoke-screenshot "C:\\x.png'
    args = _launched_with(link, text, sections)
    assert args[1:] == ["--smoke-screenshot", "C:\\x.png"]  # what Windows makes of it
    assert _window_launch(args) is None
    with pytest.raises(SystemExit) as refused:
        cli._parser().parse_args(cli_open.with_open_command(args))
    assert refused.value.code == 2


def test_uninstall_leaves_the_user_data_alone(sections: dict[str, list[str]]) -> None:
    assert "uninstalldelete" not in sections
    assert "code" not in sections, "a [Code] section could delete anything; review it here"
    assert "uninstallrun" not in sections
    for entry in _entries(sections, "installdelete"):
        assert entry["name"].startswith("{app}\\"), entry
    for name, lines in sections.items():
        places = [line for line in lines for place in USER_PLACES if place in line.lower()]
        assert not places, f"[{name}] touches a per-user folder: {places}"


def test_signing_is_off_unless_asked_for(text: str) -> None:
    assert re.search(r"^#ifdef SignTool\nSignTool=\{#SignTool\}\n", text, flags=re.M)
    assert len(re.findall(r"^\s*SignTool\s*=", text, flags=re.M)) == 1
