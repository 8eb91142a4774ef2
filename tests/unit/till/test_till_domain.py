"""The till's pure rules: amounts typed at the till, tenders and change, the journal chain."""

from __future__ import annotations

from decimal import Decimal

import pytest

from frontdesk.domain.money import Currency, Money
from frontdesk.domain.till import (
    StoredLink,
    Tender,
    TenderLine,
    TillInputError,
    TillRules,
    canonical,
    count_cash,
    next_entry,
    parse_amount,
    receipt_number,
    settle,
    verify_chain,
)

GBP = Currency.of("GBP")
RULES = TillRules(currencies=("GBP",), limit=Decimal("500"))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("-1", "more than zero"),
        ("0", "more than zero"),
        ("NaN", "finite"),
        ("Infinity", "finite"),
        ("1e309", "over the limit of 500"),
        ("1.234", "at most 2 decimal places"),
        ("500.01", "over the limit"),
        ("12,34", "not a number"),
        ("", "not a number"),
    ],
)
def test_bad_amounts_are_refused_naming_the_field(text: str, says: str) -> None:
    with pytest.raises(TillInputError) as caught:
        parse_amount(text, GBP, field="amount", rules=RULES)
    assert caught.value.field == "amount" and says in str(caught.value)


def test_a_good_amount_is_exact_money() -> None:
    assert parse_amount(" 12.3 ", GBP, field="amount", rules=RULES) == Money.of("12.30", "GBP")


def test_a_second_currency_is_refused_unless_configured() -> None:
    with pytest.raises(TillInputError, match="EUR is not accepted here"):
        RULES.currency("EUR")
    assert TillRules(currencies=("GBP", "EUR")).currency("eur").code == "EUR"


def test_cash_over_the_amount_gives_change_and_split_tenders_add_up() -> None:
    due = Money.of("12.34", "GBP")
    paid = settle(due, [TenderLine(Tender.CARD, Money.of("10", "GBP")),
                        TenderLine(Tender.CASH, Money.of("5", "GBP"))])  # fmt: skip
    assert paid.change == Money.of("2.66", "GBP") and paid.tendered == Money.of("15", "GBP")


def test_only_cash_can_be_over_and_tenders_must_cover_the_amount() -> None:
    due = Money.of("10", "GBP")
    with pytest.raises(TillInputError, match="only cash"):
        settle(due, [TenderLine(Tender.CARD, Money.of("11", "GBP"))])
    with pytest.raises(TillInputError, match="does not cover"):
        settle(due, [TenderLine(Tender.CASH, Money.of("9.99", "GBP"))])


def test_counting_the_drawer_by_denomination() -> None:
    assert count_cash({"20": 3, "0.05": 7, "0.01": 0}, GBP) == Money.of("60.35", "GBP")
    with pytest.raises(TillInputError, match="count of 5"):
        count_cash({"5": -1}, GBP)


def test_receipt_numbers_carry_the_register_and_a_padded_sequence() -> None:
    assert receipt_number("SHOP1", 42) == "SHOP1-00000042"


def _chain(n: int) -> list[StoredLink]:
    links, head = [], None
    for seq in range(1, n + 1):
        entry = next_entry(register="R1", head=head, kind="payment", key=f"k{seq}",
                           at="2024-03-01T09:30:00+00:00", body={"amount": str(seq)})  # fmt: skip
        links.append(StoredLink(seq, canonical(entry.content()), entry.prev_hash, entry.hash))
        head = (entry.seq, entry.hash)
    return links


def test_an_intact_chain_verifies_to_its_head() -> None:
    links = _chain(5)
    report = verify_chain("R1", links, head=(5, links[-1].hash))
    assert report.ok and report.checked == 5


def test_the_first_entry_links_to_the_register() -> None:
    links = _chain(2)
    assert not verify_chain("R2", links).ok


def test_each_kind_of_tampering_names_its_entry() -> None:
    links = _chain(6)
    head = (6, links[-1].hash)
    edited = [*links[:2], StoredLink(3, links[2].canonical.replace('"3"', '"9"'),
                                     links[2].prev_hash, links[2].hash), *links[3:]]  # fmt: skip
    assert "R1 entry 3: edited" in verify_chain("R1", edited, head=head).problems[0]
    deleted = links[:3] + links[4:]
    assert "R1 entry 4: deleted" in verify_chain("R1", deleted, head=head).problems[0]
    swapped = [links[0], StoredLink(2, *_rest(links[2])), StoredLink(3, *_rest(links[1])),
               *links[3:]]  # fmt: skip
    assert "R1 entry 2: reordered" in verify_chain("R1", swapped, head=head).problems[0]
    assert "entries 5-6: cut off" in verify_chain("R1", links[:4], head=head).problems[0]


def _rest(link: StoredLink) -> tuple[str, str, str]:
    return link.canonical, link.prev_hash, link.hash
