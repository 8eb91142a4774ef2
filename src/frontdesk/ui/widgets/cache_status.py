"""The cache's side of the main window's status bar: the server, the user, the last pull.

A server reached over plain http off this machine (allowed only by FRONTDESK_ALLOW_PLAIN_HTTP)
adds a warning beside the server's address: the agent sees that the link is not encrypted.

The labels outlive a language change (the status bar does), so their texts keep the window's
translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QStatusBar

from frontdesk.services.read_models import SyncStatus
from frontdesk.services.transport import plain_http_off_machine
from frontdesk.ui.formatting import format_count, format_datetime

translate = QCoreApplication.translate


class CacheStatus(QObject):
    """Permanent labels in ``status_bar``: server, user and what the last pull brought, and a
    warning shown only while the server is reached over plain http off this machine."""

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.server_label = self._label(status_bar, "statusServer")
        self.plain_http_label = self._label(status_bar, "statusPlainHttp")
        self.plain_http_label.setStyleSheet("font-weight: bold; color: #b00020;")
        self.plain_http_label.hide()
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
        self.plain_http_label.setText(translate("MainWindow", "⚠ Not encrypted (plain http)"))

    def show_status(self, status: SyncStatus) -> None:
        server, user = status.server_url or "—", status.username or "—"
        self.server_label.setText(translate("MainWindow", "Server: %1").replace("%1", server))
        self.user_label.setText(translate("MainWindow", "User: %1").replace("%1", user))
        self.sync_label.setText(_sync_text(status))
        self.plain_http_label.setVisible(plain_http_off_machine(status.server_url))


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
