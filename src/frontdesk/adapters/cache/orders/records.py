"""Order rows of the cache as the services' records."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from frontdesk.adapters.cache.orders.tables import OrderEventRow, OrderLineRow, OrderRow
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.services.orders.ports import OrderEvent, OrderLine, OrderRecord


def order_record(row: OrderRow, lines: Iterable[OrderLineRow] = ()) -> OrderRecord:
    return OrderRecord(
        id=row.id,
        number=row.number,
        channel=row.channel,
        customer_id=row.customer_id,
        branch=row.branch,
        total=Money.from_minor(row.total_minor, row.currency),
        payment_state=row.payment_state,
        status=row.status,
        promised_on=row.promised_on,
        carrier=row.carrier,
        tracking_number=row.tracking_number,
        placed_at=row.placed_at,
        updated_at=row.updated_at,
        refused_reason=row.refused_reason,
        seq=row.seq,
        lines=tuple(order_line(line, row.currency) for line in lines),
    )


def order_line(row: OrderLineRow, currency: str) -> OrderLine:
    return OrderLine(
        line_no=row.line_no,
        sku=row.sku,
        description=row.description,
        quantity=Decimal(row.quantity),
        unit_price=UnitPrice.from_scaled(row.unit_price_scaled, currency),
        line_total=Money.from_minor(row.line_total_minor, currency),
    )


def order_event(row: OrderEventRow) -> OrderEvent:
    return OrderEvent(
        id=row.id,
        order_id=row.order_id,
        kind=row.kind,
        status=row.status,
        detail=row.detail,
        author=row.author,
        at=row.at,
        pending=row.seq == 0,
    )
