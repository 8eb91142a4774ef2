"""The server's one settings object: where the database is, how long tokens live, which
desk versions it takes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import platformdirs

from frontdesk import __version__
from frontdesk.protocol.cases import MAX_ATTACHMENT_BYTES
from frontdesk.protocol.versions import DeskVersions, parse_version, web_address

DB_ENV = "FRONTDESK_SERVER_DB"
DATA_DIR_ENV = "FRONTDESK_SERVER_DATA_DIR"
DB_FILENAME = "server.sqlite3"
SIGNING_KEY_ENV = "FRONTDESK_SERVER_SIGNING_KEY"
SIGNING_KEY_FILENAME = "signing-key.pem"
RETRAIN_ENV = "FRONTDESK_SERVER_CROSSSELL_RETRAIN_AFTER"
DEFAULT_RETRAIN_AFTER = 1000
KEY_RETENTION_ENV = "FRONTDESK_SERVER_KEY_RETENTION_DAYS"
DEFAULT_KEY_RETENTION_DAYS = 90
MAX_BODY_ENV = "FRONTDESK_SERVER_MAX_BODY_BYTES"
DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024
ATTACHMENT_MAX_ENV = "FRONTDESK_SERVER_ATTACHMENT_MAX_BYTES"
DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ACCESS_MINUTES_ENV = "FRONTDESK_SERVER_ACCESS_TOKEN_MINUTES"
DEFAULT_ACCESS_MINUTES = 15
REFRESH_DAYS_ENV = "FRONTDESK_SERVER_REFRESH_TOKEN_DAYS"
DEFAULT_REFRESH_DAYS = 30
FREE_FAILURES_ENV = "FRONTDESK_SERVER_LOGIN_FREE_FAILURES"
DEFAULT_FREE_FAILURES = 5
MAX_DELAY_ENV = "FRONTDESK_SERVER_LOGIN_MAX_DELAY_SECONDS"
THROTTLE_ADDRESS_ENV = "FRONTDESK_SERVER_LOGIN_THROTTLE_ADDRESS"
DEFAULT_MAX_DELAY_SECONDS = 900
APPROVAL_MINUTES_ENV = "FRONTDESK_SERVER_APPROVAL_MINUTES"
DEFAULT_APPROVAL_MINUTES = 10
REUSE_GRACE_ENV = "FRONTDESK_SERVER_REFRESH_REUSE_GRACE_SECONDS"
DEFAULT_REUSE_GRACE_SECONDS = 60
DESK_CURRENT_ENV = "FRONTDESK_SERVER_DESK_CURRENT_VERSION"
DESK_MINIMUM_ENV = "FRONTDESK_SERVER_DESK_MINIMUM_VERSION"
DESK_DOWNLOAD_ENV = "FRONTDESK_SERVER_DESK_DOWNLOAD_URL"
SNAPSHOT_EVERY_ENV = "FRONTDESK_SERVER_SNAPSHOT_EVERY_MINUTES"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the server reads from its environment, resolved once.

    Attributes:
        database_url: SQLAlchemy URL (``sqlite:///...`` or ``postgresql+psycopg://...``).
        access_token_lifetime: how long an access token is accepted.
        refresh_token_lifetime: how long a sign-in lasts: its refresh tokens, rotated at
            each refresh, all expire this long after the password was given.
        refresh_reuse_grace: how long after a refresh its (used) refresh token may be
            presented once more, while its successor is unused, as a retry of a refresh whose
            answer was lost (0: never; see server/auth.py).
        login_free_failures: failed sign-ins an account name (or a client address) may have
            in a row before each further one makes it wait (see server/throttle.py).
        login_max_delay: the longest such wait.
        throttle_addresses: count failures per client address too (off where many desks
            share one address: a branch behind NAT, a proxy).
        crosssell_retrain_after: retrain the cross-sell model once this many purchases
            arrived since the last training (0: only ``train-crosssell`` trains).
        key_retention: how long pushed idempotency keys are kept (``prune-keys``); longer
            than any desk may stay offline.
        max_body_bytes: the largest request body any route reads; a larger one is answered
            413 before it is read whole.
        attachment_max_bytes: the largest file a desk may attach to a case; the upload of
            its content has this limit instead of ``max_body_bytes``.
        signing_key: the PEM file of the key the till journal is signed with (None: the
            default, ``signing-key.pem`` in the data directory); see ``signing_key_path``.
        approval_lifetime: how long a supervisor approval the server issued stays good: the
            journal entry it approves must be dated within it.
        desk_current_version: the newest desk version, announced to older desks (default:
            the server's own version).
        desk_minimum_version: the oldest desk version whose pushes are taken (None: every
            desk's); an older desk keeps its writes until it is updated
            (server/desk_versions.py). Never above the current version.
        desk_download_url: where desks are told to get the current version (http or https;
            None: not said).
        snapshot_every: how stale the initial-pull snapshot may grow before ``serve``
            rebuilds it in the background (0: never; server/snapshot/schedule.py).
    """

    database_url: str
    access_token_lifetime: timedelta = timedelta(minutes=DEFAULT_ACCESS_MINUTES)
    refresh_token_lifetime: timedelta = timedelta(days=DEFAULT_REFRESH_DAYS)
    refresh_reuse_grace: timedelta = timedelta(seconds=DEFAULT_REUSE_GRACE_SECONDS)
    login_free_failures: int = DEFAULT_FREE_FAILURES
    login_max_delay: timedelta = timedelta(seconds=DEFAULT_MAX_DELAY_SECONDS)
    throttle_addresses: bool = True
    crosssell_retrain_after: int = DEFAULT_RETRAIN_AFTER
    key_retention: timedelta = timedelta(days=DEFAULT_KEY_RETENTION_DAYS)
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    attachment_max_bytes: int = DEFAULT_ATTACHMENT_MAX_BYTES
    approval_lifetime: timedelta = timedelta(minutes=DEFAULT_APPROVAL_MINUTES)
    signing_key: Path | None = None
    desk_current_version: str = __version__
    desk_minimum_version: str | None = None
    desk_download_url: str | None = None
    snapshot_every: timedelta = timedelta(0)

    def desk_versions(self) -> DeskVersions:
        """What ``GET /desk/version`` publishes."""
        return DeskVersions(
            current=self.desk_current_version,
            minimum=self.desk_minimum_version,
            download_url=self.desk_download_url,
        )

    def signing_key_path(self) -> Path:
        """The journal signing key's file; kept outside the database on purpose."""
        return self.signing_key or data_dir() / SIGNING_KEY_FILENAME

    @classmethod
    def load(cls, *, db: str | None = None) -> Settings:
        """Settings from ``--db``, else ``FRONTDESK_SERVER_DB``, else the default SQLite file."""
        current, minimum, download_url = _desk_versions()
        return cls(
            database_url=db or os.environ.get(DB_ENV) or default_database_url(),
            access_token_lifetime=timedelta(
                minutes=_positive(ACCESS_MINUTES_ENV, DEFAULT_ACCESS_MINUTES, "minutes")
            ),
            refresh_token_lifetime=timedelta(
                days=_positive(REFRESH_DAYS_ENV, DEFAULT_REFRESH_DAYS, "days")
            ),
            refresh_reuse_grace=timedelta(
                seconds=_whole(REUSE_GRACE_ENV, DEFAULT_REUSE_GRACE_SECONDS, "seconds")
            ),
            login_free_failures=_whole(FREE_FAILURES_ENV, DEFAULT_FREE_FAILURES, "failures"),
            login_max_delay=timedelta(
                seconds=_positive(MAX_DELAY_ENV, DEFAULT_MAX_DELAY_SECONDS, "seconds")
            ),
            throttle_addresses=_switch(THROTTLE_ADDRESS_ENV, default=True),
            crosssell_retrain_after=_retrain_after(os.environ.get(RETRAIN_ENV)),
            key_retention=_key_retention(os.environ.get(KEY_RETENTION_ENV)),
            max_body_bytes=_max_body_bytes(os.environ.get(MAX_BODY_ENV)),
            attachment_max_bytes=_attachment_max_bytes(os.environ.get(ATTACHMENT_MAX_ENV)),
            signing_key=_signing_key(os.environ.get(SIGNING_KEY_ENV)),
            approval_lifetime=_approval_lifetime(os.environ.get(APPROVAL_MINUTES_ENV)),
            desk_current_version=current,
            desk_minimum_version=minimum,
            desk_download_url=download_url,
            snapshot_every=timedelta(minutes=_whole(SNAPSHOT_EVERY_ENV, 0, "minutes")),
        )


