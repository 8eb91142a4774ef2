"""A small shop in the central database whose buying pattern a cross-sell model must find.

Tea drinkers buy biscuits, half of them jam too; a separate group buys scarves and gloves.
Zoe has bought tea alone (and returned a mug), so biscuits are her obvious next product,
and the reason must name her tea.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.models import Customer, Product, Purchase, PurchaseLine

T0 = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)
PRODUCTS = {
    "TEA": ("Earl Grey Tea", "Groceries"),
    "BISC": ("Shortbread Biscuits", "Groceries"),
    "JAM": ("Strawberry Jam", "Groceries"),
    "MUG": ("Enamel Mug", "Kitchen"),
    "SCARF": ("Wool Scarf", "Clothing"),
    "GLOVES": ("Leather Gloves", "Clothing"),
}
ZOE_ID = "00000000-0000-4000-8000-000000000999"
ZOE_ACCOUNT = "ACC-ZOE"


def baskets() -> list[tuple[int, list[str]]]:
    """(customer number, skus bought together) for everybody but Zoe."""
    tea = [(n, ["TEA", "BISC", "JAM"] if n % 2 else ["TEA", "BISC"]) for n in range(24)]
    winter = [(100 + n, ["SCARF", "GLOVES"] if n % 3 else ["SCARF"]) for n in range(12)]
    mugs = [(200 + n, ["MUG"]) for n in range(6)]
    return tea + winter + mugs


def build_shop(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        for sku, (name, category) in PRODUCTS.items():
            session.add(_product(session, sku, name=name, category=category))
        for n, skus in baskets():
            session.add(_customer(session, f"00000000-0000-4000-8000-{n:012d}", f"ACC{n:04d}"))
            session.flush()
            _buy(session, f"00000000-0000-4000-8000-{n:012d}", skus, number=f"INV{n:05d}", day=n)
        session.add(_customer(session, ZOE_ID, ZOE_ACCOUNT, name="Zoe Tealover"))
        session.flush()
        _buy(session, ZOE_ID, ["TEA", "MUG"], number="INV-Z1", day=40)
        _buy(session, ZOE_ID, ["MUG"], number="INV-Z2", day=41, is_return=True)


def _product(session: Session, sku: str, *, name: str, category: str) -> Product:
    return Product(
        sku=sku,
        name=name,
        category=category,
        unit_price_scaled=250_000,
        currency="GBP",
        change_seq=allocate_seq(session),
    )


def _customer(session: Session, customer_id: str, account: str, *, name: str = "") -> Customer:
    return Customer(
        id=customer_id,
        account_number=account,
        full_name=name or f"Customer {account}",
        phones=[],
        emails=[],
        loyalty_card=None,
        branch="Leeds",
        notes="",
        created_at=T0,
        updated_at=T0,
        change_seq=allocate_seq(session),
    )


def _buy(
    session: Session,
    customer_id: str,
    skus: list[str],
    *,
    number: str,
    day: int,
    is_return: bool = False,
) -> None:
    sign = -1 if is_return else 1
    lines = [
        PurchaseLine(
            line_no=i,
            sku=sku,
            description=PRODUCTS[sku][0],
            quantity_milli=sign * 1000,
            unit_price_scaled=250_000,
            line_total_minor=sign * 250,
        )
        for i, sku in enumerate(skus, start=1)
    ]
    session.add(
        Purchase(
            id=f"p-{number}",
            number=number,
            customer_id=customer_id,
            purchased_at=T0 + timedelta(days=day),
            branch="Leeds",
            currency="GBP",
            is_return=is_return,
            original_number="INV-Z1" if is_return else None,
            total_minor=sign * 250 * len(skus),
            change_seq=allocate_seq(session),
            lines=lines,
        )
    )
