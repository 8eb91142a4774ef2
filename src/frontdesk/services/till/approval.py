"""A supervisor approves at the cashier's desk: online through the server, else offline.

An approval is for one journal entry (``ApprovalScope``: register, kind, key, amount), so
the till fixes the entry's key before it asks. Online, the desk asks the server with the
cashier's own login (``POST /till/approvals``): the server checks the supervisor's
password, role and branch and issues a single-use token bound to that entry, which the
entry carries and the server checks when it is pushed. The desk then keeps (or renews) an
argon2id verifier of that password for that supervisor, the same kind of verifier as the
desk's offline unlock (``services.desk_login``), never the password itself; a refusal drops
any verifier kept for that name. When the server cannot be reached, a supervisor who signed
in online here within the offline period (``FRONTDESK_OFFLINE_UNLOCK_DAYS``) approves with
that password, checked against the kept verifier; such an approval says ``offline``, and
the server records it as unverified (if the named user is a supervisor of the register's
branch) and lists it for the back office.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pydantic

from frontdesk.protocol.till import TillApprovalGranted, TillApprovalRequest
from frontdesk.services.desk_login import AbstractPasswordVerifier
from frontdesk.services.errors import (
    AccessRevoked,
    ApprovalDenied,
    ApprovalThrottled,
    AuthFailed,
    NotLoggedIn,
    ServerUnreachable,
)
from frontdesk.services.till.errors import ApprovalRefused
from frontdesk.services.till.ports import (
    OFFLINE,
    ONLINE,
    AbstractApprovalIssuer,
    AbstractSupervisorCheck,
    Approval,
    ApprovalScope,
    SupervisorVerifier,
    TillUnitOfWork,
)

Clock = Callable[[], datetime]
#: Makes the issuer on the cashier's stored login; ``NotLoggedIn`` when there is none.
IssuerFactory = Callable[[], AbstractApprovalIssuer]
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
        issuer: makes the server's approval issuer on the cashier's login, or None when the
            desk has no server (then offline only).
        uow: the till's unit of work, where the supervisors' verifiers are kept.
        verifier: makes and checks argon2id verifiers.
        valid_for: how long after an online sign-in here an offline approval is accepted
            (zero turns offline approval off).
    """

    def __init__(
        self,
        issuer: IssuerFactory | None,
        uow: TillUnitOfWork,
        *,
        verifier: AbstractPasswordVerifier,
        valid_for: timedelta,
        clock: Clock = _now,
    ) -> None:
        self._issuer, self._uow, self._verifier = issuer, uow, verifier
        self._valid_for, self._clock = valid_for, clock

    def approve(self, username: str, password: str, *, scope: ApprovalScope) -> Approval:
        if self._issuer is None:
            return self._offline(username, password, why=NO_SERVER)
        asked = _request(username, password, scope)
        try:
            granted = self._issuer().request_approval(asked)
        except NotLoggedIn:
            return self._offline(username, password, why=NO_SERVER)
        except ServerUnreachable:
            return self._offline(username, password, why=UNREACHABLE)
        except AccessRevoked:
            raise  # the cashier's own access was taken back: the desk locks on it
        except (ApprovalDenied, AuthFailed) as error:
            if isinstance(error, ApprovalDenied) and not isinstance(error, ApprovalThrottled):
                # Refused online: not offline either. A throttled name says nothing about the
                # password (unchecked), so whoever made it wait cannot wipe the verifier.
                self._forget(username)
            raise ApprovalRefused(
                f"supervisor: {error}", code="supervisor_sign_in", field="supervisor",
                reason=str(error),
            ) from None  # fmt: skip
        self._remember(granted, password)
        return Approval(granted.supervisor, ONLINE, self._clock(), token=granted.token)

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

    def _remember(self, granted: TillApprovalGranted, password: str) -> None:
        verifier = self._verifier.make(password)
        kept = SupervisorVerifier(granted.supervisor, granted.role, verifier, self._clock())
        with self._uow:
            self._uow.supervisors.remember(kept)
            self._uow.commit()

    def _forget(self, username: str) -> None:
        with self._uow:
            self._uow.supervisors.forget(username)
            self._uow.commit()


def _request(username: str, password: str, scope: ApprovalScope) -> TillApprovalRequest:
    amount = scope.amount
    try:
        return TillApprovalRequest.model_validate({
            "supervisor": username, "password": password, "register": scope.register,
            "kind": scope.kind, "key": scope.key,
            "amount": str(amount.amount) if amount else None,
            "currency": amount.currency.code if amount else None,
        })  # fmt: skip
    except pydantic.ValidationError as error:
        problem = error.errors(include_url=False)[0]
        field = ".".join(str(p) for p in problem["loc"]) or "approval"
        raise ApprovalRefused(f"{field}: {problem['msg']}", field=field) from None


def _aware(moment: datetime) -> datetime:
    # SQLite gives naive datetimes back; the cache stores UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
