"""A basket payment on the server: what it sold, kept line by line, as a purchase of its
customer, and off the branch's stock.

The entry's model has checked the basket's arithmetic (``protocol.till``: every line's
figures and nets are what ``domain.basket`` makes of them, and they add up to the amount).
Here the server checks what only it knows: each SKU is a product of its catalogue, and only
a purchase sells goods. A basket that fails is kept, not accepted, with the reason (the
journal never stalls), and moves nothing.

Prices: the server records the unit price the till charged and does not compare it with its
price list. A till sells offline from the price list it pulled; a price changed since is
not the customer's concern, and a refusal would leave goods sold and money taken without a
sale. A price the till lowered by hand shows as a discount, which the server checks against
the cashier's limit (``server.till.checks``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.protocol.till import PaymentBody, SaleLineWire, TillEntry
from frontdesk.server.catalogue.stock import milli
from frontdesk.server.models import Product
from frontdesk.server.push_items import ApplyContext
from frontdesk.server.till import stock_moves
from frontdesk.server.till.models import TillSaleLine
from frontdesk.server.till.purchases import Goods, Receipted, add_purchase

#: Unknown SKUs named in one reason, at most (a tampered basket may list 500).
NAMED = 5


def basket_problem(ctx: ApplyContext, body: PaymentBody) -> str | None:
    """Why the server cannot take this basket as a sale (None: it can)."""
    if body.purpose != "purchase":
        return f"lines: a payment for {body.purpose} sells no goods"
    skus = {line.sku for line in body.lines}
    known = set(ctx.session.scalars(select(Product.sku).where(Product.sku.in_(skus))))
    unknown = [(n, line.sku) for n, line in enumerate(body.lines) if line.sku not in known]
    if not unknown:
        return None
    named = "; ".join(f"lines.{n}.sku: no product {sku!r} here" for n, sku in unknown[:NAMED])
    more = len(unknown) - NAMED
    return named + (f"; and {more} more" if more > 0 else "")


def record_sale(ctx: ApplyContext, entry: TillEntry) -> dict[str, str]:
    """Keep an accepted basket's lines, add its purchase, take its goods off the stock."""
    body: PaymentBody = entry.body
    lines = [sale_line(entry.key, line, body.currency) for line in body.lines]
    ctx.session.add_all(lines)
    receipted = Receipted(entry.key, body.receipt, body.customer_id,
                          datetime.fromisoformat(entry.at), body.currency)  # fmt: skip
    unknown = add_purchase(ctx, receipted, [goods_of(line) for line in lines])
    stock_moves.take(ctx.session, [(line.sku, line.quantity_milli) for line in lines],
                     branch=ctx.user.branch)  # fmt: skip
    return {"walk_in_because": f"no customer {unknown!r} here"} if unknown else {}


def sale_line(payment_id: str, line: SaleLineWire, currency: str) -> TillSaleLine:
    return TillSaleLine(
        payment_id=payment_id, line_no=line.line_no, sku=line.sku,
        description=line.description, unit=line.unit, quantity_milli=milli(line.quantity),
        unit_price_scaled=UnitPrice.of(line.unit_price, currency).scaled,
        net_minor=Money.of(line.net, currency).minor, returned_milli=0, returned_minor=0,
    )  # fmt: skip


def goods_of(line: TillSaleLine) -> Goods:
    return Goods(line.line_no, line.sku, line.description, line.quantity_milli,
                 line.unit_price_scaled, line.net_minor)  # fmt: skip
