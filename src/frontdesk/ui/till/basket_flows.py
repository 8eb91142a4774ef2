"""The basket's work, from the till window: each change is one ``TillBasket`` call in a
background operation, and the basket the till answers with is shown whole (its totals are
the till's, never added up here).

What was typed or scanned is tried as a barcode or SKU first; words that match no code are
searched in the catalogue (one match is added, several are listed to pick from). A discount
over the cashier's limit stays on the basket and opens the supervisor approval; cancelled,
the basket says it still needs one, and the payment asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget
from shiboken6 import isValid

from frontdesk.services.read_models import RecommendationRow
from frontdesk.services.till.basket import BasketView, HeldBasket, TillBasket, parse_discount_text
from frontdesk.ui.catalogue.texts import quantity as format_quantity
from frontdesk.ui.catalogue.texts import unit_name
from frontdesk.ui.formatting import format_money
from frontdesk.ui.till.basket_box import BasketBox
from frontdesk.ui.till.basket_dialogs import RecallDialog, ValueDialog
from frontdesk.ui.till.dialogs import ApprovalDialog
from frontdesk.ui.till.offers_box import OFFERS_SHOWN, OffersBox
from frontdesk.ui.till.refusals import Refusal, attempt
from frontdesk.ui.till.scanner import FieldScan

translate = QCoreApplication.translate
Submit = Callable[..., None]
Change = Callable[[TillBasket], BasketView]
#: Products a search lists to pick from.
FOUND_SHOWN = 20
#: Offers asked for: enough that those already in the basket can be left out.
OFFERS_ASKED = 12


def _tr(text: str) -> str:
    return translate("TillBasket", text)


class BasketFlows(QObject):
    """The basket of one till window.

    Args:
        basket: the register's basket.
        box: the basket box it fills and listens to.
        offers: the cross-sell offers box beside it.
        submit: runs a background operation (``OpRunner.submit``).
        open_dialog: opens a dialog over the window.
        parent: the window.

    Signals:
        basket_shown(object): the box shows this ``BasketView``.
        offers_shown(int): the offers box shows this many offers.
        refused(str): the till refused a change; the box or dialog says why.
    """

    basket_shown = Signal(object)
    offers_shown = Signal(int)
    refused = Signal(str)

    def __init__(self, basket: TillBasket, *, box: BasketBox, offers: OffersBox,
                 submit: Submit, open_dialog: Callable[[QDialog], None],
                 parent: QWidget) -> None:  # fmt: skip
        super().__init__(parent)
        self.basket, self._box, self._offers = basket, box, offers
        self._submit, self._open_dialog, self._parent = submit, open_dialog, parent
        self.view: BasketView | None = None
        self._customer: str | None = None
        self._all_offers: list[RecommendationRow] = []
        box.code_entered.connect(self.add_code)
        box.product_picked.connect(self._on_box_product_picked)
        box.remove_requested.connect(self._on_box_remove_requested)
        box.quantity_requested.connect(self._on_box_quantity_requested)
        box.line_discount_requested.connect(self._on_box_line_discount_requested)
        box.basket_discount_requested.connect(self._on_box_basket_discount_requested)
        offers.add_requested.connect(self._on_offers_add_requested)

    def load(self) -> None:
        self._change(lambda b: b.current(), added=False)

    # Changes

    def _change(self, change: Change, *, added: bool = False,
                dialog: Any = None) -> None:  # fmt: skip
        basket = self.basket
        self._submit(attempt(lambda: change(basket)), channel="basket",
                     on_success=lambda result: self._on_changed(result, added, dialog))  # fmt: skip

    def _on_changed(self, result: BasketView | Refusal, added: bool, dialog: Any) -> None:
        if isinstance(result, Refusal):
            self._refused(result, dialog)
            return
        if dialog is not None and isValid(dialog):
            dialog.accept()
        if added:
            self._box.added()
        self.show(result)

    def show(self, view: BasketView) -> None:
        self.view = view
        self._box.show_basket(view)
        if view.customer_id != self._customer:
            self._customer = view.customer_id
            self.load_offers()
        else:
            self._show_offers()
        self.basket_shown.emit(view)

    def _refused(self, refusal: Refusal, dialog: Any) -> None:
        text = basket_refusal_text(refusal)
        if dialog is not None and isValid(dialog):
            dialog.show_error(text)
        else:
            self._box.fail(text)
        self.refused.emit(text)

    def add_code(self, text: str, quantity: Decimal) -> None:
        """A barcode or SKU (typed or scanned), else words to find the product by."""
        catalogue = self.basket.catalogue

        def work(basket: TillBasket) -> Any:
            result = attempt(lambda: basket.add_code(text, quantity=quantity))()
            if not isinstance(result, Refusal) or result.code != "product_unknown":
                return result
            found = catalogue.search(text, limit=FOUND_SHOWN)
            if len(found) == 1:
                return basket.add_sku(found[0].sku, quantity=quantity)
            return found or result

        basket = self.basket
        self._submit(attempt(lambda: work(basket)), channel="basket",
                     on_success=lambda result: self._on_added(result, quantity))  # fmt: skip

    def _on_added(self, result: Any, quantity: Decimal) -> None:
        if isinstance(result, list):
            self._box.show_choices(result, quantity)
            return
        self._on_changed(result, True, None)

    def scanned(self, code: str) -> None:
        """A scanner's code heard from anywhere in the window: one more of it."""
        self.add_code(code, Decimal(1))

    def field_scanned(self, scan: FieldScan) -> None:
        """A code scanned into a field that reads codes too (the customer search): a
        product's barcode goes to the basket, anything else back to the field."""
        basket, code = self.basket, scan.code

        def work() -> BasketView | None:
            if basket.catalogue.find_by_code(code) is None:
                return None
            return basket.add_code(code)

        self._submit(attempt(work), channel="basket",
                     on_success=lambda result: self._on_field_scanned(result, scan))  # fmt: skip

    def _on_field_scanned(self, result: Any, scan: FieldScan) -> None:
        if result is None:
            scan.keep()
            return
        scan.give_back()
        self._on_changed(result, True, None)

    def _on_box_product_picked(self, sku: str, quantity: Decimal) -> None:
        self._change(lambda b: b.add_sku(sku, quantity=quantity), added=True)

    def _on_box_remove_requested(self, line_no: int) -> None:
        self._change(lambda b: b.remove(line_no))

    def attach_customer(self, customer_id: str | None) -> None:
        if self.view is not None and self.view.customer_id == customer_id:
            return
        self._change(lambda b: b.attach_customer(customer_id))

    def clear(self) -> None:
        self._change(lambda b: b.clear())

    # A line's quantity, the discounts

    def _line(self, line_no: int) -> Any:
        lines = self.view.lines if self.view is not None else ()
        return next((line for line in lines if line.line_no == line_no), None)

    def _on_box_quantity_requested(self, line_no: int) -> ValueDialog | None:
        line = self._line(line_no)
        if line is None:
            return None
        about = _tr("%1, sold in %2").replace("%1", line.description)
        dialog = ValueDialog(
            title=_tr("Quantity of line %1").replace("%1", str(line_no)),
            about=about.replace("%2", unit_name(line.unit)), label=_tr("&Quantity"),
            text=format_quantity(line.quantity), parent=self._parent,
            hint=_tr("A weight or length takes up to 3 decimals (0.350)."),
        )  # fmt: skip
        dialog.submitted.connect(lambda text: self._on_quantity_submitted(dialog, line_no, text))
        self._open_dialog(dialog)
        return dialog

    def _on_quantity_submitted(self, dialog: ValueDialog, line_no: int, text: str) -> None:
        quantity = _decimal(text)
        if quantity is None:
            dialog.show_error(_tr("Type a number more than 0, such as 2 or 0.350."))
            return
        self._change(lambda b: b.set_quantity(line_no, quantity), dialog=dialog)

    def _on_box_line_discount_requested(self, line_no: int) -> ValueDialog | None:
        line = self._line(line_no)
        if line is None:
            return None
        about = _tr("%1: %2").replace("%1", line.description)
        return self._ask_discount(
            _tr("Discount on line %1").replace("%1", str(line_no)),
            about.replace("%2", format_money(line.gross)), line.offer,
            lambda b, offer, signed: b.discount_line(line_no, offer, supervisor=signed),
        )  # fmt: skip

    def _on_box_basket_discount_requested(self) -> ValueDialog | None:
        if self.view is None:
            return None
        about = _tr("The lines come to %1.").replace("%1", format_money(self.view.lines_total))
        return self._ask_discount(
            _tr("Basket discount"),
            about,
            self.view.discount,
            lambda b, offer, signed: b.discount_basket(offer, supervisor=signed),
        )

    def _ask_discount(self, title: str, about: str, offer: Any,
                      give: Callable[..., BasketView]) -> ValueDialog:  # fmt: skip
        dialog = ValueDialog(
            title=title, about=about, label=_tr("&Discount"), text=_offer_text(offer),
            hint=_tr("10% for a percentage, 2.50 for an amount; empty for none."),
            parent=self._parent,
        )  # fmt: skip
        dialog.submitted.connect(lambda text: self._on_discount_submitted(dialog, text, give))
        self._open_dialog(dialog)
        return dialog

    def _on_discount_submitted(self, dialog: ValueDialog, text: str,
                               give: Callable[..., BasketView]) -> None:  # fmt: skip
        def change(basket: TillBasket) -> BasketView:
            return give(basket, parse_discount_text(text.replace(",", ".")), None)

        basket = self.basket
        self._submit(
            attempt(lambda: change(basket)), channel="basket",
            on_success=lambda result: self._on_discounted(dialog, text, give, result),
        )  # fmt: skip

    def _on_discounted(self, dialog: ValueDialog, text: str, give: Callable[..., BasketView],
                       result: BasketView | Refusal) -> None:  # fmt: skip
        self._on_changed(result, False, dialog)
        if isinstance(result, BasketView) and result.needs_approval:
            self._ask_approval(result, lambda b, signed: give(
                b, parse_discount_text(text.replace(",", ".")), signed))  # fmt: skip

    def _ask_approval(self, view: BasketView, give: Callable[..., BasketView]) -> ApprovalDialog:
        dialog = ApprovalDialog(approval_summary(view), self._parent)
        dialog.submitted.connect(lambda signed: self._on_approval_submitted(dialog, give, signed))
        self._open_dialog(dialog)
        return dialog

    def _on_approval_submitted(self, dialog: ApprovalDialog, give: Callable[..., BasketView],
                               signed: tuple[str, str]) -> None:  # fmt: skip
        basket = self.basket
        self._submit(attempt(lambda: give(basket, signed)), channel="basket",
                     on_success=lambda result: self._on_approved(dialog, result))  # fmt: skip

    def _on_approved(self, dialog: ApprovalDialog, result: BasketView | Refusal) -> None:
        if isinstance(result, Refusal):
            if isValid(dialog):
                dialog.show_error(result.text, supervisor=result.kind == "approval")
            self.refused.emit(result.text)
            return
        if isValid(dialog):
            dialog.accept()
        self.show(result)

    # Hold and recall

    def hold(self) -> None:
        name = self.view.customer_name if self.view is not None else ""
        basket = self.basket
        self._submit(attempt(lambda: (basket.hold(name), basket.current())), channel="basket",
                     on_success=self._on_held)  # fmt: skip

    def _on_held(self, result: tuple[HeldBasket, BasketView] | Refusal) -> None:
        if isinstance(result, Refusal):
            self._refused(result, None)
            return
        self.show(result[1])

    def recall(self) -> None:
        basket = self.basket
        self._submit(
            attempt(basket.held_baskets), channel="basket", on_success=self._on_held_listed
        )

    def _on_held_listed(self, result: list[HeldBasket] | Refusal) -> RecallDialog | None:
        if isinstance(result, Refusal):
            self._refused(result, None)
            return None
        if not result:
            self._box.fail(_tr("No basket is held at this register."))
            return None
        dialog = RecallDialog(result, self._parent)
        dialog.picked.connect(lambda basket_id: self._change(
            lambda b: b.recall(basket_id), dialog=dialog))  # fmt: skip
        self._open_dialog(dialog)
        return dialog

    # Cross-sell

    def load_offers(self) -> None:
        if self._customer is None:
            self._on_offers_loaded([])
            return
        basket = self.basket
        self._submit(attempt(lambda: _named(basket, basket.offers(k=OFFERS_ASKED))),
                     channel="till-offers", on_success=self._on_offers_loaded)  # fmt: skip

    def _on_offers_loaded(self, result: list[RecommendationRow] | Refusal) -> None:
        self._all_offers = [] if isinstance(result, Refusal) else result
        self._show_offers()

    def _show_offers(self) -> None:
        """The offers of what is not in the basket already."""
        taken = {line.sku for line in self.view.lines} if self.view is not None else set()
        offers = [offer for offer in self._all_offers if offer.sku not in taken][:OFFERS_SHOWN]
        self._offers.show_offers(offers, customer=self._customer is not None)
        self.offers_shown.emit(len(offers))

    def _on_offers_add_requested(self, offer: RecommendationRow) -> None:
        self._change(lambda b: b.add_offer(offer))


