"""Typed client settings, read once at start-up (environment prefix ``FRONTDESK_``).

``FRONTDESK_DATA_DIR``        where the cache lives (default: the per-user data directory);
                              ``--data-dir`` wins over it, so several workstations can share
                              one machine.
``FRONTDESK_CONNECT_TIMEOUT`` seconds to open a connection to the server (default 5).
``FRONTDESK_READ_TIMEOUT``    seconds to wait for the server's answer (default 60).
``FRONTDESK_CA_BUNDLE``       a PEM file of extra trusted CAs. TLS verification is always on;
                              this only changes *which* authorities are trusted (the only CA
                              setting: REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE are ignored).
``FRONTDESK_ALLOW_PLAIN_HTTP`` 1 allows an ``http://`` server address off this machine
                              (default 0: plain http only to localhost or a loopback address);
                              the window and ``frontdesk sync --status`` then warn.
``FRONTDESK_PAGE_SIZE``       rows asked for per pull page (default 10000).
``FRONTDESK_SYNC_INTERVAL``   seconds between the window's background syncs (default 60); a local
                              write is pushed at once regardless.
``FRONTDESK_OFFLINE_UNLOCK_DAYS``  how long after its last online login a desk may be unlocked
                              offline with the password (default 14, at most 90; 0 turns it off).
``FRONTDESK_IDLE_LOCK_MINUTES``  the window locks itself after this many minutes without a key
                              press or mouse use (default 10, at most 1440; 0 turns it off).
``FRONTDESK_CROSSSELL_REPEAT_AFTER_DAYS``  cross-sell offers again a product the customer last
                              bought more than this many days ago (default: never re-offer).
``FRONTDESK_STOCK_STALE_HOURS``  a stock figure older than this many hours is shown marked as
                              stale on the product card (default 24, at most 720): the back
                              office reports stock at least daily, so a figure a day old has
                              missed a report.
``FRONTDESK_REGISTER``        this desk's till register code (default: R and the start of the
                              desk's id).
``FRONTDESK_TILL_CURRENCIES`` currencies the till accepts, comma-separated; the first is the
                              shift's (default GBP).
``FRONTDESK_TILL_LIMIT``      the largest amount the till takes (default 10000).
``FRONTDESK_TILL_DISCOUNT_LIMIT``  the discount a cashier may give alone, in percent of the
                              sale (default 10).
``FRONTDESK_KB_CACHE_MB``     megabytes of knowledge-base documents (PDFs, images) this desk keeps
                              for offline reading (default 500; 0 keeps none ahead of opening).
``FRONTDESK_KB_PREFETCH_MB``  a document larger than this is fetched when first opened online,
                              not ahead with the others (default 20).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import platformdirs

from frontdesk.domain.discounts import DEFAULT_DISCOUNT_LIMIT
from frontdesk.domain.errors import MoneyError
from frontdesk.domain.money import Currency
from frontdesk.domain.till import DEFAULT_LIMIT, TillRules
from frontdesk.protocol import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

APP_NAME = "frontdesk"
ENV_PREFIX = "FRONTDESK_"
CACHE_FILE = "cache.sqlite3"
MB = 1024 * 1024


class ConfigError(ValueError):
    """A setting with a value Frontdesk cannot use; the message names the setting."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the client reads from its environment, resolved and checked."""

    data_dir: Path
    connect_timeout: float = 5.0
    read_timeout: float = 60.0
    ca_bundle: Path | None = None
    page_size: int = DEFAULT_PAGE_SIZE
    crosssell_repeat_after: timedelta | None = None
    sync_interval_s: float = 60.0
    offline_unlock_for: timedelta = timedelta(days=14)
    #: The till register code; None: made from the desk's id (``ClientContext.till_register``).
    register: str | None = None
    till_rules: TillRules = field(default_factory=TillRules)
    #: Minutes without input after which the window locks itself; 0: never.
    idle_lock_minutes: int = 10
    #: Plain http to a server off this machine (``services.transport``); off by default.
    allow_plain_http: bool = False
    #: A stock figure older than this is marked stale on the product card.
    stock_stale_after: timedelta = timedelta(hours=24)
    #: Bytes of knowledge-base documents kept for offline reading.
    kb_cache_bytes: int = 500 * MB
    #: Documents larger than this are fetched on first open, not ahead.
    kb_prefetch_bytes: int = 20 * MB

    @property
    def cache_path(self) -> Path:
        return self.data_dir / CACHE_FILE

    @property
    def timeouts(self) -> tuple[float, float]:
        """(connect, read) seconds, as requests takes them."""
        return (self.connect_timeout, self.read_timeout)


