"""A migrated desk cache per test process, copied into every new cache a test opens.

Migrating an empty cache runs every Alembic revision (0.3 s); copying a file this process
migrated once, then letting ``migrate`` find it at head, costs 0.05 s. Only a cache with no
tables at all is filled, so the tests of upgrades from older revisions still migrate for real.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from frontdesk.adapters.cache import database


class _CacheTemplate:
    def __init__(self, folder: Path, migrate) -> None:
        self._folder, self._migrate, self._path = folder, migrate, None

    def migrate(self, engine: Engine) -> None:
        target = engine.url.database
        if target and _is_empty(target):
            self._copy_into(target)
        self._migrate(engine)

    def _copy_into(self, target: str) -> None:
        with sqlite3.connect(self._template()) as source, sqlite3.connect(target) as copy:
            source.backup(copy)

    def _template(self) -> Path:
        if self._path is None:
            path = self._folder / "cache-template.sqlite3"
            engine = database.make_engine(path)
            try:
                self._migrate(engine)
            finally:
                engine.dispose()
            self._path = path
        return self._path


def _is_empty(path: str) -> bool:
    if not Path(path).exists():
        return True
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


@pytest.fixture(scope="session", autouse=True)
def _cache_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    template = _CacheTemplate(tmp_path_factory.mktemp("cache-schema"), database.migrate)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(database, "migrate", template.migrate)
        yield
