"""Help > About Frontdesk: this desk's version, the server's desk versions, the data folder.

What a support call asks first. The server's versions are the ones the last sync learnt
(``sync.updates``); before any, the dialog says they are not known yet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class AboutDialog(QDialog):
    """The product, its version and where its data lives; every value can be selected and
    copied.

    Args:
        version: this desk's version (``frontdesk.__version__``).
        status: the desk's last sync status (``sync.service.sync_status``), or None.
        data_dir: the desk's data folder, or None when the window has none.
    """

    def __init__(
        self,
        *,
        version: str,
        status: dict[str, Any] | None,
        data_dir: Path | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About Frontdesk"))
        status = status or {}
        title = QLabel("<b>Frontdesk</b>", self)
        title.setObjectName("aboutTitle")
        title.setStyleSheet("QLabel { font-size: 16pt; }")
        blurb = QLabel(self.tr("The workstation for call-centre agents and branch cashiers."), self)
        blurb.setWordWrap(True)
        form = QFormLayout()
        self.version_label = self._row(form, self.tr("Version:"), version, "aboutVersion")
        current = status.get("server_current_version")
        self.server_label = self._row(
            form, self.tr("Server's current version:"), current or self.tr("not known yet"),
            "aboutServerCurrent",
        )  # fmt: skip
        minimum = status.get("server_minimum_version")
        oldest = minimum or (self.tr("any") if current else self.tr("not known yet"))
        self.minimum_label = self._row(
            form, self.tr("Oldest version the server accepts:"), oldest, "aboutServerMinimum"
        )
        folder = str(data_dir) if data_dir is not None else "—"
        self.data_label = self._row(form, self.tr("Data folder:"), folder, "aboutDataDir")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (title, blurb):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _row(self, form: QFormLayout, name: str, value: str, object_name: str) -> QLabel:
        label = QLabel(value, self)
        label.setObjectName(object_name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(name.rstrip(":"))
        form.addRow(name, label)
        return label
