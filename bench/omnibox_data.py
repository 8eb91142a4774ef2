"""The one box's other kinds for bench/lookup.py: products, orders, cases and the branch's
receipts over the bench's customers, put in its cache through the desk's own pull path, and
the queries an agent types for them, each with the item it names.

Kept small (a few thousand of each kind, as one branch's desk holds): what is measured is the
box's guess and its point reads, not how a big catalogue is pulled.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from frontdesk.protocol import ProductPublic, PullPage
from frontdesk.protocol.cases import CasePublic
from frontdesk.protocol.orders import OrderLinePublic, OrderPublic
from frontdesk.protocol.pull import TillTenderPublic, TillTransactionPublic

PRODUCTS, ORDERS, CASES, RECEIPTS = 3000, 3000, 3000, 3000
QUERY_MIX = {"receipt": 150, "desk_order": 100, "web_order": 50, "case": 150, "ean": 150,
             "sku": 150, "product_words": 150}  # fmt: skip
NOW = datetime(2026, 1, 1, tzinfo=UTC)
DESK_PREFIXES = (3, 7, 12, 40)
REGISTERS = ("SHOP1", "SHOP2", "TILL7")
_SHADES = (
    "red",
    "blue",
    "green",
    "black",
    "white",
    "grey",
    "amber",
    "ivory",
    "navy",
    "olive",
    "plum",
    "rust",
    "sand",
    "teal",
    "mint",
    "coral",
    "slate",
    "cream",
    "jade",
    "ochre",
)
_MATERIALS = (
    "stoneware",
    "enamel",
    "glass",
    "oak",
    "linen",
    "wool",
    "steel",
    "copper",
    "bamboo",
    "cotton",
    "leather",
    "porcelain",
    "walnut",
    "marble",
    "ceramic",
)
_THINGS = (
    "mug",
    "vase",
    "teapot",
    "bowl",
    "plate",
    "jug",
    "lamp",
    "tray",
    "basket",
    "throw",
    "cushion",
    "candle",
    "clock",
    "mirror",
    "kettle",
    "colander",
    "ladle",
    "carafe",
    "platter",
    "coaster",
)
_CASE_WORDS = (
    "refund",
    "delivery",
    "damaged",
    "missing",
    "invoice",
    "warranty",
    "exchange",
    "complaint",
    "loyalty",
    "address",
    "payment",
    "return",
    "broken",
    "late",
)


@dataclass(frozen=True)
class Item:
    """One thing the box can find: its kind, the key a hit carries, what an agent types."""

    kind: str
    key: str
    typed: tuple[str, ...]  # ways of typing it (the generator picks one)


def ean13(body12: str) -> str:
    """``body12`` and its EAN-13 check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body12))
    return body12 + str((10 - total % 10) % 10)


def pages(customer_ids: list[str], *, seed: int) -> tuple[list[PullPage], list[Item]]:
    """What the server would send about this desk's products, orders, cases and receipts,
    and the items the queries name."""
    rng = random.Random(seed * 31 + 5)
    products, product_items = _products(rng)
    orders, order_items = _orders(rng, customer_ids, products)
    cases, case_items = _cases(rng, customer_ids)
    receipts, receipt_items = _receipts(rng, customer_ids)
    pages_ = [
        PullPage(cursor=10, has_more=True, products=products),
        PullPage(cursor=20, has_more=True, orders=orders),
        PullPage(cursor=30, has_more=True, cases=cases),
        PullPage(cursor=40, has_more=False, till_transactions=receipts),
    ]
    return pages_, product_items + order_items + case_items + receipt_items


def _products(rng: random.Random) -> tuple[list[ProductPublic], list[Item]]:
    names = [f"{s} {m} {t}" for s in _SHADES for m in _MATERIALS for t in _THINGS]
    rng.shuffle(names)
    products, items = [], []
    for n, name in enumerate(names[:PRODUCTS]):
        sku = f"FD-{n + 1:05d}"
        code = ean13(f"460{rng.randrange(10**9):09d}")
        products.append(ProductPublic(
            sku=sku, name=name.capitalize(), category="Home", unit_price=f"{5 + n % 90}.50",
            currency="GBP", names={"en": name.capitalize()}, barcodes=[code], seq=1000 + n,
        ))  # fmt: skip
        items += [Item("sku", sku, (sku, sku.lower(), sku.replace("-", ""))),
                  Item("ean", sku, (code,)),
                  Item("product_words", sku, (name, " ".join(reversed(name.split()))))]  # fmt: skip
    return products, items


