"""A customer as a cache row, with its derived search columns in their one layout.

The pull (``replica``) and the desk's own writes (``outbox``) both build customer rows; the
lookup index relies on the derived columns looking the same whichever of them wrote the row.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Connection

from frontdesk.adapters.cache.tables import utc_text
from frontdesk.protocol import CustomerPublic

_NON_DIGITS = re.compile(r"\D")


def customer_row(customer: CustomerPublic) -> dict[str, Any]:
    return {
        "id": customer.id,
        "account_number": customer.account_number,
        "full_name": customer.full_name,
        "phones": list(customer.phones),
        "emails": list(customer.emails),
        "loyalty_card": customer.loyalty_card,
        "branch": customer.branch,
        "notes": customer.notes,
        "created_at": customer.created_at,
        "updated_at": customer.updated_at,
        "seq": customer.seq,
        "name_fold": customer.full_name.casefold(),
        "emails_fold": " ".join(customer.emails).casefold(),
        "phone_digits": phone_digits_column(customer.phones),
    }


def phone_digits_column(phones: list[str]) -> str:
    """Digits of every phone, space-separated, padded so ``% n %`` matches one exactly."""
    digits = [_NON_DIGITS.sub("", phone) for phone in phones]
    return f" {' '.join(d for d in digits if d)} "


_COLUMNS = (
    "id", "account_number", "full_name", "phones", "emails", "loyalty_card", "branch", "notes",
    "created_at", "updated_at", "seq", "name_fold", "emails_fold", "phone_digits",
)  # fmt: skip
_UPSERT = (
    f"INSERT INTO customers ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
    " ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _COLUMNS if name != "id")
    + " WHERE excluded.seq >= customers.seq"
)


def upsert_customers(connection: Connection, customers: list[CustomerPublic]) -> None:
    """Pulled customers in, by id, never back to an older version (``seq``).

    Straight to the driver as tuples, with the JSON and time columns written as the ORM
    writes them: a first pull's 100,000 customers spent more in SQLAlchemy's per-row
    parameter handling than in SQLite.
    """
    if customers:
        connection.exec_driver_sql(_UPSERT, [_values(customer) for customer in customers])


def _values(customer: CustomerPublic) -> tuple[Any, ...]:
    row = customer_row(customer)
    row["phones"], row["emails"] = json.dumps(row["phones"]), json.dumps(row["emails"])
    row["created_at"], row["updated_at"] = utc_text(row["created_at"]), utc_text(row["updated_at"])
    return tuple(row[name] for name in _COLUMNS)
