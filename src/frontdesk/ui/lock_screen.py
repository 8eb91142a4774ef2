"""The lock screen: hides the desk until someone signs in, online or (server down) offline.

Desk > Lock (Ctrl+Shift+L; Ctrl+L logs a contact) covers the whole window, hides and disables
everything behind it, so no customer data stays on screen or in the accessibility tree.
Any user may unlock it: a shared till is one device for all its users (see
services/desk_login.py). The sign-in runs as a background operation: online when the
server answers, else offline with the argon2id verifier of that user's own last online
login here, within the desk's offline period.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.desk_login import SignedIn, UnlockRefused
from frontdesk.services.errors import AuthFailed, FrontdeskError, NotLoggedIn
from frontdesk.ui.formatting import format_datetime
from frontdesk.ui.widgets.form_errors import error_label, show_error

SignIn = Callable[[str, str], SignedIn]
Submit = Callable[..., None]
SIGN_IN_CHANNEL = "sign-in"


@dataclass(frozen=True, slots=True)
class SignInAnswer:
    """What a sign-in came to: ``signed_in``, or the kind of refusal and the server's words."""

    signed_in: SignedIn | None = None
    refusal: str = ""
    detail: str = ""


def attempt_sign_in(sign_in: SignIn, username: str, password: str) -> SignInAnswer:
    """The background operation: never raises for a refusal, so the window can word it."""
    try:
        return SignInAnswer(signed_in=sign_in(username, password))
    except UnlockRefused as error:
        return SignInAnswer(refusal=error.reason, detail=str(error))
    except NotLoggedIn as error:
        return SignInAnswer(refusal="no_server", detail=str(error))
    except AuthFailed as error:
        return SignInAnswer(refusal="server_refused", detail=str(error))
    except FrontdeskError as error:
        return SignInAnswer(refusal="failed", detail=str(error))


