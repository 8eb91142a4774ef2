"""Training the cross-sell model from every purchase in the central database, and storing it.

The purchases are streamed from the database (``yield_per``), never loaded as ORM objects,
so memory follows the model's arrays, not the table. The stored model gets a change
sequence number, so the next pull ships it to every desk. Whether a retraining is due is
read from the database alone (purchases newer than the last model's), so any number of
server processes agree without sharing memory.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.crosssell import CrossSellModel, Purchase, train
from frontdesk.server.db import allocate_seq, transaction, utcnow
from frontdesk.server.models import CrossSellModelRow, Product, PurchaseLine
from frontdesk.server.models import Purchase as PurchaseRow

#: Rows fetched per round trip while streaming purchase lines.
STREAM_BATCH = 10_000
#: Older models kept beside the newest (for a look back); the rest are deleted.
MODELS_KEPT = 3


@dataclass(frozen=True, slots=True)
class TrainingReport:
    """What one training did; ``summary()`` is the command's output line."""

    version: int | None
    purchase_lines: int
    products: int
    model_bytes: int
    seconds: float
    stored: bool = True

    def summary(self) -> str:
        if not self.stored:
            return "cross-sell model: a newer model was stored meanwhile; this one was dropped"
        return (
            f"cross-sell model v{self.version}: {self.purchase_lines:,} purchase lines, "
            f"{self.products:,} products, {self.model_bytes:,} bytes, "
            f"trained in {self.seconds:.1f} s"
        )


@dataclass(frozen=True, slots=True)
class _Trained:
    model: CrossSellModel
    through_seq: int
    lines: int


class _Counted:
    """An iterator that counts what passes through it (training consumes it once)."""

    def __init__(self, items: Iterator[Purchase]) -> None:
        self._items = items
        self.count = 0

    def __iter__(self) -> Iterator[Purchase]:
        for item in self._items:
            self.count += 1
            yield item


def train_crosssell(
    factory: sessionmaker[Session], *, now: datetime | None = None
) -> TrainingReport:
    """Train on every sold product line in the database and store the model as the newest.

    Raises:
        frontdesk.crosssell.CrossSellError: there are no purchases to train on.
    """
    started = time.perf_counter()
    trained = _train(factory, now=now)
    blob = trained.model.to_bytes()
    version = _store(factory, trained, blob=blob)
    return TrainingReport(
        version=version,
        purchase_lines=trained.lines,
        products=len(trained.model.products),
        model_bytes=len(blob),
        seconds=time.perf_counter() - started,
        stored=version is not None,
    )


def new_purchases(session: Session) -> int:
    """Purchases stored or changed since the newest model's training (all, without one)."""
    through = session.scalar(
        select(CrossSellModelRow.purchases_through_seq)
        .order_by(CrossSellModelRow.version.desc())
        .limit(1)
    )
    query = select(func.count()).select_from(PurchaseRow)
    if through is not None:
        query = query.where(PurchaseRow.change_seq > through)
    return int(session.scalar(query) or 0)


def retrain_if_due(factory: sessionmaker[Session], *, threshold: int) -> TrainingReport | None:
    """Train when at least ``threshold`` purchases are new since the last model; 0 never does.

    The check is one indexed count, cheap enough for the end of every import or push batch.
    """
    if threshold <= 0:
        return None
    with factory() as session:
        due = new_purchases(session) >= threshold
    return train_crosssell(factory) if due else None


def _train(factory: sessionmaker[Session], *, now: datetime | None) -> _Trained:
    with factory() as session:
        through = int(session.scalar(select(func.max(PurchaseRow.change_seq))) or 0)
        names = {sku: name for sku, name in session.execute(select(Product.sku, Product.name))}
        purchases = _Counted(_stream_purchases(session, through_seq=through))
        model = train(purchases, names={k: v for k, v in names.items() if v}, now=now)
    return _Trained(model, through, purchases.count)


def _stream_purchases(session: Session, *, through_seq: int) -> Iterator[Purchase]:
    """Each sold product line as a training ``Purchase``: returns and anonymous sales left out."""
    query = (
        select(
            PurchaseRow.customer_id, PurchaseLine.sku, PurchaseRow.purchased_at, Product.category
        )
        .join(PurchaseLine, PurchaseLine.purchase_id == PurchaseRow.id)
        .join(Product, Product.sku == PurchaseLine.sku)
        .where(
            PurchaseRow.customer_id.is_not(None),
            PurchaseRow.is_return.is_(False),
            PurchaseLine.quantity_milli > 0,
            PurchaseRow.change_seq <= through_seq,
        )
    )
    rows = session.execute(query, execution_options={"yield_per": STREAM_BATCH})
    for customer_id, sku, purchased_at, category in rows:
        yield Purchase(customer_id, sku, purchased_at, category or "")


def _store(factory: sessionmaker[Session], trained: _Trained, *, blob: bytes) -> int | None:
    """Store the model as the newest version; None when a model trained on as much exists."""
    with transaction(factory) as session:
        # The change-counter lock serialises this with every other writer, so two servers
        # finishing a training together number their models one after the other.
        seq = allocate_seq(session)
        newest = session.execute(
            select(CrossSellModelRow.version, CrossSellModelRow.purchases_through_seq)
            .order_by(CrossSellModelRow.version.desc())
            .limit(1)
        ).first()
        if newest is not None and newest.purchases_through_seq > trained.through_seq:
            return None
        version = (newest.version if newest else 0) + 1
        session.add(_row(trained, blob=blob, version=version, seq=seq))
        session.execute(
            delete(CrossSellModelRow).where(CrossSellModelRow.version <= version - 1 - MODELS_KEPT)
        )
    return version


def _row(trained: _Trained, *, blob: bytes, version: int, seq: int) -> CrossSellModelRow:
    return CrossSellModelRow(
        version=version,
        trained_at=utcnow(),
        purchases_through_seq=trained.through_seq,
        purchase_lines=trained.lines,
        products=len(trained.model.products),
        blob=blob,
        change_seq=seq,
    )
