"""Supervisor approvals the server issues, checks when the entry comes, and lists.

A desk can be tampered with, so a till entry that merely *names* a supervisor proves
nothing. Online, the cashier's desk asks this server (``POST /api/v1/till/approvals``, with
the cashier's own device-bound token) with the supervisor's name and password and what the
approval is for: the register, the entry's kind, the key the entry will have, its amount
and currency. The server checks the password (the failure is counted like a failed login,
so the route is no password oracle), that the user is an enabled supervisor of the
register's branch, and stores a single-use approval bound to those values, answering its
token. Admins do not approve at a till: they run the back office, belong to no register's
branch by their role, and a till never pushes as one (``server.till.access``).

When the entry is pushed, an online approval must carry a token that exists, was not used,
matches the entry exactly (key, kind, register, amount, currency, supervisor) and whose
window holds the entry's time; it is then marked used, in the applier's savepoint, so a
refused item leaves it unused and a replay is answered from the stored result. An offline
approval (the desk checked a kept verifier) cannot be verified here: it stands only if the
named user is a supervisor of the register's branch, and is recorded as ``unverified``,
never as ``valid``. ``frontdesk-server approvals [--unverified]`` lists them for review.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from frontdesk.domain.money import Money
from frontdesk.protocol import Role
from frontdesk.protocol.till import ApprovalWire, TillApprovalGranted, TillApprovalRequest
from frontdesk.server import auth
from frontdesk.server.auth import BoundLogin, token_digest
from frontdesk.server.models import User
from frontdesk.server.push_items import ApplyContext, ItemForbidden
from frontdesk.server.settings import Settings
from frontdesk.server.till.access import check_till_user, checked_register
from frontdesk.server.till.models import TillApproval, TillApprovalCheck, TillRegister

VALID, UNVERIFIED = "valid", "unverified"
#: How far a till's clock may be off the server's: an entry is dated by the till, so one
#: approved online a moment ago may look this much earlier or later than the approval. The
#: token's own bounds (single use, this entry's key, kind, register and amount) are what
#: make it safe; the dates only keep a token from being held back for another day.
CLOCK_SKEW = timedelta(minutes=15)
BAD_CREDENTIALS = "invalid supervisor name or password"


class ApprovalDenied(Exception):
    """The server does not issue the approval (403); the message says why, and never names
    another branch's data."""


# --- issuing -----------------------------------------------------------------------------


def issue(
    session: Session,
    login: BoundLogin,
    asked: TillApprovalRequest,
    *,
    settings: Settings,
    now: datetime,
    address: str | None = None,
) -> TillApprovalGranted:
    """Check the supervisor and store a single-use approval for ``asked``; commits.

    Raises:
        ApprovalDenied: the cashier may not ask, or the supervisor may not approve.
        auth.LoginThrottled: the supervisor's name or the till's address must wait.
    """
    branch = _register_branch(session, login, asked.register_code)
    supervisor = _check_supervisor_password(
        session, asked.supervisor, asked.password, settings=settings, now=now, address=address,
        device_id=login.device_id,
    )  # fmt: skip
    _check_approver(supervisor, branch=branch)
    token = secrets.token_urlsafe(32)
    amount = _amount(asked.amount, asked.currency)
    session.add(
        TillApproval(
            id=token_digest(token), supervisor=supervisor.username,
            cashier=login.user.username, register=asked.register_code, kind=asked.kind,
            entry_key=asked.key, amount_minor=amount.minor if amount else None,
            currency=asked.currency, issued_at=now, expires_at=now + settings.approval_lifetime,
        )
    )  # fmt: skip
    session.commit()
    return TillApprovalGranted(
        token=token, supervisor=supervisor.username, role="supervisor",
        issued_at=now.isoformat(), expires_at=(now + settings.approval_lifetime).isoformat(),
    )  # fmt: skip


def _register_branch(session: Session, login: BoundLogin, register: str) -> str:
    """The branch of ``register`` if the cashier may work it from this device: the same rules
    as a pushed entry (``till.access``), so an approval is never issued for an entry the
    server would refuse. Binds nothing: the entry's push binds an unbound register."""
    cashier = login.user
    try:
        check_till_user(cashier)
    except ItemForbidden as refused:
        raise ApprovalDenied(str(refused)) from None
    if login.device_id is None:
        raise ApprovalDenied("this login was made without a device id: log in at the till")
    head = session.get(TillRegister, register)
    try:
        with session.no_autoflush:
            checked_register(head, register, user=cashier, device_id=login.device_id)
    except ItemForbidden as refused:
        raise ApprovalDenied(str(refused)) from None
    finally:
        if head is not None:
            session.expire(head)  # whatever checked_register bound stays unbound here
    return cashier.branch


def _check_supervisor_password(
    session: Session,
    username: str,
    password: str,
    *,
    settings: Settings,
    now: datetime,
    address: str | None,
    device_id: str | None,
) -> User:
    """The user ``username`` if ``password`` is theirs, else ``ApprovalDenied``.

    Through the same throttle as the sign-in (per account name and per till address): an
    unknown name costs one argon2 verification like a wrong password, and every failure
    counts, so guessing here is no easier than at the login.
    """
    try:
        user = auth.check_password_throttled(
            session, username=username, password=password, address=address,
            settings=settings, now=now, device_id=device_id,
        )  # fmt: skip
    except auth.AccountDisabled:
        raise ApprovalDenied(f"{username.strip()}'s account is disabled") from None
    except auth.InvalidCredentials:
        session.commit()  # the failure counts
        raise ApprovalDenied(BAD_CREDENTIALS) from None
    session.commit()
    return user


