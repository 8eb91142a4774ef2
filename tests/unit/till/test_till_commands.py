"""The till's commands carry Money, and the use cases check a command whoever built it:
a wrong one is refused naming its field before anything is touched."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest

from frontdesk.domain.discounts import DiscountKind, DiscountOffer
from frontdesk.domain.money import Currency, Money
from frontdesk.domain.till import CashCount, Tender, TillInputError, TillRules, check_amount
from frontdesk.services import till

RULES = TillRules(currencies=("GBP",), limit=Decimal("500"))
GBP = Currency.of("GBP")


def gbp(amount: str) -> Money:
    return Money.of(amount, GBP)


class UntouchedUnitOfWork:
    """A refused command never gets as far as the unit of work."""

    def __enter__(self):
        raise AssertionError("the unit of work was entered")


def _pay(amount: Money, tenders, **extra) -> till.RecordPayment:
    return till.RecordPayment("SHOP1", "cat", amount, tuple(tenders), **extra)


@pytest.mark.parametrize(
    ("payment", "field", "code"),
    [
        (_pay(gbp("0"), [(Tender.CASH, gbp("0"))]), "amount", "not_positive"),
        (_pay(gbp("-5"), [(Tender.CASH, gbp("5"))]), "amount", "not_positive"),
        (_pay(gbp("500.01"), [(Tender.CARD, gbp("500.01"))]), "amount", "over_limit"),
        (_pay(Money.of("5", "EUR"), [(Tender.CASH, Money.of("5", "EUR"))]), "currency",
         "currency_not_accepted"),
        (_pay(gbp("5"), [(Tender.CASH, gbp("4"))]), "tender", "not_covered"),
        (_pay(gbp("5"), [(Tender.CARD, gbp("6"))]), "tender", "only_cash_over"),
        (_pay(gbp("5"), []), "tender", "no_tender"),
        (_pay(gbp("5"), [(Tender.CARD, gbp("1")), (Tender.CASH, gbp("-1"))]),
         "tender 2 amount", "not_positive"),
        (_pay(gbp("5"), [(Tender.CASH, gbp("5"))],
              discount=DiscountOffer(DiscountKind.PERCENT, Decimal("100.5"))), "discount",
         "over_100"),
        (_pay(gbp("5"), [(Tender.CASH, gbp("5"))], purpose="gift"), "purpose", "purpose_unknown"),
    ],
)  # fmt: skip
def test_a_payment_command_is_checked_by_the_use_case(payment, field, code) -> None:
    with pytest.raises(till.TillRefused) as refused:
        till.record_payment(UntouchedUnitOfWork(), payment, rules=RULES)  # type: ignore[arg-type]
    assert (refused.value.params["field"], refused.value.code) == (field, code)
    assert str(refused.value).startswith(f"{field}:")


def test_a_refund_in_another_currency_than_its_payment_is_refused() -> None:
    with pytest.raises(TillInputError, match="currency: EUR is not accepted"):
        check_amount(Money.of("5", "EUR"), RULES, field="amount")
    assert check_amount(gbp("500"), RULES, field="amount") == gbp("500")


def test_an_opening_float_may_be_zero_but_not_another_currency() -> None:
    rules = TillRules(currencies=("GBP", "EUR"))
    euros = till.OpenShift("SHOP1", "cat", Money.of("10", "EUR"))
    with pytest.raises(till.TillRefused, match=r"float: EUR is not accepted here \(only GBP\)"):
        till.open_shift(UntouchedUnitOfWork(), euros, rules=rules)  # type: ignore[arg-type]
    assert check_amount(gbp("0"), RULES, field="float", allow_zero=True) == gbp("0")


def test_a_cash_count_is_checked_when_made_and_keeps_its_labels() -> None:
    counted = CashCount.of({"20": 3, "0.50": 4}, GBP)
    assert counted.total == gbp("62.00")
    assert counted.denominations == {"20": 3, "0.50": 4}  # as the closing entry records them
    with pytest.raises(TillInputError, match="count of 5"):
        CashCount.of({"5": -1}, GBP)
    with pytest.raises(TillInputError, match=r"denomination 0\.001"):
        CashCount.of({"0.001": 1}, GBP)


def test_commands_are_values() -> None:
    payment = _pay(gbp("5"), [(Tender.CASH, gbp("5"))])
    assert payment == _pay(gbp("5"), [(Tender.CASH, gbp("5"))])
    with pytest.raises(FrozenInstanceError):
        payment.amount = gbp("6")  # type: ignore[misc]


def test_a_discount_offer_meets_its_sale_once() -> None:
    offer = DiscountOffer(DiscountKind.PERCENT, Decimal("10"))
    given = offer.on(gbp("39.99"))
    assert given is not None and given.amount == gbp("4.00") and given.value == Decimal("10")
    assert DiscountOffer(DiscountKind.AMOUNT, Decimal("0")).on(gbp("5")) is None
