"""Cross-sell at the desk: the cached model scores a customer's cached purchases, offline.

The model blob is loaded once per model version and kept while the version stays the
newest in the cache; each question then costs two small indexed reads (the model's
version, the customer's products) and the scoring itself.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from sqlalchemy import func, select
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


class CachedCrossSell:
    """Recommendations from the cache's cross-sell model; safe to share between threads.

    Args:
        repeat_after: None never offers what the customer already bought; a duration
            offers again what they last bought longer ago than that.
    """

    def __init__(self, *, repeat_after: timedelta | None = None) -> None:
        self.repeat_after = repeat_after
        self._lock = threading.Lock()
        self._loaded: tuple[int, CrossSellModel] | None = None

    def recommend(self, session: Session, customer_id: str, *, k: int) -> list[RecommendationRow]:
        version, model = self._model(session)
        history, returned = customer_history(session, customer_id)
        try:
            offers = model.recommend(history, k=k, exclude=returned, repeat_after=self.repeat_after)
        except CrossSellError as error:
            raise CacheError(f"cross-sell: {error}") from error
        names = _product_names(session, offers)
        return [_row(offer, names, model=model, version=version) for offer in offers]

    def _model(self, session: Session) -> tuple[int, CrossSellModel]:
        version = session.scalar(select(CachedCrossSellModel.version))
        if version is None:
            raise NoCrossSellModel(
                "no cross-sell model in the local cache yet: the server trains one "
                "(frontdesk-server train-crosssell), the next sync brings it"
            )
        with self._lock:
            if self._loaded is None or self._loaded[0] != version:
                self._loaded = (version, _load(session, version))
            return self._loaded


def customer_history(session: Session, customer_id: str) -> tuple[dict[str, datetime], set[str]]:
    """What the customer kept (product -> when last bought), and what they returned in full.

    A product returned in full is neither a reason for an offer nor an offer itself.
    """
    sold = CachedPurchaseLine.quantity > 0
    query = (
        select(
            CachedPurchaseLine.sku,
            func.max(CachedPurchase.purchased_at).filter(sold),
            func.sum(CachedPurchaseLine.quantity),
        )
        .join(CachedPurchase, CachedPurchase.id == CachedPurchaseLine.purchase_id)
        .where(CachedPurchase.customer_id == customer_id)
        .group_by(CachedPurchaseLine.sku)
    )
    kept: dict[str, datetime] = {}
    returned: set[str] = set()
    for sku, last_bought, net in session.execute(query):
        if last_bought is not None and net > 0:
            kept[sku] = _moment(last_bought)
        else:
            returned.add(sku)
    return kept, returned


def _moment(value: datetime | str) -> datetime:
    # Should an aggregate lose the column type, SQLite's stored text is naive UTC.
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _load(session: Session, version: int) -> CrossSellModel:
    blob = session.scalar(select(CachedCrossSellModel.blob))
    try:
        return CrossSellModel.from_bytes(blob or b"")
    except CrossSellError as error:
        raise CacheError(
            f"the cached cross-sell model v{version} is unreadable: {error}"
        ) from error


def _product_names(session: Session, offers: list[Recommendation]) -> dict[str, str]:
    skus = {offer.product for offer in offers} | {s for o in offers for s in o.because_of}
    query = select(CachedProduct.sku, CachedProduct.name).where(CachedProduct.sku.in_(skus))
    return {sku: name for sku, name in session.execute(query) if name}


def _row(
    offer: Recommendation, names: dict[str, str], *, model: CrossSellModel, version: int
) -> RecommendationRow:
    def name(sku: str) -> str:
        return names.get(sku) or model.info.names[model.products.index(sku)]

    return RecommendationRow(
        sku=offer.product,
        name=name(offer.product),
        reason=offer.reason_text,
        because_of=tuple(name(sku) for sku in offer.because_of),
        because_of_skus=offer.because_of,
        kind=offer.kind,
        model_version=version,
        confidence=offer.confidence,
        customers=offer.customers,
        recent_days=model.info.recent_days,
        category=_category(model, offer) if offer.kind == "category" else "",
    )


def _category(model: CrossSellModel, offer: Recommendation) -> str:
    code = int(model.arrays.product_category[model.products.index(offer.product)])
    return model.info.categories[code] if code >= 0 else ""