def _check_approver(user: User, *, branch: str) -> None:
    if user.disabled_at is not None:
        raise ApprovalDenied(f"{user.username}'s account is disabled")
    if user.role != Role.SUPERVISOR:
        raise ApprovalDenied(
            f"{user.username} is a {user.role}, not a supervisor: only a supervisor of the "
            "register's branch approves at its till"
        )
    if user.branch != branch:
        raise ApprovalDenied(f"{user.username} is not a supervisor of this register's branch")


def _amount(amount: str | None, currency: str | None) -> Money | None:
    return None if amount is None or currency is None else Money.of(amount, currency)


# --- checking, when the entry is pushed --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bound:
    """What an entry's approval must have been issued for."""

    key: str
    kind: str
    register: str
    amount: Money | None
    at: datetime


def approver_problem(session: Session, name: str, *, branch: str) -> str | None:
    """Why ``name`` may not approve at a till of ``branch`` (None: they may).

    No password came with it, so the answer is the same whether ``name`` is no user, a user
    of another role or a supervisor of another branch: a refusal does not tell a till who
    works where. Only a supervisor of the branch itself is said to be disabled.
    """
    user = session.scalars(select(User).where(User.username == name)).first()
    if user is None or user.role != Role.SUPERVISOR or user.branch != branch:
        return f"{name} is not a supervisor of this register's branch"
    if user.disabled_at is not None:
        return f"{name}'s account is disabled"
    return None


def redeem(session: Session, approval: ApprovalWire, bound: Bound, *, now: datetime) -> str | None:
    """Use the online ``approval``'s token for the entry ``bound``; why not (None: used)."""
    if approval.token is None:
        return "an online approval without a server token (the server issued none for it)"
    row = session.get(TillApproval, token_digest(approval.token))
    if row is None:
        return "its token is not one this server issued"
    problem = _mismatch(row, approval, bound)
    if problem is not None:
        return problem
    used = session.execute(
        update(TillApproval)
        .where(TillApproval.id == row.id, TillApproval.used_at.is_(None))
        .values(used_by_entry=bound.key, used_at=now)
        .execution_options(synchronize_session=False)
    )
    return None if used.rowcount else "its token was already used by another entry"


def _mismatch(row: TillApproval, approval: ApprovalWire, bound: Bound) -> str | None:
    if row.used_at is not None:
        return "its token was already used by another entry"
    minor = bound.amount.minor if bound.amount else None
    currency = bound.amount.currency.code if bound.amount else None
    for name, issued, here in (
        ("key", row.entry_key, bound.key),
        ("kind", row.kind, bound.kind),
        ("register", row.register, bound.register),
        ("amount", row.amount_minor, minor),
        ("currency", row.currency, currency),
        ("supervisor", row.supervisor, approval.supervisor),
    ):
        if issued != here:
            return f"its token was issued for another {name} than this entry's"
    if not row.issued_at - CLOCK_SKEW <= bound.at <= row.expires_at + CLOCK_SKEW:
        return (
            f"its token was good from {row.issued_at:%Y-%m-%d %H:%M:%S} to "
            f"{row.expires_at:%H:%M:%S} UTC, and the entry is dated {bound.at:%Y-%m-%d %H:%M:%S}"
        )
    return None


def record(ctx: ApplyContext, bound: Bound, approval: ApprovalWire, *, verdict: str,
           receipt: str | None) -> None:  # fmt: skip
    """Keep the entry's approval and the verdict on it, for ``frontdesk-server approvals``."""
    ctx.session.add(
        TillApprovalCheck(
            entry_key=bound.key, register=bound.register, kind=bound.kind, receipt_no=receipt,
            amount_minor=bound.amount.minor if bound.amount else None,
            currency=bound.amount.currency.code if bound.amount else None,
            cashier=ctx.user.username, supervisor=approval.supervisor, method=approval.method,
            verdict=verdict, occurred_at=bound.at,
        )
    )  # fmt: skip


# --- the back office's list --------------------------------------------------------------


def listed(factory: Any, *, unverified: bool = False, register: str | None = None) -> list[dict]:
    """The approvals till entries carried, oldest first: only the offline (unverified)
    ones with ``unverified``, only ``register``'s with ``register``."""
    query = select(TillApprovalCheck).order_by(
        TillApprovalCheck.occurred_at, TillApprovalCheck.entry_key
    )
    if unverified:
        query = query.where(TillApprovalCheck.verdict == UNVERIFIED)
    if register is not None:
        query = query.where(TillApprovalCheck.register == register)
    with factory() as session:
        return [_row(row) for row in session.scalars(query)]


def _row(row: TillApprovalCheck) -> dict[str, Any]:
    amount = (
        Money.from_minor(row.amount_minor, row.currency)
        if row.amount_minor is not None and row.currency
        else None
    )
    return {
        "at": row.occurred_at.isoformat(), "register": row.register,
        "receipt": row.receipt_no, "kind": row.kind,
        "amount": str(amount.amount) if amount else None,
        "currency": amount.currency.code if amount else None, "cashier": row.cashier,
        "supervisor": row.supervisor, "method": row.method, "check": row.verdict,
        "entry": row.entry_key,
    }  # fmt: skip


def line(row: dict[str, Any], *, as_json: bool = False) -> str:
    """One approval as ``frontdesk-server approvals`` prints it."""
    if as_json:
        return json.dumps(row)
    what = f"{row['kind']} {row['receipt'] or ''}".rstrip()
    amount = f" {row['amount']} {row['currency']}" if row["amount"] else ""
    return (
        f"{row['at']} {row['register']} {what}{amount} by {row['cashier']}, approved by "
        f"{row['supervisor']} ({row['method']}): {row['check']}"
    )
