"""A purchase line's quantity in the history: pieces as a count, what is measured with its
unit, returns negative, in the window's language."""

from __future__ import annotations

from decimal import Decimal

import pytest

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.services.read_models import PurchaseLineRow
from frontdesk.ui.history_model import line_quantity
from frontdesk.ui.i18n import Translations


def _line(quantity: str, unit: str) -> PurchaseLineRow:
    price = UnitPrice.of("12.40", "GBP")
    total = Money.rounded(price.amount * Decimal(quantity), "GBP")
    return PurchaseLineRow(1, "TEA", "Loose tea", Decimal(quantity), price, total, unit=unit)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["2", "1,200", "0.455 kg", "-0.455 kg", "2 kg", "-1"]),
        ("ru", ["2", "1\xa0200", "0,455 кг", "-0,455 кг", "2 кг", "-1"]),
    ],
)
def test_a_weighed_line_shows_its_unit_and_a_counted_one_its_count(qapp, language, expected):
    translations = Translations()
    assert translations.apply(language)
    try:
        shown = [
            line_quantity(_line(quantity, unit))
            for quantity, unit in (("2", "piece"), ("1200", "piece"), ("0.455", "kg"),
                                   ("-0.455", "kg"), ("2", "kg"), ("-1", "piece"))
        ]  # fmt: skip
    finally:
        translations.apply("en")
    assert shown == expected