def load_settings(
    *, data_dir: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Settings from the environment; an explicit ``data_dir`` (``--data-dir``) wins."""
    env = os.environ if environ is None else environ
    return Settings(
        data_dir=_data_dir(data_dir or env.get(f"{ENV_PREFIX}DATA_DIR")),
        connect_timeout=_positive_float(env, "CONNECT_TIMEOUT", 5.0),
        read_timeout=_positive_float(env, "READ_TIMEOUT", 60.0),
        ca_bundle=_ca_bundle(env.get(f"{ENV_PREFIX}CA_BUNDLE")),
        page_size=_page_size(env),
        crosssell_repeat_after=_repeat_after(env),
        sync_interval_s=_positive_float(env, "SYNC_INTERVAL", 60.0),
        offline_unlock_for=_offline_unlock_for(env),
        register=(env.get(f"{ENV_PREFIX}REGISTER") or "").strip() or None,
        till_rules=_till_rules(env),
        allow_plain_http=_flag(env, "ALLOW_PLAIN_HTTP"),
        idle_lock_minutes=_idle_lock_minutes(env),
        stock_stale_after=_stock_stale_after(env),
        kb_cache_bytes=_megabytes(env, "KB_CACHE_MB", 500),
        kb_prefetch_bytes=_megabytes(env, "KB_PREFETCH_MB", 20),
    )


MAX_KB_MB = 1_000_000  # a terabyte: more is a typo


def _megabytes(env: Mapping[str, str], setting: str, default: int) -> int:
    name = f"{ENV_PREFIX}{setting}"
    raw = (env.get(name) or "").strip()
    if not raw:
        return default * MB
    if not raw.isdigit() or int(raw) > MAX_KB_MB:
        raise ConfigError(f"{name} must be a whole number of megabytes from 0 to {MAX_KB_MB}, "
                          f"got {raw!r}")  # fmt: skip
    return int(raw) * MB


#: A month: a figure older than that is not stale but meaningless; mark it from a day on.
MAX_STOCK_STALE_HOURS = 720


def _stock_stale_after(env: Mapping[str, str]) -> timedelta:
    name = f"{ENV_PREFIX}STOCK_STALE_HOURS"
    raw = (env.get(name) or "").strip()
    if not raw:
        return timedelta(hours=24)
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_STOCK_STALE_HOURS:
        raise ConfigError(f"{name} must be a whole number of hours from 1 to "
                          f"{MAX_STOCK_STALE_HOURS}, got {raw!r}")  # fmt: skip
    return timedelta(hours=int(raw))


#: A day: a desk left alone longer than that is not "idle" but forgotten.
MAX_IDLE_LOCK_MINUTES = 1440


def _idle_lock_minutes(env: Mapping[str, str]) -> int:
    name = f"{ENV_PREFIX}IDLE_LOCK_MINUTES"
    raw = (env.get(name) or "").strip()
    if not raw:
        return 10
    if not raw.isdigit() or int(raw) > MAX_IDLE_LOCK_MINUTES:
        raise ConfigError(
            f"{name}={raw!r} must be a whole number of minutes, 0 (off) to {MAX_IDLE_LOCK_MINUTES}"
        )
    return int(raw)


def _flag(env: Mapping[str, str], name: str) -> bool:
    raw = (env.get(f"{ENV_PREFIX}{name}") or "").strip()
    if raw not in ("", "0", "1"):
        raise ConfigError(f"{ENV_PREFIX}{name}={raw!r} must be 1 (on) or 0 (off)")
    return raw == "1"


def _till_rules(env: Mapping[str, str]) -> TillRules:
    codes = env.get(f"{ENV_PREFIX}TILL_CURRENCIES", "GBP").split(",")
    discount_limit = _decimal(env, "TILL_DISCOUNT_LIMIT", DEFAULT_DISCOUNT_LIMIT)
    if not 0 <= discount_limit <= 100:
        raise ConfigError(f"{ENV_PREFIX}TILL_DISCOUNT_LIMIT must be a percent from 0 to 100")
    return TillRules(
        currencies=_currencies(codes),
        limit=_decimal(env, "TILL_LIMIT", DEFAULT_LIMIT),
        discount_limit=discount_limit,
    )


def _currencies(codes: list[str]) -> tuple[str, ...]:
    name = f"{ENV_PREFIX}TILL_CURRENCIES"
    try:
        currencies = tuple(Currency.of(c.strip()).code for c in codes if c.strip())
    except MoneyError as error:
        raise ConfigError(f"{name}: {error}") from None
    if not currencies:
        raise ConfigError(f"{name} must name at least one currency (e.g. GBP)")
    return currencies


def _decimal(env: Mapping[str, str], name: str, default: Decimal) -> Decimal:
    try:
        number = Decimal(env.get(f"{ENV_PREFIX}{name}", str(default)))
    except InvalidOperation:
        raise ConfigError(f"{ENV_PREFIX}{name} must be a number") from None
    if not number.is_finite():
        raise ConfigError(f"{ENV_PREFIX}{name} must be a finite number")
    return number


#: The server keeps push keys 90 days by default; a desk offline longer could resend one.
MAX_OFFLINE_UNLOCK_DAYS = 90


def _offline_unlock_for(env: Mapping[str, str]) -> timedelta:
    name = f"{ENV_PREFIX}OFFLINE_UNLOCK_DAYS"
    raw = env.get(name)
    if raw is None or not raw.strip():
        return timedelta(days=14)
    if not raw.strip().isdigit() or int(raw) > MAX_OFFLINE_UNLOCK_DAYS:
        raise ConfigError(f"{name}={raw!r} must be a whole number of days, 0 to 90")
    return timedelta(days=int(raw))


def _repeat_after(env: Mapping[str, str]) -> timedelta | None:
    name = f"{ENV_PREFIX}CROSSSELL_REPEAT_AFTER_DAYS"
    raw = env.get(name)
    if raw is None or not raw.strip():
        return None
    if not raw.strip().isdigit() or int(raw) < 1:
        raise ConfigError(f"{name}={raw!r} must be a whole number of days, 1 or more")
    return timedelta(days=int(raw))


def _data_dir(raw: str | Path | None) -> Path:
    if raw is None or not str(raw).strip():
        return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return Path(raw).expanduser().resolve()


def _positive_float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(f"{ENV_PREFIX}{name}")
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{ENV_PREFIX}{name}={raw!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise ConfigError(f"{ENV_PREFIX}{name}={raw!r} must be between 0 and 3600 seconds")
    return value


def _ca_bundle(raw: str | None) -> Path | None:
    if raw is None or not raw.strip():
        return None
    path = Path(raw).expanduser()
    if not path.is_file():
        raise ConfigError(f"{ENV_PREFIX}CA_BUNDLE={raw!r}: no such file")
    return path.resolve()


def _page_size(env: Mapping[str, str]) -> int:
    raw = env.get(f"{ENV_PREFIX}PAGE_SIZE")
    if raw is None or not raw.strip():
        return DEFAULT_PAGE_SIZE
    if not raw.strip().isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise ConfigError(f"{ENV_PREFIX}PAGE_SIZE={raw!r} must be 1 to {MAX_PAGE_SIZE}")
    return int(raw)


def resource_path(name: str) -> Path:
    """The path of a bundled resource (icon, stylesheet), from source or a PyInstaller bundle.

    Raises:
        FileNotFoundError: the resource is in none of the places resources live.
    """
    for root in _resource_roots():
        candidate = root / name
        if candidate.exists():
            return candidate
    roots = ", ".join(str(r) for r in _resource_roots())
    raise FileNotFoundError(f"resource {name!r} not found in {roots}")


def _resource_roots() -> list[Path]:
    package_dir = Path(__file__).resolve().parent
    roots = [package_dir / "resources", package_dir.parents[1] / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # PyInstaller unpacks data files under sys._MEIPASS
        roots.insert(0, Path(bundle) / "resources")
    return roots
