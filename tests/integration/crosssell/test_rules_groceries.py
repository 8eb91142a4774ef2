"""The rule miner reproduces the published arules result on the real Groceries data."""

from __future__ import annotations

import pytest

from frontdesk.crosssell.datasets import read_baskets
from frontdesk.crosssell.rules import frequent_itemsets, mine_rules, rules_by_length


@pytest.fixture(scope="module")
def groceries(real_data) -> list[list[str]]:
    return read_baskets(real_data("groceries.csv"))


@pytest.fixture(scope="module")
def rules(groceries):
    return mine_rules(groceries, min_support=0.001, min_confidence=0.5)


def test_the_data_is_the_published_one(groceries):
    items = {item for basket in groceries for item in basket}
    assert (len(groceries), len(items)) == (9835, 169)
    assert {"cream cheese ", "roll products "} <= items


def test_finds_exactly_the_5668_rules_of_arules(rules):
    assert len(rules) == 5668
    assert rules_by_length(rules) == {2: 11, 3: 1461, 4: 3211, 5: 939, 6: 46}


def test_top_rules_by_lift_match_arulesviz(rules):
    top = [(rule.lhs, rule.rhs, round(rule.lift, 3)) for rule in rules[:3]]
    assert top == [
        (("Instant food products", "soda"), "hamburger meat", 18.996),
        (("popcorn", "soda"), "salty snack", 16.698),
        (("baking powder", "flour"), "sugar", 16.408),
    ]
    assert round(rules[0].lift, 2) == 19.00
    assert (round(rules[0].support, 6), round(rules[0].confidence, 4)) == (0.00122, 0.6316)


def test_support_threshold_is_a_count_of_ten(groceries):
    counts, n = frequent_itemsets(groceries, min_support=0.001, max_len=2)
    assert n == 9835
    assert min(counts.values()) == 10
