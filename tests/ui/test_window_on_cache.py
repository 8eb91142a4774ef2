"""The window and the smoke screenshot on a real SQLite cache, filled through the cache API."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot
from ui_fakes import FakeCustomerQueries, demo_pull_page

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.ui.app import run_gui, smoke_screenshot
from frontdesk.ui.main_window import build_main_window

WAIT_MS = 10_000
PULLED_AT = datetime(2024, 11, 28, 9, 41, tzinfo=UTC)


def fill_cache(client: ClientContext) -> FakeCustomerQueries:
    fake = FakeCustomerQueries.with_demo_data()
    with client.uow as uow:
        uow.replica.apply(demo_pull_page(fake, cursor=77))
        uow.sync_state.set_login("https://central.example.com", "agent.smirnova")
        uow.sync_state.advance(77, pulled_at=PULLED_AT)
        uow.commit()
    return fake


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "workstation"


@pytest.fixture
def client(data_dir: Path):
    ctx = build_client(load_settings(data_dir=data_dir))
    yield ctx
    ctx.close()


def test_window_on_a_real_cache_opens_the_latest_customer(
    qtbot: QtBot, client: ClientContext
) -> None:
    fake = fill_cache(client)
    window = build_main_window(client.queries, open_first=True)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    with qtbot.waitSignal(window.lines_shown, timeout=WAIT_MS):
        window.show()
    first = fake.first_customer_id()
    assert first is not None
    expected = fake.profiles[first]
    assert window.profile_card.name_label.text() == expected.display_name
    assert window.profile_card.value_text("purchase_count") == str(expected.purchase_count)
    assert window.history_panel.history_model.rowCount() == len(fake.history[first])
    history = window.history_panel.history_model
    assert history.rowCount(history.index(0, 0)) > 0  # the latest purchase opened on its lines
    assert window.cache_status.user_label.text() == "User: agent.smirnova"
    window.ops.shutdown()


def test_smoke_screenshot_writes_the_window_as_png(
    qtbot: QtBot, client: ClientContext, tmp_path: Path
) -> None:
    fill_cache(client)
    window = build_main_window(client.queries, open_first=True)
    qtbot.addWidget(window)
    target = tmp_path / "shots" / "main.png"
    assert smoke_screenshot(window, target) == 0
    image = QImage(str(target))
    assert not image.isNull()
    assert (image.width(), image.height()) == (window.width(), window.height())
    assert window.profile_card.name_label.text() != ""


def test_run_gui_smoke_on_a_fresh_desk_renders_its_setup_page(
    qtbot: QtBot, data_dir: Path, tmp_path: Path
) -> None:
    """A desk never connected opens on the setup page, so that is what its check renders."""
    target = tmp_path / "empty.png"
    settings = load_settings(data_dir=data_dir)
    assert run_gui(settings, ["frontdesk", "--smoke-screenshot", str(target)]) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (900, 600)


def test_run_gui_smoke_on_a_filled_cache(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> None:
    settings = load_settings(data_dir=data_dir)
    ctx = build_client(settings)
    try:
        fill_cache(ctx)
    finally:
        ctx.close()
    target = tmp_path / "filled.png"
    assert run_gui(settings, ["--data-dir", str(data_dir), "--smoke-screenshot", str(target)]) == 0
    assert target.stat().st_size > 10_000
