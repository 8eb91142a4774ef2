"""The setup page: the server's address, a Check of it, then the user's sign-in.

Check asks the server's ``/api/v1/health`` and says what the certificate check found; Sign
in does what ``frontdesk login`` does (log in, register this desk as the user's device,
keep the offline verifier). Both run as background operations; a refusal shows under the
form in words and the page stays as it was, ready for another try.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.bootstrap import REGISTER_CODE
from frontdesk.ui.setup.wording import Reply, attempt, checked_text, failure_text
from frontdesk.ui.setup.wording import plain_http_refusal as refusal_of_plain_http
from frontdesk.ui.widgets.form_errors import error_label, show_error

Submit = Callable[..., None]
CHECK_CHANNEL, SIGN_IN_CHANNEL = "setup-check", "setup-sign-in"
#: What the address field starts with: the desk talks https unless told otherwise.
ADDRESS_START = "https://"
#: A finding that is good news: green, where a refusal is red.
FOUND_STYLE = "color: #2e7d32;"


class ConnectPage(QWidget):
    """Server address, Check, user name and password, Sign in.

    Signals:
        signed_in(str): this user signed in online; the desk is registered with the server.
    """

    signed_in = Signal(str)

    def __init__(self, client: Any, *, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupConnectPage")
        self._client, self._submit = client, submit
        self._build()
        self._translate()

    def _build(self) -> None:
        self.title, self.hint = QLabel(self), QLabel(self)
        self.title.setObjectName("setupTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.hint.setWordWrap(True)
        self.address_edit = self._field("setupAddress", 300)
        self.address_edit.setText(ADDRESS_START)
        self.check_button = QPushButton(self)
        self.check_button.setObjectName("setupCheck")
        self.check_button.clicked.connect(self.check)
        self.finding = QLabel(self)
        self.finding.setObjectName("setupFinding")
        self.finding.setWordWrap(True)
        self.finding.setStyleSheet(FOUND_STYLE)
        self.finding.hide()
        self.user_edit = self._field("setupUser", 100)
        self.password_edit = self._field("setupPassword", 1000)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.register_edit = self._field("setupRegister", 20)
        self.error = error_label(self, "setupError")
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("setupSignIn")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.address_edit.returnPressed.connect(self.check)
        self.address_edit.textEdited.connect(lambda _text: self.finding.hide())
        self.user_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self.sign_in)
        self.register_edit.returnPressed.connect(self.sign_in)
        self._lay_out()

    def _field(self, name: str, length: int) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setMaxLength(length)
        edit.setMinimumWidth(240)
        return edit

    def _lay_out(self) -> None:
        self.address_caption, self.user_caption = QLabel(self), QLabel(self)
        self.password_caption, self.register_caption = QLabel(self), QLabel(self)
        address_row = QHBoxLayout()
        address_row.setSpacing(8)
        address_row.addWidget(self.address_edit, 1)
        address_row.addWidget(self.check_button)
        form = QFormLayout()
        form.addRow(self.address_caption, address_row)
        form.addRow("", self.finding)
        form.addRow(self.user_caption, self.user_edit)
        form.addRow(self.password_caption, self.password_edit)
        form.addRow(self.register_caption, self.register_edit)
        for caption, edit in (
            (self.address_caption, self.address_edit),
            (self.user_caption, self.user_edit),
            (self.password_caption, self.password_edit),
            (self.register_caption, self.register_edit),
        ):
            caption.setBuddy(edit)
        panel = QVBoxLayout(self)
        panel.setSpacing(12)
        panel.addWidget(self.title)
        panel.addWidget(self.hint)
        panel.addLayout(form)
        panel.addWidget(self.error)
        panel.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignRight)

    def _translate(self) -> None:
        self.title.setText(self.tr("Connect this desk"))
        self.hint.setText(
            self.tr(
                "Type the address of your company's Frontdesk server and check it, then sign "
                "in. The desk registers itself with the server and copies its customers, "
                "once; after that it works even when the network does not."
            )
        )
        self.address_caption.setText(self.tr("Server &address"))
        self.check_button.setText(self.tr("&Check"))
        self.user_caption.setText(self.tr("&User name"))
        self.password_caption.setText(self.tr("&Password"))
        self.register_caption.setText(self.tr("Till &register"))
        self.register_edit.setPlaceholderText(
            self.tr("a till only: the code your administrator set up")
        )
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.address_edit.setAccessibleName(self.tr("Server address"))
        self.user_edit.setAccessibleName(self.tr("User name"))
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.register_edit.setAccessibleName(self.tr("Till register"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._translate()
        super().changeEvent(event)

    # Check

    def address(self) -> str:
        return self.address_edit.text().strip()

    def _address_refusal(self) -> str:
        address = self.address()
        if address.lower().rstrip("/") in ("", "https:", "https://", "http:", "http://"):
            return self.tr("Type the server's address, such as https://frontdesk.example:8765.")
        allowed = self._client.settings.allow_plain_http
        return refusal_of_plain_http(address, allowed=allowed)

    def check(self) -> None:
        """Ask the server's health in the background; the finding shows under the address."""
        if self._refuse_address():
            return
        self._busy(True)
        show_error(self.error, "")
        self.finding.hide()
        client, address = self._client, self.address()
        self._submit(
            lambda: attempt(lambda: client.check_server(address)),
            on_success=self._on_check_answered,
            channel=CHECK_CHANNEL,
        )

    def _refuse_address(self) -> bool:
        refusal = self._address_refusal()
        if refusal:
            show_error(self.error, refusal)
            self.finding.hide()
            self.address_edit.setFocus()
        return bool(refusal)

    def _on_check_answered(self, reply: Reply) -> None:
        self._busy(False)
        if reply.error is not None:
            show_error(self.error, failure_text(reply.error, self.address()))
            self.address_edit.setFocus()
            return
        self.finding.setText(checked_text(self.address(), reply.value.version))
        self.finding.show()
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()

    # Sign in

    def sign_in(self) -> None:
        """Log in online and register this desk; ``signed_in`` when the server agreed."""
        if self._refuse_address():
            return
        username, password = self.user_edit.text().strip(), self.password_edit.text()
        if not username or not password:
            show_error(self.error, self.tr("Type your user name and password."))
            (self.user_edit if not username else self.password_edit).setFocus()
            return
        register = self.register_edit.text().strip().upper()
        if register and not REGISTER_CODE.fullmatch(register):
            show_error(self.error, self.tr(
                "A register code is up to 20 letters, digits, - or _, as your administrator "
                "set it up (for example SHOP1)."))  # fmt: skip
            self.register_edit.setFocus()
            return
        self._busy(True)
        show_error(self.error, "")
        client, address = self._client, self.address()

        def sign_in_here() -> Any:
            signed = client.login(address, username, password)
            if register:  # only once the server agreed: a refused sign-in writes nothing
                client.choose_till_register(register)
            return signed

        self._submit(
            lambda: attempt(sign_in_here),
            on_success=self._on_sign_in_answered,
            channel=SIGN_IN_CHANNEL,
        )

    def _on_sign_in_answered(self, reply: Reply) -> None:
        self._busy(False)
        self.password_edit.clear()
        if reply.error is not None:
            show_error(self.error, failure_text(reply.error, self.address()))
            self.password_edit.setFocus()
            return
        self.signed_in.emit(self.user_edit.text().strip())

    def _busy(self, busy: bool) -> None:
        for part in (self.check_button, self.sign_in_button, self.address_edit):
            part.setEnabled(not busy)
