"""UI tests run offscreen; every window is built over a hand-written fake or a real cache."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from ui_fakes import FakeCustomerQueries


@pytest.fixture
def fake_queries() -> FakeCustomerQueries:
    return FakeCustomerQueries.with_demo_data()
