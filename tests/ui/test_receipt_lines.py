"""A basket's receipt rendered to PDF: its lines, their discounts and nets, the basket's
discount, in English and Russian; a gift receipt with no money on it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.domain.basket import BasketLine, totals
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.domain.till import Tender, TillRules
from frontdesk.services import till
from frontdesk.services.till.ports import ReturnLine, SaleLine, TillTransaction
from frontdesk.ui.i18n import Translations
from frontdesk.ui.receipts import Receipt, lines_of, receipt_lines, write_pdf

RULES = TillRules(currencies=("GBP",))


def _gbp(amount: str) -> Money:
    return Money.of(amount, "GBP")


def _line(no: int, name: str, unit: str, quantity: str, price: str, off: str = "0") -> BasketLine:
    return BasketLine(no, f"SKU-{no}", name, unit, Decimal(quantity), UnitPrice.of(price, "GBP"),
                      _gbp(off))  # fmt: skip


LINES = [
    _line(1, "Sourdough loaf", "piece", "2", "1.20", "0.20"),
    _line(2, "Cheddar, mature", "kg", "0.350", "12.40"),
    _line(3, "Oat milk 1 l", "piece", "1", "0.95"),
]
BASKET_OFF = _gbp("0.50")


@pytest.fixture
def paid(tmp_path: Path) -> Iterator[TillTransaction]:
    database = open_cache(tmp_path / "cache.sqlite3")
    try:
        uow = SqlAlchemyTillUnitOfWork(database.writer)
        till.open_shift(uow, till.OpenShift("SHOP1", "cat", _gbp("50")), rules=RULES)
        due = totals(LINES, BASKET_OFF).amount
        tenders = ((Tender.CASH, _gbp("10.00")),)
        yield till.record_payment(uow, till.RecordPayment("SHOP1", "cat", due, tenders),
                                  rules=RULES)  # fmt: skip
    finally:
        database.dispose()


def _text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _receipt(tx: TillTransaction, *, gift: bool = False) -> Receipt:
    lines = receipt_lines(LINES, BASKET_OFF)
    return Receipt(tx, customer="Ada Lovelace", lines=lines, basket_discount=BASKET_OFF, gift=gift)


def test_the_receipt_lists_each_line_its_discount_and_net_then_the_basket_discount(
    paid, tmp_path, qapp
):
    text = _text(write_pdf(_receipt(paid), tmp_path / "r.pdf"))
    assert "Sourdough loaf 2 pcs × 1.20 GBP 2.40 GBP Line discount -0.20 GBP" in text
    # The basket's 0.50 is shared 2.20 : 4.34 : 0.95, so each net differs from its line total.
    assert "After basket discount 2.05 GBP" in text
    assert "Cheddar, mature 0.35 kg × 12.40 GBP 4.34 GBP" in text
    assert "Subtotal 7.49 GBP Basket discount -0.50 GBP" in text
    assert "Total 6.99 GBP" in text and "Change due 3.01 GBP" in text


def test_a_russian_receipt_speaks_russian(paid, tmp_path, qapp):
    translations = Translations()
    assert translations.apply("ru")
    try:
        text = _text(write_pdf(_receipt(paid), tmp_path / "ru.pdf"))
    finally:
        translations.apply("en")
    assert "Скидка на строку" in text and "Скидка на чек" in text and "кг" in text
    assert "Итого 6,99 GBP" in text


def test_a_gift_receipt_lists_the_products_and_no_money(paid, tmp_path, qapp):
    text = _text(write_pdf(_receipt(paid, gift=True), tmp_path / "gift.pdf"))
    assert "Gift receipt" in text and paid.receipt_no in text
    assert "Sourdough loaf 2 pcs" in text and "Cheddar, mature 0.35 kg" in text
    assert "GBP" not in text and "Total" not in text and "Cash " not in text
    assert "Ada Lovelace" not in text  # the one who gets the gift need not know who paid


def test_a_line_refund_names_what_came_back_as_the_sale_did(paid, tmp_path, qapp):
    printed = receipt_lines(LINES, BASKET_OFF)
    sold = tuple(SaleLine(line.line_no, line.sku, line.description, line.unit, line.quantity,
                          line.unit_price, line.discount, net.net)
                 for line, net in zip(LINES, printed, strict=True))  # fmt: skip
    back = replace(paid, kind="refund", links_to=paid.id, amount=_gbp("4.34"),
                   returned=(ReturnLine(2, "SKU-2", Decimal("0.350"), _gbp("4.34")),))  # fmt: skip
    text = _text(write_pdf(Receipt.of(back, sold=sold), tmp_path / "back.pdf"))
    assert "Cheddar, mature 0.35 kg 4.34 GBP" in text and "SKU-2" not in text
    # Without the sale's lines (not on this desk) the line still says which product it was.
    assert [line.description for line in lines_of(back)] == ["SKU-2"]
