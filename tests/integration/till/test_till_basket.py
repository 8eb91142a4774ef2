"""The till's basket on a real desk cache: products by barcode, SKU and search, priced from
the branch's list, weights, discounts within the limit or approved, hold and recall across a
restart, and the sale that settles it (one journal entry whose lines the chain covers, one
outbox item, the basket gone, the product card's stock less the pending sale)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from basket_helpers import APPLES, MUG, SUE, TEA, fill, gbp, till_basket

from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.domain.discounts import DiscountKind, DiscountOffer
from frontdesk.domain.till import StoredLink, Tender, canonical, verify_chain
from frontdesk.services.catalogue.desk import DeskCatalogue
from frontdesk.services.till import ApprovalNeeded, TillRefused
from frontdesk.services.till.basket import parse_discount_text


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[CacheDatabase]:
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    fill(database)
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def basket(cache):
    b = till_basket(cache)
    b.desk.open_shift(gbp("50"))
    return b


def _refused(call) -> TillRefused:
    with pytest.raises(TillRefused) as caught:
        call()
    return caught.value


def test_products_come_in_by_barcode_sku_and_search_and_a_rescan_adds_to_the_line(basket):
    basket.add_code(MUG)
    basket.add_code("PEN-1", quantity=Decimal(3))
    [found] = basket.catalogue.search("Tea")
    view = basket.add_sku(found.sku)
    view = basket.add_code(MUG)
    assert [(v.line_no, v.sku, v.quantity, v.unit_price.amount) for v in view.lines] == [
        (1, "MUG-1", Decimal(2), Decimal("3.99")),
        (2, "PEN-1", Decimal(3), Decimal("0.35")),
        (3, "TEA-1", Decimal(1), Decimal("2.50")),
    ]
    assert view.totals.amount == gbp("11.53")  # 7.98 + 1.05 + 2.50
    assert view.lines[0].description == "Mug"


def test_unknown_and_unpriced_products_are_refused_by_name(basket):
    unknown = _refused(lambda: basket.add_code("4000000000000"))
    assert unknown.code == "product_unknown" and "4000000000000" in str(unknown)
    unpriced = _refused(lambda: basket.add_code("VAS-1"))  # only a EUR price at Leeds
    assert unpriced.code == "product_unpriced"
    assert "VAS-1 (Vase)" in str(unpriced) and "GBP" in str(unpriced)
    assert basket.current().empty


def test_weights_for_measured_units_and_whole_pieces_for_counted_ones(basket):
    view = basket.add_code(APPLES, quantity=Decimal("0.755"))
    assert view.lines[0].gross == gbp("1.51")  # 0.755 x 1.999 = 1.509245, half-up
    assert _refused(lambda: basket.add_code(MUG, quantity=Decimal("1.5"))).params["field"] == (
        "quantity"
    )
    assert "more than 3 decimals" in str(
        _refused(lambda: basket.set_quantity(1, Decimal("0.0005")))
    )
    assert len(basket.current().lines) == 1


def test_discounts_within_the_limit_and_over_it_with_a_supervisor(cache, basket):
    basket.add_code(MUG, quantity=Decimal(5))  # 19.95
    view = basket.discount_line(1, parse_discount_text("5%"))  # 1.00 (0.9975 half-up)
    assert view.lines[0].discount == gbp("1.00") and not view.needs_approval
    view = basket.discount_basket(parse_discount_text("2.00"))
    assert view.needs_approval and view.discounts == gbp("3.00") > view.allowance
    with pytest.raises(ApprovalNeeded):
        basket.settle([(Tender.CASH, gbp("20"))])
    view = basket.discount_basket(DiscountOffer(DiscountKind.AMOUNT, Decimal("2.00")),
                                  supervisor=SUE)  # fmt: skip
    assert view.approval is not None and view.approval.supervisor == "sue"
    assert not view.needs_approval and view.totals.amount == gbp("16.95")
    # Any change drops the approval (it was for this amount).
    assert till_basket(cache).add_code(TEA).needs_approval


def test_hold_and_recall_survive_a_restart(cache, basket):
    basket.add_code(MUG)
    basket.attach_customer("c1")
    held = basket.hold("Ann's")
    assert basket.current().empty
    basket.add_code(TEA)
    restarted = till_basket(cache)  # a new connection on the same cache file
    assert [(h.name, h.lines, h.amount) for h in restarted.held_baskets()] == [
        ("Ann's", 1, gbp("3.99"))
    ]
    view = restarted.recall(held.id)  # the open one (tea) is held first
    assert (view.customer_name, [v.sku for v in view.lines]) == ("Ann Smith", ["MUG-1"])
    assert [h.lines for h in restarted.held_baskets()] == [1]
    assert _refused(lambda: restarted.recall(held.id)).code == "basket_unknown"


def test_settling_writes_one_entry_with_its_lines_and_one_outbox_item(cache, basket):
    basket.add_code(MUG, quantity=Decimal(2))
    basket.add_code(TEA)
    basket.attach_customer("c1")
    basket.discount_basket(parse_discount_text("5%"))  # 0.52 of 10.48
    tx = basket.settle([(Tender.CASH, gbp("20.00"))])
    assert (tx.amount, tx.change, tx.customer_id) == (gbp("9.96"), gbp("10.04"), "c1")
    assert [(line.sku, line.net) for line in tx.lines] == [
        ("MUG-1", gbp("7.58")), ("TEA-1", gbp("2.38"))]  # fmt: skip
    assert basket.current().empty
    uow = basket.uow
    with uow:
        entries = uow.till.entries(shift_id=tx.shift_id)
        counters = uow.till.counters("SHOP1")
        pending = uow.outbox.pending(limit=10)
        again = uow.till.transaction(tx.id)
    payments = [e for e in entries if e.kind == "payment"]
    assert len(payments) == 1 and payments[0].body["lines"][0]["net"] == "7.58"
    links = [StoredLink(e.seq, canonical(e.content()), e.prev_hash, e.hash) for e in entries]
    assert verify_chain("SHOP1", links, head=(counters.journal_seq, counters.head_hash)).ok
    assert [p.kind for p in pending].count("till.payment") == 1
    [item] = [p for p in pending if p.kind == "till.payment"]
    assert item.payload["entry"]["body"]["lines"] == payments[0].body["lines"]
    assert again is not None and again.lines == tx.lines  # kept with the transaction


def test_the_product_card_counts_the_pending_till_sale(cache, basket):
    catalogue: DeskCatalogue = basket.catalogue
    assert catalogue.card("MUG-1").stock[0].available == Decimal(10)
    basket.add_code(MUG, quantity=Decimal(3))
    basket.settle([(Tender.CARD, gbp("11.97"))])
    line = catalogue.card("MUG-1").stock[0]
    assert (line.unsynced, line.available) == (Decimal(3), Decimal(7))
