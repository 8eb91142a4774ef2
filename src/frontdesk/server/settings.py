"""The server's one settings object: where the database is and how long tokens live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import platformdirs

DB_ENV = "FRONTDESK_SERVER_DB"
DATA_DIR_ENV = "FRONTDESK_SERVER_DATA_DIR"
DB_FILENAME = "server.sqlite3"
RETRAIN_ENV = "FRONTDESK_SERVER_CROSSSELL_RETRAIN_AFTER"
DEFAULT_RETRAIN_AFTER = 1000
KEY_RETENTION_ENV = "FRONTDESK_SERVER_KEY_RETENTION_DAYS"
DEFAULT_KEY_RETENTION_DAYS = 90
MAX_BODY_ENV = "FRONTDESK_SERVER_MAX_BODY_BYTES"
DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
APPROVAL_MINUTES_ENV = "FRONTDESK_SERVER_APPROVAL_MINUTES"
DEFAULT_APPROVAL_MINUTES = 10


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the server reads from its environment, resolved once.

    Attributes:
        database_url: SQLAlchemy URL (``sqlite:///...`` or ``postgresql+psycopg://...``).
        access_token_lifetime: how long an access token is accepted.
        refresh_token_lifetime: how long a refresh token can mint new access tokens.
        login_failure_limit: failed logins an account may have within
            ``login_failure_window`` before further attempts are refused.
        login_failure_window: the sliding window failed logins are counted in.
        crosssell_retrain_after: retrain the cross-sell model once this many purchases
            arrived since the last training (0: only ``train-crosssell`` trains).
        key_retention: how long pushed idempotency keys are kept (``prune-keys``); longer
            than any desk may stay offline.
        max_body_bytes: the largest request body any route reads; a larger one is answered
            413 before it is read whole.
        approval_lifetime: how long a supervisor approval the server issued stays good: the
            journal entry it approves must be dated within it.
    """

    database_url: str
    access_token_lifetime: timedelta = timedelta(minutes=15)
    refresh_token_lifetime: timedelta = timedelta(days=30)
    login_failure_limit: int = 100
    login_failure_window: timedelta = timedelta(hours=1)
    crosssell_retrain_after: int = DEFAULT_RETRAIN_AFTER
    key_retention: timedelta = timedelta(days=DEFAULT_KEY_RETENTION_DAYS)
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    approval_lifetime: timedelta = timedelta(minutes=DEFAULT_APPROVAL_MINUTES)

    @classmethod
    def load(cls, *, db: str | None = None) -> Settings:
        """Settings from ``--db``, else ``FRONTDESK_SERVER_DB``, else the default SQLite file."""
        return cls(
            database_url=db or os.environ.get(DB_ENV) or default_database_url(),
            crosssell_retrain_after=_retrain_after(os.environ.get(RETRAIN_ENV)),
            key_retention=_key_retention(os.environ.get(KEY_RETENTION_ENV)),
            max_body_bytes=_max_body_bytes(os.environ.get(MAX_BODY_ENV)),
            approval_lifetime=_approval_lifetime(os.environ.get(APPROVAL_MINUTES_ENV)),
        )


def _approval_lifetime(raw: str | None) -> timedelta:
    if raw is None or not raw.strip():
        return timedelta(minutes=DEFAULT_APPROVAL_MINUTES)
    if not raw.strip().isdigit() or int(raw) < 1:
        raise ValueError(f"{APPROVAL_MINUTES_ENV}={raw!r} must be a whole number of minutes (1+)")
    return timedelta(minutes=int(raw))


def _max_body_bytes(raw: str | None) -> int:
    if raw is None or not raw.strip():
        return DEFAULT_MAX_BODY_BYTES
    if not raw.strip().isdigit() or int(raw) < 1:
        raise ValueError(f"{MAX_BODY_ENV}={raw!r} must be a positive whole number of bytes")
    return int(raw)


def _key_retention(raw: str | None) -> timedelta:
    if raw is None or not raw.strip():
        return timedelta(days=DEFAULT_KEY_RETENTION_DAYS)
    if not raw.strip().isdigit():
        raise ValueError(f"{KEY_RETENTION_ENV}={raw!r} must be a whole number of days")
    return timedelta(days=int(raw))


def _retrain_after(raw: str | None) -> int:
    if raw is None or not raw.strip():
        return DEFAULT_RETRAIN_AFTER
    if not raw.strip().isdigit():
        raise ValueError(f"{RETRAIN_ENV}={raw!r} must be a whole number of purchases (0: never)")
    return int(raw)


def data_dir() -> Path:
    """The server's data directory (``FRONTDESK_SERVER_DATA_DIR`` overrides platformdirs)."""
    override = os.environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir("frontdesk-server"))


def default_database_url() -> str:
    """A SQLite file in the data directory, created on demand: zero set-up."""
    directory = data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(directory / DB_FILENAME).resolve()}"
