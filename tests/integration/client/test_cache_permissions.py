"""The desk's cache is private to its user on POSIX: folder 0700, file and -wal/-shm 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def _usual_umask() -> Iterator[None]:
    """The umask most systems give users, under which new files are readable by all."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _open_and_write(data_dir: Path) -> Path:
    client = build_client(load_settings(data_dir=data_dir))
    try:
        with client.uow:
            client.uow.sync_state.set_login("https://hq.example", "ann")
            client.uow.commit()
        parts = [
            client.settings.cache_path.with_name(f"cache.sqlite3{s}") for s in ("-wal", "-shm")
        ]
        assert all(part.exists() for part in parts)  # checked while the cache is open
        assert [_mode(part) for part in parts] == [0o600, 0o600]
    finally:
        client.close()
    return client.settings.cache_path


def test_a_new_cache_is_private(tmp_path: Path) -> None:
    cache = _open_and_write(tmp_path / "desk" / "data")

    assert _mode(cache.parent) == 0o700
    assert _mode(cache) == 0o600


def test_a_looser_existing_cache_is_tightened_at_start(tmp_path: Path) -> None:
    cache = _open_and_write(tmp_path / "desk")
    cache.parent.chmod(0o755)
    for part in cache.parent.iterdir():
        part.chmod(0o644)

    _open_and_write(cache.parent)

    assert _mode(cache.parent) == 0o700
    assert {p.name: _mode(p) for p in cache.parent.iterdir()} == {
        p.name: 0o600 for p in cache.parent.iterdir()
    }
