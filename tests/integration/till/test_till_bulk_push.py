"""A batch of till entries applied set-based (``server.till.bulk``) leaves exactly the rows,
journal, signature counters, change numbers and results the one-by-one applier leaves.

Each case is pushed twice, to two fresh databases of the same kind (SQLite, PostgreSQL):
through the server's own registry (bulk), and through one whose till kinds have no bulk
applier (the one-by-one path the push falls back on). Every table the till writes is
compared row for row, but for the instants the server takes from its clock and the
signatures over them, which ``verify_journals`` checks on both sides.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from psycopg import sql
from server_basket_helpers import Register, add_products, add_stock
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from till_helpers import PASSWORD, add_register

from frontdesk.domain.till import JournalEntry
from frontdesk.protocol import PushBatch
from frontdesk.server import write_kinds
from frontdesk.server.db import allocate_seq, make_engine, session_factory, transaction, utcnow
from frontdesk.server.devices import bind_device
from frontdesk.server.models import Customer, User
from frontdesk.server.push import Handler, Pusher, Registry, push
from frontdesk.server.till.signing import JournalSigner
from frontdesk.server.till.verify import verify_journals
from frontdesk.server.users import add_user
from server_databases import PG_HOST, PG_PORT, PG_USER, _admin_connection, _Templates

DEVICE = "7d0b8f3e-0000-4000-8000-000000000001"
CUSTOMER = "c0ffee00-0000-4000-8000-000000000001"
STRANGER = "c0ffee00-0000-4000-8000-00000000dead"
SIGNER = JournalSigner.of(Ed25519PrivateKey.generate())

#: Columns the server fills from its clock (and signatures over them): left out of the diff.
CLOCKED = {"received_at", "signature", "head_signature", "updated_at", "applied_at", "as_of"}
TABLES = ("till_registers", "till_journal", "till_payments", "till_sale_lines",
          "till_refunds", "till_feed", "purchases", "purchase_lines", "stock",
          "applied_items", "signature_counter", "change_counter")  # fmt: skip


class _OneByOne(Registry):
    """The server's registry with the till kinds' bulk applier taken away."""

    def __init__(self, inner: Registry) -> None:
        self._inner = inner

    def kinds(self) -> frozenset[str]:
        return self._inner.kinds()

    def handler(self, kind: str) -> Handler:
        found = self._inner.handler(kind)
        return Handler(found.apply) if kind.startswith("till.") else found


# --- the cases: a register's entries, and how they are cut into pushes ----------------------

Batches = list[list[JournalEntry]]


def _sales(till: Register) -> Batches:
    """Sales of every outcome: a customer's, a walk-in's (unknown customer), an unknown SKU,
    a used receipt, a discount over the limit, a payment without lines, stock spread over
    two warehouses and run dry; then a close-less second push that goes on the chain."""
    till.open()
    first = till.sell([("MUG", "2")], customer=CUSTOMER)
    till.sell([("TEA", "0.455"), ("BOX", "1")], customer=STRANGER)
    till.sell([("NOPE", "1"), ("MUG", "1")])
    till.sell([("BOX", "1")], receipt=first.body["receipt"])
    till.sell([("MUG", "4")], off="9.00")
    till.add("payment", till._body("5.00", customer=None, links_to=None))
    till.sell([("MUG", "3"), ("BOX", "7")], customer=CUSTOMER)
    cut = len(till.entries)
    till.sell([("BOX", "1"), ("TEA", "1.5", "0.50")], off="1.00")
    till.sell([("MUG", "1")], customer=CUSTOMER)
    return [till.entries[:cut], till.entries[cut:]]


def _with_refunds(till: Register) -> Batches:
    """Refunds in the batch, also two of one line (the second asks for more than is left):
    they and what comes before them go one by one, the sales after them in bulk."""
    till.open()
    sale = till.sell([("MUG", "3"), ("BOX", "2")], customer=CUSTOMER)
    till.sell([("BOX", "1")])
    till.refund(sale, [(1, "MUG", "2", "9.98")])
    till.refund(sale, [(1, "MUG", "2", "9.98")])
    till.sell([("MUG", "1")], customer=CUSTOMER)
    till.sell([("TEA", "0.250")])
    return [till.entries]


def _broken_chain(till: Register) -> Batches:
    """An entry missing from the push: every later one is refused (not next), the earlier
    ones stand; pushed again whole, the rest follow."""
    _sales(till)
    gap = [e for n, e in enumerate(till.entries) if n != 3]
    return [gap, till.entries]


CASES: dict[str, Callable[[Register], Batches]] = {
    "sales": _sales,
    "refunds": _with_refunds,
    "broken chain": _broken_chain,
}


# --- two databases alike --------------------------------------------------------------------


@pytest.fixture
def twin_url(db_url: str, tmp_path: Path, _schema_templates: _Templates) -> Iterator[str]:
    """A second migrated database of ``db_url``'s kind."""
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'twin.sqlite3'}"
        _schema_templates.fill(url)
        yield url
        return
    name = f"frontdesk_t_{secrets.token_hex(6)}"
    with _admin_connection() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        url = f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
        _schema_templates.fill(url)
        yield url
    finally:
        with _admin_connection() as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def _shop(factory: sessionmaker[Session]) -> Pusher:
    """The cashier at a device of Leeds, register SHOP1, products, stock, a customer."""
    cat = add_user(factory, username="cat", password=PASSWORD, role="cashier", branch="Leeds")
    add_user(factory, username="sue", password=PASSWORD, role="supervisor", branch="Leeds")
    add_register(factory, "SHOP1", branch="Leeds")
    add_products(factory)
    add_stock(factory, "MUG", back="4", front="3")
    add_stock(factory, "BOX", front="5")
    add_stock(factory, "TEA", back="2.5")
    with transaction(factory) as session:
        user = session.get_one(User, cat.id)
        bind_device(session, device_id=DEVICE, name="till", user=user, now=utcnow())
        session.add(Customer(id=CUSTOMER, account_number="C-1", full_name="Ada Lovelace",
                             phones=[], emails=[], branch="Leeds", notes="",
                             created_at=utcnow(), updated_at=utcnow(),
                             change_seq=allocate_seq(session)))  # fmt: skip
    return Pusher(cat.id, DEVICE)


