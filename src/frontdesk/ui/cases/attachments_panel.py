"""The files attached to a case, in the case view: the list, "Attach file…" and "Open".

The panel only shows and asks: a chosen file goes out by ``attach_requested`` (``CaseFlows``
attaches it in a background operation) unless it is over the desk's limit, which is said at
once; "Open" asks for the attachment by ``open_requested``. The file dialog is the system's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.cases.ports import Attachment
from frontdesk.ui.cases import texts
from frontdesk.ui.formatting import format_datetime

ATTACH_SHORTCUT = "Ctrl+Shift+A"


def size_text(size: int, locale: QLocale | None = None) -> str:
    """A file's size as the desk's language writes it (``1.5 MB``, ``1,5 МБ``)."""
    loc = locale or QLocale()
    return loc.formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def attachment_line(attachment: Attachment) -> str:
    shown = texts.tr("Internal") if attachment.internal else texts.tr("For the customer")
    line = (f"{attachment.file_name} · {size_text(attachment.size)} · {attachment.author}, "
            f"{format_datetime(attachment.at)} · {shown}")  # fmt: skip
    return line + "  " + texts.tr("(not sent yet)") if attachment.pending else line


def too_large_text(name: str, size: int, limit: int) -> str:
    return (
        texts.tr("%1 is %2: the server takes attachments of at most %3.")
        .replace("%1", name)
        .replace("%2", size_text(size))
        .replace("%3", size_text(limit))
    )


class AttachmentsPanel(QWidget):
    """A case's attachments.

    Signals:
        attach_requested(str, str): attach the file at this path with this visibility.
        open_requested(str): open the attachment with this id.
        refused(str): a chosen file cannot be attached; the text says why.
    """

    attach_requested = Signal(str, str)
    open_requested = Signal(str)
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = 0
        self.list_view = QListWidget(self)
        self.list_view.setObjectName("caseAttachments")
        self.list_view.setAccessibleName(texts.tr("Attachments"))
        self.list_view.setAlternatingRowColors(True)
        self.list_view.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.list_view.itemActivated.connect(lambda _item: self._on_open_button_clicked())
        self.list_view.currentRowChanged.connect(self._on_list_view_current_row_changed)
        self.visibility_combo = QComboBox(self)
        self.visibility_combo.setObjectName("attachmentVisibility")
        self.visibility_combo.setAccessibleName(texts.tr("Who may see the file"))
        self.visibility_combo.addItem(texts.tr("Internal (colleagues only)"), "internal")
        self.visibility_combo.addItem(texts.tr("For the customer"), "customer")
        self.attach_button = QPushButton(texts.tr("Attach file…"), self)
        self.attach_button.setObjectName("attachFileButton")
        self.attach_button.setAccessibleName(texts.tr("Attach file"))
        self.attach_button.setToolTip(texts.tr("Attach a file to the case (Ctrl+Shift+A)"))
        self.attach_button.clicked.connect(self._on_attach_button_clicked)
        # An action, not the button's own shortcut: the view adds it to itself, so the keys
        # work wherever the focus is in the case (a list or a text box would keep them).
        self.attach_action = QAction(texts.tr("Attach file…"), self)
        self.attach_action.setObjectName("attachFileAction")
        self.attach_action.setShortcut(QKeySequence(ATTACH_SHORTCUT))
        self.attach_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.attach_action.triggered.connect(self._on_attach_button_clicked)
        self.open_button = QPushButton(texts.tr("&Open"), self)
        self.open_button.setObjectName("openAttachmentButton")
        self.open_button.setAccessibleName(texts.tr("Open the attachment"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.empty_label = QLabel(texts.tr("No files attached."), self)
        self.empty_label.setObjectName("noAttachments")
        self._lay_out()

    def _lay_out(self) -> None:
        title = QLabel(texts.tr("A&ttachments"), self)
        title.setBuddy(self.list_view)
        title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.empty_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout()
        row.addWidget(self.visibility_combo)
        row.addWidget(self.attach_button)
        row.addStretch(1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # As tall as its rows need: the history above takes the room that is left.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(title)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list_view)
        layout.addLayout(row)
        self.setTabOrder(self.list_view, self.open_button)
        self.setTabOrder(self.open_button, self.visibility_combo)
        self.setTabOrder(self.visibility_combo, self.attach_button)

    def show_attachments(self, attachments: list[Attachment], *, limit: int) -> None:
        self.limit = limit
        self.list_view.clear()
        for attachment in attachments:
            item = QListWidgetItem(attachment_line(attachment))
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            item.setToolTip(attachment.media_type)
            self.list_view.addItem(item)
        self.list_view.setVisible(bool(attachments))
        self.empty_label.setVisible(not attachments)
        self.open_button.setEnabled(self.list_view.currentItem() is not None)

    def lines(self) -> list[str]:
        return [self.list_view.item(row).text() for row in range(self.list_view.count())]

    # Slots

    def _on_attach_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, texts.tr("Attach a file to the case"))
        if not path:
            return
        chosen = Path(path)
        size = chosen.stat().st_size if chosen.is_file() else 0
        if self.limit and size > self.limit:
            self.refused.emit(too_large_text(chosen.name, size, self.limit))
            return
        self.attach_requested.emit(path, self.visibility_combo.currentData())

    def _on_open_button_clicked(self) -> None:
        item = self.list_view.currentItem()
        if item is not None:
            self.open_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _on_list_view_current_row_changed(self, row: int) -> None:
        self.open_button.setEnabled(row >= 0)
