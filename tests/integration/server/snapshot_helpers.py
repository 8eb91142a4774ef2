"""A server database with something of every snapshot kind, its snapshot read back, and
the pulls a desk makes, merged the way a desk's cache keeps the newest row of each key."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic_core import from_json, to_json
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol.snapshot import JSON_KINDS, SnapshotPublic
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.models import Customer, Device, Interaction, Product, User
from frontdesk.server.pull import page_rows
from frontdesk.server.seed import seed_demo
from frontdesk.server.snapshot.store import read_range
from frontdesk.server.users import add_user

T0 = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
#: The key a desk's cache keeps each kind's rows under.
KEYS = {
    "customers": ("id",),
    "products": ("sku",),
    "purchases": ("id",),
    "interactions": ("id",),
    "categories": ("code",),
    "prices": ("id",),
    "stock": ("sku", "branch", "warehouse"),
}


def fill(factory: sessionmaker[Session]) -> None:
    """Demo customers, purchases and catalogue, and one interaction."""
    seed_demo(factory, customers=12, seed=5)
    add_user(
        factory, username="ivy", password="correct horse battery", role="agent", branch="Leeds"
    )
    with transaction(factory) as session:
        user = session.scalars(select(User).where(User.username == "ivy")).one()
        session.add(Device(id="d-1", name="desk", registered_by=user.id, registered_at=T0))
        customer = session.scalars(select(Customer.id).order_by(Customer.id)).first()
        session.flush()
        session.add(
            Interaction(
                id="i-1",
                customer_id=customer,
                channel="phone",
                occurred_at=T0,
                reason="Card lost",
                agent="ivy",
                notes="Ünïcode",
                outcome="",
                follow_up=date(2026, 3, 9),
                device_id="d-1",
                change_seq=allocate_seq(session),
            )
        )


def change_after_build(factory: sessionmaker[Session]) -> None:
    """A customer and a product already in a snapshot edited, and a new customer."""
    with transaction(factory) as session:
        customer = session.scalars(select(Customer).order_by(Customer.id)).first()
        customer.full_name, customer.change_seq = "Renamed Later", allocate_seq(session)
        product = session.scalars(select(Product).order_by(Product.sku)).first()
        product.name, product.change_seq = "Renamed product", allocate_seq(session)
        session.add(
            Customer(
                id="c-new",
                account_number="NEW00001",
                full_name="New Customer",
                phones=[],
                emails=[],
                loyalty_card=None,
                branch="Leeds",
                notes="",
                created_at=T0,
                updated_at=T0,
                change_seq=allocate_seq(session),
            )
        )


def counter(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return page_rows(session, cursor=0, limit=1)["head"]


def download(factory: sessionmaker[Session], made: SnapshotPublic, folder: Path) -> Path:
    """The snapshot's content as a file, read back from its stored chunks."""
    path = folder / f"snapshot-{made.id}.sqlite3"
    path.write_bytes(b"".join(read_range(factory, made.id, start=0, end=made.size - 1)))
    return path


def json_rows(path: Path, name: str) -> list[str]:
    with sqlite3.connect(path) as file:
        return [row for (row,) in file.execute(f"SELECT row FROM {name} ORDER BY n")]


def meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as file:
        return dict(file.execute("SELECT key, value FROM meta"))


def pages(session: Session, *, floor: int = 0, limit: int = 5000) -> list[dict[str, Any]]:
    """Every page of a pull from cursor 0, as plain rows."""
    cursor, more, found = 0, True, []
    while more:
        page = page_rows(session, cursor=cursor, limit=limit, floor=floor)
        cursor, more = page["cursor"], page["has_more"]
        found.append(page)
    return found


def merged(pages_: list[dict[str, Any]], start: dict[str, dict] | None = None) -> dict[str, dict]:
    """Each kind's rows by key, a later row replacing an earlier one, as JSON text."""
    state = {name: dict((start or {}).get(name, {})) for name in KEYS}
    for page in pages_:
        for name, key in KEYS.items():
            for row in page[name]:
                state[name][tuple(row[k] for k in key)] = _comparable(name, row)
    return state


def snapshot_state(path: Path) -> dict[str, dict]:
    """What a desk holds after attaching the snapshot at ``path``."""
    state: dict[str, dict] = {}
    for name in JSON_KINDS:
        rows = [_loads(text) for text in json_rows(path, name)]
        state[name] = {tuple(row[k] for k in KEYS[name]): to_json(row) for row in rows}
    with sqlite3.connect(path) as file:
        state["purchases"] = {
            (pid,): seq for pid, seq in file.execute("SELECT id, seq FROM purchases")
        }
    return state


def _comparable(name: str, row: dict[str, Any]) -> Any:
    # A purchase's money goes typed into a snapshot: its id and change number name it.
    return row["seq"] if name == "purchases" else to_json(_loads(to_json(row)))


def _loads(text: str | bytes) -> Any:
    return from_json(text)
