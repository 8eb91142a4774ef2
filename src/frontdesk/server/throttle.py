"""Sign-in throttling: failures in a row per account name and per client address.

Each attempt is counted against two keys: the account name it gives (normalised, whether
or not such an account exists, so an unknown name is answered exactly as a known one) and
the client address it comes from (every name counts there, so one address cannot spray
guesses over many accounts). The first ``login_free_failures`` failures in a row of a key
cost nothing; each further one makes that key wait before its next attempt is even looked
at: 1 s, 2 s, 4 s, ... up to ``login_max_delay``. An attempt inside a wait is refused
(``LoginThrottled``) without its password being checked, so guessing slows to a handful of
tries per ``login_max_delay``.

A guesser who keeps trying one name keeps that name waiting; so that this cannot keep the
real user out, an attempt from a workstation where that user has signed in with their
password before is counted under the name *at that workstation* instead of the bare name:
the user's own desks are held up only by failures made at them. A successful sign-in
clears the streaks it was counted under. That lets someone who knows the password reset
the count at will, but such a person needs no guessing; a guesser without it never clears
anything. Streaks quiet for ``STREAK_FORGOTTEN_AFTER`` are forgotten, so the table holds
only recent trouble.

The address is ``request.client.host``: behind a reverse proxy, the proxy's, unless the
server is told to believe the proxy's ``X-Forwarded-For`` (uvicorn believes it from
127.0.0.1 only, by default). Where many desks share one address (a branch behind NAT, a
proxy), ``FRONTDESK_SERVER_LOGIN_THROTTLE_ADDRESS=0`` leaves the address out.

Everything lives in the database, counted in SQL under row locks, so any number of
stateless server processes share one count, and an attempt is counted (and committed)
before its password is checked: a burst of parallel guesses cannot slip past the count,
and an attempt cut short by a crash still counts.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from frontdesk.server.models import LoginThrottle
from frontdesk.server.settings import Settings

#: A key with no failure for this long starts again with its free failures.
STREAK_FORGOTTEN_AFTER = timedelta(days=1)
FIRST_DELAY = timedelta(seconds=1)


class LoginThrottled(Exception):
    """Too many failed sign-ins in a row for this account name or from this address; the
    attempt was refused unchecked.

    Attributes:
        retry_at: the earliest moment (UTC) at which an attempt is looked at again.
        retry_after_s: whole seconds from the refusal to ``retry_at`` (at least 1).
    """

    def __init__(self, retry_at: datetime, *, now: datetime) -> None:
        self.retry_at = retry_at
        self.retry_after_s = max(1, math.ceil((retry_at - now).total_seconds()))
        super().__init__(
            "too many failed sign-ins for this account or from this address; try again in "
            f"{self.retry_after_s} s (after {retry_at:%H:%M:%S} UTC)"
        )


def throttle_keys(
    *, username: str, address: str | None, known_device: str | None = None
) -> list[str]:
    """The keys an attempt is counted under, sorted (rows are locked in this order).

    ``known_device``: a workstation the user has signed in on before; the name is then
    counted there only.
    """
    account = f"account:{username.strip().casefold()}"
    names = [f"{account}|device:{known_device}" if known_device else account]
    if address:
        names.append(f"address:{address}")
    return sorted(hashlib.sha256(name.encode("utf-8")).hexdigest() for name in names)


def count_attempt(session: Session, keys: list[str], *, settings: Settings, now: datetime) -> None:
    """Count this attempt as a failure of every key and commit, or raise ``LoginThrottled``
    (nothing counted) if one of them must still wait."""
    session.execute(
        delete(LoginThrottle).where(LoginThrottle.last_failure_at < now - STREAK_FORGOTTEN_AFTER)
    )
    for key in keys:
        _ensure_row(session, key, now=now)
    rows = session.scalars(
        select(LoginThrottle).where(LoginThrottle.key.in_(keys)).with_for_update()
    ).all()
    waits = [row.blocked_until for row in rows if row.blocked_until and row.blocked_until > now]
    if waits:
        session.rollback()
        raise LoginThrottled(max(waits), now=now)
    for row in rows:
        row.failures += 1
        row.last_failure_at = now
        wait = wait_after(row.failures, settings=settings)
        row.blocked_until = now + wait if wait else None
    session.commit()


def clear(session: Session, keys: list[str]) -> None:
    """Forget the keys' streaks (a successful sign-in); the caller commits."""
    session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(keys)))


def wait_after(failures: int, *, settings: Settings) -> timedelta:
    """How long a key waits after ``failures`` failures in a row: nothing while they are
    free, then 1 s doubling with each failure, at most ``login_max_delay``."""
    beyond = failures - settings.login_free_failures
    if beyond <= 0:
        return timedelta(0)
    if beyond > 40:  # 2**40 s is far past any cap; no huge numbers
        return settings.login_max_delay
    return min(settings.login_max_delay, FIRST_DELAY * 2 ** (beyond - 1))


def _ensure_row(session: Session, key: str, *, now: datetime) -> None:
    """Insert the key's row unless it exists (a race between processes inserts it once)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert(LoginThrottle)
        .values(key=key, failures=0, last_failure_at=now, blocked_until=None)
        .on_conflict_do_nothing(index_elements=["key"])
    )
