"""Training: from purchases to a `CrossSellModel` (numpy/scipy; runs on the server).

The item-item weights are EASE (Steck 2019, a closed-form ridge regression of each
product on all the others) fitted on a customer x product matrix whose entries decay
with the age of the customer's last purchase of the product, so that recent buying
patterns count more; each product keeps its strongest positive neighbours. Beside the
weights the model keeps the plain figures a person can check: how many customers
bought each pair, each product, each product recently and per month.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import scipy.sparse as sp

from frontdesk.crosssell.model import CrossSellModel, ModelArrays, ModelInfo
from frontdesk.crosssell.purchases import CrossSellError, Purchase, checked, epoch_seconds

DAY = 86_400.0


@dataclass(frozen=True, slots=True)
class TrainingConfig:
    """Hyper-parameters, chosen on the 2011-06-01 split of Online Retail, not the test date.

    Attributes:
        recency_days: time constant (days) of the exponential decay of purchases, in
            training and when scoring a customer's history.
        ridge: EASE's L2 regularisation (lambda).
        neighbours: neighbours kept per product (the shipped model's size grows with it).
        recent_days: the window of "popular this month".
        popularity_weight: weight of recent popularity added to the normalised
            neighbour score (breaks ties, carries thin histories).
        months_kept: calendar months of per-month popularity kept in the model.
        max_products: the most bought products that get neighbours (the dense solve
            is cubic in it); the rest still count in popularity.
    """

    recency_days: float = 120.0
    ridge: float = 200.0
    neighbours: int = 100
    recent_days: float = 30.0
    popularity_weight: float = 0.05
    months_kept: int = 3
    max_products: int = 8_000

    def __post_init__(self) -> None:
        positive = ("recency_days", "ridge", "recent_days", "neighbours", "max_products")
        for name in positive:
            if not getattr(self, name) > 0:
                raise CrossSellError(f"{name} must be positive, got {getattr(self, name)!r}")
        if self.popularity_weight < 0 or self.months_kept < 1:
            raise CrossSellError("popularity_weight must be >= 0 and months_kept >= 1")


@dataclass(slots=True)
class _Table:
    """Purchases as parallel arrays, keys replaced by indices."""

    products: list[str]
    categories: list[str]
    product_category: np.ndarray
    customer: np.ndarray
    product: np.ndarray
    seconds: np.ndarray
    month: np.ndarray
    n_customers: int


def train(
    purchases: Iterable[Purchase | tuple],
    *,
    config: TrainingConfig | None = None,
    names: dict[str, str] | None = None,
    now: datetime | None = None,
) -> CrossSellModel:
    """Train a cross-sell model on all the purchases given.

    Args:
        purchases: `Purchase` records, or (customer, product, at[, category]) tuples.
        config: hyper-parameters; the defaults are the evaluated ones.
        names: product key -> display name, used in the reasons (keys otherwise).
        now: the moment the model describes ("this month"); the last purchase by default.

    Raises:
        CrossSellError: on a malformed purchase or when there are none.
    """
    config = config or TrainingConfig()
    table = _tabulate(purchases)
    until = epoch_seconds(now) if now else float(table.seconds.max())
    weights, co_counts, customer_count = _neighbours(table, until=until, config=config)
    months, month_counts = _month_counts(table, keep=config.months_kept)
    arrays = ModelArrays(
        customer_count=customer_count,
        recent_count=_recent_counts(table, since=until - config.recent_days * DAY),
        product_category=table.product_category,
        neighbour_ptr=weights.indptr.astype(np.int32),
        neighbour_index=weights.indices.astype(np.int32),
        neighbour_weight=weights.data.astype(np.float32),
        neighbour_customers=co_counts,
        month_counts=month_counts,
    )
    info = ModelInfo(
        products=tuple(table.products),
        names=tuple((names or {}).get(key, key) for key in table.products),
        categories=tuple(table.categories),
        months=months,
        n_customers=table.n_customers,
        trained_until=until,
        recency_days=config.recency_days,
        recent_days=config.recent_days,
        popularity_weight=config.popularity_weight,
    )
    return CrossSellModel(info, arrays)


def _tabulate(purchases: Iterable[Purchase | tuple]) -> _Table:
    product_ids: dict[str, int] = {}
    customer_ids: dict[str, int] = {}
    category_of: dict[str, str] = {}
    customer, product, seconds, month = [], [], [], []
    for item in checked(purchases):
        customer.append(customer_ids.setdefault(item.customer, len(customer_ids)))
        product.append(product_ids.setdefault(item.product, len(product_ids)))
        seconds.append(epoch_seconds(item.at))
        month.append(item.at.year * 12 + item.at.month - 1)
        if item.category:
            category_of[item.product] = item.category
    if not customer:
        raise CrossSellError("no purchases to train on")
    categories = sorted(set(category_of.values()))
    category_ids = {name: index for index, name in enumerate(categories)}
    products = list(product_ids)
    product_category = np.array(
        [category_ids.get(category_of.get(key, ""), -1) for key in products], dtype=np.int32
    )
    return _Table(
        products=products,
        categories=categories,
        product_category=product_category,
        customer=np.asarray(customer, dtype=np.int64),
        product=np.asarray(product, dtype=np.int64),
        seconds=np.asarray(seconds, dtype=np.float64),
        month=np.asarray(month, dtype=np.int64),
        n_customers=len(customer_ids),
    )


def _last_purchases(table: _Table) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(customer, product, last purchase seconds) for each pair bought at least once."""
    n = len(table.products)
    pair = table.customer * n + table.product
    unique, inverse = np.unique(pair, return_inverse=True)
    last = np.full(len(unique), -np.inf)
    np.maximum.at(last, inverse, table.seconds)
    return unique // n, unique % n, last


def _neighbours(table: _Table, *, until: float, config: TrainingConfig):
    n = len(table.products)
    customers, products, last = _last_purchases(table)
    shape = (table.n_customers, n)
    bought = sp.csr_matrix((np.ones(len(products)), (customers, products)), shape=shape)
    customer_count = np.asarray(bought.sum(axis=0)).ravel().astype(np.int32)
    decay = np.exp(-np.maximum(until - last, 0.0) / (config.recency_days * DAY))
    decayed = sp.csr_matrix((decay, (customers, products)), shape=shape)
    kept = _most_bought(customer_count, limit=config.max_products)
    weights = _ease_top_k(decayed[:, kept], config=config)
    weights = _expand(weights, kept, n=n)
    co = (bought.T @ bought).tocsr()
    co_counts = np.asarray(co[_rows_of(weights), weights.indices]).ravel().astype(np.int32)
    return weights, co_counts, customer_count


def _most_bought(customer_count: np.ndarray, *, limit: int) -> np.ndarray:
    if len(customer_count) <= limit:
        return np.arange(len(customer_count))
    return np.sort(np.argsort(-customer_count, kind="stable")[:limit])


def _ease_top_k(matrix: sp.csr_matrix, *, config: TrainingConfig) -> sp.csr_matrix:
    gram = (matrix.T @ matrix).toarray()
    gram[np.diag_indices_from(gram)] += config.ridge
    inverse = np.linalg.inv(gram)
    weights = inverse / -np.diag(inverse)
    np.fill_diagonal(weights, 0.0)
    return _top_k_positive(weights, k=config.neighbours)


def _top_k_positive(weights: np.ndarray, *, k: int) -> sp.csr_matrix:
    n = weights.shape[0]
    k = min(k, n - 1) if n > 1 else 0
    if k == 0:
        return sp.csr_matrix((n, n), dtype=np.float32)
    top = np.argpartition(-weights, k - 1, axis=1)[:, :k]
    values = np.take_along_axis(weights, top, axis=1)
    rows = np.repeat(np.arange(n), k)
    keep = values.ravel() > 0
    flat = (values.ravel()[keep], (rows[keep], top.ravel()[keep]))
    result = sp.csr_matrix(flat, shape=(n, n), dtype=np.float32)
    result.sort_indices()
    return result


def _expand(weights: sp.csr_matrix, kept: np.ndarray, *, n: int) -> sp.csr_matrix:
    coo = weights.tocoo()
    rows, cols = kept[coo.row], kept[coo.col]
    result = sp.csr_matrix((coo.data, (rows, cols)), shape=(n, n), dtype=np.float32)
    result.sort_indices()
    return result


def _rows_of(matrix: sp.csr_matrix) -> np.ndarray:
    return np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))


def _recent_counts(table: _Table, *, since: float) -> np.ndarray:
    """Distinct customers per product since the given moment."""
    recent = table.seconds >= since
    return _distinct_customers(table.customer[recent], table.product[recent], table)


def _distinct_customers(customer: np.ndarray, product: np.ndarray, table: _Table) -> np.ndarray:
    n = len(table.products)
    pairs = np.unique(customer * n + product)
    return np.bincount(pairs % n, minlength=n).astype(np.int32)


def _month_counts(table: _Table, *, keep: int) -> tuple[tuple[str, ...], np.ndarray]:
    last = int(table.month.max())
    months = list(range(max(int(table.month.min()), last - keep + 1), last + 1))
    counts = [
        _distinct_customers(table.customer[mask], table.product[mask], table)
        for mask in (table.month == month for month in months)
    ]
    labels = tuple(f"{month // 12:04d}-{month % 12 + 1:02d}" for month in months)
    return labels, np.vstack(counts)
