"""Returns by line: a refund that names lines of a basket payment, and the void of one.

A refund's lines are checked against the payment's kept lines (``till_sale_lines``; any
register of the payment's branch may refund it): each line exists with that SKU, its
quantity is whole for a counted unit and at most what was sold less what accepted refunds
took back, and its amount is exactly ``domain.basket.refund_for`` of the line's net and
what came back of it before. The lines are read locked (``FOR UPDATE``) and each counter is
raised by a conditional UPDATE that holds only if nobody moved it since the read, inside
the CHECK that keeps it within the line: two tills returning one line at once can never take
back more than was sold; the later one finds what is left and is declined with the reason.
A void of a basket payment returns every line whole (none may have come back before).

What comes back is a return purchase of the payment's customer and goes back on the
branch's stock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from frontdesk.domain.basket import check_quantity, refund_for
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.money import Money
from frontdesk.protocol.till import ReturnLineWire, TillEntry
from frontdesk.server.catalogue.models import QUANTITY_SCALE
from frontdesk.server.catalogue.stock import milli, quantity_text
from frontdesk.server.push_items import ApplyContext
from frontdesk.server.till import stock_moves
from frontdesk.server.till.models import TillPayment, TillSaleLine
from frontdesk.server.till.purchases import Goods, Receipted, add_purchase, customer_of

_LINES = TillSaleLine.__table__.c


class LinesDeclined(Exception):
    """What of the lines cannot come back (the refund is kept, not accepted)."""


@dataclass(frozen=True, slots=True)
class Back:
    """A line coming back: the sold line as read, and how much of it for how much."""

    sold: TillSaleLine
    quantity_milli: int
    amount_minor: int


def sold_lines(session: Session, payment_id: str) -> int:
    """How many lines the payment sold (0: not a basket sale)."""
    query = select(TillSaleLine.line_no).where(TillSaleLine.payment_id == payment_id)
    return len(session.scalars(query).all())


def take_back_lines(
    session: Session, payment: TillPayment, lines: list[ReturnLineWire]
) -> list[Back]:
    """Check the refund's lines against what is left and raise their counters; raises
    ``LinesDeclined`` with the reason (the caller rolls its savepoint back)."""
    sold = _locked(session, payment.id)
    back = [_checked(sold, line, payment) for line in lines]
    for item in back:
        _raise(session, item)
    return back


def take_back_all(session: Session, payment: TillPayment) -> list[Back]:
    """A void's lines: every line whole, none having come back before."""
    sold = _locked(session, payment.id)
    for line in sold.values():
        if line.returned_milli or line.returned_minor:
            raise LinesDeclined(f"line {line.line_no} of {payment.receipt_no} came back "
                                "before: a void takes back the whole payment")  # fmt: skip
    back = [Back(line, line.quantity_milli, line.net_minor) for line in sold.values()]
    for item in back:
        _raise(session, item)
    return back


def record_return(
    ctx: ApplyContext, entry: TillEntry, payment: TillPayment, back: list[Back]
) -> None:
    """The return purchase of ``back``, and its goods back on the branch's stock."""
    body = entry.body
    receipted = Receipted(entry.key, body.receipt, customer_of(ctx, payment.id),
                          datetime.fromisoformat(entry.at), payment.currency,
                          original_number=payment.receipt_no)  # fmt: skip
    add_purchase(ctx, receipted, [_goods(item) for item in back])
    stock_moves.put_back(ctx.session, [(b.sold.sku, b.quantity_milli) for b in back],
                         branch=ctx.user.branch)  # fmt: skip


def _locked(session: Session, payment_id: str) -> dict[int, TillSaleLine]:
    query = (
        select(TillSaleLine)
        .where(TillSaleLine.payment_id == payment_id)
        .order_by(TillSaleLine.line_no)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return {line.line_no: line for line in session.scalars(query)}


def _checked(sold: dict[int, TillSaleLine], line: ReturnLineWire, payment: TillPayment) -> Back:
    where = f"line {line.line_no} of {payment.receipt_no}"
    row = sold.get(line.line_no)
    if row is None:
        raise LinesDeclined(f"{payment.receipt_no} has no line {line.line_no}")
    if row.sku != line.sku:
        raise LinesDeclined(f"{where} is SKU {row.sku}, not {line.sku}")
    currency = payment.currency
    try:
        check_quantity(Decimal(line.quantity), unit=row.unit, field="quantity")
        due = refund_for(
            Money.from_minor(row.net_minor, currency), sold=_decimal(row.quantity_milli),
            returned=_decimal(row.returned_milli),
            returned_amount=Money.from_minor(row.returned_minor, currency),
            quantity=Decimal(line.quantity),
        )  # fmt: skip
    except ValidationError as error:
        raise LinesDeclined(f"{where}: {error.message}") from None
    asked = Money.of(line.amount, currency)
    if asked != due:
        raise LinesDeclined(f"{where}: {line.quantity} of it pays back {due.amount}, "
                            f"not {asked.amount}")  # fmt: skip
    return Back(row, milli(line.quantity), asked.minor)


def _decimal(thousandths: int) -> Decimal:
    return Decimal(thousandths) / QUANTITY_SCALE


def _raise(session: Session, item: Back) -> None:
    """Raise the line's counters if nobody moved them since they were read."""
    row = item.sold
    done = session.execute(
        update(TillSaleLine)
        .where(
            _LINES.payment_id == row.payment_id,
            _LINES.line_no == row.line_no,
            _LINES.returned_milli == row.returned_milli,
            _LINES.returned_minor == row.returned_minor,
            _LINES.returned_milli + item.quantity_milli <= _LINES.quantity_milli,
        )
        .values(
            returned_milli=_LINES.returned_milli + item.quantity_milli,
            returned_minor=_LINES.returned_minor + item.amount_minor,
        )
        .execution_options(synchronize_session=False)
    )
    if not done.rowcount:
        left = quantity_text(row.quantity_milli - row.returned_milli)
        raise LinesDeclined(
            f"line {row.line_no} came back meanwhile ({left} of it was left when read)"
        )


def _goods(item: Back) -> Goods:
    sold = item.sold
    return Goods(sold.line_no, sold.sku, sold.description, -item.quantity_milli,
                 sold.unit_price_scaled, -item.amount_minor)  # fmt: skip
