"""The search box guesses a query's kind from its shape: numbers, and a barcode's check digit."""

from __future__ import annotations

import pytest

from frontdesk.domain.catalogue.barcodes import check_digit
from frontdesk.domain.query_kinds import (
    DEFAULT_ORDER,
    Kind,
    guess_kind,
    kinds_in_order,
    may_be_numbered,
)


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("SHOPA-00000001", Kind.RECEIPT),
        (" shop1-00000042 ", Kind.RECEIPT),  # as read off the paper, in any case
        ("D12-O45", Kind.ORDER),
        ("d12-o00045", Kind.ORDER),
        ("WEB-7-00012-1", Kind.ORDER),
        ("WEB-100234", Kind.ORDER),
        ("D12-00045", Kind.CASE),
        ("d12-45", Kind.CASE),
        ("FD-01021", Kind.PRODUCT),
        ("MUG-01", Kind.PRODUCT),
        ("Emma Thompson", None),
        ("+44 7700 900123", None),
        ("", None),
    ],
)
def test_a_number_s_shape_names_its_kind(query: str, kind: Kind | None) -> None:
    assert guess_kind(query) is kind


@pytest.mark.parametrize("payload", ["400638133393", "03600029145", "9638507"])
def test_a_barcode_is_a_product_only_with_its_check_digit(payload: str) -> None:
    good = payload + str(check_digit(payload))
    assert guess_kind(good) is Kind.PRODUCT
    for wrong in {str(d) for d in range(10)} - {good[-1]}:
        # A mistyped digit is not a barcode: no product is put first for it.
        assert guess_kind(payload + wrong) is None


def test_ean13_with_spaces_as_typed_from_a_label_is_a_barcode() -> None:
    assert guess_kind("4 006381 333931") is Kind.PRODUCT


def test_a_register_of_digits_alone_is_not_a_receipt() -> None:
    # Eight digits after a digits-only "register" are not worth a receipt read.
    assert guess_kind("12345-00000001") is None


def test_the_guessed_kind_comes_first_then_the_usual_order() -> None:
    assert kinds_in_order("SHOPA-00000001") == (
        Kind.RECEIPT, Kind.CUSTOMER, Kind.PRODUCT, Kind.ORDER, Kind.CASE,
    )  # fmt: skip
    assert kinds_in_order("Ivanov") == DEFAULT_ORDER
    assert DEFAULT_ORDER[0] is Kind.CUSTOMER
    assert sorted(kinds_in_order("d12-45")) == sorted(Kind)


@pytest.mark.parametrize("query", ["536365", "C536365", "89161234567", "4000123412341234"])
def test_invoice_digits_are_no_receipt_s_shape_so_phones_and_cards_stay_customers(
    query: str,
) -> None:
    # Still looked up by number (may_be_numbered), listed after the customers.
    assert guess_kind(query) is not Kind.RECEIPT and kinds_in_order(query)[0] is not Kind.RECEIPT
    assert may_be_numbered(query)


@pytest.mark.parametrize(
    ("query", "numbered"),
    [("WEB-E2E-0042", True), ("shop1-00000042", True), ("Ivanov", False),
     ("+7 916 123 45 67", False), ("", False), ("A1" * 40, False)],
)  # fmt: skip
def test_one_word_with_a_digit_may_be_a_purchase_s_or_an_order_s_number(
    query: str, numbered: bool
) -> None:
    assert may_be_numbered(query) is numbered
