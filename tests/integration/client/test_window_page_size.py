"""A desk with a window pulls in pages small enough to parse between two frames."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontdesk.bootstrap import WINDOW_PAGE_SIZE, build_client
from frontdesk.config import load_settings
from frontdesk.protocol import DEFAULT_PAGE_SIZE


@pytest.mark.parametrize(
    ("configured", "window"),
    [(None, WINDOW_PAGE_SIZE), ("200", 200), (str(WINDOW_PAGE_SIZE + 1), WINDOW_PAGE_SIZE)],
)
def test_the_window_pulls_at_most_its_page_size(
    tmp_path: Path, configured: str | None, window: int
) -> None:
    env = {"FRONTDESK_PAGE_SIZE": configured} if configured else {}
    client = build_client(load_settings(data_dir=tmp_path, environ=env))
    try:
        assert client.window_page_size == window
        assert client.settings.page_size == int(configured or DEFAULT_PAGE_SIZE)
    finally:
        client.close()
