"""The server's desk version rules on SQLite and PostgreSQL: what it publishes, the 426 for a
push from a desk below the minimum (nothing written), and the calls that still work."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from test_push_batch import new_customer
from test_push_endpoint import PASSWORD, log_in_on

from frontdesk import __version__
from frontdesk.server import cli
from frontdesk.server.app import create_app
from frontdesk.server.models import AppliedItem, Customer
from frontdesk.server.settings import (
    DESK_CURRENT_ENV,
    DESK_DOWNLOAD_ENV,
    DESK_MINIMUM_ENV,
    Settings,
)
from frontdesk.server.users import add_user

DOWNLOAD = "https://downloads.example.com/frontdesk/"
OLD, NEW = {"User-Agent": "frontdesk/0.1.0"}, {"User-Agent": "frontdesk/0.2.0"}


@pytest.fixture
def api(migrated_url: str, server_factory: sessionmaker[Session]) -> Iterator[TestClient]:
    """A server taking pushes from 0.2.0 on, with ann signed in on a registered device."""
    add_user(server_factory, username="ann", password=PASSWORD, role="agent", branch="Leeds")
    settings = Settings(
        database_url=migrated_url,
        desk_current_version="0.3.0",
        desk_minimum_version="0.2.0",
        desk_download_url=DOWNLOAD,
    )
    with TestClient(create_app(settings)) as client:
        client.headers.update(OLD)  # what a 0.1.0 desk sends on every call
        yield client


@pytest.fixture
def device(api: TestClient) -> str:
    device_id = str(uuid.uuid4())
    log_in_on(api, device_id)  # sign-in works for an old desk
    assert api.post("/api/v1/devices", json={"device_id": device_id}).status_code == 204
    return device_id


def _push(api: TestClient, device: str, **headers: str):
    item = new_customer("Q-1")
    return api.post(
        "/api/v1/sync/push", json={"device_id": device, "items": [item]}, headers=headers
    )


def _count(factory: sessionmaker[Session], model) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_the_versions_are_published_without_a_sign_in(api: TestClient) -> None:
    answer = api.get("/api/v1/desk/version", headers={"Authorization": ""})
    assert answer.status_code == 200
    assert answer.json() == {"current": "0.3.0", "minimum": "0.2.0", "download_url": DOWNLOAD}


def test_a_push_from_below_the_minimum_is_426_and_writes_nothing(
    api: TestClient, device: str, server_factory
) -> None:
    refused = _push(api, device)

    assert refused.status_code == 426
    body = refused.json()
    assert {k: body[k] for k in ("desk_version", "minimum", "current", "download_url")} == {
        "desk_version": "0.1.0", "minimum": "0.2.0", "current": "0.3.0", "download_url": DOWNLOAD,
    }  # fmt: skip
    detail = body["detail"]
    assert "Frontdesk 0.1.0 is older than the server takes pushes from (0.2.0 or newer)" in detail
    assert _count(server_factory, Customer) == _count(server_factory, AppliedItem) == 0


@pytest.mark.parametrize("agent", ["testclient", "frontdesk/soon", "python-requests/2.32"])
def test_a_push_that_does_not_say_its_desk_version_is_refused_the_same_way(
    api: TestClient, device: str, server_factory, agent: str
) -> None:
    refused = _push(api, device, **{"User-Agent": agent})
    assert refused.status_code == 426
    assert refused.json()["desk_version"] is None
    assert "does not say its Frontdesk version" in refused.json()["detail"]
    assert _count(server_factory, AppliedItem) == 0


def test_the_version_is_checked_before_the_token(api: TestClient, device: str) -> None:
    # A desk too old learns so even with a stale token, rather than refreshing in vain.
    assert _push(api, device, Authorization="Bearer expired").status_code == 426


def test_a_desk_at_the_minimum_pushes(api: TestClient, device: str, server_factory) -> None:
    answer = _push(api, device, **NEW)
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"][0]["status"] == "applied"
    assert _count(server_factory, Customer) == 1


def test_an_old_desk_still_signs_in_refreshes_and_pulls(api: TestClient, device: str) -> None:
    login = api.post(
        "/api/v1/auth/login",
        json={"username": "ann", "password": PASSWORD, "device_id": device},
    )
    assert login.status_code == 200
    refreshed = api.post(
        "/api/v1/auth/refresh", json={"refresh_token": login.json()["refresh_token"]}
    )
    assert refreshed.status_code == 200
    token = refreshed.json()["access_token"]
    pulled = api.get("/api/v1/sync/pull", headers={"Authorization": f"Bearer {token}"})
    assert pulled.status_code == 200


def test_the_openapi_schema_names_the_route_and_the_426(api: TestClient) -> None:
    schema = api.get("/openapi.json").json()
    version = schema["paths"]["/api/v1/desk/version"]["get"]
    assert version["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/DeskVersions"
    }
    refused = schema["paths"]["/api/v1/sync/push"]["post"]["responses"]["426"]
    assert refused["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/DeskTooOldBody"
    }


# --- the settings ---------------------------------------------------------------------


def _load() -> Settings:
    return Settings.load(db="sqlite:///unused.sqlite3")


def test_the_defaults_take_every_desk_and_announce_the_servers_own_version() -> None:
    loaded = _load()
    assert (loaded.desk_current_version, loaded.desk_minimum_version) == (__version__, None)
    assert loaded.desk_download_url is None


def test_the_versions_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DESK_CURRENT_ENV, " 0.3.0 ")
    monkeypatch.setenv(DESK_MINIMUM_ENV, "0.2")
    monkeypatch.setenv(DESK_DOWNLOAD_ENV, DOWNLOAD)
    published = _load().desk_versions().model_dump()
    assert published == {"current": "0.3.0", "minimum": "0.2", "download_url": DOWNLOAD}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({DESK_CURRENT_ENV: "three"}, f"{DESK_CURRENT_ENV}: 'three' is not a version"),
        ({DESK_MINIMUM_ENV: "0.2.x"}, f"{DESK_MINIMUM_ENV}: '0.2.x' is not a version"),
        (
            {DESK_CURRENT_ENV: "0.2.0", DESK_MINIMUM_ENV: "0.3.0"},
            f"{DESK_MINIMUM_ENV}='0.3.0' is above the current desk version '0.2.0'",
        ),
        ({DESK_DOWNLOAD_ENV: "ftp://files.example.com/fd"}, "is not an http or https address"),
        ({DESK_DOWNLOAD_ENV: "downloads.example.com"}, "is not an http or https address"),
    ],
)
def test_a_bad_version_setting_stops_the_server_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys, migrated_url: str, values: dict, message: str
) -> None:
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _load()
    assert cli.main(["--db", migrated_url, "serve"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("frontdesk-server serve: error: ") and message in error
    assert error.count("\n") == 1
