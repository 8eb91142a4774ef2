"""Desk > Users and devices… (admins): the users and devices tables and their actions.

Every call goes to the server as a background operation (``OpRunner.submit``) and its answer
comes back to the main thread; a refusal shows in words under the tables. Disabling a user
and revoking a device ask first; resetting a password asks for the new one (the server
checks it as ``frontdesk-server user add`` does). Desk > Cross-sell report… lives in
``ui/report_dialog``; ``BackOfficeLauncher`` opens both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.protocol import DevicePublic, UserAccountPublic
from frontdesk.services.back_office import DeskBackOffice, UserAction
from frontdesk.ui.formatting import format_datetime
from frontdesk.ui.widgets.form_errors import error_label, show_error
from frontdesk.ui.widgets.text_table import fill_rows, selected_key, text_table

Submit = Callable[..., None]
#: Asks a yes/no question (the text); the pages act only on yes.
Confirm = Callable[[QWidget, str], bool]
#: Asks for a new password (the prompt); None when cancelled.
AskPassword = Callable[[QWidget, str], str | None]


def ask_yes_no(parent: QWidget, text: str) -> bool:
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, parent.windowTitle(), text, buttons)
    return answer == QMessageBox.StandardButton.Yes


def ask_new_password(parent: QWidget, prompt: str) -> str | None:
    echo = QLineEdit.EchoMode.Password
    text, ok = QInputDialog.getText(parent, parent.windowTitle(), prompt, echo)
    return text if ok else None


class AdminPages(QDialog):
    """The users and devices of the server, for an admin.

    Signals:
        users_shown(): the users table shows the server's latest answer.
        devices_shown(): the devices table shows the server's latest answer.
        failed(str): a call was refused or failed; the text (also on screen) says why.
    """

    users_shown = Signal()
    devices_shown = Signal()
    failed = Signal(str)

    def __init__(
        self,
        back_office: DeskBackOffice,
        *,
        submit: Submit,
        parent: QWidget | None = None,
        confirm: Confirm = ask_yes_no,
        ask_password: AskPassword = ask_new_password,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("adminPages")
        self._office, self._submit = back_office, submit
        self.confirm, self.ask_password = confirm, ask_password  # tests answer for the admin
        self.users: list[UserAccountPublic] = []
        self.devices: list[DevicePublic] = []
        self._build()
        self._translate()
        self.resize(980, 480)

    def _build(self) -> None:
        self.tabs = QTabWidget(self)
        self.users_table = text_table(self, "usersTable", 4)
        self.devices_table = text_table(self, "devicesTable", 6)
        self.disable_button = self._button("disableUser", self._on_disable_clicked)
        self.enable_button = self._button("enableUser", self._on_enable_clicked)
        self.signout_button = self._button("signoutUser", self._on_signout_clicked)
        self.reset_button = self._button("resetPassword", self._on_reset_clicked)
        self.revoke_button = self._button("revokeDevice", self._on_revoke_clicked)
        self.refresh_button = self._button("refreshAdmin", self.refresh)
        user_buttons = (self.disable_button, self.enable_button, self.signout_button,
                        self.reset_button)  # fmt: skip
        self.tabs.addTab(self._page(self.users_table, user_buttons), "")
        self.tabs.addTab(self._page(self.devices_table, (self.revoke_button,)), "")
        self.status = QLabel(self)
        self.status.setObjectName("adminStatus")
        self.error = error_label(self, "adminError")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.refresh_button)
        layout.addLayout(bottom)

    def _button(self, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _page(self, table: QTableWidget, buttons: Sequence[QPushButton]) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(table)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _translate(self) -> None:
        self.setWindowTitle(self.tr("Users and devices"))
        self.tabs.setTabText(0, self.tr("Users"))
        self.tabs.setTabText(1, self.tr("Devices"))
        self.users_table.setHorizontalHeaderLabels(
            [self.tr("User"), self.tr("Role"), self.tr("Branch"), self.tr("Status")]
        )
        self.devices_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Branch"), self.tr("Registered by"), self.tr("Last seen"),
             self.tr("Status"), self.tr("Device id")]
        )  # fmt: skip
        self.disable_button.setText(self.tr("&Disable…"))
        self.enable_button.setText(self.tr("&Enable"))
        self.signout_button.setText(self.tr("&Sign out everywhere"))
        self.reset_button.setText(self.tr("Reset &password…"))
        self.revoke_button.setText(self.tr("Re&voke…"))
        self.refresh_button.setText(self.tr("Re&fresh"))

    # Loading

    def refresh(self) -> None:
        show_error(self.error, "")
        self.status.setText(self.tr("Asking the server…"))
        # One after the other: the first may renew the desk's access token for both.
        self._submit(self._office.users, on_success=self._on_users_loaded,
                     on_failure=self._fail, channel="admin-users")  # fmt: skip

    def _on_users_loaded(self, users: list[UserAccountPublic]) -> None:
        self._show_users(users)
        self._submit(self._office.devices, on_success=self._show_devices,
                     on_failure=self._fail, channel="admin-devices")  # fmt: skip

    def _show_users(self, users: list[UserAccountPublic]) -> None:
        self.users = users
        rows = [(u.username, self._role_text(u.role.value), u.branch, self._user_status(u))
                for u in users]  # fmt: skip
        fill_rows(self.users_table, rows, [u.username for u in users])
        self.status.setText(self.tr("Users: %1 · devices: %2").replace("%1", str(len(users)))
                            .replace("%2", str(len(self.devices))))  # fmt: skip
        self.users_shown.emit()

    def _show_devices(self, devices: list[DevicePublic]) -> None:
        self.devices = devices
        rows = [(d.name or "—", d.branch, d.registered_by, format_datetime(d.last_seen),
                 self._device_status(d), d.id) for d in devices]  # fmt: skip
        fill_rows(self.devices_table, rows, [d.id for d in devices])
        self.status.setText(self.tr("Users: %1 · devices: %2").replace("%1", str(len(self.users)))
                            .replace("%2", str(len(devices))))  # fmt: skip
        self.devices_shown.emit()

    def _user_status(self, user: UserAccountPublic) -> str:
        return self.tr("disabled") if user.disabled else self.tr("active")

    def _device_status(self, device: DevicePublic) -> str:
        if device.revoked_at is None:
            return self.tr("in use")
        return self.tr("revoked on %1").replace("%1", format_datetime(device.revoked_at))

    def _role_text(self, role: str) -> str:
        names = {"agent": self.tr("agent"), "cashier": self.tr("cashier"),
                 "supervisor": self.tr("supervisor"), "admin": self.tr("admin")}  # fmt: skip
        return names.get(role, role)

    def _fail(self, message: str) -> None:
        self.status.setText("")
        show_error(self.error, self.tr("The server did not do it: %1").replace("%1", message))
        self.failed.emit(message)

    # Actions

    def _user(self) -> str | None:
        username = selected_key(self.users_table)
        if username is None:
            show_error(self.error, self.tr("Choose a user in the table first."))
        return username

    def _on_disable_clicked(self) -> None:
        username = self._user()
        question = self.tr("Disable %1? They are signed out at once, on every desk, and cannot "
                           "sign in until enabled again.")  # fmt: skip
        if username and self.confirm(self, question.replace("%1", username)):
            self._change(username, UserAction.DISABLE)

    def _on_enable_clicked(self) -> None:
        if username := self._user():
            self._change(username, UserAction.ENABLE)

    def _on_signout_clicked(self) -> None:
        if username := self._user():
            self._change(username, UserAction.SIGNOUT_EVERYWHERE)

    def _on_reset_clicked(self) -> None:
        username = self._user()
        if not username:
            return
        prompt = self.tr("New password for %1 (they are signed out everywhere):")
        password = self.ask_password(self, prompt.replace("%1", username))
        if password is None:
            return
        if not password:
            show_error(self.error, self.tr("Type the new password."))
            return
        self._change(username, UserAction.RESET_PASSWORD, password=password)

    def _change(self, username: str, action: UserAction, *, password: str | None = None) -> None:
        show_error(self.error, "")
        office = self._office
        self._submit(
            lambda: office.change_user(username, action, password=password),
            on_success=lambda _user: self._done(self.tr("Done: %1.").replace("%1", username)),
            on_failure=self._fail,
        )

    def _on_revoke_clicked(self) -> None:
        device_id = selected_key(self.devices_table)
        if device_id is None:
            show_error(self.error, self.tr("Choose a device in the table first."))
            return
        name = next((d.name for d in self.devices if d.id == device_id), "") or device_id
        question = self.tr("Revoke the device %1? Every sign-in on it stops at once, and "
                           "nobody can sign in there again.")  # fmt: skip
        if self.confirm(self, question.replace("%1", name)):
            office = self._office
            self._submit(
                lambda: office.revoke_device(device_id),
                on_success=lambda _d: self._done(self.tr("Revoked: %1.").replace("%1", name)),
                on_failure=self._fail,
            )

    def _done(self, message: str) -> None:
        self.refresh()
        self.status.setText(message)


class BackOfficeLauncher(QObject):
    """Desk > Supervisor's screen…, Cross-sell report… and Users and devices…: one dialog
    each, opened on demand.

    Signals:
        customer_requested(str): the supervisor's screen asks for a customer's 360.
    """

    customer_requested = Signal(str)

    def __init__(
        self,
        back_office: DeskBackOffice,
        *,
        reports: QAction,
        admin: QAction,
        submit: Submit,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._office, self._submit, self._parent = back_office, submit, parent
        reports.triggered.connect(self.open_report)
        admin.triggered.connect(self.open_admin)
        reports.setEnabled(True)
        admin.setEnabled(True)

    def open_admin(self) -> AdminPages:
        pages = self._parent.findChild(AdminPages, "adminPages")
        if pages is None:
            pages = AdminPages(self._office, submit=self._submit, parent=self._parent)
        return self._show(pages)

    def open_report(self) -> Any:
        from frontdesk.ui.report_dialog import CrossSellReportDialog

        dialog = self._parent.findChild(CrossSellReportDialog, "reportDialog")
        if dialog is None:
            dialog = CrossSellReportDialog(self._office, submit=self._submit, parent=self._parent)
        return self._show(dialog)

    def open_board(self) -> Any:
        from frontdesk.services.supervisor import SupervisorBoard
        from frontdesk.ui.supervisor.board import SupervisorBoardDialog

        dialog = self._parent.findChild(SupervisorBoardDialog, "supervisorBoard")
        if dialog is None:
            board = SupervisorBoard(self._office)
            dialog = SupervisorBoardDialog(board, submit=self._submit, parent=self._parent)
            dialog.customer_requested.connect(self.customer_requested)
        return self._show(dialog)

    def _show(self, dialog: Any) -> Any:
        dialog.refresh()
        if dialog.isVisible():
            dialog.raise_()  # already open behind the main window: bring it up
        dialog.show()
        dialog.activateWindow()
        return dialog
