"""Till sales and returns as purchases: the rows every desk pulls into its customers' 360,
timeline, lifetime value and segments, and that cross-sell training reads.

A basket payment the server accepted is a purchase numbered by its receipt, at the
register's branch, at the entry's time, for the amount paid, each line at what it came to
(its net: its own discount and its share of the basket's taken off). A line refund or a void
of one is a return purchase numbered by its own receipt, naming the payment's receipt as its
original, with negative quantities and totals. The purchase's id is the entry's key, so a
replayed item (answered from its stored result) writes nothing new. A customer the server
does not know (a desk's new customer whose own push was refused) makes a walk-in purchase:
the sale is recorded and the result says whose it could not be.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from frontdesk.server.db import allocate_seq
from frontdesk.server.models import Customer, Purchase, PurchaseLine
from frontdesk.server.push_items import ApplyContext


@dataclass(frozen=True, slots=True)
class Goods:
    """A line of a purchase as stored: thousandths and minor units, negative on a return."""

    line_no: int
    sku: str
    description: str
    quantity_milli: int
    unit_price_scaled: int
    total_minor: int


@dataclass(frozen=True, slots=True)
class Receipted:
    """Whose purchase it is, under which number, when and where."""

    key: str
    number: str
    customer_id: str | None
    at: datetime
    currency: str
    original_number: str | None = None


def add_purchase(ctx: ApplyContext, receipted: Receipted, lines: list[Goods]) -> str | None:
    """Add the purchase (a return when it names an original); the customer id it could not
    find, if any."""
    customer = receipted.customer_id
    unknown = customer is not None and ctx.session.get(Customer, customer) is None
    seq = allocate_seq(ctx.session)
    ctx.session.add(
        Purchase(
            id=receipted.key, number=receipted.number,
            customer_id=None if unknown else customer, purchased_at=receipted.at,
            branch=ctx.user.branch, currency=receipted.currency,
            is_return=receipted.original_number is not None,
            original_number=receipted.original_number,
            total_minor=sum(line.total_minor for line in lines),
            change_seq=seq,
            lines=[_line(line, seq=seq) for line in lines],
        )
    )  # fmt: skip
    ctx.session.flush()
    return customer if unknown else None


def customer_of(ctx: ApplyContext, purchase_id: str) -> str | None:
    """The customer of the sale purchase ``purchase_id`` (None: a walk-in, or none)."""
    return ctx.session.scalar(select(Purchase.customer_id).where(Purchase.id == purchase_id))


def _line(line: Goods, *, seq: int) -> PurchaseLine:
    return PurchaseLine(
        line_no=line.line_no, sku=line.sku, description=line.description,
        quantity_milli=line.quantity_milli, unit_price_scaled=line.unit_price_scaled,
        line_total_minor=line.total_minor, change_seq=seq,
    )  # fmt: skip
