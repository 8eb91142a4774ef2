"""The trained cross-sell model and its scoring, as run at the desk (numpy only, offline).

The model is a handful of arrays: for each product its strongest neighbours (the
weights that score, and how many customers bought both, for the reasons), how many
customers bought each product overall, in the last days and per recent month, and
each product's category. `recommend` turns a customer's own purchase history into
the top products they do not have yet, each with a reason in words that names the
customer's products behind it.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timedelta

import numpy as np

from frontdesk.crosssell.purchases import CrossSellError, Purchase, epoch_seconds

DAY = 86_400.0
FORMAT = "frontdesk-crosssell/1"
# Below this many known products a history is thin: its categories' popularity helps.
THIN_HISTORY = 3
CATEGORY_WEIGHT = 0.2
REASON_SOURCES = 3


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One product to offer, with the reason and the figures behind it.

    Attributes:
        product: the product key.
        score: the ranking score (higher first; comparable within one call only).
        reason_text: the reason in words, for the agent to read out.
        because_of: the customer's own products behind it, strongest first
            (empty for a plain popularity suggestion).
        kind: "co-purchase", "category" or "popular".
        confidence: share of the customers who bought because_of[0] that also bought
            this product (co-purchase only).
        lift: confidence divided by this product's share of all customers.
        customers: customers who bought both (co-purchase), or who bought this
            product in the recent window (category, popular).
    """

    product: str
    score: float
    reason_text: str
    because_of: tuple[str, ...]
    kind: str
    confidence: float | None = None
    lift: float | None = None
    customers: int = 0


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """The model's scalars and key lists (the JSON part of its serialised form)."""

    products: tuple[str, ...]
    names: tuple[str, ...]
    categories: tuple[str, ...]
    months: tuple[str, ...]
    n_customers: int
    trained_until: float
    recency_days: float
    recent_days: float
    popularity_weight: float


@dataclass(slots=True)
class ModelArrays:
    """The model's arrays; neighbours are in CSR layout (row = the product bought)."""

    customer_count: np.ndarray
    recent_count: np.ndarray
    product_category: np.ndarray
    neighbour_ptr: np.ndarray
    neighbour_index: np.ndarray
    neighbour_weight: np.ndarray
    neighbour_customers: np.ndarray
    month_counts: np.ndarray


@dataclass(slots=True)
class _Scores:
    """What one history contributes: totals per product and the terms behind them."""

    total: np.ndarray
    neighbour: np.ndarray
    category: np.ndarray
    sources: np.ndarray
    targets: np.ndarray
    terms: np.ndarray
    slots: np.ndarray

    def keep_terms_of(self, chosen: list[int]) -> None:
        """Drop the terms of products not chosen, so that explaining each is cheap."""
        kept = np.isin(self.targets, chosen)
        self.sources, self.targets = self.sources[kept], self.targets[kept]
        self.terms, self.slots = self.terms[kept], self.slots[kept]


