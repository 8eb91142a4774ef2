"""Suggest a correction…: a supervisor edits an article's title and text; the draft goes to
the server, where an administrator publishes it (nothing changes at the desk meanwhile)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.knowledge.ports import KbArticle
from frontdesk.ui.knowledge.texts import tr


class DraftDialog(QDialog):
    """The corrected title, text (Markdown) and a note for the administrator."""

    def __init__(self, article: KbArticle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kbDraftDialog")
        self.setWindowTitle(tr("Suggest a correction"))
        self.article = article
        self.title_edit = QLineEdit(article.title, self)
        self.title_edit.setMaxLength(300)
        self.body_edit = QPlainTextEdit(article.body_md, self)
        self.note_edit = QLineEdit(self)
        self.note_edit.setMaxLength(2000)
        self.note_edit.setPlaceholderText(tr("What was wrong, for the administrator"))
        self.error_label = QLabel(self)
        self.error_label.setObjectName("kbDraftError")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Send for review"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("&Title:"), self.title_edit)
        form.addRow(tr("&Text:"), self.body_edit)
        form.addRow(tr("N&ote:"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(720, 560)

    def _on_accepted(self) -> None:
        if not self.title_edit.text().strip() or not self.body_edit.toPlainText().strip():
            self.error_label.setText(tr("The title and the text cannot be empty."))
            return
        self.accept()

    def values(self) -> dict[str, str]:
        return {"title": self.title_edit.text().strip(), "body_md": self.body_edit.toPlainText(),
                "note": self.note_edit.text().strip()}  # fmt: skip