def _orders(
    rng: random.Random, customer_ids: list[str], products: list[ProductPublic]
) -> tuple[list[OrderPublic], list[Item]]:
    orders, items = [], []
    for n in range(ORDERS):
        desk = n % 3 != 0
        prefix = rng.choice(DESK_PREFIXES)
        number = f"D{prefix}-O{n + 1:05d}" if desk else f"WEB-{100000 + n}"
        product = rng.choice(products)
        placed = NOW - timedelta(hours=n)
        orders.append(OrderPublic(
            id=f"00000000-0000-4000-9000-{n:012d}", number=number,
            channel="phone" if desk else "web", customer_id=rng.choice(customer_ids),
            branch="London", currency="GBP", total=product.unit_price, payment_state="paid",
            status="confirmed", promised_on=None, carrier=None, tracking_number=None,
            lines=[OrderLinePublic(line_no=1, sku=product.sku, description=product.name,
                                   quantity="1", unit_price=product.unit_price,
                                   line_total=product.unit_price)],
            placed_at=placed, updated_at=placed, seq=2000 + n,
        ))  # fmt: skip
        loose = f"d{prefix}-o{n + 1}" if desk else number.lower()
        items.append(Item("desk_order" if desk else "web_order", number, (number, loose)))
    return orders, items


def _cases(rng: random.Random, customer_ids: list[str]) -> tuple[list[CasePublic], list[Item]]:
    cases, items = [], []
    for n in range(CASES):
        prefix = rng.choice(DESK_PREFIXES)
        number = f"D{prefix}-{n + 1:05d}"
        opened = NOW - timedelta(hours=n)
        subject = " ".join(rng.sample(_CASE_WORDS, 3))
        cases.append(CasePublic(
            id=f"00000000-0000-4000-8000-{n:012d}", number=number,
            customer_id=rng.choice(customer_ids), channel="phone", category="billing",
            subject=subject, description="", priority="normal", status="open",
            assignee_user=None, assignee_team=None, branch="London", opened_by="bob",
            opened_at=opened, due_at=None, first_response_due_at=None, first_response_at=None,
            resolved_at=None, closed_at=None, links=[], updated_at=opened, seq=3000 + n,
        ))  # fmt: skip
        items.append(Item("case", f"00000000-0000-4000-8000-{n:012d}",
                          (number, f"d{prefix}-{n + 1}", f"D{prefix} - {n + 1:05d}")))  # fmt: skip
    return cases, items


def _receipts(
    rng: random.Random, customer_ids: list[str]
) -> tuple[list[TillTransactionPublic], list[Item]]:
    receipts, items = [], []
    for n in range(RECEIPTS):
        register = REGISTERS[n % len(REGISTERS)]
        number = f"{register}-{n // len(REGISTERS) + 1:08d}"
        amount = f"{rng.randrange(100, 20000) / 100:.2f}"
        receipts.append(TillTransactionPublic(
            id=f"00000000-0000-4000-a000-{n:012d}", kind="payment", register_code=register,
            receipt_no=number, links_to=None, currency="GBP", amount=amount, change="0.00",
            tenders=[TillTenderPublic(tender="card", amount=amount)],
            customer_id=rng.choice(customer_ids), purpose="purchase", cashier="ann",
            occurred_at=NOW - timedelta(minutes=n), accepted=True, seq=4000 + n,
        ))  # fmt: skip
        items.append(Item("receipt", number, (number, number.lower())))
    return receipts, items


@dataclass(frozen=True)
class BoxQuery:
    kind: str
    text: str
    key: str  # the hit that should come first
    matching: int = 1  # how many items truly match: a random order puts the key first 1/matching


def box_workload(items: list[Item], *, seed: int) -> list[BoxQuery]:
    """``QUERY_MIX`` queries, each naming one item, typed one of its ways."""
    rng = random.Random(seed * 17 + 3)
    by_kind: dict[str, list[Item]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    queries = [
        BoxQuery(kind, rng.choice(item.typed), item.key)
        for kind, count in QUERY_MIX.items()
        for item in rng.sample(by_kind[kind], count)
    ]
    rng.shuffle(queries)
    return queries
