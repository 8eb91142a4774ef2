"""The search box guesses a query's kind from its shape: numbers, and a barcode's check digit."""

from __future__ import annotations

import pytest

from frontdesk.domain.catalogue.barcodes import check_digit
from frontdesk.domain.query_kinds import DEFAULT_ORDER, Kind, guess_kind, kinds_in_order


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
