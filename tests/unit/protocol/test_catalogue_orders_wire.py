"""The catalogue and order schemas refuse what a feed must not store, each with its field."""

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from frontdesk.protocol.catalogue import LiteratureLink, PriceIn, ProductIn, StockBatch, StockRowIn
from frontdesk.protocol.orders import OrderIn, OrderPatch

AT = datetime(2026, 12, 6, 10, 42, tzinfo=UTC)
PRODUCT = {"sku": "85123A", "names": {"en": "WHITE HANGING HEART T-LIGHT HOLDER"}}
LINE = {"line_no": 1, "sku": "85123A", "quantity": "2", "unit_price": "2.55",
        "line_total": "5.10"}  # fmt: skip
ORDER = {"number": "WEB-100234", "channel": "web", "customer_id": "c1", "branch": "Leeds",
         "currency": "GBP", "lines": [LINE], "total": "5.10", "placed_at": AT}  # fmt: skip


def refusal(model, data) -> str:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return str(caught.value)


def test_a_barcode_is_checked_and_kept_in_its_canonical_form():
    assert ProductIn(**PRODUCT, barcodes=["036000291452"]).barcodes == ["0036000291452"]
    assert "check digit is 3, it should be 2" in refusal(
        ProductIn, PRODUCT | {"barcodes": ["036000291453"]}
    )
    assert "listed twice" in refusal(
        ProductIn, PRODUCT | {"barcodes": ["036000291452", "0036000291452"]}
    )


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"names": {}}, "names"),
        ({"names": {"de": "Teelichthalter"}}, "names.de"),
        ({"sku": "85\x00123A"}, "sku"),
        ({"replacement_sku": "85123B"}, "only a discontinued product"),
        ({"status": "discontinued", "replacement_sku": "85123A"}, "cannot replace itself"),
        ({"unit": "barrel"}, "unit"),
        ({"attributes": {f"a{i}": "x" for i in range(41)}}, "attributes"),
        ({"price": "2.55"}, "Extra inputs are not permitted"),
    ],
)
def test_a_product_row_is_refused_naming_what_is_wrong(change, says):
    assert says in refusal(ProductIn, PRODUCT | change)


def test_literature_is_an_article_or_an_https_link():
    assert LiteratureLink(title="Care sheet", url="https://example.com/care.pdf")
    assert "one of them" in refusal(LiteratureLink, {"title": "Sheet"})
    assert "url" in refusal(LiteratureLink, {"title": "Sheet", "url": "javascript:alert(1)"})


def test_prices_and_stock_are_decimal_strings_never_numbers():
    price = {"sku": "85123A", "currency": "GBP", "valid_from": date(2026, 3, 1)}
    assert PriceIn(**price, unit_price="2.55").unit_price == "2.55"
    assert "unit_price" in refusal(PriceIn, price | {"unit_price": 2.55})
    assert "valid_until is before" in refusal(
        PriceIn, price | {"unit_price": "1", "valid_until": date(2026, 2, 1)}
    )
    row = {"sku": "85123A", "branch": "Leeds", "warehouse": "shop", "as_of": AT}
    assert StockRowIn(**row, on_hand="1.250").on_hand == "1.250"
    assert "on_hand" in refusal(StockRowIn, row | {"on_hand": "-1"})
    assert "on_hand" in refusal(StockRowIn, row | {"on_hand": "0.0001"})
    assert "as_of" in refusal(StockRowIn, row | {"on_hand": "1", "as_of": "2026-12-06T10:42:00"})
    assert "rows" in refusal(StockBatch, {"rows": []})


def test_an_order_numbers_each_line_once_and_a_patch_changes_something():
    assert OrderIn(**ORDER).status == "placed"
    assert "used twice" in refusal(OrderIn, ORDER | {"lines": [LINE, LINE]})
    assert "nothing to change" in refusal(OrderPatch, {"at": AT})
    assert "both old_status and status" in refusal(OrderPatch, {"status": "shipped", "at": AT})
    assert OrderPatch(old_status="picking", status="shipped", tracking_number="JD0002 1234", at=AT)
