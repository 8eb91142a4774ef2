"""What the agent sees of background sync: a status-bar block and an offline banner.

Both follow a ``SyncController`` and translate themselves on a language change (they live
outside the panels the window rebuilds).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QToolBar, QToolButton, QWidget

from frontdesk.sync.worker import SyncOutcome
from frontdesk.ui.formatting import format_count, format_datetime
from frontdesk.ui.sync_controller import SyncController

#: Failed items listed in the tooltip; the CLI's ``sync --status`` lists them all.
FAILED_SHOWN = 5


class SyncStatusView(QWidget):
    """Online/offline, items waiting, failed items, last successful sync, and "Sync now"."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.controller = controller
        self.state_label = self._label("syncState")
        self.counts_label = self._label("syncCounts")
        self.last_label = self._label("syncLast")
        self.sync_button = QToolButton(self)
        self.sync_button.setObjectName("syncNowButton")
        self.sync_button.clicked.connect(controller.sync_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        for widget in (self.state_label, self.counts_label, self.last_label, self.sync_button):
            layout.addWidget(widget)
        controller.outcome_arrived.connect(self._on_controller_outcome_arrived)
        self.retranslate()

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        return label

    def retranslate(self) -> None:
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_button.setToolTip(self.tr("Send waiting changes and fetch new data now"))
        self.state_label.setAccessibleName(self.tr("Connection"))
        self.counts_label.setAccessibleName(self.tr("Changes to send"))
        self.last_label.setAccessibleName(self.tr("Last successful sync"))
        self.show_outcome(self.controller.last)

    def show_outcome(self, outcome: SyncOutcome | None) -> None:
        if outcome is None:
            self.state_label.setText(self.tr("Connecting…"))
            return
        self.state_label.setText(self.tr("Online") if outcome.online else self.tr("Offline"))
        status = outcome.status
        self.counts_label.setText(
            self.tr("%1 waiting · %2 failed")
            .replace("%1", format_count(int(status.get("waiting", 0))))
            .replace("%2", format_count(int(status.get("failed", 0))))
        )
        self.counts_label.setToolTip(self._failed_text(status))
        self.last_label.setText(self._last_text(status))
        self.state_label.setToolTip(self._error_text(status, outcome))

    def _failed_text(self, status: dict[str, Any]) -> str:
        items = status.get("failed_items") or []
        lines = [f"#{item['seq']} {item['kind']}: {item['error']}" for item in items]
        return "\n".join(lines[:FAILED_SHOWN])

    def _last_text(self, status: dict[str, Any]) -> str:
        last = status.get("last_successful_sync")
        if not last:
            return self.tr("Not synced yet")
        moment = format_datetime(datetime.fromisoformat(last))
        return self.tr("Last sync %1").replace("%1", moment)

    def _error_text(self, status: dict[str, Any], outcome: SyncOutcome) -> str:
        error = outcome.error or status.get("last_error")
        return self.tr("Last error: %1").replace("%1", error) if error else ""

    @Slot(object)
    def _on_controller_outcome_arrived(self, outcome: SyncOutcome) -> None:
        self.show_outcome(outcome)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class OfflineBanner(QToolBar):
    """A strip across the window while the server cannot be reached; hidden when it is back."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not something to switch off by mistake
        self.controller = controller
        self.message = QLabel(self)
        self.message.setObjectName("offlineMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet("QLabel { padding: 6px; font-weight: bold; }")
        self.addWidget(self.message)
        self.setVisible(False)
        controller.outcome_arrived.connect(self._on_controller_outcome_arrived)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Offline"))
        self.setAccessibleName(self.tr("Offline"))
        self.show_outcome(self.controller.last)

    def show_outcome(self, outcome: SyncOutcome | None) -> None:
        offline = outcome is not None and not outcome.online
        if offline and outcome is not None:
            self.message.setText(self._text(outcome))
        self.setVisible(offline)

    def _text(self, outcome: SyncOutcome) -> str:
        waiting = int(outcome.status.get("waiting", 0))
        text = self.tr(
            "Offline: the server cannot be reached. Keep working; %1 change(s) wait here "
            "and will be sent when it is back."
        ).replace("%1", format_count(waiting))
        if outcome.error:
            text += "\n" + self.tr("Last error: %1").replace("%1", outcome.error)
        return text

    @Slot(object)
    def _on_controller_outcome_arrived(self, outcome: SyncOutcome) -> None:
        self.show_outcome(outcome)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def add_sync_status(
    window: QMainWindow, controller: SyncController
) -> tuple[SyncStatusView, OfflineBanner]:
    """The sync state in ``window``'s status bar and the offline banner under its toolbar.

    Both outlive the window's language rebuilds (they sit outside the central panels). The
    caller starts the controller, and stops it before the cache closes.
    """
    view = SyncStatusView(controller, window)
    window.statusBar().addPermanentWidget(view)
    banner = OfflineBanner(controller, window)
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, banner)
    return view, banner
