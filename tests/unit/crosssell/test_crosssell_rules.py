"""The association-rule miner on small hand-made baskets."""

from __future__ import annotations

import pytest

from frontdesk.crosssell import CrossSellError, mine_rules, rules_by_length
from frontdesk.crosssell.rules import frequent_itemsets

BASKETS = [
    ["bread", "milk"],
    ["bread", "butter", "milk"],
    ["bread", "butter"],
    ["milk", "eggs"],
    ["bread", "milk", "butter", "eggs"],
]


def test_counts_every_frequent_itemset():
    counts, n = frequent_itemsets(BASKETS, min_support=0.4)
    assert n == 5
    assert counts[frozenset({"bread"})] == 4
    assert counts[frozenset({"bread", "milk"})] == 3
    assert counts[frozenset({"bread", "butter", "milk"})] == 2
    assert frozenset({"eggs", "bread"}) not in counts  # 1 of 5 < 0.4


def test_rules_carry_exact_figures_and_sort_by_lift():
    rules = mine_rules(BASKETS, min_support=0.4, min_confidence=0.7)
    # Equal lift 1.25 (0.75 / 0.6 and 1.0 / 0.8): ties keep a stable order by left side.
    first, second = rules[:2]
    assert [(r.lhs, r.rhs) for r in (first, second)] == [
        (("bread",), "butter"),
        (("butter",), "bread"),
    ]
    assert (first.confidence, second.confidence) == (0.75, 1.0)
    assert first.lift == pytest.approx(1.25) and second.lift == pytest.approx(1.25)
    assert first.support == pytest.approx(3 / 5)
    lifts = [rule.lift for rule in rules]
    assert lifts == sorted(lifts, reverse=True)


def test_confidence_threshold_is_inclusive():
    # {bread, milk} => butter has confidence exactly 2/3.
    kept = mine_rules(BASKETS, min_support=0.4, min_confidence=2 / 3, min_len=3)
    assert (("bread", "milk"), "butter") in {(r.lhs, r.rhs) for r in kept}


def test_empty_left_side_rules_with_min_len_one():
    rules = mine_rules(BASKETS, min_support=0.4, min_confidence=0.8, max_len=1)
    assert {(r.lhs, r.rhs) for r in rules} == {((), "bread"), ((), "milk")}
    assert rules_by_length(rules) == {1: 2}


def test_duplicate_items_in_a_basket_count_once():
    counts, _ = frequent_itemsets([["a", "a", "b"], ["a"]], min_support=0.5)
    assert counts[frozenset({"a"})] == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_support": 0, "min_confidence": 0.5}, "min_support"),
        ({"min_support": 0.1, "min_confidence": 1.5}, "min_confidence"),
        ({"min_support": 0.1, "min_confidence": 0.5, "min_len": 3, "max_len": 2}, "min_len"),
    ],
)
def test_bad_thresholds_are_refused(kwargs, message):
    with pytest.raises(CrossSellError, match=message):
        mine_rules(BASKETS, **kwargs)
