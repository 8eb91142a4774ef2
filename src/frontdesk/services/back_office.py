"""What the window's back-office pages ask the server: reports, users and devices.

Nothing here is cached or queued: each call asks the server at once with the desk's current
login (its role decides, on the server, whether the answer is given), and an error says in
words why not. The window only shows these pages to roles that may use them
(``DeskRole``); the server checks again at every request.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from frontdesk.protocol import (
    CrossSellAcceptanceReport,
    DevicePublic,
    ReportDrill,
    ReportTable,
    Role,
    UserAccountPublic,
)


class UserAction(StrEnum):
    """An admin's action on a user: the last part of ``POST /admin/users/{name}/...``."""

    DISABLE = "disable"
    ENABLE = "enable"
    SIGNOUT_EVERYWHERE = "signout-everywhere"
    RESET_PASSWORD = "reset-password"


class AbstractBackOffice(abc.ABC):
    """The server's back-office calls, made with the desk's current login."""

    @abc.abstractmethod
    def crosssell_acceptance(self) -> CrossSellAcceptanceReport: ...

    def report(self, name: str, params: dict[str, str]) -> ReportTable:
        """``GET /reports/{name}`` (server/reporting): figures by dimension."""
        raise NotImplementedError

    def report_drill(self, name: str, params: dict[str, str]) -> ReportDrill:
        raise NotImplementedError

    @abc.abstractmethod
    def users(self) -> list[UserAccountPublic]: ...

    @abc.abstractmethod
    def change_user(
        self, username: str, action: UserAction, *, password: str | None = None
    ) -> UserAccountPublic:
        """Apply ``action``; ``password`` is the new one for ``RESET_PASSWORD``."""

    @abc.abstractmethod
    def devices(self) -> list[DevicePublic]: ...

    @abc.abstractmethod
    def revoke_device(self, device_id: str) -> DevicePublic: ...


@dataclass(frozen=True, slots=True)
class DeskRole:
    """What the window offers whoever is at the desk.

    Every role has the customer desk (lookup, profile, contacts): a cashier needs it for
    receipts and refunds, an admin to answer for a customer record. ``role`` None (a desk
    signed in before roles were kept, or never) keeps what the window had before: the
    customer desk and the till, no reports or admin pages.
    """

    role: str | None

    @property
    def till(self) -> bool:
        return self.role in (None, Role.CASHIER, Role.SUPERVISOR)

    @property
    def reports(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.ADMIN)

    @property
    def admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def oversees_cases(self) -> bool:
        """The Cases page's Breaches: what is past due, and moving it to others."""
        return self.role == Role.SUPERVISOR


BackOfficeFactory = Callable[[], AbstractBackOffice]


class DeskBackOffice:
    """The back-office use cases, each a blocking call for a background operation.

    ``connect`` makes the server connection of the desk's current login when a call needs it
    (``NotLoggedIn`` when the desk has none).
    """

    def __init__(self, connect: BackOfficeFactory) -> None:
        self._connect = connect

    def crosssell_acceptance(self) -> CrossSellAcceptanceReport:
        return self._connect().crosssell_acceptance()

    def report(self, name: str, params: dict[str, str]) -> ReportTable:
        return self._connect().report(name, params)

    def report_drill(self, name: str, params: dict[str, str]) -> ReportDrill:
        return self._connect().report_drill(name, params)

    def users(self) -> list[UserAccountPublic]:
        return self._connect().users()

    def devices(self) -> list[DevicePublic]:
        return self._connect().devices()

    def change_user(
        self, username: str, action: UserAction, *, password: str | None = None
    ) -> UserAccountPublic:
        if (action is UserAction.RESET_PASSWORD) != (password is not None):
            raise ValueError("a new password goes with reset-password, and only with it")
        return self._connect().change_user(username, action, password=password)

    def revoke_device(self, device_id: str) -> DevicePublic:
        return self._connect().revoke_device(device_id)
