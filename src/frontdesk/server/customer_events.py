"""Customer creations and edits as append-only events, for the transaction feed.

The ``customers`` row keeps only the latest state; every write of it also adds a
``customer_events`` row in the same transaction, numbered from the change counter, so the
back office reads each creation and each edit once, in commit order (server/reporting/).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from frontdesk.server.db import allocate_seq
from frontdesk.server.models import CustomerEvent

#: The customer fields an event carries (what a desk or an import may write).
FIELDS = ("full_name", "phones", "emails", "loyalty_card", "branch", "notes")


def fields_of(row: dict[str, Any]) -> dict[str, Any]:
    """The written fields of a customer row (an import's or a seed's insert/update dict)."""
    return {name: _plain(row[name]) for name in FIELDS if name in row}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def record_rows(
    session: Session,
    rows: list[dict[str, Any]],
    *,
    kind: str,
    source: str,
    at: datetime | None,
) -> None:
    """One event per customer row written in bulk (``rows`` carry ``id``); at ``at``, or
    (None) at each row's own ``created_at``."""
    if not rows:
        return
    first = allocate_seq(session, len(rows))
    events = [
        {"id": str(uuid.uuid4()), "customer_id": row["id"], "kind": kind, "source": source,
         "fields": fields_of(row), "conflicts": [], "author": None, "branch": None,
         "device_id": None, "occurred_at": at or row["created_at"], "change_seq": first + n}
        for n, row in enumerate(rows)
    ]  # fmt: skip
    session.execute(insert(CustomerEvent), events)


def record_desk(
    session: Session,
    *,
    key: str,
    customer_id: str,
    kind: str,
    fields: dict[str, Any],
    conflicts: list[dict[str, Any]] | None = None,
    author: str,
    branch: str,
    device_id: str,
    at: datetime,
) -> None:
    """The event of a desk's create or edit: its id is the pushed item's key."""
    session.add(
        CustomerEvent(
            id=key, customer_id=customer_id, kind=kind, source="desk",
            fields={name: _plain(value) for name, value in fields.items()},
            conflicts=conflicts or [], author=author, branch=branch, device_id=device_id,
            occurred_at=at, change_seq=allocate_seq(session),
        )
    )  # fmt: skip
