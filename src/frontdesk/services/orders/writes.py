"""The two order writes at the desk: take a phone order, ask for a cancellation. Both work
offline: each checks what it was given first (``ValidationError`` naming the field, nothing
written), then writes the cache and its outbox item in one unit of work.

A phone order is numbered ``D<device>-O<n>`` from the desk's own counter, priced from the
branch's price list as the desk holds it, and stays ``placed`` and "waiting for the server"
until the server's copy is pulled: confirmed, or cancelled with the reason it was refused
(stock, a price that changed).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import pydantic

from frontdesk.domain.basket import check_quantity
from frontdesk.domain.catalogue.stock import QUANTITY_DECIMALS
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.money import Currency, Money
from frontdesk.domain.order_numbers import desk_order_number
from frontdesk.domain.orders import OrderStatus, can_move
from frontdesk.protocol.orders import (
    MAX_ORDER_LINES,
    OrderCancelRequest,
    OrderLineIn,
    OrderPlace,
)
from frontdesk.services.errors import FrontdeskError, NotLoggedIn
from frontdesk.services.orders.ports import (
    AbstractPriceBook,
    OrderEvent,
    OrderLine,
    OrderRecord,
    OrderUnitOfWork,
    PricedProduct,
)

Clock = Callable[[], datetime]
MAX_REASON, MAX_NOTE = 2_000, 2_000
#: The largest quantity of one line a desk takes (a typo guard: 10,000 of anything).
MAX_QUANTITY = Decimal(10_000)


class UnknownOrder(FrontdeskError):
    """No order with this number (or id) in the local cache."""


class NoOrderPrefix(FrontdeskError):
    """The server has not given this desk its device prefix: it cannot number an order."""


def _now() -> datetime:
    return datetime.now(UTC)


def place_phone_order(
    uow: OrderUnitOfWork,
    *,
    customer_id: str,
    lines: Sequence[tuple[str, str | Decimal]],
    prices: AbstractPriceBook,
    today: date,
    note: str = "",
    promised_on: date | None = None,
    clock: Clock = _now,
) -> OrderRecord:
    """Take a phone order of ``lines`` (SKU, quantity) for a customer; its id is the key.

    Raises:
        ValidationError: no lines, a bad quantity, an unknown or unpriced SKU, a SKU twice,
            prices in two currencies, an unknown customer (the field is named).
        NoOrderPrefix: the desk has no device prefix yet.
        NotLoggedIn: nobody is signed in here.
    """
    wanted = checked_lines(lines)
    text = _text("note", note, MAX_NOTE, required=False)
    placed_at = clock()
    with uow:
        agent, prefix, branch = _desk(uow, numbering=True)
        if not uow.orders.customer_exists(customer_id):
            raise ValidationError("customer_id", f"no customer {customer_id} in the local cache")
        priced = [_priced(prices, i, sku, branch=branch, day=today) for i, (sku, _) in
                  enumerate(wanted, start=1)]  # fmt: skip
        order_lines = _order_lines(wanted, priced)
        number = desk_order_number(prefix, uow.orders.next_sequence(prefix))
        order = _order(number, customer_id, branch, order_lines, placed_at=placed_at,
                       promised_on=promised_on)  # fmt: skip
        wire = _wire(OrderPlace, order_id=order.id, number=number, customer_id=customer_id,
                     currency=order.total.currency.code, lines=_wire_lines(order_lines),
                     total=_decimal(order.total.amount), promised_on=promised_on, note=text,
                     placed_at=placed_at)  # fmt: skip
        uow.orders.add(order)
        event = OrderEvent(order.id, order.id, "placed", OrderStatus.PLACED.value, text, agent,
                           placed_at)  # fmt: skip
        uow.orders.add_event(event, outbox_key=order.id)
        uow.outbox.add(wire, key=order.id)
        uow.commit()
    return order


def request_cancellation(
    uow: OrderUnitOfWork, *, number: str, reason: str, clock: Clock = _now
) -> OrderEvent:
    """Ask the back office to cancel an order (it decides); a pending event until pulled."""
    text = _text("reason", reason, MAX_REASON, required=True)
    at = clock()
    with uow:
        agent, _, _ = _desk(uow, numbering=False)
        order = uow.orders.by_number(number.strip())
        if order is None:
            raise UnknownOrder(f"no order {number.strip()} at this desk (sync, or check it)")
        check_cancellable(order)
        wire = _wire(OrderCancelRequest, number=order.number, reason=text, at=at)
        key = str(uuid.uuid4())
        event = OrderEvent(key, order.id, "cancel_request", None, text, agent, at, pending=True)
        uow.orders.add_event(event, outbox_key=key)
        uow.outbox.add(wire, key=key)
        uow.commit()
    return event


def check_cancellable(order: OrderRecord) -> None:
    if not can_move(OrderStatus(order.status), OrderStatus.CANCELLED):
        raise ValidationError(
            "status", f"order {order.number} is {order.status}: it can no longer be cancelled"
        )


def checked_lines(lines: Sequence[tuple[str, str | Decimal]]) -> list[tuple[str, Decimal]]:
    """Each line's SKU and quantity, checked; the first problem names its line."""
    if not lines:
        raise ValidationError("lines", "an order needs at least one line")
    if len(lines) > MAX_ORDER_LINES:
        raise ValidationError("lines", f"at most {MAX_ORDER_LINES} lines ({len(lines)})")
    checked, seen = [], {}
    for number, (raw_sku, raw_quantity) in enumerate(lines, start=1):
        sku = _text(f"lines[{number}].sku", str(raw_sku), 64, required=True)
        if sku in seen:
            raise ValidationError(f"lines[{number}].sku", f"{sku} is on line {seen[sku]} already")
        seen[sku] = number
        checked.append((sku, check_order_quantity(raw_quantity, field=f"lines[{number}].quantity")))
    return checked


