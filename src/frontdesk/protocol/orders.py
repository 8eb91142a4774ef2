"""Orders on the wire: from the systems that take them, to desks, and from a desk's phone order.

In (back-office role or a system's device): ``POST /api/v1/orders`` creates an order (its
``number`` is the key: a repeat is a no-op returning the stored one), ``PATCH
/api/v1/orders/{number}`` moves it (``domain.orders.TRANSITIONS``) and sets carrier,
tracking number, promised day and payment state. Each change becomes an event with its time.

Desk writes (push kinds):

- ``order.place``           a phone order taken at a desk, offline too; the server confirms it
                            or refuses it with a reason (stock, a price that changed)
- ``order.cancel_request``  the customer asks to cancel; the back office decides

Pull: the orders of the puller's branch's customers and their events; a customer's orders on
demand (``GET /api/v1/orders?customer_id=``) for a customer opened at the desk.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, model_validator

from frontdesk.protocol.catalogue import QuantityText, SkuText
from frontdesk.protocol.wire import CurrencyCode, DecimalText, Text, UuidText, WireModel

OrderStatusName = Literal[
    "placed", "confirmed", "paid", "picking", "shipped", "delivered", "cancelled", "returned"
]
OrderChannelName = Literal["web", "phone", "branch"]
PaymentStateName = Literal["unpaid", "partly_paid", "paid", "refunded"]
#: An order number as the web shop, the ERP or a desk (``D12-O00045``) writes it.
OrderNumberText = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,39}$")]
TrackingText = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 -]{2,39}$")]
CustomerId = Text(36, min_length=1)
MAX_ORDER_LINES = 500


class OrderLineIn(WireModel):
    line_no: int = Field(ge=1, le=MAX_ORDER_LINES)
    sku: SkuText
    description: Text(300) = ""
    quantity: QuantityText
    unit_price: DecimalText = Field(description="in the order's currency")
    line_total: DecimalText = Field(description="quantity x unit price, half-up per line")


def _check_line_numbers(lines: list[OrderLineIn]) -> None:
    numbers = [line.line_no for line in lines]
    if len(set(numbers)) != len(numbers):
        raise ValueError("a line number is used twice")


class OrderIn(WireModel):
    number: OrderNumberText
    channel: OrderChannelName
    customer_id: CustomerId | None
    branch: Text(100, min_length=1)
    currency: CurrencyCode
    lines: list[OrderLineIn] = Field(min_length=1, max_length=MAX_ORDER_LINES)
    total: DecimalText = Field(description="the sum of the line totals")
    payment_state: PaymentStateName = "unpaid"
    status: OrderStatusName = "placed"
    promised_on: date | None = None
    carrier: Text(100) | None = None
    tracking_number: TrackingText | None = None
    placed_at: AwareDatetime

    @model_validator(mode="after")
    def _lines_numbered_once(self) -> OrderIn:
        _check_line_numbers(self.lines)
        return self


class OrderPatch(WireModel):
    """A change of an order; only what is given changes. A status move names where it went
    from, so two systems moving one order cannot silently undo each other."""

    old_status: OrderStatusName | None = None
    status: OrderStatusName | None = None
    payment_state: PaymentStateName | None = None
    promised_on: date | None = None
    carrier: Text(100) | None = None
    tracking_number: TrackingText | None = None
    note: Text(2_000) = ""
    at: AwareDatetime

    @model_validator(mode="after")
    def _something(self) -> OrderPatch:
        if (self.status is None) != (self.old_status is None):
            raise ValueError("a status move gives both old_status and status")
        changes = (self.status, self.payment_state, self.promised_on, self.carrier,
                   self.tracking_number)  # fmt: skip
        if all(value is None for value in changes):
            raise ValueError("nothing to change")
        return self


class OrderPlace(WireModel):
    """``order.place``: a phone order taken at a desk; the item's key is ``order_id``. The
    prices are the desk's; the server refuses the order if its own differ or stock is short."""

    order_id: UuidText
    number: OrderNumberText
    customer_id: CustomerId
    currency: CurrencyCode
    lines: list[OrderLineIn] = Field(min_length=1, max_length=MAX_ORDER_LINES)
    total: DecimalText
    promised_on: date | None = None
    note: Text(2_000) = ""
    placed_at: AwareDatetime

    @model_validator(mode="after")
    def _lines_numbered_once(self) -> OrderPlace:
        _check_line_numbers(self.lines)  # else the database refuses it, by its constraint's name
        return self


class OrderCancelRequest(WireModel):
    """``order.cancel_request``: the customer asked to cancel, with why."""

    number: OrderNumberText
    reason: Text(2_000, min_length=1)
    at: AwareDatetime


# --------------------------------------------------------------------------- pull


class OrderLinePublic(WireModel):
    line_no: int
    sku: str
    description: str
    quantity: str
    unit_price: str
    line_total: str


class OrderPublic(WireModel):
    id: str
    number: str
    channel: OrderChannelName
    customer_id: str | None
    branch: str
    currency: str
    lines: list[OrderLinePublic]
    total: str
    payment_state: PaymentStateName
    status: OrderStatusName
    promised_on: date | None
    carrier: str | None
    tracking_number: str | None
    placed_at: datetime
    updated_at: datetime
    #: Why the server refused a desk's phone order (status ``cancelled``), else None.
    refused_reason: str | None = None
    seq: int


class OrderEventPublic(WireModel):
    id: str
    order_id: str
    kind: Literal["placed", "status", "payment", "shipping", "promised", "note", "cancel_request"]
    status: OrderStatusName | None
    detail: str
    by: str
    at: datetime
    seq: int


class OrdersFound(WireModel):
    """``GET /api/v1/orders?customer_id=`` and ``GET /api/v1/orders/{number}``: the orders
    found (oldest first) and their events, in change order."""

    orders: list[OrderPublic]
    order_events: list[OrderEventPublic]
