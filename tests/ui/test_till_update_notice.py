"""The desk's update notice in the till window, where a cashier may spend the whole day."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_sync_status_ui import WAIT_MS, FakeWorker, _report
from test_till_window import client, window  # noqa: F401 (fixtures)
from test_update_notice import REQUIRED

from frontdesk.ui.sync_controller import SyncController
from frontdesk.ui.till.window import TillWindow


def test_the_till_window_shows_the_same_notice(qtbot, window, tmp_path) -> None:  # noqa: F811
    """A cashier may work in the till window alone: the notice is there too."""
    controller = SyncController(lambda report: FakeWorker(report))
    till = TillWindow(window.desk, sync=controller)
    qtbot.addWidget(till, before_close_func=lambda w: (controller.stop(), w.ops.shutdown()))
    controller.start()
    till.show()
    assert not till.update_notice.isVisible()
    _report(qtbot, controller, status=REQUIRED)
    assert till.update_notice.isVisible()
    assert till.update_notice.message.text().startswith("This desk (0.1.0) is older")
    assert till.toolBarArea(till.update_notice) == Qt.ToolBarArea.BottomToolBarArea
    qtbot.waitUntil(till.update_notice.fits, timeout=WAIT_MS)
    till.grab().save(str(tmp_path / "till-update-required.png"))
