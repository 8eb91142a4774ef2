"""Receipts rendered to PDF: the number, tenders, total and change read back from the text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.domain.money import Money
from frontdesk.domain.till import Tender, TillRules
from frontdesk.services import till
from frontdesk.ui.receipts import Receipt, write_pdf

RULES = TillRules(currencies=("GBP",))
CASH, CARD = Tender.CASH, Tender.CARD


def _gbp(amount: str) -> Money:
    return Money.of(amount, "GBP")


@pytest.fixture
def uow(tmp_path: Path) -> Iterator[SqlAlchemyTillUnitOfWork]:
    database = open_cache(tmp_path / "cache.sqlite3")
    try:
        uow = SqlAlchemyTillUnitOfWork(database.writer)
        till.open_shift(uow, till.OpenShift("SHOP1", "cat", _gbp("50")), rules=RULES)
        yield uow
    finally:
        database.dispose()


def _text(path: Path) -> str:
    # Words only: the PDF's spacing (tabs, no-break spaces, line ends) is layout, not content.
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_a_split_tender_receipt_shows_its_number_lines_total_and_change(uow, tmp_path, qapp):
    seven = _gbp("7.00")
    till.record_payment(
        uow, till.RecordPayment("SHOP1", "cat", seven, ((CASH, seven),)), rules=RULES
    )
    split = ((CARD, _gbp("10.00")), (CASH, _gbp("20.00")))
    tx = till.record_payment(
        uow, till.RecordPayment("SHOP1", "cat", _gbp("23.45"), split), rules=RULES
    )
    printed, copy = till.reprint(uow, receipt=tx.receipt_no)
    text = _text(write_pdf(Receipt(printed, copy=copy), tmp_path / "r.pdf"))
    assert "SHOP1-00000002" in text and "SHOP1" in text and "cat" in text
    assert "Walk-in" in text and "COPY" not in text
    assert "10.00 GBP" in text and "20.00 GBP" in text
    assert "Total 23.45 GBP" in text and "Change due 6.55 GBP" in text


def test_a_reprint_says_copy_and_names_the_customer(uow, tmp_path, qapp):
    five = _gbp("5")
    tx = till.record_payment(
        uow, till.RecordPayment("SHOP1", "cat", five, ((CARD, five),)), rules=RULES
    )
    till.reprint(uow, receipt=tx.id)
    printed, copy = till.reprint(uow, receipt=tx.id)
    receipt = Receipt(printed, customer="Ada Lovelace", copy=copy)
    text = _text(write_pdf(receipt, tmp_path / "copy.pdf"))
    assert copy and text.count("COPY") == 2
    assert "Ada Lovelace" in text and "SHOP1-00000001" in text and "Total 5.00 GBP" in text
    assert "Change due" not in text
