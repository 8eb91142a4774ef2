"""The till window's row of buttons under the shift's transactions.

Each button has its key (shown in its tooltip); the window connects what each one does. The
texts keep the window's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from frontdesk.domain.money import Money
from frontdesk.services.till.ports import TillTransaction

translate = QCoreApplication.translate


class ShiftActions(QWidget):
    """Print, refund, void and refund by receipt on the left; X-report and close on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        button = self._button
        self.print_button = button("printReceipt", translate("TillWindow", "&Print receipt…"),
                                   "Ctrl+P")  # fmt: skip
        self.refund_button = button("refundButton", translate("TillWindow", "&Refund…"), "F8")
        self.void_button = button("voidButton", translate("TillWindow", "&Void…"), "F9")
        self.receipt_refund_button = button(
            "refundByReceipt", translate("TillWindow", "Refund by rece&ipt…"), "F7"
        )
        self.gift_button = button("giftReceipt", translate("TillWindow", "&Gift receipt…"),
                                  "Ctrl+Shift+P")  # fmt: skip
        self.pdf_button = button("receiptPdf", translate("TillWindow", "Save as P&DF…"),
                                 "Ctrl+Shift+S")  # fmt: skip
        self.x_button = button("xReport", translate("TillWindow", "&X-report"), "F5")
        self.close_button = button("closeShift", translate("TillWindow", "&Close shift…"), "F10")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.print_button, self.gift_button, self.pdf_button, self.refund_button,
                       self.void_button, self.receipt_refund_button):  # fmt: skip
            layout.addWidget(button)
        layout.addStretch(1)
        layout.addWidget(self.x_button)
        layout.addWidget(self.close_button)

    def _button(self, name: str, text: str, key: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setShortcut(QKeySequence(key))
        button.setToolTip(f"{text.replace('&', '')} ({key})")
        return button

    def enable_for_shift(self, open_: bool) -> None:
        """The buttons that need an open shift."""
        for button in (self.x_button, self.receipt_refund_button, self.close_button):
            button.setEnabled(open_)

    def enable_for_selection(self, tx: TillTransaction | None, left: Money | None) -> None:
        """The buttons that need a selected payment (and something left to refund)."""
        for button in (self.print_button, self.pdf_button):
            button.setEnabled(tx is not None)
        self.gift_button.setEnabled(tx is not None and tx.kind == "payment" and bool(tx.lines))
        self.refund_button.setEnabled(left is not None and left.amount > 0)
        self.void_button.setEnabled(tx is not None and left is not None and left == tx.amount)
