"""Fixtures for the tests on the real retail data (../shared/data, see its README).

Where the data folder is absent the tests skip with the reason, except in CI (``CI=true``),
where the folder is laid beside the clone and its absence is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA_DIR = Path(
    os.environ.get("FRONTDESK_RETAIL_DATA", Path(__file__).resolve().parents[4] / "shared" / "data")
)


@pytest.fixture(scope="session")
def real_data():
    """Return the path of a real data file, skipping the test with the reason when absent."""

    def data_file(name: str) -> Path:
        path = DATA_DIR / name
        if not path.is_file():
            reason = f"real data file {path} is absent (FRONTDESK_RETAIL_DATA names its folder)"
            if os.environ.get("CI") == "true":
                pytest.fail(reason)
            pytest.skip(reason)
        return path

    return data_file
