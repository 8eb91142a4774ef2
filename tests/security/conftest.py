"""The server app on a real database (SQLite, then PostgreSQL) with every role in two branches
signed in, and one till register set up per branch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.app import create_app
from frontdesk.server.db import allocate_seq
from frontdesk.server.models import Product
from frontdesk.server.settings import Settings
from frontdesk.server.till.registers import add_register
from frontdesk.server.users import add_user
from redteam import BRANCHES, PASSWORD, REGISTERS, ROLES, SPARE, Staff, name, sign_in


@pytest.fixture
def api(migrated_url: str, server_factory: sessionmaker[Session]) -> Iterator[TestClient]:
    for branch in BRANCHES:
        for role in ROLES:
            add_user(server_factory, username=name(role, branch), password=PASSWORD, role=role,
                     branch=branch)  # fmt: skip
    for branch, code in REGISTERS.items():
        add_register(server_factory, code, branch=branch, device_id=None)
    add_register(server_factory, SPARE, branch="Leeds", device_id=None)
    with server_factory.begin() as session:  # what cross-sell offers name
        session.add(Product(sku="85123A", name="White hanging heart", unit_price_scaled=255,
                            currency="GBP", change_seq=allocate_seq(session)))  # fmt: skip
    with TestClient(create_app(Settings(database_url=migrated_url))) as client:
        yield client


@pytest.fixture
def staff(api: TestClient) -> dict[str, Staff]:
    """Every user, signed in on a workstation of their own, by user name."""
    return {name(r, b): sign_in(api, name(r, b)) for b in BRANCHES for r in ROLES}
