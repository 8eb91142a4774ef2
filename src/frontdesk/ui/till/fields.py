"""Pieces the till's forms share: money fields with their inline error, the supervisor sign-in.

Typed amounts are checked on the main thread with the domain's own rules (pure, instant), so
the message appears at the field that is wrong and nothing is sent to the till at all.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Currency, Money
from frontdesk.domain.till import TillRules, parse_amount
from frontdesk.ui.till.refusals import domain_text
from frontdesk.ui.widgets.form_errors import error_label, show_error


class MoneyField:
    """A line edit for an amount in the till's currency, with its error label under it."""

    def __init__(self, parent: QWidget, name: str, *, accessible: str) -> None:
        self.edit = QLineEdit(parent)
        self.edit.setObjectName(name)
        self.edit.setAccessibleName(accessible)
        self.edit.setMaxLength(40)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.error = error_label(parent, f"{name}Error")
        self.edit.textEdited.connect(lambda _text: show_error(self.error, ""))

    def text(self) -> str:
        """What was typed, with the locale's decimal comma read as a point (12,50 = 12.50)."""
        text = self.edit.text().strip()
        if QLocale().decimalPoint() == "," and "." not in text:
            text = text.replace(",", ".")
        return text

    def check(
        self, rules: TillRules, *, allow_zero: bool = False, currency: Currency | None = None
    ) -> Money | None:
        """The amount (in ``currency``, else the till's), or None with the reason shown under
        the field (and focus on it)."""
        if not self.text():
            self.fail(QCoreApplication.translate("MoneyField", "Enter an amount."))
            return None
        try:
            return parse_amount(
                self.text(), currency or rules.base, field="amount", rules=rules,
                allow_zero=allow_zero,
            )  # fmt: skip
        except DomainError as error:
            self.fail(domain_text(error))
            return None

    def fail(self, message: str) -> None:
        show_error(self.error, message)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.edit.selectAll()

    def clear(self) -> None:
        self.edit.clear()
        show_error(self.error, "")


class SupervisorFields(QGroupBox):
    """A supervisor signs in here, at the cashier's desk, to approve what the cashier asks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Supervisor approval"), parent)
        self.setObjectName("supervisorBox")
        self.user_edit = QLineEdit(self)
        self.user_edit.setObjectName("supervisorUser")
        self.user_edit.setAccessibleName(self.tr("Supervisor"))
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("supervisorPassword")
        self.password_edit.setAccessibleName(self.tr("Supervisor password"))
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_label(self, "supervisorError")
        form = QFormLayout(self)
        form.addRow(self._caption(self.tr("S&upervisor"), self.user_edit), self.user_edit)
        form.addRow(self._caption(self.tr("Pass&word"), self.password_edit), self.password_edit)
        form.addRow("", self.error)

    def _caption(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def credentials(self) -> tuple[str, str] | None:
        """(username, password), or None with the reason shown."""
        user, password = self.user_edit.text().strip(), self.password_edit.text()
        if not user or not password:
            self.fail(self.tr("A supervisor must sign in with their name and password."))
            return None
        return user, password

    def fail(self, message: str) -> None:
        show_error(self.error, message)
        self.password_edit.clear()
        target = self.password_edit if self.user_edit.text().strip() else self.user_edit
        target.setFocus(Qt.FocusReason.OtherFocusReason)
