"""The lint checks on imports fail when they should: a cycle, a layer skipped, a module unplaced.

Each breach is made in a copy of the package in a temporary tree, then the check runs on
that copy the way ``make lint`` runs it on the real one.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
CHECK_CYCLES = REPO / "tools" / "check_cycles.py"


def _load_tool(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


find_cycles = _load_tool(CHECK_CYCLES).find_cycles


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of src/frontdesk and of the import-linter configuration."""
    shutil.copytree(
        REPO / "src" / "frontdesk",
        tmp_path / "src" / "frontdesk",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_find_cycles_names_each_cycle_once_from_its_smallest_module() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a", "e"}, "e": {"d"}}
    assert find_cycles(graph) == [("a", "b", "c"), ("d", "e")]


def test_find_cycles_finds_none_in_a_layered_graph() -> None:
    assert find_cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_the_cycle_check_fails_on_two_modules_importing_each_other(tree: Path) -> None:
    _write(tree, "domain/ping.py", "from frontdesk.domain import pong\n")
    _write(tree, "domain/pong.py", "from frontdesk.domain import ping\n")
    result = _check_cycles(tree)
    assert result.returncode == 1
    assert "frontdesk.domain.ping -> frontdesk.domain.pong -> frontdesk.domain.ping" in (
        result.stdout
    )


def test_the_cycle_check_fails_on_one_import_closing_a_cycle(tree: Path) -> None:
    # replica imports outbox; a late import back is still a cycle.
    _append(tree, "adapters/cache/outbox.py", "def _late():\n    from . import replica\n")
    result = _check_cycles(tree)
    assert result.returncode == 1
    cache = "frontdesk.adapters.cache"
    assert f"{cache}.outbox -> {cache}.replica -> {cache}.outbox" in result.stdout


def test_the_tree_has_no_import_cycles() -> None:
    result = _check_cycles(REPO)
    assert result.returncode == 0, result.stdout


def test_lint_imports_passes_on_the_copy_as_it_is(tree: Path) -> None:
    result = _lint_imports(tree)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("domain/money.py", "import frontdesk.services.errors\n", "domain is pure"),
        ("services/session.py", "import frontdesk.sync.pull\n", "client layers"),
        ("sync/pull.py", "import frontdesk.adapters.cache.outbox\n", "client layers"),
        ("config.py", "import frontdesk.bootstrap\n", "client layers"),
    ],
)
def test_lint_imports_fails_on_a_layer_violation(
    tree: Path, module: str, line: str, contract: str
) -> None:
    _append(tree, module, line)
    result = _lint_imports(tree)
    assert result.returncode == 1
    assert f"{contract} BROKEN" in result.stdout


def test_lint_imports_fails_on_a_top_level_module_outside_the_layers(tree: Path) -> None:
    _write(tree, "loose.py", "")
    result = _lint_imports(tree)
    assert result.returncode == 1
    assert "client layers BROKEN" in result.stdout
    assert "frontdesk.loose" in result.stdout


def _write(tree: Path, module: str, text: str) -> None:
    (tree / "src" / "frontdesk" / module).write_text(text, encoding="utf-8")


def _append(tree: Path, module: str, text: str) -> None:
    path = tree / "src" / "frontdesk" / module
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


def _check_cycles(tree: Path) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, str(CHECK_CYCLES)], tree=tree)


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = [str(lint_imports), str(tree / "pyproject.toml"), "--no-cache", "--no-logo"]
    return _run(command, tree=tree)


def _run(command: list[str], *, tree: Path) -> subprocess.CompletedProcess[str]:
    # The package is found on PYTHONPATH, ahead of the installed one.
    env = os.environ | {"PYTHONPATH": str(tree / "src")}
    return subprocess.run(
        command, cwd=tree, env=env, capture_output=True, text=True, timeout=120, check=False
    )