def _pushed(factory: sessionmaker[Session], batches: Batches, registry: Registry) -> list:
    pusher = _shop(factory)
    results = []
    for entries in batches:
        items = [{"key": e.key, "kind": f"till.{e.kind}", "seq": e.seq, "created_at": e.at,
                  "payload": {"entry": e.as_wire()}} for e in entries]  # fmt: skip
        answer = push(factory, PushBatch(device_id=DEVICE, items=items), pusher=pusher,
                      registry=registry)  # fmt: skip
        results.append([r.model_dump(mode="json") for r in answer.results])
    return results


def _tables(factory: sessionmaker[Session]) -> dict[str, list[dict[str, Any]]]:
    with factory() as session:
        return {table: _rows(session, table) for table in TABLES}


def _rows(session: Session, table: str) -> list[dict[str, Any]]:
    rows = session.execute(text(f"SELECT * FROM {table}")).mappings()
    return sorted((_plain(row) for row in rows), key=repr)


#: The feed's tables: every row the till writes there carries its change number.
NUMBERED = ("till_journal", "purchases", "purchase_lines", "till_feed")


def _assert_numbered(tables: dict[str, list[dict[str, Any]]]) -> None:
    for table in NUMBERED:
        assert tables[table], f"{table}: the case writes none"
        assert all(row["change_seq"] is not None for row in tables[table]), table
    journal = [row["change_seq"] for row in tables["till_journal"]]
    assert len(set(journal)) == len(journal)


def _plain(row: Any) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name not in CLOCKED}


