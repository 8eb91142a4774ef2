"""Exact association-rule mining (frequent itemsets by depth-first tidset intersection).

Reproduces R arules `apriori()` semantics: an itemset is frequent when its support
(transactions containing it / all transactions) is at least `min_support`, compared
exactly, not in floating point; a rule has one item on its right-hand side, its length
is the items on both sides, and it is kept when its confidence is at least
`min_confidence`. With `min_len=1` the rules with an empty left-hand side count too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from frontdesk.crosssell.purchases import CrossSellError


@dataclass(frozen=True, slots=True)
class Rule:
    """An association rule `lhs => rhs` with the figures behind it.

    Attributes:
        lhs: the items on the left-hand side, sorted.
        rhs: the single item on the right-hand side.
        count: transactions containing lhs and rhs together.
        support: count / all transactions.
        confidence: count / transactions containing lhs.
        lift: confidence / support of rhs.
    """

    lhs: tuple[str, ...]
    rhs: str
    count: int
    support: float
    confidence: float
    lift: float

    @property
    def length(self) -> int:
        """Items on both sides, as arules counts the size of a rule."""
        return len(self.lhs) + 1


def frequent_itemsets(
    transactions: Iterable[Iterable[str]], *, min_support: float, max_len: int = 10
) -> tuple[dict[frozenset[str], int], int]:
    """Return every itemset of at most `max_len` items meeting `min_support`, with its count.

    Also returns the number of transactions, for turning counts into supports.
    """
    tidsets, n = _tidsets(transactions)
    min_count = _min_count(min_support, n)
    frequent = [(item, tids) for item, tids in tidsets.items() if tids.bit_count() >= min_count]
    # Rarest first keeps the intersections small on the deep branches.
    frequent.sort(key=lambda pair: (pair[1].bit_count(), pair[0]))
    found: dict[frozenset[str], int] = {}
    _extend((), (1 << n) - 1, frequent, found=found, min_count=min_count, max_len=max_len)
    return found, n


def mine_rules(
    transactions: Iterable[Iterable[str]],
    *,
    min_support: float,
    min_confidence: float,
    min_len: int = 1,
    max_len: int = 10,
) -> list[Rule]:
    """Mine single-consequent association rules, sorted by lift, highest first.

    Args:
        transactions: each an iterable of item names (duplicates within one are ignored).
        min_support: minimum support of the whole rule, in (0, 1].
        min_confidence: minimum confidence, in [0, 1].
        min_len: minimum rule length (items on both sides), at least 1.
        max_len: maximum rule length.
    """
    _check_thresholds(min_support, min_confidence, min_len=min_len, max_len=max_len)
    counts, n = frequent_itemsets(transactions, min_support=min_support, max_len=max_len)
    conf = Fraction(repr(float(min_confidence)))
    rules = [
        rule
        for itemset, count in counts.items()
        if len(itemset) >= min_len
        for rule in _rules_of(itemset, count, counts=counts, n=n, conf=conf)
    ]
    rules.sort(key=lambda rule: (-rule.lift, -rule.count, rule.lhs, rule.rhs))
    return rules


def _tidsets(transactions: Iterable[Iterable[str]]) -> tuple[dict[str, int], int]:
    tidsets: dict[str, int] = {}
    n = 0
    for n, basket in enumerate(transactions, start=1):
        bit = 1 << (n - 1)
        for item in set(basket):
            tidsets[item] = tidsets.get(item, 0) | bit
    return tidsets, n


def _min_count(min_support: float, n: int) -> int:
    # Exact decimal comparison: count / n >= 0.001 with n = 9835 means count >= 10.
    support = Fraction(repr(float(min_support)))
    return max(1, -((-support.numerator * n) // support.denominator))


def _extend(prefix, prefix_tids, candidates, *, found, min_count, max_len) -> None:
    for position, (item, tids) in enumerate(candidates):
        joint = prefix_tids & tids
        count = joint.bit_count()
        if count < min_count:
            continue
        itemset = (*prefix, item)
        found[frozenset(itemset)] = count
        if len(itemset) < max_len:
            rest = candidates[position + 1 :]
            _extend(itemset, joint, rest, found=found, min_count=min_count, max_len=max_len)


def _rules_of(itemset, count, *, counts, n, conf: Fraction) -> Iterable[Rule]:
    for rhs in itemset:
        lhs = itemset - {rhs}
        lhs_count = counts[lhs] if lhs else n
        if count * conf.denominator >= conf.numerator * lhs_count:
            confidence = count / lhs_count
            lift = confidence / (counts[frozenset((rhs,))] / n)
            yield Rule(tuple(sorted(lhs)), rhs, count, count / n, confidence, lift)


def _check_thresholds(min_support, min_confidence, *, min_len, max_len) -> None:
    if not 0 < min_support <= 1:
        raise CrossSellError(f"min_support must be in (0, 1], got {min_support!r}")
    if not 0 <= min_confidence <= 1:
        raise CrossSellError(f"min_confidence must be in [0, 1], got {min_confidence!r}")
    if not 1 <= min_len <= max_len:
        raise CrossSellError(f"need 1 <= min_len <= max_len, got {min_len} and {max_len}")


def rules_by_length(rules: Sequence[Rule]) -> dict[int, int]:
    """Count rules by length, the summary arules prints."""
    lengths: dict[int, int] = {}
    for rule in rules:
        lengths[rule.length] = lengths.get(rule.length, 0) + 1
    return dict(sorted(lengths.items()))
