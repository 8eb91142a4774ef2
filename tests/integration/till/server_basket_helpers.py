"""Helpers of the basket-sale tests: a register's chain written entry by entry as a till
writes it (hashed over exactly its content), basket bodies whose figures are what
``domain.basket`` makes of them, and the server's products, stock and customers they sell."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain import basket
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.domain.till import JournalEntry, next_entry
from frontdesk.server.catalogue.models import Stock
from frontdesk.server.db import allocate_seq, transaction, utcnow
from frontdesk.server.models import Customer, Product

#: A supervisor of the branch (``sue``) approved it offline: the server takes it.
APPROVAL = {"supervisor": "sue", "method": "offline", "at": "2026-03-01T09:00:00+00:00"}
START = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
#: sku -> (name, unit, unit price in GBP)
PRODUCTS = {
    "MUG": ("Mug", "piece", "4.99"),
    "TEA": ("Loose tea", "kg", "12.40"),
    "BOX": ("Gift box", "piece", "2.00"),
}


@dataclass
class Register:
    """One register's chain, built and pushed as its till would (``api`` carries the
    cashier's device-bound token)."""

    api: TestClient
    device: str
    code: str = "SHOP1"
    entries: list[JournalEntry] = field(default_factory=list)
    #: The device's own token (``new_device`` set it on ``api``; another device's replaces it).
    token: str = ""

    def __post_init__(self) -> None:
        self.token = self.token or self.api.headers["Authorization"]

    def add(self, kind: str, body: dict[str, Any]) -> JournalEntry:
        head = (self.entries[-1].seq, self.entries[-1].hash) if self.entries else None
        at = (START + timedelta(minutes=len(self.entries))).isoformat()
        entry = next_entry(register=self.code, head=head, kind=kind, key=str(uuid.uuid4()),
                           at=at, body=body)  # fmt: skip
        self.entries.append(entry)
        return entry

    def open(self) -> JournalEntry:
        return self.add("shift_open", {"cashier": "cat", "currency": "GBP", "float": "0"})

    def receipt(self) -> str:
        return f"{self.code}-{len(self.entries) + 1:08d}"

    def sell(self, lines: list[tuple], *, customer: str | None = None, **extra: Any):
        return self.add("payment", self.sale_body(lines, customer=customer, **extra))

    def sale_body(
        self, lines: list[tuple], *, customer: str | None = None, off: str = "0", **extra: Any
    ) -> dict[str, Any]:
        """``lines``: (sku, quantity, line discount); ``off``: the basket's discount."""
        sold = basket_lines(lines)
        nets = basket.nets(sold, Money.of(off, "GBP"))
        amount = str(sum((n.amount for n in nets), Decimal(0)))
        body = self._body(amount, customer=customer, links_to=None)
        body["lines"] = [_wire(line, net) for line, net in zip(sold, nets, strict=True)]
        if Decimal(off):
            gross = sum((line.total.amount for line in sold), Decimal(0))
            body["discount"] = {"kind": "amount", "value": off, "amount": off,
                                "gross": str(gross)}  # fmt: skip
        return body | extra

    def refund(self, payment: JournalEntry, returned: list[tuple], **extra: Any) -> JournalEntry:
        """``returned``: (line_no, sku, quantity, amount)."""
        amount = str(sum((Decimal(a) for *_, a in returned), Decimal(0)))
        body = self._body(amount, customer=None, links_to=payment.key) | {"approval": APPROVAL}
        body["lines"] = [{"line_no": n, "sku": sku, "quantity": q, "amount": a}
                         for n, sku, q, a in returned]  # fmt: skip
        return self.add("refund", body | extra)

    def void(self, payment: JournalEntry) -> JournalEntry:
        body = self._body(payment.body["amount"], customer=None, links_to=payment.key)
        return self.add("void", body | {"approval": APPROVAL})

    def _body(self, amount: str, *, customer: str | None, links_to: str | None) -> dict:
        return {
            "shift_id": self.entries[0].key, "receipt": self.receipt(), "cashier": "cat",
            "customer_id": customer, "purpose": "purchase", "currency": "GBP",
            "amount": amount, "tenders": [{"tender": "card", "amount": amount}], "change": "0",
            "links_to": links_to, "reason": "returned goods" if links_to else "",
        }  # fmt: skip

    def push(self, entries: list[JournalEntry] | None = None) -> list[dict[str, Any]]:
        """Push ``entries`` (all of them if None) as one batch; the items' results."""
        items = [
            {"key": e.key, "kind": f"till.{e.kind}", "seq": e.seq, "created_at": e.at,
             "payload": {"entry": e.as_wire()}}
            for e in (self.entries if entries is None else entries)
        ]  # fmt: skip
        answer = self.api.post("/api/v1/sync/push", headers={"Authorization": self.token},
                               json={"device_id": self.device, "items": items})  # fmt: skip
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]

    def push_one(self, entry: JournalEntry) -> dict[str, Any]:
        (result,) = self.push([entry])
        assert result["status"] == "applied", result
        return result["result"]


def basket_lines(lines: list[tuple]) -> list[basket.BasketLine]:
    made = []
    for n, (sku, quantity, *discount) in enumerate(lines, start=1):
        name, unit, price = PRODUCTS.get(sku, (sku, "piece", "1.00"))
        made.append(basket.BasketLine(
            n, sku, name, unit, Decimal(quantity), UnitPrice.of(price, "GBP"),
            Money.of(discount[0] if discount else "0", "GBP"),
        ))  # fmt: skip
    return made


def _wire(line: basket.BasketLine, net: Money) -> dict[str, Any]:
    wire = {"line_no": line.line_no, "sku": line.sku, "description": line.description,
            "unit": line.unit, "quantity": str(line.quantity),
            "unit_price": str(line.unit_price.amount), "net": str(net.amount)}  # fmt: skip
    if line.discount.amount:
        wire["discount"] = str(line.discount.amount)
    return wire


def add_products(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        for sku, (name, unit, price) in PRODUCTS.items():
            session.add(Product(sku=sku, name=name, category="Home", unit=unit,
                                unit_price_scaled=UnitPrice.of(price, "GBP").scaled,
                                currency="GBP", change_seq=allocate_seq(session)))  # fmt: skip


def add_stock(factory: sessionmaker[Session], sku: str, **on_hand: str) -> None:
    """``on_hand`` per warehouse of Leeds, as the back office counted it."""
    with transaction(factory) as session:
        for warehouse, quantity in on_hand.items():
            session.add(Stock(sku=sku, branch="Leeds", warehouse=warehouse,
                              on_hand_milli=int(Decimal(quantity) * 1000), reserved_milli=0,
                              incoming_milli=0, as_of=utcnow() - timedelta(days=1),
                              change_seq=allocate_seq(session)))  # fmt: skip


def stock(factory: sessionmaker[Session], sku: str) -> dict[str, tuple[int, int]]:
    """warehouse -> (on hand in thousandths, change_seq) at Leeds."""
    with factory() as session:
        rows = session.scalars(select(Stock).where(Stock.sku == sku, Stock.branch == "Leeds"))
        return {row.warehouse: (row.on_hand_milli, row.change_seq) for row in rows}


def add_customer(factory: sessionmaker[Session], account: str = "C-1") -> str:
    customer_id = str(uuid.uuid4())
    with transaction(factory) as session:
        now = utcnow()
        session.add(Customer(id=customer_id, account_number=account, full_name="Ada Lovelace",
                             phones=[], emails=[], branch="Leeds", notes="", created_at=now,
                             updated_at=now, change_seq=allocate_seq(session)))  # fmt: skip
    return customer_id
