"""Every module of the package imports: a moved module leaves no importer behind.

Ruff and the import contracts read import lines without resolving them, so a module that
names one that no longer exists would otherwise be found only when its code first runs.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import frontdesk

#: Alembic's environment scripts run only inside alembic's own context.
_ONLY_UNDER_ALEMBIC = ("frontdesk.adapters.cache.migrations.env", "frontdesk.server.migrations.env")
MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(frontdesk.__path__, "frontdesk.")
    if info.name not in _ONLY_UNDER_ALEMBIC
)


@pytest.mark.parametrize("name", MODULES)
def test_the_module_imports(name: str) -> None:
    importlib.import_module(name)
