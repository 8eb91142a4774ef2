"""The cache's side of the main window's status bar: the server, the user, the last pull.

The labels outlive a language change (the status bar does), so their texts keep the window's
translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from frontdesk.services.read_models import SyncStatus
from frontdesk.ui.formatting import format_count, format_datetime

translate = QCoreApplication.translate


class CacheStatus(QObject):
    """Three permanent labels in ``status_bar``: server, user and what the last pull brought."""

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.server_label = self._label(status_bar, "statusServer")
        self.user_label = self._label(status_bar, "statusUser")
        self.sync_label = self._label(status_bar, "statusSync")

    def _label(self, status_bar: QStatusBar, name: str) -> QLabel:
        label = QLabel(status_bar)
        label.setObjectName(name)
        label.setContentsMargins(8, 0, 8, 0)
        status_bar.addPermanentWidget(label)
        return label

    def retranslate(self) -> None:
        self.server_label.setAccessibleName(translate("MainWindow", "Server"))
        self.user_label.setAccessibleName(translate("MainWindow", "User"))
        self.sync_label.setAccessibleName(translate("MainWindow", "Sync"))

    def show_status(self, status: SyncStatus) -> None:
        server, user = status.server_url or "—", status.username or "—"
        self.server_label.setText(translate("MainWindow", "Server: %1").replace("%1", server))
        self.user_label.setText(translate("MainWindow", "User: %1").replace("%1", user))
        self.sync_label.setText(_sync_text(status))


def _sync_text(status: SyncStatus) -> str:
    if status.last_pull_at is None:
        return translate("MainWindow", "Never synced")
    return (
        translate("MainWindow", "Synced %1 · cursor %2 · %3 customers · %4 purchases")
        .replace("%1", format_datetime(status.last_pull_at))
        .replace("%2", str(status.cursor))
        .replace("%3", format_count(status.customers))
        .replace("%4", format_count(status.purchases))
    )
