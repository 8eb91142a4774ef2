"""Wire rows for lookup tests: customers and purchases as a pull page carries them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from frontdesk.protocol import CustomerPublic, PullPage, PurchaseLinePublic, PurchasePublic

T0 = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


def person(
    n: int,
    name: str,
    *,
    phones: tuple[str, ...] = (),
    emails: tuple[str, ...] = (),
    card: str | None = None,
    account: str | None = None,
) -> CustomerPublic:
    return CustomerPublic(
        id=f"c{n}",
        account_number=account or f"A{n:05d}",
        full_name=name,
        phones=list(phones),
        emails=list(emails),
        loyalty_card=card,
        branch="Leeds",
        notes="",
        created_at=T0,
        updated_at=T0,
        seq=n,
    )


def bought(seq: int, customer_id: str, *, days: int) -> PurchasePublic:
    line = PurchaseLinePublic(
        line_no=1, sku="SKU1", description="Mug", quantity="1", unit_price="2.00", line_total="2.00"
    )
    return PurchasePublic(
        id=f"p{seq}",
        number=f"N{seq}",
        customer_id=customer_id,
        purchased_at=T0 + timedelta(days=days),
        branch="Leeds",
        currency="GBP",
        is_return=False,
        original_number=None,
        total="2.00",
        lines=[line],
        seq=seq,
    )


def page(customers=(), purchases=(), *, cursor: int = 1) -> PullPage:
    return PullPage(
        cursor=cursor, has_more=False, customers=list(customers), purchases=list(purchases)
    )
