"""A real desk cache with orders, for the window's order tests and the order screenshots.

The case desk (``case_desk``: the demo customers, James O'Connor's cases, signed in as ``ann``
with the prefix ``D7`` at London) plus what the server would send about orders: three of
James's orders (one shipped and late, one being picked, one delivered), and products priced
at London, one of them with a barcode.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from case_desk import CUSTOMER, fill_case_desk

from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.adapters.cache.orders.queries import SqlAlchemyOrderQueries
from frontdesk.adapters.cache.orders.store import order_unit_of_work
from frontdesk.bootstrap import ClientContext
from frontdesk.protocol import ProductPublic, PullPage
from frontdesk.protocol.catalogue import PricePublic, StockPublic
from frontdesk.protocol.orders import OrderEventPublic, OrderLinePublic, OrderPublic
from frontdesk.services.catalogue.desk import DeskCatalogue
from frontdesk.services.orders.desk import DeskOrders
from frontdesk.services.orders.prices import CataloguePriceBook

#: Friday 6 December: the shipped order was promised for Thursday.
NOW = datetime(2024, 12, 6, 10, 0, tzinfo=UTC)
SHIPPED, PICKING, DELIVERED = "WEB-100234", "WEB-100301", "WEB-099001"
TRACKING = "1Z999AA10123456784"
MUG_BARCODE = "4006381333931"


def _id(seq: int) -> str:
    return f"00000000-0000-4000-9000-{seq:012d}"


def _line(n: int, sku: str, name: str, qty: str, price: str, total: str) -> OrderLinePublic:
    return OrderLinePublic(line_no=n, sku=sku, description=name, quantity=qty,
                           unit_price=price, line_total=total)  # fmt: skip


def _order(seq: int, number: str, **fields: Any) -> OrderPublic:
    values: dict[str, Any] = {
        "id": _id(seq), "number": number, "channel": "web", "customer_id": CUSTOMER,
        "branch": "London", "currency": "GBP",
        "lines": [_line(1, "MUG-01", "Stoneware mug", "2", "8.50", "17.00"),
                  _line(2, "TEA-EG", "Earl Grey, loose", "0.25", "24.00", "6.00")],
        "total": "23.00", "payment_state": "paid", "status": "confirmed", "promised_on": None,
        "carrier": None, "tracking_number": None, "placed_at": NOW - timedelta(days=4),
        "updated_at": NOW - timedelta(days=4), "seq": seq,
    }  # fmt: skip
    return OrderPublic(**{**values, **fields})


def _event(seq: int, order: OrderPublic, kind: str, at: datetime, **fields: Any):
    values = {"status": None, "detail": "", "by": "web-shop"}
    return OrderEventPublic(id=f"oe{seq}", order_id=order.id, kind=kind, at=at, seq=seq,
                            **{**values, **fields})  # fmt: skip


def order_page(cursor: int = 6000) -> PullPage:
    placed = NOW - timedelta(days=4)
    shipped = _order(6010, SHIPPED, status="shipped", carrier="DPD", tracking_number=TRACKING,
                     promised_on=date(2024, 12, 5), placed_at=placed,
                     updated_at=NOW - timedelta(days=3))  # fmt: skip
    picking = _order(6011, PICKING, status="picking", promised_on=date(2024, 12, 10),
                     placed_at=NOW - timedelta(days=1), payment_state="unpaid",
                     lines=[_line(1, "VASE-BL", "Blue glass vase", "1", "42.00", "42.00")],
                     total="42.00", updated_at=NOW - timedelta(hours=20))  # fmt: skip
    delivered = _order(6012, DELIVERED, status="delivered", promised_on=date(2024, 11, 5),
                       placed_at=NOW - timedelta(days=35), updated_at=NOW - timedelta(days=31),
                       carrier="Royal Mail", tracking_number="RM123456785GB")  # fmt: skip
    events = [
        _event(6020, shipped, "placed", placed, status="placed"),
        _event(6021, shipped, "status", placed + timedelta(hours=1), status="confirmed",
               by="erp"),
        _event(6022, shipped, "shipping", NOW - timedelta(days=3), detail=f"DPD {TRACKING}",
               by="warehouse"),
        _event(6023, shipped, "status", NOW - timedelta(days=3), status="shipped",
               by="warehouse"),
        _event(6024, picking, "placed", NOW - timedelta(days=1), status="placed"),
        _event(6025, picking, "status", NOW - timedelta(hours=20), status="picking", by="erp"),
    ]  # fmt: skip
    return PullPage(
        cursor=cursor, has_more=False, products=_products(), prices=_prices(),
        orders=[shipped, picking, delivered], order_events=events,
        stock=[StockPublic(sku="VASE-BL", branch="London", warehouse="shop", on_hand="1",
                           reserved="0", incoming="0", incoming_on=None, as_of=NOW, seq=5990)],
    )  # fmt: skip


def _products() -> list[ProductPublic]:
    rows = [("MUG-01", "Stoneware mug", "Кружка керамическая", "8.50", [MUG_BARCODE]),
            ("MUG-02", "Enamel camping mug", "Эмалированная кружка", "6.00", []),
            ("TEA-EG", "Earl Grey, loose", "Чай «Эрл Грей», развесной", "24.00", []),
            ("VASE-BL", "Blue glass vase", "Синяя стеклянная ваза", "42.00", [])]  # fmt: skip
    return [
        ProductPublic(sku=sku, name=en, category="Kitchen", unit_price=price, currency="GBP",
                      names={"en": en, "ru": ru}, barcodes=codes, seq=5900 + n,
                      unit="kg" if sku == "TEA-EG" else "piece")  # loose tea is weighed
        for n, (sku, en, ru, price, codes) in enumerate(rows)
    ]  # fmt: skip


def _prices() -> list[PricePublic]:
    rows = [("MUG-01", "8.50"), ("MUG-02", "6.00"), ("TEA-EG", "24.00"), ("VASE-BL", "42.00")]
    return [
        PricePublic(id=f"pr{n}", sku=sku, currency="GBP", unit_price=price, branch="London",
                    valid_from=date(2024, 1, 1), valid_until=None, seq=5950 + n)
        for n, (sku, price) in enumerate(rows)
    ]  # fmt: skip


def fill_order_desk(client: ClientContext):
    """The case desk and the orders above in ``client``'s cache; the fake customer queries."""
    fake = fill_case_desk(client)
    with client.uow as uow:
        uow.replica.apply(order_page())
        uow.commit()
    return fake


def desk_orders(client: ClientContext, *, language: str = "en") -> DeskOrders:
    """The desk's orders at the fixed ``NOW`` (the shipped order stays one day late)."""
    reader = client._database.reader
    catalogue = DeskCatalogue(SqlAlchemyCatalogue(reader), language=language,
                              clock=lambda: NOW)  # fmt: skip
    return DeskOrders(
        lambda: order_unit_of_work(client.uow), SqlAlchemyOrderQueries(reader),
        customers=client.queries, prices=CataloguePriceBook(catalogue), source=None,
        clock=lambda: NOW, zone=UTC,
    )  # fmt: skip
