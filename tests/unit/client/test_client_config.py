"""Client settings from the environment, and resource lookup from source or a bundle."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

from frontdesk.config import ConfigError, load_settings, resource_path
from frontdesk.domain.till import TillRules
from frontdesk.protocol import DEFAULT_PAGE_SIZE


def test_defaults_when_only_the_data_dir_is_set(tmp_path: Path) -> None:
    settings = load_settings(environ={"FRONTDESK_DATA_DIR": str(tmp_path)})

    assert settings.data_dir == tmp_path.resolve()
    assert settings.cache_path == tmp_path.resolve() / "cache.sqlite3"
    assert settings.timeouts == (5.0, 60.0)
    assert settings.ca_bundle is None
    assert settings.page_size == DEFAULT_PAGE_SIZE


def test_the_data_dir_option_wins_over_the_environment(tmp_path: Path) -> None:
    settings = load_settings(
        data_dir=tmp_path / "desk2", environ={"FRONTDESK_DATA_DIR": str(tmp_path / "desk1")}
    )

    assert settings.data_dir == (tmp_path / "desk2").resolve()


def test_without_any_setting_the_per_user_data_dir_is_used() -> None:
    settings = load_settings(environ={})

    assert settings.data_dir.name.lower() == "frontdesk"


def test_timeouts_and_page_size_from_the_environment(tmp_path: Path) -> None:
    env = {
        "FRONTDESK_CONNECT_TIMEOUT": "2.5",
        "FRONTDESK_READ_TIMEOUT": "10",
        "FRONTDESK_PAGE_SIZE": "250",
    }

    settings = load_settings(data_dir=tmp_path, environ=env)

    assert settings.timeouts == (2.5, 10.0)
    assert settings.page_size == 250


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("FRONTDESK_READ_TIMEOUT", "soon", "not a number of seconds"),
        ("FRONTDESK_CONNECT_TIMEOUT", "0", "between 0 and 3600"),
        ("FRONTDESK_PAGE_SIZE", "0", "must be 1 to"),
        ("FRONTDESK_PAGE_SIZE", "99999", "must be 1 to"),
        ("FRONTDESK_CA_BUNDLE", "/nonexistent/ca.pem", "no such file"),
    ],
)
def test_bad_settings_name_the_setting(name: str, value: str, message: str, tmp_path: Path):
    with pytest.raises(ConfigError, match=message) as info:
        load_settings(data_dir=tmp_path, environ={name: value})

    assert name in str(info.value)


def test_a_ca_bundle_that_exists_is_kept(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")

    settings = load_settings(data_dir=tmp_path, environ={"FRONTDESK_CA_BUNDLE": str(bundle)})

    assert settings.ca_bundle == bundle.resolve()


def test_resource_path_prefers_the_pyinstaller_bundle(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "icon.png").write_bytes(b"png")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert resource_path("icon.png") == tmp_path / "resources" / "icon.png"


def test_resource_path_finds_the_source_tree_resources(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)  # an empty bundle
    repo_resources = Path(__file__).resolve().parents[3] / "resources"
    shipped = sorted(p.name for p in repo_resources.iterdir() if p.is_file())
    if not shipped:
        pytest.skip("the repository's resources/ folder is empty so far")

    assert resource_path(shipped[0]) == repo_resources / shipped[0]


def test_a_missing_resource_names_where_it_looked() -> None:
    with pytest.raises(FileNotFoundError, match=r"no-such-file\.png"):
        resource_path("no-such-file.png")


def test_the_till_settings_are_read_with_the_rest(tmp_path: Path) -> None:
    env = {
        "FRONTDESK_REGISTER": " SHOP2 ",
        "FRONTDESK_TILL_CURRENCIES": "gbp, eur",
        "FRONTDESK_TILL_LIMIT": "500",
        "FRONTDESK_TILL_DISCOUNT_LIMIT": "12.5",
    }

    settings = load_settings(data_dir=tmp_path, environ=env)

    assert settings.register == "SHOP2"
    assert settings.till_rules == TillRules(
        currencies=("GBP", "EUR"), limit=Decimal("500"), discount_limit=Decimal("12.5")
    )


def test_the_till_defaults_take_gbp_and_leave_the_register_to_the_desk(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, environ={})

    assert settings.register is None and settings.till_rules == TillRules()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("FRONTDESK_TILL_DISCOUNT_LIMIT", "101", "a percent from 0 to 100"),
        ("FRONTDESK_TILL_LIMIT", "ten", "must be a number"),
        ("FRONTDESK_TILL_LIMIT", "Infinity", "must be a finite number"),
        ("FRONTDESK_TILL_CURRENCIES", "GBP,XYZ", "unknown currency code"),
        ("FRONTDESK_TILL_CURRENCIES", " , ", "at least one currency"),
    ],
)
def test_a_till_setting_it_cannot_use_is_named(tmp_path: Path, name, value, message) -> None:
    with pytest.raises(ConfigError, match=name) as raised:
        load_settings(data_dir=tmp_path, environ={name: value})
    assert message in str(raised.value)


def test_plain_http_off_the_machine_is_allowed_only_when_set(tmp_path: Path) -> None:
    assert load_settings(data_dir=tmp_path, environ={}).allow_plain_http is False
    on = {"FRONTDESK_ALLOW_PLAIN_HTTP": "1"}
    assert load_settings(data_dir=tmp_path, environ=on).allow_plain_http is True
    with pytest.raises(ConfigError, match="FRONTDESK_ALLOW_PLAIN_HTTP"):
        load_settings(data_dir=tmp_path, environ={"FRONTDESK_ALLOW_PLAIN_HTTP": "yes"})


def test_idle_lock_minutes_default_off_and_refused_values(tmp_path: Path) -> None:
    env = {"FRONTDESK_DATA_DIR": str(tmp_path)}
    assert load_settings(environ=env).idle_lock_minutes == 10
    assert load_settings(environ={**env, "FRONTDESK_IDLE_LOCK_MINUTES": "0"}).idle_lock_minutes == 0
    assert (
        load_settings(environ={**env, "FRONTDESK_IDLE_LOCK_MINUTES": " 3 "}).idle_lock_minutes == 3
    )
    for bad in ("-1", "2.5", "ten", "1441"):
        with pytest.raises(ConfigError, match="FRONTDESK_IDLE_LOCK_MINUTES"):
            load_settings(environ={**env, "FRONTDESK_IDLE_LOCK_MINUTES": bad})


def test_stock_stale_hours_default_a_day_and_refused_values(tmp_path: Path) -> None:
    from datetime import timedelta

    env = {"FRONTDESK_DATA_DIR": str(tmp_path)}
    assert load_settings(environ=env).stock_stale_after == timedelta(hours=24)
    chosen = load_settings(environ={**env, "FRONTDESK_STOCK_STALE_HOURS": " 6 "})
    assert chosen.stock_stale_after == timedelta(hours=6)
    for bad in ("0", "-1", "2.5", "day", "721"):
        with pytest.raises(ConfigError, match="FRONTDESK_STOCK_STALE_HOURS"):
            load_settings(environ={**env, "FRONTDESK_STOCK_STALE_HOURS": bad})
