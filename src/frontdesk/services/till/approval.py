"""A supervisor approves at the cashier's desk: online through the server, else offline.

Online, the server checks the password and the role; the desk then keeps (or renews) an
argon2id verifier of that password for that supervisor, the same kind of verifier as the
desk's offline unlock (``services.desk_login``), never the password itself. When the server
cannot be reached, a supervisor who signed in online here within the offline period
(``FRONTDESK_OFFLINE_UNLOCK_DAYS``) approves with that password, checked against the kept
verifier; such an approval says ``offline``, and the server checks the named user's role
and branch again when the approved transaction is pushed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from frontdesk.services.desk_login import AbstractPasswordVerifier
from frontdesk.services.errors import AuthFailed, FrontdeskError, ServerUnreachable
from frontdesk.services.ports import AbstractCentral
from frontdesk.services.till.errors import ApprovalRefused
from frontdesk.services.till.ports import (
    OFFLINE,
    ONLINE,
    AbstractSupervisorCheck,
    Approval,
    SupervisorVerifier,
    TillUnitOfWork,
)

Clock = Callable[[], datetime]
APPROVERS = frozenset({"supervisor", "admin"})
#: Why an approval is checked offline (the ``why`` of its refusals).
NO_SERVER, UNREACHABLE = "no_server", "unreachable"
WHY = {
    NO_SERVER: "this desk is not logged in to a server",
    UNREACHABLE: "the server cannot be reached",
}


def _now() -> datetime:
    return datetime.now(UTC)


class DeskSupervisorCheck(AbstractSupervisorCheck):
    """Checks a supervisor's sign-in at this desk, online first, offline if it must.

    Args:
        central: the desk's server, or None when the desk has none (then offline only).
        uow: the till's unit of work, where the supervisors' verifiers are kept.
        verifier: makes and checks argon2id verifiers.
        valid_for: how long after an online sign-in here an offline approval is accepted
            (zero turns offline approval off).
    """

    def __init__(
        self,
        central: AbstractCentral | None,
        uow: TillUnitOfWork,
        *,
        verifier: AbstractPasswordVerifier,
        valid_for: timedelta,
        clock: Clock = _now,
    ) -> None:
        self._central, self._uow, self._verifier = central, uow, verifier
        self._valid_for, self._clock = valid_for, clock

    def approve(self, username: str, password: str) -> Approval:
        if self._central is None:
            return self._offline(username, password, why=NO_SERVER)
        try:
            tokens = self._central.login(username, password)
        except AuthFailed as error:
            raise ApprovalRefused(
                f"supervisor: {error}", code="supervisor_sign_in", field="supervisor",
                reason=str(error),
            ) from None  # fmt: skip
        except ServerUnreachable:
            return self._offline(username, password, why=UNREACHABLE)
        self._sign_out(tokens.refresh_token)
        role = tokens.user.role.value
        if role not in APPROVERS:
            self._forget(tokens.user.username)  # no longer a supervisor: not offline either
            raise ApprovalRefused(
                f"supervisor: {username} is a {role}", code="not_a_supervisor",
                field="supervisor", username=username, role=role,
            )  # fmt: skip
        self._remember(tokens.user.username, role, password)
        return Approval(tokens.user.username, ONLINE, self._clock())

    def _offline(self, username: str, password: str, *, why: str) -> Approval:
        with self._uow:
            kept = self._uow.supervisors.get(username)
        if kept is None:
            raise ApprovalRefused(
                f"supervisor: {WHY[why]}, and {username} has not signed in online at this desk "
                "before, so there is nothing to check the password against offline",
                code="offline_never_online",
                field="supervisor",
                why=why,
                username=username,
            )
        self._check_fresh(kept, why=why)
        if not self._verifier.check(kept.verifier, password):
            raise ApprovalRefused(
                f"supervisor: wrong password for {username} (checked offline)",
                code="offline_wrong_password", field="supervisor", username=username,
            )  # fmt: skip
        return Approval(kept.username, OFFLINE, self._clock())

    def _check_fresh(self, kept: SupervisorVerifier, *, why: str) -> None:
        if self._valid_for <= timedelta(0):
            raise ApprovalRefused(
                f"supervisor: {WHY[why]}, and offline approval is turned off here "
                "(FRONTDESK_OFFLINE_UNLOCK_DAYS=0)",
                code="offline_turned_off",
                field="supervisor",
                why=why,
            )
        until = _aware(kept.online_at) + self._valid_for
        if self._clock() > until:
            raise ApprovalRefused(
                f"supervisor: {WHY[why]}, and {kept.username}'s last online sign-in here "
                f"expired for offline approval on {until:%Y-%m-%d %H:%M} UTC",
                code="offline_expired", field="supervisor", why=why, username=kept.username,
                until=until,
            )  # fmt: skip

    def _remember(self, username: str, role: str, password: str) -> None:
        kept = SupervisorVerifier(username, role, self._verifier.make(password), self._clock())
        with self._uow:
            self._uow.supervisors.remember(kept)
            self._uow.commit()

    def _forget(self, username: str) -> None:
        with self._uow:
            self._uow.supervisors.forget(username)
            self._uow.commit()

    def _sign_out(self, refresh_token: str) -> None:
        # If this fails the sign-in token only expires later; the approval stands.
        with contextlib.suppress(FrontdeskError):
            self._central.logout(refresh_token)  # type: ignore[union-attr]


def _aware(moment: datetime) -> datetime:
    # SQLite gives naive datetimes back; the cache stores UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
