"""Returns by line on a real desk cache: what is left of each line of this till's payments
and of the branch's pulled ones (less their accepted refunds and this till's own, pending or
not), what a return pays back (``domain.basket.refund_for``), and never more than is left."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from basket_helpers import MUG, SUE, TEA, fill, gbp, till_basket

from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.till_pull import apply_pulled_till
from frontdesk.domain.till import Tender
from frontdesk.protocol import TillTransactionPublic
from frontdesk.protocol.pull import TillTenderPublic
from frontdesk.protocol.till import ReturnLineWire, SaleLineWire
from frontdesk.services.till import TillRefused
from frontdesk.services.till.basket import parse_discount_text

PAID_AT_SHOP2 = "0d5c2a34-9a3b-4c1e-8a57-4c8d2e6f1a20"


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


def _left(basket, receipt: str) -> list[tuple[int, Decimal, Decimal]]:
    return [(line.line_no, line.left, line.returned_amount.amount)
            for line in basket.refundable(receipt).lines]  # fmt: skip


def test_own_payment_returns_by_line_up_to_what_was_sold(basket) -> None:
    basket.add_code(MUG, quantity=Decimal(3))  # 11.97
    basket.add_code(TEA)  # 2.50
    basket.discount_basket(parse_discount_text("1.00"))  # nets 11.14 + 2.33
    paid = basket.settle([(Tender.CASH, gbp("13.47"))])
    assert basket.refund_amount(paid.receipt_no, [(1, Decimal(1))]) == gbp("3.71")
    first = basket.refund_lines(paid.receipt_no, [(1, Decimal(1))], supervisor=SUE,
                                reason="chipped")  # fmt: skip
    assert [(r.line_no, r.quantity, r.amount) for r in first.returned] == [
        (1, Decimal(1), gbp("3.71"))]  # fmt: skip
    assert _left(basket, paid.receipt_no) == [(1, Decimal(2), Decimal("3.71")),
                                              (2, Decimal(1), Decimal("0.00"))]  # fmt: skip
    over = _refuse(lambda: basket.refund_lines(paid.receipt_no, [(1, Decimal(3))],
                                               supervisor=SUE))  # fmt: skip
    assert (over.code, over.params["left"]) == ("over_return", Decimal(2))
    assert _refuse(lambda: basket.refund_lines(paid.receipt_no, [(7, Decimal(1))],
                                               supervisor=SUE)).code == "line_unknown"  # fmt: skip
    last = basket.refund_lines(paid.receipt_no, [(1, Decimal(2)), (2, Decimal(1))],
                               supervisor=SUE)  # fmt: skip
    # The last of a line pays back exactly what is left of its net: all of it in the end.
    assert first.amount + last.amount == paid.amount
    assert _refuse(lambda: basket.refundable(paid.receipt_no)).code == "receipt_paid_back"


def test_a_line_refunds_receipt_has_the_lines_of_the_payment_it_returns(basket) -> None:
    basket.add_code(MUG, quantity=Decimal(2))
    basket.add_code(TEA)
    paid = basket.settle([(Tender.CASH, gbp("10.48"))])
    back = basket.refund_lines(paid.receipt_no, [(2, Decimal(1))], supervisor=SUE)
    printed = basket.desk.print_receipt(back.receipt_no)
    assert printed.sold == paid.lines and [r.line_no for r in printed.tx.returned] == [2]
    assert basket.desk.print_receipt(paid.receipt_no).sold == ()  # a sale names its own


def _pulled(cache: CacheDatabase) -> None:
    """SHOP2 sold 4 mugs and a tea (5% off) and refunded 1 mug; this desk pulled both."""
    lines = [
        SaleLineWire(line_no=1, sku="MUG-1", description="Mug", unit="piece", quantity="4",
                     unit_price="3.99", discount="0", net="15.16"),
        SaleLineWire(line_no=2, sku="TEA-1", description="Tea", unit="piece", quantity="1",
                     unit_price="2.50", discount="0.25", net="2.25"),
    ]  # fmt: skip
    common = {"register_code": "SHOP2", "currency": "GBP", "change": "0", "customer_id": None,
              "purpose": "purchase", "cashier": "dan", "occurred_at": datetime.now(UTC),
              "accepted": True}  # fmt: skip
    paid = TillTransactionPublic(
        id=PAID_AT_SHOP2, kind="payment", receipt_no="SHOP2-00000001", links_to=None,
        amount="17.41", tenders=[TillTenderPublic(tender="card", amount="17.41")], lines=lines,
        seq=1, **common,
    )  # fmt: skip
    back = TillTransactionPublic(
        id="1d5c2a34-9a3b-4c1e-8a57-4c8d2e6f1a21", kind="refund", receipt_no="SHOP2-00000002",
        links_to=PAID_AT_SHOP2, amount="3.79",
        tenders=[TillTenderPublic(tender="cash", amount="3.79")],
        returned=[ReturnLineWire(line_no=1, sku="MUG-1", quantity="1", amount="3.79")],
        seq=2, **common,
    )  # fmt: skip
    with cache.writer() as session:
        apply_pulled_till(session, [paid, back])
        session.commit()


def test_a_pulled_payment_of_another_till_returns_by_line_less_its_refunds(cache, basket):
    _pulled(cache)
    found = basket.refundable("shop2-00000001")
    assert found.pulled and found.left == gbp("13.62")
    assert _left(basket, "SHOP2-00000001") == [(1, Decimal(3), Decimal("3.79")),
                                               (2, Decimal(1), Decimal("0.00"))]  # fmt: skip
    tx = basket.refund_lines("SHOP2-00000001", [(1, Decimal(2))], supervisor=SUE)
    assert (tx.register, tx.links_to, tx.amount) == ("SHOP1", PAID_AT_SHOP2, gbp("7.58"))
    # This till's own refund (not yet pushed) counts at once.
    assert _left(basket, "SHOP2-00000001")[0] == (1, Decimal(1), Decimal("11.37"))
    over = _refuse(lambda: basket.refund_lines("SHOP2-00000001", [(1, Decimal(2))],
                                               supervisor=SUE))  # fmt: skip
    assert over.code == "over_return" and "only 1 of 4" in str(over)
    last = basket.refund_lines("SHOP2-00000001", [(1, Decimal(1))], supervisor=SUE)
    assert last.amount == gbp("3.79")  # 15.16 - 3.79 - 7.58: exactly what is left


def test_a_refund_whose_amount_is_not_what_its_lines_pay_back_is_refused(basket) -> None:
    basket.add_code(MUG, quantity=Decimal(2))
    paid = basket.settle([(Tender.CASH, gbp("7.98"))])
    refused = _refuse(lambda: basket.desk.refund(
        paid.receipt_no, amount=gbp("5.00"), tender=Tender.CASH, reason="", key=None,
        supervisor=SUE, lines=[(1, Decimal(1))]))  # fmt: skip
    assert refused.code == "refund_amount_mismatch"
    with basket.uow:
        assert basket.uow.till.linked(paid.id) == []  # nothing half-written


def _refuse(call) -> TillRefused:
    with pytest.raises(TillRefused) as caught:
        call()
    return caught.value
