"""The payment form parses each field once into Money: a bad amount is shown at its field
and nothing is submitted; a right form is submitted typed, ready for the till."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel

from frontdesk.domain.discounts import DiscountKind, DiscountOffer
from frontdesk.domain.money import Money
from frontdesk.domain.till import Purpose, Tender, TillRules
from frontdesk.ui.till.payment_form import PaymentBox, PaymentForm

RULES = TillRules(currencies=("GBP",), limit=Decimal("500"))


def _box(qtbot) -> tuple[PaymentBox, list[PaymentForm]]:
    box = PaymentBox(RULES)
    qtbot.addWidget(box)
    box.show()
    sent: list[PaymentForm] = []
    box.submitted.connect(sent.append)
    return box, sent


def _error(box: PaymentBox, name: str) -> str:
    label = box.findChild(QLabel, name)
    return label.text() if label is not None and label.isVisible() else ""


def test_a_bad_amount_is_shown_at_its_field_and_nothing_is_submitted(qtbot) -> None:
    box, sent = _box(qtbot)
    wrong = [("12.345", "at most 2 decimal places"), ("ten", "is not a number"),
             ("600", "over the limit of 500 GBP"), ("", "Enter an amount.")]  # fmt: skip
    for typed, says in wrong:
        box.amount.edit.setText(typed)
        box.tenders[Tender.CASH].edit.setText("20")
        box.submit()
        assert says in _error(box, "amountDueError"), typed
        assert sent == [] and box.pending is None and box.take_button.isEnabled()


def test_a_bad_tender_amount_is_shown_under_that_tender(qtbot) -> None:
    box, sent = _box(qtbot)
    box.amount.edit.setText("10")
    box.tenders[Tender.CARD].edit.setText("0.001")
    box.submit()
    assert "at most 2 decimal places" in _error(box, "tenderCardError")
    assert _error(box, "amountDueError") == "" and sent == []


def test_tenders_that_do_not_cover_are_shown_under_the_tenders(qtbot) -> None:
    box, sent = _box(qtbot)
    box.amount.edit.setText("10")
    box.tenders[Tender.CARD].edit.setText("9.99")
    box.submit()
    assert "does not cover" in _error(box, "tenderError") and sent == []


def test_a_right_form_is_submitted_as_money(qtbot) -> None:
    box, sent = _box(qtbot)
    box.amount.edit.setText("40")
    box.discount_edit.setText("10%")
    box.tenders[Tender.CARD].edit.setText("30")
    box.tenders[Tender.CASH].edit.setText("10")
    box.submit()
    gbp = lambda amount: Money.of(amount, "GBP")  # noqa: E731
    assert sent == [
        PaymentForm(
            amount=gbp("40"), tenders=((Tender.CASH, gbp("10")), (Tender.CARD, gbp("30"))),
            customer_id=None, purpose=Purpose.PURCHASE, key=box.key,
            discount=DiscountOffer(DiscountKind.PERCENT, Decimal("10")),
        )
    ]  # fmt: skip
    assert box.change_label.text() and not box.take_button.isEnabled()
