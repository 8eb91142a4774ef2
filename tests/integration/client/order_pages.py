"""Wire rows for filling a real cache with orders in tests."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from cache_pages import customer, product

from frontdesk.protocol import PullPage
from frontdesk.protocol.catalogue import PricePublic
from frontdesk.protocol.orders import OrderEventPublic, OrderLinePublic, OrderPublic

T0 = datetime(2024, 12, 2, 9, 0, tzinfo=UTC)  # a Monday


def order_id(seq: int) -> str:
    return f"00000000-0000-4000-9000-{seq:012d}"


def order(seq: int, number: str, **fields: Any) -> OrderPublic:
    values: dict[str, Any] = {
        "id": order_id(seq), "number": number, "channel": "web", "customer_id": "c1",
        "branch": "Leeds", "currency": "GBP",
        "lines": [OrderLinePublic(line_no=1, sku="MUG", description="Mug", quantity="2",
                                  unit_price="2.55", line_total="5.10"),
                  OrderLinePublic(line_no=2, sku="TEA", description="Tea, loose",
                                  quantity="0.25", unit_price="12.00", line_total="3.00")],
        "total": "8.10", "payment_state": "paid", "status": "confirmed", "promised_on": None,
        "carrier": None, "tracking_number": None, "placed_at": T0, "updated_at": T0, "seq": seq,
    }  # fmt: skip
    return OrderPublic(**{**values, **fields})


def event(seq: int, order: OrderPublic, kind: str, at: datetime, **fields: Any):
    values = {"status": None, "detail": "", "by": "shop"}
    return OrderEventPublic(id=f"oe{seq}", order_id=order.id, kind=kind, at=at, seq=seq,
                            **{**values, **fields})  # fmt: skip


def shipped_order(seq: int = 110) -> tuple[OrderPublic, list[OrderEventPublic]]:
    """WEB-100234: shipped with DPD on 3 Dec, promised for 5 Dec."""
    shipped = order(seq, "WEB-100234", status="shipped", carrier="DPD",
                    tracking_number="1Z999AA10123456784", promised_on=date(2024, 12, 5),
                    updated_at=T0 + timedelta(days=1, hours=5))  # fmt: skip
    events = [
        event(seq + 1, shipped, "placed", T0, status="placed"),
        event(seq + 2, shipped, "status", T0 + timedelta(hours=2), status="confirmed"),
        event(seq + 3, shipped, "shipping", T0 + timedelta(days=1, hours=5),
              detail="DPD 1Z999AA10123456784"),
        event(seq + 4, shipped, "status", T0 + timedelta(days=1, hours=5), status="shipped"),
    ]  # fmt: skip
    return shipped, events


def price(seq: int, sku: str, amount: str, *, branch: str | None = "Leeds") -> PricePublic:
    return PricePublic(
        id=f"pr{seq}",
        sku=sku,
        currency="GBP",
        unit_price=amount,
        branch=branch,
        valid_from=date(2024, 1, 1),
        valid_until=None,
        seq=seq,
    )


def order_page(cursor: int = 200) -> PullPage:
    """Two customers (Ann with a phone), products priced at Leeds (VASE only at York),
    Ann's shipped order and an older one."""
    shipped, events = shipped_order()
    older = order(120, "WEB-099001", status="delivered", placed_at=T0 - timedelta(days=30),
                  updated_at=T0 - timedelta(days=25), promised_on=date(2024, 11, 5))  # fmt: skip
    return PullPage(
        cursor=cursor,
        has_more=False,
        customers=[
            customer(1, name="Ann Smith", phones=("+44 7911 123456",)),
            customer(2, name="Иван Петров", phones=("+7 916 555-12-34",)),
        ],
        products=[
            product(3, sku="MUG", price="2.55"),
            product(4, sku="TEA", price="12.00").model_copy(update={"unit": "kg"}),  # loose
            product(5, sku="VASE", price="30.00"),
        ],
        prices=[
            price(6, "MUG", "2.55"),
            price(7, "TEA", "12.00"),
            price(8, "VASE", "30.00", branch="York"),
        ],
        orders=[shipped, older],
        order_events=events,
    )
