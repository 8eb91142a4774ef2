"""Cross-sell at the desk: the cached model scores a customer's cached purchases, offline.

The model blob is loaded once per model version and kept, with the display names of its
products, while the version stays the newest in the cache; each question then costs two
small indexed reads on one connection (the model's version by primary key, the customer's
products through ``ix_purchases_customer_date``) and the scoring itself. The statements
are built once at import, so a question pays for no SQL construction either.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.tables import (
    CachedCrossSellModel,
    CachedProduct,
    CachedPurchase,
    CachedPurchaseLine,
)
from frontdesk.crosssell import CrossSellError, CrossSellModel, Recommendation
from frontdesk.services.errors import CacheError, NoCrossSellModel
from frontdesk.services.read_models import RecommendationRow

_SOLD = CachedPurchaseLine.quantity_milli > 0
_HISTORY = (
    select(
        CachedPurchaseLine.sku,
        func.max(CachedPurchase.purchased_at).filter(_SOLD),
        func.sum(CachedPurchaseLine.quantity_milli),
    )
    .join(CachedPurchase, CachedPurchase.id == CachedPurchaseLine.purchase_id)
    .where(CachedPurchase.customer_id == bindparam("customer_id"))
    .group_by(CachedPurchaseLine.sku)
)
_MODEL_VERSION = select(CachedCrossSellModel.version).where(CachedCrossSellModel.id == 1)
_MODEL_BLOB = select(CachedCrossSellModel.blob).where(CachedCrossSellModel.id == 1)
_PRODUCT_NAMES = select(CachedProduct.sku, CachedProduct.name).where(CachedProduct.name != "")


@dataclass(frozen=True, slots=True)
class _Loaded:
    version: int
    model: CrossSellModel
    names: dict[str, str]  # every model product's display name, the cache's where it has one


class CachedCrossSell:
    """Recommendations from the cache's cross-sell model; safe to share between threads.

    Args:
        repeat_after: None never offers what the customer already bought; a duration
            offers again what they last bought longer ago than that.
    """

    def __init__(self, *, repeat_after: timedelta | None = None) -> None:
        self.repeat_after = repeat_after
        self._lock = threading.Lock()
        self._loaded: _Loaded | None = None

    def recommend(self, session: Session, customer_id: str, *, k: int) -> list[RecommendationRow]:
        # Core statements on the session's one connection: no ORM round trip per read.
        connection = session.connection()
        loaded = self._model(connection)
        history, returned = customer_history(connection, customer_id)
        try:
            offers = loaded.model.recommend(
                history, k=k, exclude=returned, repeat_after=self.repeat_after
            )
        except CrossSellError as error:
            raise CacheError(f"cross-sell: {error}") from error
        return [_row(offer, loaded) for offer in offers]

    def also_bought(self, session: Session, sku: str, *, k: int) -> list[RecommendationRow]:
        """Up to ``k`` products bought by the customers who bought ``sku`` (co-purchase
        offers only: a category's best sellers are no answer to "what goes with this?")."""
        loaded = self._model(session.connection())
        if sku not in loaded.names:
            return []
        bought = datetime.fromtimestamp(loaded.model.info.trained_until, UTC)
        try:
            offers = loaded.model.recommend({sku: bought}, k=k)
        except CrossSellError as error:
            raise CacheError(f"cross-sell: {error}") from error
        return [_row(offer, loaded) for offer in offers if offer.kind == "co-purchase"]

    def _model(self, connection: Connection) -> _Loaded:
        version = connection.execute(_MODEL_VERSION).scalar()
        if version is None:
            raise NoCrossSellModel(
                "no cross-sell model in the local cache yet: the server trains one "
                "(frontdesk-server train-crosssell), the next sync brings it"
            )
        with self._lock:
            if self._loaded is None or self._loaded.version != version:
                self._loaded = _load(connection, version)
            return self._loaded


def customer_history(
    db: Connection | Session, customer_id: str
) -> tuple[dict[str, datetime], set[str]]:
    """What the customer kept (product -> when last bought), and what they returned in full.

    A product returned in full is neither a reason for an offer nor an offer itself.
    """
    kept: dict[str, datetime] = {}
    returned: set[str] = set()
    for sku, last_bought, net in db.execute(_HISTORY, {"customer_id": customer_id}):
        if last_bought is not None and net > 0:
            kept[sku] = _moment(last_bought)
        else:
            returned.add(sku)
    return kept, returned


def _moment(value: datetime | str) -> datetime:
    # Should an aggregate lose the column type, SQLite's stored text is naive UTC.
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _load(connection: Connection, version: int) -> _Loaded:
    blob = connection.execute(_MODEL_BLOB).scalar()
    try:
        model = CrossSellModel.from_bytes(blob or b"")
    except CrossSellError as error:
        raise CacheError(
            f"the cached cross-sell model v{version} is unreadable: {error}"
        ) from error
    return _Loaded(version=version, model=model, names=_product_names(connection, model))


def _product_names(connection: Connection, model: CrossSellModel) -> dict[str, str]:
    # Read once per model version: a product renamed since shows its new name from the
    # next model on (the model's own reasons carry the names it was trained with).
    cached = {sku: name for sku, name in connection.execute(_PRODUCT_NAMES)}
    return {
        sku: cached.get(sku) or trained
        for sku, trained in zip(model.products, model.info.names, strict=True)
    }


def _row(offer: Recommendation, loaded: _Loaded) -> RecommendationRow:
    model, names = loaded.model, loaded.names
    return RecommendationRow(
        sku=offer.product,
        name=names[offer.product],
        reason=offer.reason_text,
        because_of=tuple(names[sku] for sku in offer.because_of),
        because_of_skus=offer.because_of,
        kind=offer.kind,
        model_version=loaded.version,
        confidence=offer.confidence,
        customers=offer.customers,
        recent_days=model.info.recent_days,
        category=_category(model, offer) if offer.kind == "category" else "",
    )


def _category(model: CrossSellModel, offer: Recommendation) -> str:
    code = int(model.arrays.product_category[model.products.index(offer.product)])
    return model.info.categories[code] if code >= 0 else ""
