"""The basket's small dialogs: one value for a line or the basket (a quantity, a discount),
and the register's held baskets to recall one.

Each checks nothing the till decides: it emits what was typed or picked, and the window
answers with ``accept()`` or ``show_error(...)``, so what the cashier typed stays.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.till.basket import HeldBasket
from frontdesk.ui.formatting import format_datetime, format_money
from frontdesk.ui.till.dialogs import caption, ok_cancel
from frontdesk.ui.widgets.form_errors import error_label, show_error


class ValueDialog(QDialog):
    """One value typed for a line or the basket.

    Signals:
        submitted(str): the text typed; the window answers.
    """

    submitted = Signal(str)

    def __init__(self, *, title: str, about: str, label: str, text: str = "",
                 hint: str = "", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("basketValueDialog")
        self.setWindowTitle(title)
        self.about = QLabel(about, self)
        self.about.setWordWrap(True)
        self.edit = QLineEdit(text, self)
        self.edit.setObjectName("basketValue")
        self.edit.setAccessibleName(label.replace("&", ""))
        self.edit.setMaxLength(40)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.selectAll()
        self.hint = QLabel(hint, self)
        self.hint.setWordWrap(True)
        self.hint.setVisible(bool(hint))
        self.error = error_label(self, "basketValueError")
        self.buttons = ok_cancel(self, self.tr("OK"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        form = QFormLayout()
        form.addRow(caption(self, label, self.edit), self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_buttons_accepted(self) -> None:
        show_error(self.error, "")
        self.buttons.setEnabled(False)  # until the till has answered
        self.submitted.emit(self.edit.text().strip())

    def show_error(self, message: str) -> None:
        self.buttons.setEnabled(True)
        show_error(self.error, message)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.selectAll()


class RecallDialog(QDialog):
    """The register's held baskets, oldest first: Enter recalls the one picked.

    Signals:
        picked(str): recall the held basket with this id.
    """

    picked = Signal(str)

    def __init__(self, held: list[HeldBasket], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recallDialog")
        self.setWindowTitle(self.tr("Recall a held basket"))
        self.list = QListWidget(self)
        self.list.setObjectName("heldBaskets")
        self.list.setAccessibleName(self.tr("Held baskets"))
        for basket in held:
            item = QListWidgetItem(self._text(basket))
            item.setData(Qt.ItemDataRole.UserRole, basket.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.error = error_label(self, "recallError")
        self.buttons = QDialogButtonBox(self)
        recall = self.buttons.addButton(self.tr("&Recall"), QDialogButtonBox.ButtonRole.AcceptRole)
        recall.setObjectName("recallButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption(self, self.tr("&Held baskets (oldest first)"), self.list))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(460, 320)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _text(self, basket: HeldBasket) -> str:
        lines = self.tr("%n line(s)", None, basket.lines)
        parts = [format_datetime(basket.held_at), basket.name, lines, format_money(basket.amount)]
        return " · ".join(part for part in parts if part)

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.buttons.setEnabled(False)
        self.picked.emit(item.data(Qt.ItemDataRole.UserRole))

    def _on_buttons_accepted(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._on_list_item_activated(item)

    def show_error(self, message: str) -> None:
        self.buttons.setEnabled(True)
        show_error(self.error, message)
