"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest

# db_url, migrated_url, server_factory...: SQLite and PostgreSQL for every server test;
# a migrated desk cache copied into each new one (cache_template).
pytest_plugins = ["server_databases", "cache_template"]


@pytest.fixture(autouse=True)
def _isolated_data_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Path:
    """Point the client's and the server's data directories into a throwaway folder.

    No test may read or write the real per-user data directories of the machine it runs on.
    """
    root = tmp_path_factory.mktemp("data-dirs")
    monkeypatch.setenv("FRONTDESK_DATA_DIR", str(root / "client"))
    monkeypatch.setenv("FRONTDESK_SERVER_DATA_DIR", str(root / "server"))
    monkeypatch.delenv("FRONTDESK_SERVER_DB", raising=False)
    return root