def _named(basket: TillBasket, offers: list[RecommendationRow]) -> list[RecommendationRow]:
    """The offers with their products' names in the till's language (the model has one)."""
    names = {p.sku: p.name for p in basket.catalogue.summaries([o.sku for o in offers])}
    return [replace(offer, name=names.get(offer.sku) or offer.name) for offer in offers]


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except ArithmeticError:
        return None
    return value if value.is_finite() and value > 0 else None


def _offer_text(offer: Any) -> str:
    if offer is None:
        return ""
    return f"{offer.value}%" if offer.kind.value == "percent" else str(offer.value)


def approval_summary(view: BasketView) -> str:
    text = _tr("Discounts of %1 on a sale of %2 are over the cashier's limit (%3). "
               "A supervisor must approve them.")  # fmt: skip
    return (
        text.replace("%1", format_money(view.discounts))
        .replace("%2", format_money(view.totals.gross)).replace("%3", format_money(view.allowance))
    )  # fmt: skip


def basket_refusal_text(refusal: Refusal) -> str:
    """A refusal of a basket change in the cashier's language; the domain's quantity checks
    have no code, so they get the rule in words here."""
    if refusal.field == "quantity" and not refusal.code:
        return _tr("This product is sold in whole pieces, or by weight or length with at most "
                   "3 decimals: the quantity does not fit.")  # fmt: skip
    return refusal.text