def check_order_quantity(raw: str | Decimal, *, field: str) -> Decimal:
    """A line's quantity: more than 0, at most ``MAX_QUANTITY``, up to 3 decimals."""
    try:
        value = raw if isinstance(raw, Decimal) else Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(field, f"{raw!r} is not a number") from None
    if not value.is_finite() or value <= 0:
        raise ValidationError(field, f"must be more than 0, got {raw}")
    if value > MAX_QUANTITY:
        raise ValidationError(field, f"at most {MAX_QUANTITY} per line, got {raw}")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -QUANTITY_DECIMALS:
        raise ValidationError(field, f"{raw} has more than {QUANTITY_DECIMALS} decimals")
    return value


# --------------------------------------------------------------------------- helpers


def _desk(uow: OrderUnitOfWork, *, numbering: bool) -> tuple[str, str, str]:
    """Who is at the desk, its device prefix (when ``numbering``) and branch."""
    state = uow.sync_state.get()
    if not state.username:
        raise NotLoggedIn("nobody is signed in at this desk; log in first")
    if numbering and not state.case_prefix:
        raise NoOrderPrefix(
            "this desk has no order numbers yet: the server it signed in to gave it no "
            "device prefix. Sign in again once the server has been updated"
        )
    return state.username, state.case_prefix or "", state.desk_branch or ""


def _priced(
    prices: AbstractPriceBook, number: int, sku: str, *, branch: str, day: date
) -> PricedProduct:
    found = prices.priced(sku, branch=branch, day=day)
    if found is None:
        raise ValidationError(
            f"lines[{number}].sku", f"no product {sku} with a price at {branch or 'this desk'}"
        )
    return found


def check_whole(product: PricedProduct, quantity: Decimal, *, field: str) -> None:
    """A product sold by the piece is ordered in whole pieces (the server refuses 1.5): the
    basket's rule (``domain.basket.check_quantity``), the one the till keeps."""
    try:
        check_quantity(quantity, unit=product.unit, field=field)
    except ValidationError as error:
        raise ValidationError(field, f"{product.sku}: {error.message}") from None


def _order_lines(wanted: list[tuple[str, Decimal]], priced: list[PricedProduct]) -> list[OrderLine]:
    for number, ((_, quantity), product) in enumerate(zip(wanted, priced, strict=True), 1):
        check_whole(product, quantity, field=f"lines[{number}].quantity")
    currencies = {product.unit_price.currency for product in priced}
    if len(currencies) > 1:
        names = ", ".join(sorted(currency.code for currency in currencies))
        raise ValidationError("lines", f"the prices are in more than one currency ({names})")
    return [
        OrderLine(
            line_no=number, sku=product.sku, description=product.name[:300], quantity=quantity,
            unit_price=product.unit_price,
            line_total=Money.rounded(product.unit_price.amount * quantity,
                                     product.unit_price.currency),
        )
        for number, ((_, quantity), product) in enumerate(zip(wanted, priced, strict=True), 1)
    ]  # fmt: skip


def order_total(lines: Sequence[OrderLine], currency: Currency) -> Money:
    total = Money.zero(currency)
    for line in lines:
        total += line.line_total
    return total


def _order(
    number: str,
    customer_id: str,
    branch: str,
    lines: list[OrderLine],
    *,
    placed_at: datetime,
    promised_on: date | None,
) -> OrderRecord:
    return OrderRecord(
        id=str(uuid.uuid4()), number=number, channel="phone", customer_id=customer_id,
        branch=branch, total=order_total(lines, lines[0].unit_price.currency),
        payment_state="unpaid", status=OrderStatus.PLACED.value, promised_on=promised_on,
        carrier=None, tracking_number=None, placed_at=placed_at, updated_at=placed_at,
        lines=tuple(lines),
    )  # fmt: skip


def _wire_lines(lines: list[OrderLine]) -> list[OrderLineIn]:
    return [
        _wire(
            OrderLineIn,
            line_no=line.line_no,
            sku=line.sku,
            description=line.description,
            quantity=_decimal(line.quantity),
            unit_price=_decimal(line.unit_price.amount),
            line_total=_decimal(line.line_total.amount),
        )
        for line in lines
    ]


def _decimal(value: Decimal) -> str:
    """Plain decimal text (never ``1E+1``), as the wire's decimal strings are."""
    return format(value.normalize(), "f")


def _text(field: str, value: str, limit: int, *, required: bool) -> str:
    text = value.strip()
    if required and not text:
        raise ValidationError(field, "must not be empty")
    if len(text) > limit:
        raise ValidationError(field, f"longer than {limit} characters ({len(text)})")
    return text


def _wire(model: type[pydantic.BaseModel], **values: Any) -> Any:
    """The payload as the server will read it; what it would refuse is refused here."""
    try:
        return model(**values)
    except pydantic.ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or model.__name__
        raise ValidationError(field, first["msg"]) from None
