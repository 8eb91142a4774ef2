"""The real UCI Online Retail file (541,909 rows), imported on SQLite.

The data lives next to the repository (``../shared/data``), never inside it. Where it is
absent the test is skipped with the reason, except in CI (``CI=true``), where it must run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.importers import import_online_retail
from frontdesk.server.models import Customer, Purchase

DATA_FILE = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "online_retail.csv.xz"


@pytest.fixture
def retail_file() -> Path:
    if not DATA_FILE.is_file():
        reason = f"the UCI Online Retail file is not at {DATA_FILE.resolve()}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI=true requires it", pytrace=False)
        pytest.skip(reason)
    return DATA_FILE


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_real_file_imports_with_every_row_accounted_for(
    server_factory: sessionmaker[Session], retail_file: Path
) -> None:
    report = import_online_retail(server_factory, retail_file)

    assert report.rows_read == 541_909
    assert report.customers_created == report.customers_with_purchases == 4_372
    assert report.all_rows_accounted, report.summary()
    assert report.lines_imported + sum(report.bad_rows.values()) == 541_909
    assert report.returns_linked > report.returns_unlinked > 0
    with server_factory() as session:
        customer_id = session.scalars(
            select(Customer.id).where(Customer.account_number == "12347")
        ).one()
        purchases = session.execute(
            select(func.count()).where(Purchase.customer_id == customer_id)
        ).scalar_one()
    assert purchases > 0
