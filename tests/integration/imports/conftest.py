"""Helpers for the import tests: read back what an import wrote."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.models import ChangeCounter, Customer, Product, Purchase, PurchaseLine

TableCounts = Callable[[], dict[str, int]]


@pytest.fixture
def table_counts(server_factory: sessionmaker[Session]) -> TableCounts:
    """A function returning the row count of every replicated table and the change counter."""

    def counts() -> dict[str, int]:
        with server_factory() as session:
            tables = {
                name: session.execute(select(func.count()).select_from(model)).scalar_one()
                for name, model in (
                    ("customers", Customer),
                    ("products", Product),
                    ("purchases", Purchase),
                    ("purchase_lines", PurchaseLine),
                )
            }
            tables["change_counter"] = session.execute(select(ChangeCounter.value)).scalar_one()
        return tables

    return counts