class LockScreen(QFrame):
    """Covers a main window while the desk is locked.

    Signals:
        locked(): the desk is locked (nothing of it shows).
        unlocked(str): this user signed in; the desk shows again.
        refused(str): a sign-in was refused; the text says why, in the window's language.
    """

    locked = Signal()
    unlocked = Signal(str)
    refused = Signal(str)

    def __init__(
        self, window: QMainWindow, *, sign_in: SignIn, submit: Submit, offline_days: int
    ) -> None:
        super().__init__(window)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)  # opaque: nothing of the desk shows through
        self._window, self._sign_in, self._submit = window, sign_in, submit
        self.offline_days = offline_days
        self._disabled: list[QAction] = []
        self._build()
        self._translate()
        window.installEventFilter(self)
        self.hide()

    def _build(self) -> None:
        self.title = QLabel(self)
        self.title.setObjectName("lockTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(self)
        self.hint.setObjectName("lockHint")
        self.hint.setWordWrap(True)
        self.user_edit = self._field("lockUser")
        self.password_edit = self._field("lockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.user_edit.returnPressed.connect(self.password_edit.setFocus)
        self.password_edit.returnPressed.connect(self.submit)
        self.error = error_label(self, "lockError")
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("lockSignIn")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        self._lay_out()

    def _field(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setMaxLength(100 if name == "lockUser" else 1000)
        edit.setMinimumWidth(260)
        return edit

    def _lay_out(self) -> None:
        self.form = QFormLayout()
        self.user_caption, self.password_caption = QLabel(self), QLabel(self)
        self.user_caption.setBuddy(self.user_edit)
        self.password_caption.setBuddy(self.password_edit)
        self.form.addRow(self.user_caption, self.user_edit)
        self.form.addRow(self.password_caption, self.password_edit)
        panel = QVBoxLayout()
        panel.setSpacing(12)
        for part in (self.title, self.hint):
            panel.addWidget(part)
        panel.addLayout(self.form)
        panel.addWidget(self.error)
        panel.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignRight)
        box = QFrame(self)
        box.setObjectName("lockPanel")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        # A fixed width lets the wrapped texts ask for the height they need.
        box.setFixedWidth(480)
        policy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        box.setSizePolicy(policy)
        panel.setContentsMargins(24, 20, 24, 20)
        box.setLayout(panel)
        outer = QVBoxLayout(self)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignCenter)

    def _translate(self) -> None:
        self.title.setText(self.tr("The desk is locked"))
        self.hint.setText(
            self.tr(
                "Sign in to continue. Any user of this desk may sign in; without the server, "
                "offline sign-in works for users who signed in here in the last %1 days."
            ).replace("%1", str(self.offline_days))
        )
        self.user_caption.setText(self.tr("&User name"))
        self.password_caption.setText(self.tr("&Password"))
        self.user_edit.setAccessibleName(self.tr("User name"))
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.setAccessibleName(self.tr("Lock screen"))

    # Locking

    def is_locked(self) -> bool:
        return self.isVisibleTo(self._window)

    def lock(self, username: str = "", *, reason: str = "") -> None:
        """Hide the desk behind this screen; ``username`` (if given) fills the user field,
        ``reason`` (if given) says why the desk locked itself."""
        if self.is_locked():
            if reason:
                show_error(self.error, reason)
            return
        self._disabled = [a for a in self._window.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:
            action.setEnabled(False)
        for part in self._desk_parts():
            part.setEnabled(False)
        self._window.centralWidget().hide()
        if username:
            self.user_edit.setText(username)
        self.password_edit.clear()
        show_error(self.error, reason)
        self.setGeometry(self._window.rect())
        self.show()
        self.raise_()
        (self.password_edit if self.user_edit.text() else self.user_edit).setFocus()
        self.locked.emit()

    def _desk_parts(self) -> list[QWidget]:
        window = self._window
        return [window.menuBar(), window.statusBar(), *window.findChildren(QToolBar)]

    def _unlock(self, username: str) -> None:
        for part in self._desk_parts():
            part.setEnabled(True)
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self._window.centralWidget().show()
        self.password_edit.clear()
        self.hide()
        self.unlocked.emit(username)

    # Signing in

    def submit(self) -> None:
        username, password = self.user_edit.text().strip(), self.password_edit.text()
        if not username or not password:
            missing = self.user_edit if not username else self.password_edit
            self._refuse(self.tr("Type your user name and password."))
            missing.setFocus()
            return
        self.sign_in_button.setEnabled(False)
        show_error(self.error, "")
        sign_in = self._sign_in
        self._submit(
            lambda: attempt_sign_in(sign_in, username, password),
            on_success=self._on_sign_in_answered,
            channel=SIGN_IN_CHANNEL,
        )

    def _on_sign_in_answered(self, answer: SignInAnswer) -> None:
        self.sign_in_button.setEnabled(True)
        if answer.signed_in is None:
            self.password_edit.clear()
            self.password_edit.setFocus()
            self._refuse(self._refusal_text(answer))
            return
        signed = answer.signed_in
        self._unlock(signed.username)
        if signed.offline_until is not None:
            self._window.statusBar().showMessage(self._offline_text(signed.offline_until))

    def _refuse(self, message: str) -> None:
        show_error(self.error, message)
        self.refused.emit(message)

    def _refusal_text(self, answer: SignInAnswer) -> str:
        texts: dict[str, Any] = {
            UnlockRefused.NOT_RECENT: lambda: self.tr(
                "The server cannot be reached. Offline sign-in is available only for users "
                "who signed in on this desk in the last %1 days."
            ).replace("%1", str(self.offline_days)),
            UnlockRefused.WRONG_PASSWORD: lambda: self.tr(
                "The server cannot be reached, and the password is not the one %1 last "
                "signed in with here."
            ).replace("%1", self.user_edit.text().strip()),
            UnlockRefused.TURNED_OFF: lambda: self.tr(
                "The server cannot be reached, and offline sign-in is turned off on this desk."
            ),
            "no_server": lambda: self.tr(
                "This desk has not been connected to a server yet: log in once with "
                "frontdesk login."
            ),
            "server_refused": lambda: self.tr("The server refused the sign-in: %1").replace(
                "%1", answer.detail
            ),
        }
        fallback = lambda: self.tr("Could not sign in: %1").replace("%1", answer.detail)  # noqa: E731
        return texts.get(answer.refusal, fallback)()

    def _offline_text(self, until: datetime) -> str:
        text = self.tr("Signed in offline until %1; the desk syncs when the server is back.")
        return text.replace("%1", format_datetime(until))

    # Events

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and self.is_locked():
            if event.type() == QEvent.Type.Resize:
                self.setGeometry(self._window.rect())
            elif event.type() == QEvent.Type.ChildAdded:
                # A language change builds the panels again: keep the new ones hidden too.
                QTimer.singleShot(0, self._hide_desk)
        return False

    def _hide_desk(self) -> None:
        if self.is_locked():
            self._window.centralWidget().hide()
            self.raise_()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._translate()
        super().changeEvent(event)


def install_lock_screen(
    window: QMainWindow, *, action: QAction, sign_in: SignIn, submit: Submit, offline_days: int
) -> LockScreen:
    """A lock screen over ``window`` that ``action`` (Desk > Lock, enabled here) locks."""
    screen = LockScreen(window, sign_in=sign_in, submit=submit, offline_days=offline_days)
    action.triggered.connect(lambda: screen.lock())  # not lock(checked): no user to fill in
    action.setEnabled(True)
    return screen
