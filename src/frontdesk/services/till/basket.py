"""The till's basket: products scanned, typed or found, priced from the branch's price list
now, discounted, held and recalled, and settled by one payment with its lines.

Each register has at most one open basket, kept in the cache with its held ones, so a
basket survives a restart and hold/recall works offline. Recalling a basket while another
one has lines holds that one first (nothing is ever dropped by a recall). A basket's id is
the key of the payment that settles it: a supervisor approves its discounts for that very
payment, and settling twice records one payment. The payment removes the basket in its own
transaction, with its journal entry and outbox item (``services.till.journal``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal

from frontdesk.domain import basket as domain_basket
from frontdesk.domain.discounts import DiscountOffer
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.domain.till import EntryKind, Purpose, Tender
from frontdesk.services.catalogue.desk import DeskCatalogue
from frontdesk.services.catalogue.ports import ProductRecord
from frontdesk.services.crosssell_feedback import feedback_record
from frontdesk.services.errors import NoCrossSellModel
from frontdesk.services.read_models import RecommendationRow
from frontdesk.services.till import returns
from frontdesk.services.till.basket_view import (
    BasketLineView,
    BasketView,
    HeldBasket,
    held_of,
    parse_discount_text,
    view_of,
)
from frontdesk.services.till.desk import Credentials, TillDesk
from frontdesk.services.till.errors import ApprovalNeeded, TillRefused
from frontdesk.services.till.journal import Clock, refuse
from frontdesk.services.till.ports import (
    Approval,
    ApprovalScope,
    StoredBasket,
    StoredBasketLine,
    TillTransaction,
)
from frontdesk.services.till.returns import RefundableReceipt

ONE = Decimal(1)
Change = Callable[[StoredBasket], StoredBasket]


class TillBasket:
    """One register's basket, for the till window and the CLI (plain blocking calls).

    Args:
        desk: the register's till (its unit of work, rules, cashier, supervisor check).
        catalogue: products and the branch's prices, read from the cache.
        clock: now, aware UTC (by default the desk's).
    """

    def __init__(
        self, desk: TillDesk, catalogue: DeskCatalogue, *, clock: Clock | None = None
    ) -> None:
        self.desk, self.catalogue, self._clock = desk, catalogue, clock or desk.clock
        self.uow = desk.uow

    # Reading

    def current(self) -> BasketView:
        with self.uow:
            stored = self.uow.baskets.open_basket(self.desk.register) or self._new()
        return self._view(stored)

    def held_baskets(self) -> list[HeldBasket]:
        with self.uow:
            held = self.uow.baskets.held(self.desk.register)
        return [held_of(self._view(stored)) for stored in held]

    def due(self) -> Money:
        return self.current().totals.amount

    # Lines

    def add_code(self, code: str, *, quantity: Decimal = ONE) -> BasketView:
        """A scanned barcode or a typed SKU; the same product again adds to its line."""
        product = self.catalogue.find_by_code(code.strip())
        if product is None:
            raise _unknown(code.strip())
        return self._add(product, quantity)

    def add_sku(self, sku: str, *, quantity: Decimal = ONE) -> BasketView:
        """A product picked from a search result."""
        return self.add_code(sku, quantity=quantity)

    def set_quantity(self, line_no: int, quantity: Decimal) -> BasketView:
        def change(stored: StoredBasket) -> StoredBasket:
            line = _line(stored, line_no)
            return _with_line(stored, replace(line, quantity=quantity))

        return self._change(change)

    def remove(self, line_no: int) -> BasketView:
        def change(stored: StoredBasket) -> StoredBasket:
            _line(stored, line_no)
            kept = [line for line in stored.lines if line.line_no != line_no]
            lines = tuple(replace(line, line_no=n) for n, line in enumerate(kept, start=1))
            return replace(stored, lines=lines, approval=None)

        return self._change(change)

    def clear(self) -> BasketView:
        with self.uow:
            if (stored := self.uow.baskets.open_basket(self.desk.register)) is not None:
                self.uow.baskets.delete(stored.id)
                self.uow.commit()
        return self.current()

    # Discounts and customer

    def discount_line(
        self, line_no: int, offer: DiscountOffer | None, *, supervisor: Credentials | None = None
    ) -> BasketView:
        def change(stored: StoredBasket) -> StoredBasket:
            return _with_line(stored, replace(_line(stored, line_no), offer=offer))

        return self._approved(self._change(change), supervisor)

    def discount_basket(
        self, offer: DiscountOffer | None, *, supervisor: Credentials | None = None
    ) -> BasketView:
        def change(stored: StoredBasket) -> StoredBasket:
            if offer is not None and not stored.lines:
                raise _empty()
            return replace(stored, discount=offer, approval=None)

        return self._approved(self._change(change), supervisor)

    def attach_customer(self, customer_id: str | None) -> BasketView:
        customer_id = (customer_id or "").strip() or None

        def change(stored: StoredBasket) -> StoredBasket:
            if customer_id is not None and self.uow.local.customer_fields(customer_id) is None:
                raise TillRefused(f"customer: no customer {customer_id} in the local cache",
                                  code="customer_unknown", field="customer",
                                  customer=customer_id)  # fmt: skip
            return replace(stored, customer_id=customer_id)

        return self._change(change)

    # Hold and recall

    def hold(self, name: str = "") -> HeldBasket:
        with self.uow:
            stored = self.uow.baskets.open_basket(self.desk.register)
            if stored is None or not stored.lines:
                raise _empty()
            held = replace(stored, held_name=name.strip()[:100], held_at=self._clock())
            self.uow.baskets.save(held)
            self.uow.commit()
        return held_of(self._view(held))

    def recall(self, basket_id: str) -> BasketView:
        """The held basket becomes the open one; an open one with lines is held first."""
        with self.uow:
            held = self.uow.baskets.basket(basket_id.strip())
            if held is None or held.held_at is None or held.register != self.desk.register:
                raise TillRefused(f"basket: no held basket {basket_id!r} at this register",
                                  code="basket_unknown", field="basket",
                                  basket=basket_id)  # fmt: skip
            self._put_aside(self.uow.baskets.open_basket(self.desk.register))
            recalled = replace(held, held_at=None, held_name="")
            self.uow.baskets.save(recalled)
            self.uow.commit()
        return self._view(recalled)

    def _put_aside(self, stored: StoredBasket | None) -> None:
        if stored is None:
            return
        if not stored.lines:
            self.uow.baskets.delete(stored.id)
        else:
            self.uow.baskets.save(replace(stored, held_at=self._clock()))

    # Settling

    def settle(
        self, tenders: Iterable[tuple[Tender, Money]], *, supervisor: Credentials | None = None
    ) -> TillTransaction:
        """Take the basket's payment (its lines, its customer) and remove the basket."""
        view = self.current()
        if view.empty:
            raise _empty()
        approval = self._ask(view, supervisor) if supervisor else view.approval
        if approval is None and view.needs_approval:
            raise _over_limit(view, self.desk.rules.discount_limit)
        has_discount = bool(view.totals.basket_discount.minor)
        return self.desk.pay(
            amount=view.lines_total, tenders=tenders, customer_id=view.customer_id,
            purpose=Purpose.PURCHASE, key=view.id,
            discount=view.discount if has_discount else None, approval=approval,
            lines=view.sale_lines, settles=view.id,
        )  # fmt: skip

    # Returns by line

    def refundable(self, receipt: str) -> RefundableReceipt:
        """A payment of this till or the branch, each line with what is left to return."""
        found = self.desk.receipt_to_refund(receipt)
        with self.uow:
            lines = returns.refundable_lines(self.uow, found.payment)
        return RefundableReceipt(found.payment, lines, found.left, found.pulled)

    def refund_amount(self, receipt: str, lines: Iterable[tuple[int, Decimal]]) -> Money:
        """What returning ``lines`` (line number, quantity) of ``receipt`` pays back."""
        payment = self.refundable(receipt).payment
        with self.uow:
            priced = returns.priced_returns(self.uow, payment, lines)
        return returns.returns_total(priced, payment.amount.currency.code)

    def refund_lines(
        self,
        receipt: str,
        lines: Iterable[tuple[int, Decimal]],
        *,
        tender: Tender = Tender.CASH,
        reason: str = "",
        key: str | None = None,
        supervisor: Credentials | None = None,
        approval: Approval | None = None,
    ) -> TillTransaction:
        asked = list(lines)
        amount = self.refund_amount(receipt, asked)
        return self.desk.refund(
            receipt.strip().upper(), amount=amount, tender=tender, reason=reason, key=key,
            approval=approval, supervisor=supervisor, lines=asked,
        )  # fmt: skip

    # Cross-sell

    def offers(self, k: int = 5) -> list[RecommendationRow]:
        """The attached customer's top offers ([] without a customer or a model)."""
        customer_id = self.current().customer_id
        if customer_id is None or self.desk.queries is None:
            return []
        try:
            return self.desk.queries.recommendations(customer_id, k=k)
        except NoCrossSellModel:
            return []

    def add_offer(self, offer: RecommendationRow, *, quantity: Decimal = ONE) -> BasketView:
        """Put the offered product in the basket and record the offer as accepted, in one
        transaction (the feedback is the existing ``crosssell.feedback`` write)."""
        product = self.catalogue.find_by_code(offer.sku)
        if product is None:
            raise _unknown(offer.sku)
        return self._add(product, quantity, offer=offer)

    # The one way a basket changes

    def _add(
        self, product: ProductRecord, quantity: Decimal, *, offer: RecommendationRow | None = None
    ) -> BasketView:
        def change(stored: StoredBasket) -> StoredBasket:
            price = self._price(product, stored.currency)
            if offer is not None:
                self._accepted(stored, offer)
            return _added(stored, product, price, quantity, language=self.catalogue.language)

        return self._change(change)

    def _accepted(self, stored: StoredBasket, offer: RecommendationRow) -> None:
        if stored.customer_id is None:
            raise TillRefused("customer: attach the customer the offer was made to first",
                              code="customer_missing", field="customer")  # fmt: skip
        self.uow.outbox.add(feedback_record(stored.customer_id, offer, "accepted", self._clock()))

    def _change(self, change: Change) -> BasketView:
        with self.uow:
            stored = self.uow.baskets.open_basket(self.desk.register)
            changed = change(stored or self._new())
            view = self._view(changed)  # refuses what does not price
            self.uow.baskets.save(_with_amounts(changed, view), before=stored)
            self.uow.commit()
        return view

    def _approved(self, view: BasketView, supervisor: Credentials | None) -> BasketView:
        if supervisor is None or not view.needs_approval:
            return view
        approval = self._ask(view, supervisor)
        with self.uow:
            stored = self.uow.baskets.open_basket(self.desk.register)
            if stored is None or stored.id != view.id:
                raise TillRefused("basket: it changed while the supervisor approved",
                                  code="basket_changed", field="basket")  # fmt: skip
            approved = replace(stored, approval=approval)
            self.uow.baskets.save(approved)
            self.uow.commit()
        return self._view(approved)

    def _ask(self, view: BasketView, supervisor: Credentials) -> Approval:
        scope = ApprovalScope(self.desk.register, EntryKind.PAYMENT.value, view.id,
                              view.totals.amount)  # fmt: skip
        return self.desk.approve(*supervisor, scope=scope)

    def _view(self, stored: StoredBasket) -> BasketView:
        name = self.desk.customer_name(stored.customer_id)
        return view_of(stored, limit=self.desk.rules.discount_limit, customer_name=name)

    def _new(self) -> StoredBasket:
        """A new basket (inside ``with self.uow``), in the open shift's currency."""
        shift = self.uow.till.open_shift(self.desk.register)
        currency = shift.opening_float.currency.code if shift else self.desk.currency
        return StoredBasket(str(uuid.uuid4()), self.desk.register, currency, self._clock())

    def _price(self, product: ProductRecord, currency: str) -> UnitPrice:
        branch = self.catalogue.branch()
        if branch is None:
            raise TillRefused("branch: this desk has no branch yet; sync it first",
                              code="no_branch", field="branch")  # fmt: skip
        price = self.catalogue.price(product.sku, currency=currency, branch=branch)
        if price is None:
            name = product.name_in(self.catalogue.language)
            raise TillRefused(
                f"product: {product.sku} ({name}) has no {currency} price at {branch} today",
                code="product_unpriced", field="code", sku=product.sku, name=name,
                currency=currency, branch=branch,
            )  # fmt: skip
        return price


def _added(
    stored: StoredBasket, product: ProductRecord, price: UnitPrice, quantity: Decimal, *,
    language: str,
) -> StoredBasket:  # fmt: skip
    same = next((line for line in stored.lines if line.sku == product.sku), None)
    if same is not None:
        return _with_line(stored, replace(same, quantity=same.quantity + quantity))
    if len(stored.lines) >= domain_basket.MAX_LINES:
        most = domain_basket.MAX_LINES
        raise TillRefused(f"basket: at most {most} lines", code="basket_full", field="basket",
                          most=most)  # fmt: skip
    line = StoredBasketLine(len(stored.lines) + 1, product.sku, product.name_in(language)[:300],
                            product.unit, quantity, price)  # fmt: skip
    _check_quantity(line)
    return replace(stored, lines=(*stored.lines, line), approval=None)


def _with_line(stored: StoredBasket, line: StoredBasketLine) -> StoredBasket:
    _check_quantity(line)
    lines = tuple(line if old.line_no == line.line_no else old for old in stored.lines)
    return replace(stored, lines=lines, approval=None)


def _check_quantity(line: StoredBasketLine) -> None:
    try:
        domain_basket.check_quantity(line.quantity, unit=line.unit, field="quantity")
    except DomainError as error:
        raise refuse(error) from None


def _line(stored: StoredBasket, line_no: int) -> StoredBasketLine:
    found = next((line for line in stored.lines if line.line_no == line_no), None)
    if found is None:
        raise TillRefused(f"line: the basket has no line {line_no}", code="line_unknown",
                          field="line", line=line_no)  # fmt: skip
    return found


def _with_amounts(stored: StoredBasket, view: BasketView) -> StoredBasket:
    """Each line with the discount its offer made now (kept for the record)."""
    minors = {v.line_no: v.discount.minor for v in view.lines}
    lines = tuple(replace(line, discount_minor=minors[line.line_no]) for line in stored.lines)
    return replace(stored, lines=lines)


def _unknown(code: str) -> TillRefused:
    return TillRefused(f"code: no product {code!r} in the catalogue", code="product_unknown",
                       field="code", code_text=code)  # fmt: skip


def _empty() -> TillRefused:
    return TillRefused("basket: it has no lines", code="basket_empty", field="basket")


def _over_limit(view: BasketView, limit: Decimal) -> ApprovalNeeded:
    return ApprovalNeeded(
        f"discount: {view.discounts} off is over the cashier's limit of {limit}% of the sale "
        f"({view.allowance}); a supervisor must approve it",
        code="discount_over_limit", field="discount", discount=view.discounts,
        most=view.allowance, limit=limit,
    )  # fmt: skip


__all__ = ["BasketLineView", "BasketView", "HeldBasket", "TillBasket", "parse_discount_text"]
