from datetime import UTC, date, datetime

import pytest

from frontdesk.domain.catalogue import Product
from frontdesk.domain.customers import Customer
from frontdesk.domain.errors import CurrencyMismatch, ValidationError
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.domain.sales import Payment, Purchase, PurchaseLine
from frontdesk.domain.service import Channel, Interaction
from frontdesk.domain.till import Tender

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def customer(**changes):
    fields = dict(
        id="c1", account_number="A-1", full_name="Петров Иван", created_at=NOW, updated_at=NOW
    )
    return Customer(**(fields | changes))


def test_customer_normalises_phones_emails_and_card():
    c = customer(
        phones=("+7 (912) 345-67-89",), emails=(" ivan@example.ru ",), loyalty_card="1234 5678 9012"
    )
    assert c.phones == ("+79123456789",)
    assert c.emails == ("ivan@example.ru",)
    assert c.loyalty_card == "123456789012"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"phones": ("12",)}, "phones"),
        ({"phones": ("call me",)}, "phones"),
        ({"emails": ("ivan@",)}, "emails"),
        ({"loyalty_card": "12ab"}, "loyalty_card"),
        ({"account_number": " "}, "account_number"),
        ({"full_name": "x" * 201}, "full_name"),
        ({"updated_at": datetime(2020, 1, 1, tzinfo=UTC)}, "updated_at"),
    ],
)
def test_customer_validation_names_the_field(changes, field):
    with pytest.raises(ValidationError) as info:
        customer(**changes)
    assert info.value.field == field


def test_nameless_account_displays_its_number():
    assert customer(full_name="").display_name == "Account A-1"


def line(qty, price="2.55", currency="GBP"):
    return PurchaseLine("85123A", "T-LIGHT HOLDER", qty, UnitPrice.of(price, currency))


def test_purchase_total_is_the_sum_of_rounded_lines():
    p = Purchase("p1", "536365", NOW, Money.zero("GBP").currency, (line(6), line(3, "0.335")))
    assert p.total == Money.of("16.31", "GBP")  # 15.30 + 1.005 -> 1.01


def test_return_lines_are_negative_and_sales_positive():
    gbp = Money.zero("GBP").currency
    assert Purchase("r1", "C1", NOW, gbp, (line(-2),), is_return=True).total == Money.of(
        "-5.10", "GBP"
    )
    with pytest.raises(ValidationError, match="wrong sign for a sale"):
        Purchase("p1", "1", NOW, gbp, (line(-2),))
    with pytest.raises(ValidationError, match="no lines"):
        Purchase("p1", "1", NOW, gbp, ())
    with pytest.raises(ValidationError, match="zero"):
        line(0)
    with pytest.raises(CurrencyMismatch):
        Purchase("p1", "1", NOW, gbp, (line(1, currency="EUR"),))


def test_payment_must_be_positive():
    assert Payment("x", Money.of("1", "GBP"), Tender.CASH, NOW).tender == "cash"
    with pytest.raises(ValidationError, match="positive"):
        Payment("x", Money.of("0", "GBP"), Tender.CARD, NOW)


def test_product_and_interaction_rules():
    with pytest.raises(ValidationError, match="sku"):
        Product(" ", "n", "c", UnitPrice.of("1", "GBP"))
    with pytest.raises(ValidationError, match="reason"):
        Interaction("i", "c1", Channel.CALL, NOW, " ", "agent")
    with pytest.raises(ValidationError, match="follow_up"):
        Interaction("i", "c1", Channel.CALL, NOW, "refund", "agent", follow_up=date(2026, 1, 1))
