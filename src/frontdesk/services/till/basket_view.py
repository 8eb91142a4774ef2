"""A basket as the till shows it: its stored lines priced into ``domain.basket`` lines, their
nets and the totals exactly as the receipt prints them, and whether its discounts need a
supervisor. The arithmetic is ``domain.basket``'s and ``domain.discounts``'; nothing here
rounds on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from frontdesk.domain import basket
from frontdesk.domain.discounts import DiscountKind, DiscountOffer, allowance
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Currency, Money
from frontdesk.services.till.errors import TillRefused
from frontdesk.services.till.journal import refuse
from frontdesk.services.till.ports import Approval, SaleLine, StoredBasket, StoredBasketLine


@dataclass(frozen=True, slots=True)
class BasketLineView:
    """One line: the domain's line (gross, its own discount), the discount as given, and
    its net after its share of the basket's discount."""

    line: basket.BasketLine
    offer: DiscountOffer | None
    net: Money

    line_no = property(lambda self: self.line.line_no)
    sku = property(lambda self: self.line.sku)
    description = property(lambda self: self.line.description)
    unit = property(lambda self: self.line.unit)
    quantity = property(lambda self: self.line.quantity)
    unit_price = property(lambda self: self.line.unit_price)
    gross = property(lambda self: self.line.gross)
    discount = property(lambda self: self.line.discount)


@dataclass(frozen=True, slots=True)
class BasketView:
    """The register's basket. ``id`` is also the key of the payment that settles it."""

    id: str
    register: str
    currency: Currency
    lines: tuple[BasketLineView, ...]
    discount: DiscountOffer | None
    totals: basket.BasketTotals
    customer_id: str | None
    customer_name: str
    approval: Approval | None
    #: The most the cashier may take off alone (the limit's share of ``totals.gross``).
    allowance: Money
    held_name: str = ""
    held_at: datetime | None = None

    @property
    def empty(self) -> bool:
        return not self.lines

    @property
    def discounts(self) -> Money:
        return self.totals.line_discounts + self.totals.basket_discount

    @property
    def needs_approval(self) -> bool:
        """All its discounts together are over the cashier's limit, and none approved."""
        return self.approval is None and self.discounts > self.allowance

    @property
    def sale_lines(self) -> tuple[SaleLine, ...]:
        return tuple(
            SaleLine(
                v.line_no, v.sku, v.description, v.unit, v.quantity, v.unit_price, v.discount, v.net
            )
            for v in self.lines
        )

    @property
    def lines_total(self) -> Money:
        """The lines after their own discounts: the sale before the basket's discount."""
        return self.totals.amount + self.totals.basket_discount


@dataclass(frozen=True, slots=True)
class HeldBasket:
    id: str
    name: str
    held_at: datetime
    lines: int
    amount: Money
    customer_id: str | None


def parse_discount_text(text: str) -> DiscountOffer | None:
    """``"10%"`` a percent, ``"2.50"`` an amount, ``""`` none (checked on the sale later)."""
    text = text.strip()
    if not text:
        return None
    kind = DiscountKind.PERCENT if text.endswith("%") else DiscountKind.AMOUNT
    try:
        value = Decimal(text.removesuffix("%").strip())
    except ArithmeticError:
        raise TillRefused(f"discount: {text!r} is not a number or a percentage",
                          code="discount_text", field="discount", text=text) from None  # fmt: skip
    if not value.is_finite():
        raise TillRefused(f"discount: {text!r} is not a number", code="discount_text",
                          field="discount", text=text)  # fmt: skip
    return DiscountOffer(kind, value)


def line_of(stored: StoredBasketLine) -> basket.BasketLine:
    """The domain's line, its discount made from the offer on its gross (``TillRefused``)."""
    try:
        plain = basket.BasketLine(stored.line_no, stored.sku, stored.description, stored.unit,
                                  stored.quantity, stored.unit_price,
                                  Money.zero(stored.unit_price.currency))  # fmt: skip
        given = stored.offer.on(plain.gross) if stored.offer else None
        if given is None:
            return plain
        return basket.BasketLine(plain.line_no, plain.sku, plain.description, plain.unit,
                                 plain.quantity, plain.unit_price, given.amount)  # fmt: skip
    except DomainError as error:
        raise _on_line(refuse(error), stored.line_no) from None


def _on_line(error: TillRefused, line_no: int) -> TillRefused:
    error.params.setdefault("line", line_no)
    return error


def basket_discount(offer: DiscountOffer | None, lines: list[basket.BasketLine]) -> Money:
    currency = lines[0].unit_price.currency if lines else None
    if offer is None or currency is None:
        return Money.zero(currency or "GBP")
    total = sum((line.total for line in lines), Money.zero(currency))
    try:
        given = offer.on(total)
    except DomainError as error:
        raise refuse(error) from None
    return given.amount if given else Money.zero(currency)


def view_of(stored: StoredBasket, *, limit: Decimal, customer_name: str = "") -> BasketView:
    """``stored`` priced: its lines, nets and totals, and the cashier's allowance."""
    currency = Currency.of(stored.currency)
    lines = [line_of(line) for line in stored.lines]
    off = basket_discount(stored.discount, lines) if lines else Money.zero(currency)
    nets = basket.nets(lines, off)
    totals = basket.totals(lines, off, line_nets=nets)
    views = tuple(BasketLineView(line, s.offer, net)
                  for line, s, net in zip(lines, stored.lines, nets, strict=True))  # fmt: skip
    return BasketView(
        id=stored.id, register=stored.register, currency=currency, lines=views,
        discount=stored.discount, totals=totals, customer_id=stored.customer_id,
        customer_name=customer_name, approval=stored.approval,
        allowance=allowance(totals.gross, limit), held_name=stored.held_name,
        held_at=stored.held_at,
    )  # fmt: skip


def held_of(view: BasketView) -> HeldBasket:
    assert view.held_at is not None
    return HeldBasket(view.id, view.held_name, view.held_at, len(view.lines), view.totals.amount,
                      view.customer_id)  # fmt: skip