def _desk_versions() -> tuple[str, str | None, str | None]:
    """The desk version settings, each checked, and the minimum never above the current."""
    current = _version(DESK_CURRENT_ENV) or __version__
    minimum = _version(DESK_MINIMUM_ENV)
    if minimum is not None and parse_version(minimum) > parse_version(current):
        raise ValueError(
            f"{DESK_MINIMUM_ENV}={minimum!r} is above the current desk version {current!r}: "
            f"desks would be told to update to a version that is not out; set "
            f"{DESK_CURRENT_ENV} to the version they should install"
        )
    raw_url = os.environ.get(DESK_DOWNLOAD_ENV, "").strip()
    try:
        download_url = web_address(raw_url) if raw_url else None
    except ValueError as error:
        raise ValueError(f"{DESK_DOWNLOAD_ENV}: {error}") from None
    return current, minimum, download_url


def _version(name: str) -> str | None:
    """A PEP 440 version from the environment variable ``name`` (unset or empty: None)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        parse_version(raw)
    except ValueError as error:
        raise ValueError(f"{name}: {error}") from None
    return raw


def _switch(name: str, *, default: bool) -> bool:
    """``1`` or ``0`` from the environment variable ``name`` (unset: ``default``)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if raw not in ("0", "1"):
        raise ValueError(f"{name}={raw!r} must be 1 (on) or 0 (off)")
    return raw == "1"


def _positive(name: str, default: int, unit: str) -> int:
    """A whole number of ``unit`` of at least 1 from the environment variable ``name``."""
    value = _whole(name, default, unit)
    if value < 1:
        raise ValueError(f"{name}={os.environ.get(name)!r} must be at least 1 ({unit})")
    return value


def _whole(name: str, default: int, unit: str) -> int:
    """A whole number (0 or more) of ``unit`` from the environment variable ``name``."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    if not raw.strip().isdigit():
        raise ValueError(f"{name}={raw!r} must be a whole number of {unit}")
    return int(raw)


def _signing_key(raw: str | None) -> Path | None:
    return Path(raw.strip()).expanduser() if raw and raw.strip() else None


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


def _attachment_max_bytes(raw: str | None) -> int:
    if raw is None or not raw.strip():
        return DEFAULT_ATTACHMENT_MAX_BYTES
    if not raw.strip().isdigit() or not 1 <= int(raw) <= MAX_ATTACHMENT_BYTES:
        raise ValueError(
            f"{ATTACHMENT_MAX_ENV}={raw!r} must be a whole number of bytes from 1 to "
            f"{MAX_ATTACHMENT_BYTES}"
        )
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
