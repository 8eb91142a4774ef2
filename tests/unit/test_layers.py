"""Layer rules: the import-linter contracts in pyproject.toml, and the dynamic imports it misses.

import-linter reads ``import`` statements only. A module named in a string
(``importlib.import_module("PySide6.QtWidgets")``, ``__import__("requests")``) slips past it, so
a small AST scan applies the same rules to those.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "frontdesk"

# Where each third-party or inner module may be imported, as paths relative to src/frontdesk.
ALLOWED_HOMES: dict[str, tuple[str, ...]] = {
    "PySide6": ("ui/",),
    "shiboken6": ("ui/",),
    "sqlalchemy": ("adapters/", "server/"),
    "alembic": ("adapters/", "server/"),
    "requests": ("adapters/central_client.py",),
    "keyring": ("adapters/credentials.py",),
    "frontdesk.server": ("server/",),
}
_DYNAMIC_IMPORTERS = {"import_module", "__import__"}


@dataclass(frozen=True)
class DynamicImport:
    """A module name given to ``importlib.import_module`` or ``__import__`` as a literal."""

    path: str
    line: int
    module: str


def test_import_linter_contracts_hold() -> None:
    result = subprocess.run(
        [_lint_imports()],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"lint-imports failed:\n{result.stdout}\n{result.stderr}"
    # A run that checked no contract would also exit 0: make sure they were all read and kept.
    assert re.search(r"Contracts: [1-9]\d* kept, 0 broken", result.stdout), result.stdout


def test_no_dynamic_import_breaks_a_layer_rule() -> None:
    found = [imp for path in sorted(PACKAGE.rglob("*.py")) for imp in _dynamic_imports(path)]
    violations = [imp for imp in found if not _allowed(imp)]
    assert not violations, "modules imported outside their layer:\n" + "\n".join(
        f"  {v.path}:{v.line} imports {v.module!r}" for v in violations
    )


def test_dynamic_import_scan_catches_a_hidden_qt_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text(
        "import importlib\n"
        "widgets = importlib.import_module('PySide6.QtWidgets')\n"
        "net = __import__('requests')\n",
        encoding="utf-8",
    )
    found = _dynamic_imports(sneaky, relative_to=tmp_path)
    assert [(imp.line, imp.module) for imp in found] == [(2, "PySide6.QtWidgets"), (3, "requests")]
    assert not any(_allowed(imp) for imp in found)


@pytest.mark.parametrize(
    ("path", "module", "allowed"),
    [
        ("ui/main_window.py", "PySide6.QtCore", True),
        ("services/lookup.py", "PySide6", False),
        ("server/app.py", "sqlalchemy.orm", True),
        ("cli.py", "frontdesk.server.commands", False),
        ("adapters/central_client.py", "requests", True),
        ("adapters/cache/store.py", "requests", False),
        ("services/lookup.py", "json", True),
    ],
)
def test_allowed_homes(path: str, module: str, allowed: bool) -> None:
    assert _allowed(DynamicImport(path=path, line=1, module=module)) is allowed


def _lint_imports() -> str:
    beside_python = Path(sys.executable).with_name("lint-imports")
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("lint-imports")
    if found is None:
        pytest.fail("lint-imports is not installed; install the dev extra: pip install -e '.[dev]'")
    return found


def _dynamic_imports(path: Path, *, relative_to: Path = PACKAGE) -> list[DynamicImport]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = path.relative_to(relative_to).as_posix()
    return [
        DynamicImport(path=relative, line=node.lineno, module=node.args[0].value)
        for node in ast.walk(tree)
        if _is_dynamic_import(node)
    ]


def _is_dynamic_import(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call) or not node.args:
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    first = node.args[0]
    return (
        name in _DYNAMIC_IMPORTERS
        and isinstance(first, ast.Constant)
        and isinstance(first.value, str)
    )


def _allowed(imp: DynamicImport) -> bool:
    for guarded, homes in ALLOWED_HOMES.items():
        if imp.module == guarded or imp.module.startswith(guarded + "."):
            return imp.path.startswith(homes)
    return True