@pytest.mark.parametrize("case", list(CASES))
def test_a_batch_leaves_what_one_by_one_leaves(migrated_url: str, twin_url: str, case: str) -> None:
    batches = CASES[case](Register(api=None, device=DEVICE, token="-"))  # type: ignore[arg-type]
    engines = [make_engine(migrated_url), make_engine(twin_url)]
    try:
        bulk, alone = (session_factory(engine) for engine in engines)
        server = write_kinds.registry(SIGNER)
        results = _pushed(bulk, batches, server), _pushed(alone, batches, _OneByOne(server))
        assert results[0] == results[1]
        tables = _tables(bulk)
        assert tables == _tables(alone)
        _assert_numbered(tables)
        for factory in (bulk, alone):
            verified = verify_journals(factory)
            assert verified.ok, [r.problems for r in verified.reports]
    finally:
        for engine in engines:
            engine.dispose()
    flat = [r for batch in results[0] for r in batch]
    assert {r["status"] for r in flat} >= {"applied"}
    accepted = [r["result"].get("accepted") for r in flat if r["status"] == "applied"]
    assert False in accepted and True in accepted  # the cases reach both outcomes


DEVICE_2 = "7d0b8f3e-0000-4000-8000-000000000002"


@pytest.mark.postgres
def test_two_batches_returning_the_last_units_of_one_line_at_once_take_back_only_them(
    postgres_url: str, _schema_templates: _Templates
) -> None:
    """Tills SHOP1 and SHOP2 each push a batch that returns 2 of the 3 mugs of one sale and
    sells on: two transactions at once, the refunds one by one on the line's locked row, the
    sales after them in bulk. One refund is accepted, the other kept with the reason."""
    _schema_templates.fill(postgres_url)
    engine = make_engine(postgres_url)
    try:
        factory = session_factory(engine)
        cat = _shop(factory)
        dan = add_user(factory, username="dan", password=PASSWORD, role="cashier", branch="Leeds")
        add_register(factory, "SHOP2", branch="Leeds")
        with transaction(factory) as session:
            bind_device(session, device_id=DEVICE_2, name="till 2",
                        user=session.get_one(User, dan.id), now=utcnow())  # fmt: skip
        one = Register(api=None, device=DEVICE, token="-")  # type: ignore[arg-type]
        two = Register(api=None, device=DEVICE_2, code="SHOP2", token="-")  # type: ignore[arg-type]
        one.open()
        sale = one.sell([("MUG", "3")], customer=CUSTOMER)
        server = write_kinds.registry(SIGNER)
        _push(factory, one.entries, cat, server)
        two.open()
        batches = [
            (one, cat, [one.refund(sale, [(1, "MUG", "2", "9.98")]), one.sell([("BOX", "1")])]),
            (two, Pusher(dan.id, DEVICE_2),
             [*two.entries, two.refund(sale, [(1, "MUG", "2", "9.98")]), two.sell([("BOX", "1")])]),
        ]  # fmt: skip
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(lambda b: _push(factory, b[2], b[1], server), batches))
        refunds = [r for rs in results for r in rs if "refund_id" in (r.get("result") or {})]
        assert sorted(r["result"]["accepted"] for r in refunds) == [False, True]
        (declined,) = [r["result"] for r in refunds if not r["result"]["accepted"]]
        assert "came back" in declined["reason"] or "left" in declined["reason"]
        sales = [r["result"] for rs in results for r in rs[-1:]]
        assert [s["accepted"] for s in sales] == [True, True]
        with factory() as session:
            returned = session.scalar(text(
                "SELECT returned_milli FROM till_sale_lines WHERE line_no = 1"))  # fmt: skip
        assert returned == 2000
        assert verify_journals(factory).ok
    finally:
        engine.dispose()


def _push(factory: sessionmaker[Session], entries: list[JournalEntry], pusher: Pusher,
          registry: Registry) -> list[dict[str, Any]]:  # fmt: skip
    items = [{"key": e.key, "kind": f"till.{e.kind}", "seq": e.seq, "created_at": e.at,
              "payload": {"entry": e.as_wire()}} for e in entries]  # fmt: skip
    answer = push(factory, PushBatch(device_id=pusher.device_id or "", items=items),
                  pusher=pusher, registry=registry)  # fmt: skip
    assert all(r.status == "applied" for r in answer.results), answer.results
    return [r.model_dump(mode="json") for r in answer.results]
