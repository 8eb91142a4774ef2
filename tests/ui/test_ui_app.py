"""The GUI's command line: its own options, what goes on to Qt, and the application icon."""

from __future__ import annotations

import gc
from pathlib import Path

from frontdesk.ui.app import app_icon, parse_gui_args, prepare_interpreter_for_window


def test_program_name_and_qt_options_go_to_qt() -> None:
    options, qt_argv = parse_gui_args(
        [
            "/usr/bin/frontdesk",
            "--data-dir",
            "/tmp/ws",
            "--smoke-screenshot",
            "s.png",
            "-style",
            "fusion",
        ]
    )
    assert options.smoke_screenshot == Path("s.png")
    assert qt_argv == ["/usr/bin/frontdesk", "-style", "fusion"]


def test_options_alone_are_accepted_too() -> None:
    options, qt_argv = parse_gui_args(["--smoke-screenshot=shot.png"])
    assert options.smoke_screenshot == Path("shot.png")
    assert qt_argv == ["frontdesk"]
    options, _ = parse_gui_args([])
    assert options.smoke_screenshot is None


def test_the_application_icon_is_found_and_renders(qapp) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(64, 64).toImage().isNull()


def test_the_interpreter_is_prepared_for_a_window() -> None:
    try:
        prepare_interpreter_for_window()
        assert gc.get_freeze_count() > 10_000  # the startup heap, out of full collections
    finally:
        gc.unfreeze()