class CrossSellModel:
    """A trained cross-sell model: scores histories offline, serialises to compact bytes.

    Build one with `frontdesk.crosssell.train`, or load one with `from_bytes`.
    """

    def __init__(self, info: ModelInfo, arrays: ModelArrays) -> None:
        _check_consistent(info, arrays)
        self.info = info
        self.arrays = arrays
        self._index = {key: position for position, key in enumerate(info.products)}
        recent = arrays.recent_count.astype(np.float64)
        self._popularity = recent / recent.max() if recent.max() > 0 else recent

    @property
    def products(self) -> tuple[str, ...]:
        """The product keys the model knows."""
        return self.info.products

    def recommend(
        self,
        history: Iterable[Purchase | tuple[str, datetime]] | Mapping[str, datetime],
        *,
        k: int = 5,
        exclude: Iterable[str] = (),
        repeat_after: timedelta | None = None,
        now: datetime | None = None,
    ) -> list[Recommendation]:
        """Recommend up to `k` products for a customer, best first.

        Args:
            history: the customer's purchases, as `Purchase` records or
                (product, at) tuples, or a mapping product -> last bought (the
                fastest form for long histories); empty for a new customer.
                Unknown products are ignored for scoring but still never offered.
            k: how many recommendations.
            exclude: product keys never to offer (e.g. out of stock).
            repeat_after: None offers nothing the customer already bought; a
                duration offers again what they last bought longer ago than that.
            now: the moment of the offer; by default the later of the model's
                training moment and the customer's last purchase.

        Raises:
            CrossSellError: on a malformed history entry or a bad `k`.
        """
        if not isinstance(k, int) or k < 1:
            raise CrossSellError(f"k must be a positive integer, got {k!r}")
        last, categories = _last_bought(history)
        moment = epoch_seconds(now) if now else max([self.info.trained_until, *last.values()])
        scores = self._score(last, categories, moment=moment)
        banned = self._banned(last, exclude, moment=moment, repeat_after=repeat_after)
        chosen = _top(scores.total, banned, k=k)
        scores.keep_terms_of(chosen)
        return [self._explain(j, scores, last) for j in chosen]

    def to_bytes(self) -> bytes:
        """Serialise to a compressed npz (numpy arrays and one JSON record, no pickle)."""
        buffer = io.BytesIO()
        meta = json.dumps({"format": FORMAT, **asdict(self.info)}).encode()
        arrays = asdict(self.arrays)
        if len(self.info.products) <= np.iinfo(np.uint16).max:
            arrays["neighbour_index"] = arrays["neighbour_index"].astype(np.uint16)
        np.savez_compressed(buffer, meta=np.frombuffer(meta, dtype=np.uint8), **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> CrossSellModel:
        """Load a model written by `to_bytes`.

        Raises:
            CrossSellError: when the bytes are not such a model.
        """
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                meta = json.loads(npz["meta"].tobytes())
                arrays = {f.name: npz[f.name] for f in fields(ModelArrays)}
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as error:
            raise CrossSellError(f"not a serialised cross-sell model: {error}") from error
        if meta.pop("format", None) != FORMAT:
            raise CrossSellError(f"not a serialised cross-sell model of format {FORMAT}")
        arrays["neighbour_index"] = arrays["neighbour_index"].astype(np.int32)
        info = {
            key: tuple(value) if isinstance(value, list) else value for key, value in meta.items()
        }
        return cls(ModelInfo(**info), ModelArrays(**arrays))

    def _score(self, last: dict[str, float], categories: set[str], *, moment: float) -> _Scores:
        known = [(self._index[key], seconds) for key, seconds in last.items() if key in self._index]
        items = np.array([position for position, _ in known], dtype=np.int64)
        ages = np.array([max(moment - seconds, 0.0) for _, seconds in known])
        weights = np.exp(-ages / (self.info.recency_days * DAY))
        scores = self._neighbour_scores(items, weights)
        peak = scores.neighbour.max(initial=0.0)
        if peak > 0:
            scores.neighbour /= peak
        if len(known) < THIN_HISTORY:
            scores.category = self._category_popularity(items, categories)
        scores.total = (
            scores.neighbour
            + self.info.popularity_weight * self._popularity
            + CATEGORY_WEIGHT * scores.category
        )
        return scores

    def _neighbour_scores(self, items: np.ndarray, weights: np.ndarray) -> _Scores:
        ptr = self.arrays.neighbour_ptr
        starts, lengths = ptr[items], ptr[items + 1] - ptr[items]
        firsts = np.cumsum(lengths) - lengths
        slots = np.repeat(starts - firsts, lengths) + np.arange(int(lengths.sum()))
        targets = self.arrays.neighbour_index[slots]
        terms = self.arrays.neighbour_weight[slots] * np.repeat(weights, lengths)
        n = len(self.info.products)
        neighbour = np.bincount(targets, weights=terms, minlength=n)
        zeros = np.zeros(n)
        sources = np.repeat(items, lengths)
        return _Scores(zeros, neighbour, zeros, sources, targets, terms, slots)

    def _category_popularity(self, items: np.ndarray, categories: set[str]) -> np.ndarray:
        wanted = {
            self.info.categories.index(name) for name in categories if name in self.info.categories
        }
        wanted |= {int(c) for c in self.arrays.product_category[items] if c >= 0}
        inside = np.isin(self.arrays.product_category, sorted(wanted))
        return np.where(inside, self._popularity, 0.0)

    def _banned(
        self, last, exclude, *, moment: float, repeat_after: timedelta | None
    ) -> np.ndarray:
        banned = np.zeros(len(self.info.products), dtype=bool)
        horizon = None if repeat_after is None else moment - repeat_after.total_seconds()
        for key, seconds in last.items():
            if key in self._index and (horizon is None or seconds > horizon):
                banned[self._index[key]] = True
        for key in [exclude] if isinstance(exclude, str) else exclude:
            if key in self._index:
                banned[self._index[key]] = True
        return banned

    def _explain(self, j: int, scores: _Scores, last: dict[str, float]) -> Recommendation:
        popular = self.info.popularity_weight * self._popularity[j]
        category = CATEGORY_WEIGHT * scores.category[j]
        score = float(scores.total[j])
        if scores.neighbour[j] > 0 and scores.neighbour[j] >= max(popular, category):
            return self._co_purchase(j, scores, score=score)
        recent = int(self.arrays.recent_count[j])
        if category > popular:
            return self._in_category(j, last, score=score, recent=recent)
        reason = f"popular this month: {self._recent_figure(recent)}"
        return Recommendation(self.products[j], score, reason, (), "popular", customers=recent)

    def _co_purchase(self, j: int, scores: _Scores, *, score: float) -> Recommendation:
        mine = np.flatnonzero(scores.targets == j)
        mine = mine[np.argsort(-scores.terms[mine], kind="stable")][:REASON_SOURCES]
        top, slot = int(scores.sources[mine[0]]), int(scores.slots[mine[0]])
        together = int(self.arrays.neighbour_customers[slot])
        confidence = together / max(int(self.arrays.customer_count[top]), 1)
        share = int(self.arrays.customer_count[j]) / max(self.info.n_customers, 1)
        reason = f"bought by {_percent(confidence)} of customers who bought {self.info.names[top]}"
        because = tuple(self.products[int(s)] for s in scores.sources[mine])
        lift = confidence / share if share > 0 else None
        return Recommendation(
            self.products[j], score, reason, because, "co-purchase", confidence, lift, together
        )

    def _in_category(self, j: int, last, *, score: float, recent: int) -> Recommendation:
        code = int(self.arrays.product_category[j])
        name = self.info.categories[code]
        own = self.arrays.product_category
        because = tuple(key for key in last if key in self._index and own[self._index[key]] == code)
        reason = f"popular in {name} this month: {self._recent_figure(recent)}"
        return Recommendation(
            self.products[j], score, reason, because[:REASON_SOURCES], "category", customers=recent
        )

    def _recent_figure(self, recent: int) -> str:
        return f"bought by {recent} customers in the last {self.info.recent_days:g} days"


def _last_bought(history) -> tuple[dict[str, float], set[str]]:
    """The last purchase moment of each product in a history, and its categories."""
    latest: dict[str, datetime] = {}
    categories: set[str] = set()
    entries = history.items() if isinstance(history, Mapping) else history
    for number, entry in enumerate(entries, start=1):
        product, at, category = _history_entry(entry, number=number)
        previous = latest.get(product)
        if previous is None or _later(at, previous):
            latest[product] = at
        if category:
            categories.add(category)
    # Converting once per product, not per line, keeps long histories cheap.
    return {product: epoch_seconds(at) for product, at in latest.items()}, categories


def _later(at: datetime, previous: datetime) -> bool:
    try:
        return at > previous
    except TypeError:  # one naive, one aware: compare as UTC
        return epoch_seconds(at) > epoch_seconds(previous)


def _history_entry(entry, *, number: int) -> tuple[str, datetime, str]:
    if isinstance(entry, Purchase):
        return entry.product, entry.at, entry.category
    if isinstance(entry, tuple) and len(entry) == 2:
        product, at = entry
        if isinstance(product, str) and product and isinstance(at, datetime):
            return product, at, ""
    raise CrossSellError(
        f"history entry #{number}: expected a Purchase or a (product, datetime) tuple,"
        f" got {entry!r}"
    )


def _top(total: np.ndarray, banned: np.ndarray, *, k: int) -> list[int]:
    allowed = np.flatnonzero(~banned)
    if len(allowed) > k:
        allowed = allowed[np.argpartition(-total[allowed], k - 1)[:k]]
    return [int(j) for j in allowed[np.argsort(-total[allowed], kind="stable")]]


def _percent(share: float) -> str:
    return "fewer than 1%" if share < 0.005 else f"{share:.0%}"


def _check_consistent(info: ModelInfo, arrays: ModelArrays) -> None:
    n = len(info.products)
    per_product = ("customer_count", "recent_count", "product_category")
    if any(len(getattr(arrays, name)) != n for name in per_product):
        raise CrossSellError("model arrays do not match its product list")
    if len(arrays.neighbour_ptr) != n + 1 or arrays.month_counts.shape != (len(info.months), n):
        raise CrossSellError("model neighbour or month arrays do not match its product list")
    count = int(arrays.neighbour_ptr[-1])
    sizes = {
        len(arrays.neighbour_index),
        len(arrays.neighbour_weight),
        len(arrays.neighbour_customers),
    }
    if sizes != {count}:
        raise CrossSellError("model neighbour arrays disagree in length")
