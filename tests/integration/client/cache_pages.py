"""Wire rows for filling a real cache in tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from frontdesk.protocol import CustomerPublic, ProductPublic, PurchaseLinePublic, PurchasePublic

T0 = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


def customer(
    seq: int,
    *,
    name: str = "Ann Smith",
    account: str | None = None,
    phones: tuple[str, ...] = (),
    emails: tuple[str, ...] = (),
    card: str | None = None,
) -> CustomerPublic:
    return CustomerPublic(
        id=f"c{seq}",
        account_number=account or f"A{seq:05d}",
        full_name=name,
        phones=list(phones),
        emails=list(emails),
        loyalty_card=card,
        branch="Leeds",
        notes="",
        created_at=T0,
        updated_at=T0,
        seq=seq,
    )


def product(seq: int, *, sku: str = "SKU1", price: str = "2.55", currency: str = "GBP"):
    return ProductPublic(
        sku=sku, name="Mug", category="Kitchen", unit_price=price, currency=currency, seq=seq
    )


def line(line_no: int, quantity: int, price: str, total: str, sku: str = "SKU1"):
    return PurchaseLinePublic(
        line_no=line_no,
        sku=sku,
        description=f"item {sku}",
        quantity=str(quantity),
        unit_price=price,
        line_total=total,
    )


def purchase(
    seq: int,
    *,
    customer_id: str | None = "c1",
    days: int = 0,
    currency: str = "GBP",
    lines: list[PurchaseLinePublic] | None = None,
    total: str | None = None,
    is_return: bool = False,
) -> PurchasePublic:
    lines = lines or [line(1, 2, "2.55", "5.10")]
    return PurchasePublic(
        id=f"p{seq}",
        number=f"N{seq}",
        customer_id=customer_id,
        purchased_at=T0 + timedelta(days=days),
        branch="Leeds",
        currency=currency,
        is_return=is_return,
        original_number=None,
        total=total or "5.10",
        lines=lines,
        seq=seq,
    )
