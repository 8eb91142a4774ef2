"""The word on desk versions, on a strip along the status bar: an update the server requires,
or one that is out.

It reads each sync outcome's status (``sync.updates.update_status``: the desk's version, what
the server last published, and ``update``). Below the server's minimum the desk sends nothing
and says so, in bold: its work is kept and goes once Frontdesk is updated. A newer version is
announced plainly. Either way the download address is a link the browser opens; the server
may only publish an http or https one (``protocol.versions.DeskVersions``).

A strip of its own, right above the status bar, rather than a label in it: the status bar's
permanent labels (server, user, pull, sync state) already fill a 1280-pixel window, and a
sentence squeezed in beside them would be cut off mid-address.
"""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from frontdesk.sync.updates import AVAILABLE, REQUIRED
from frontdesk.sync.worker import SyncOutcome
from frontdesk.ui.sync_controller import SyncController

_REQUIRED_STYLE = "QLabel { font-weight: bold; color: #b00020; padding: 4px 6px; }"
_AVAILABLE_STYLE = "QLabel { padding: 4px 6px; }"
_PLACEHOLDER = re.compile(r"%(\d)")


class UpdateNotice(QToolBar):
    """Hidden while the desk is up to date (or the server's rules are not known yet).

    ``message`` holds the words; ``update_due`` is the status's ``update``.
    """

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("updateNotice")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not something to switch off by mistake
        self.controller = controller
        self.update_due: str | None = None
        self.message = QLabel(self)
        self.message.setObjectName("updateMessage")
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setOpenExternalLinks(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.message.setWordWrap(True)  # in a narrow window, rather than cut off
        # The whole width: a word-wrapped label otherwise asks for a narrow column.
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(self.message)
        self.setVisible(False)
        controller.outcome_arrived.connect(self._on_controller_outcome_arrived)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Frontdesk update"))
        self.setAccessibleName(self.tr("Frontdesk update"))
        last = self.controller.last
        self.show_status(last.status if last is not None else {})

    def show_status(self, status: dict[str, Any]) -> None:
        self.update_due = status.get("update")
        if self.update_due == REQUIRED:
            self._show(self._required_text(status), _REQUIRED_STYLE)
        elif self.update_due == AVAILABLE:
            self._show(self._available_text(status), _AVAILABLE_STYLE)
        else:
            self.setVisible(False)

    def _show(self, text: str, style: str) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
        self.setVisible(True)
        self._fit()
        QTimer.singleShot(0, self._fit)  # again once the toolbar has laid the label out

    def fits(self) -> bool:
        """Whether the label is as tall as its words at its width, and the strip as tall as
        the label (after the window's layout pass, which comes a moment later)."""
        label = self.message.height() == self.message.heightForWidth(self.message.width())
        return label and self.height() == self.sizeHint().height()

    def _fit(self) -> None:
        """As tall as the words need at the label's width: a toolbar sizes its widgets by
        their size hint, which for wrapped words is a narrow column's height."""
        height = self.message.heightForWidth(max(1, self.message.width()))
        if height > 0 and height != self.message.height():
            self.message.setFixedHeight(height)
            # The toolbar's layout keeps the size hint it had for the old height until told.
            self.layout().invalidate()
            self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _required_text(self, status: dict[str, Any]) -> str:
        url = status.get("download_url")
        if url:
            words = self.tr(
                "This desk (%1) is older than the server accepts (%2 or newer). Your work is "
                "kept on this desk and is sent once Frontdesk is updated: %3"
            )
        else:
            words = self.tr(
                "This desk (%1) is older than the server accepts (%2 or newer). Your work is "
                "kept on this desk and is sent once Frontdesk is updated."
            )
        return _fill(
            words, status.get("desk_version"), status.get("server_minimum_version"), link=url
        )

    def _available_text(self, status: dict[str, Any]) -> str:
        url = status.get("download_url")
        if url:
            words = self.tr("Frontdesk %1 is available: %2")
        else:
            words = self.tr("Frontdesk %1 is available.")
        return _fill(words, status.get("server_current_version"), link=url)

    @Slot(object)
    def _on_controller_outcome_arrived(self, outcome: SyncOutcome) -> None:
        self.show_status(outcome.status)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _fill(words: str, *values: Any, link: str | None) -> str:
    """``words`` as rich text, %1, %2... replaced by ``values`` and the one after by ``link``
    (in one pass: nothing a server sent is read for placeholders)."""
    parts = [html.escape(str(value or "?")) for value in values]
    if link:
        address = html.escape(link, quote=True)
        parts.append(f'<a href="{address}">{address}</a>')

    def part(found: re.Match[str]) -> str:
        number = int(found.group(1))
        return parts[number - 1] if 0 < number <= len(parts) else found.group(0)

    return _PLACEHOLDER.sub(part, html.escape(words))


def add_update_notice(window: QMainWindow, controller: SyncController) -> UpdateNotice:
    """The notice along the bottom of ``window``, right above its status bar (outside the
    panels the window rebuilds on a language change)."""
    notice = UpdateNotice(controller, window)
    window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, notice)
    return notice
