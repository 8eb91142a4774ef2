"""Writing pulled pages into the replicated tables: upsert by primary key, money as integers."""

from __future__ import annotations

import base64
import binascii
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.cases.pull import (
    apply_pulled_cases,
    build_case_indexes,
    clear_cases,
)
from frontdesk.adapters.cache.cases.search import rebuild_case_index
from frontdesk.adapters.cache.catalogue.pull import apply_pulled_catalogue, clear_catalogue
from frontdesk.adapters.cache.catalogue.search import rebuild_product_index
from frontdesk.adapters.cache.customer_rows import upsert_customers
from frontdesk.adapters.cache.knowledge.index import rebuild_index as rebuild_kb_index
from frontdesk.adapters.cache.knowledge.pull import apply_pulled_knowledge, clear_knowledge
from frontdesk.adapters.cache.orders.pull import apply_orders, clear_orders
from frontdesk.adapters.cache.outbox import apply_pulled_interactions
from frontdesk.adapters.cache.purchase_pull import (
    apply_pulled_purchases,
    build_purchase_indexes,
)
from frontdesk.adapters.cache.search_index import (
    clear_index,
    index_counts,
    rebuild_index,
    refresh_customers,
)
from frontdesk.adapters.cache.snapshot import attach_snapshot
from frontdesk.adapters.cache.tables import (
    CachedCrossSellModel,
    CachedCustomer,
    CachedProduct,
    CachedPurchase,
    CachedPurchaseLine,
)
from frontdesk.adapters.cache.till_pull import TillPulledRow, apply_pulled_till
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import UnitPrice
from frontdesk.protocol import (
    CrossSellModelPublic,
    ProductPublic,
    PullPage,
)
from frontdesk.services.errors import ProtocolError
from frontdesk.services.ports import AbstractReplicaRepository, SnapshotCounts

_CACHE_KIB = 65_536  # the page cache of the connection applying pulled pages
# WAL pages before a commit copies the log into the database (SQLite's default is 1,000).
# A bulk load's pages each rewrite index pages all over the file, so checkpointing after
# nearly every page wrote them again and again and waited on the disk each time: about
# half of applying a page. The load's last commit checkpoints at the default again.
_BULK_CHECKPOINT_PAGES = 10_000
_CHECKPOINT_PAGES = 1_000
Row = dict[str, Any]


class SqlAlchemyReplicaRepository(AbstractReplicaRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def apply(self, page: PullPage, *, index: bool = True) -> None:
        with cyclic_gc_paused():
            self._apply(page, index=index)

    def bulk_load_due(self) -> bool:
        customers, indexed = index_counts(self._session.connection())
        return customers == 0 or indexed < customers

    def rebuild_index(self) -> None:
        connection = self._session.connection()
        with cyclic_gc_paused():
            build_purchase_indexes(connection)  # the lookup reads purchases by customer
            rebuild_index(connection)
            build_case_indexes(connection)  # the full-text documents read lines by case
            rebuild_case_index(connection)
            rebuild_product_index(connection)
            rebuild_kb_index(connection)
        connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {_CHECKPOINT_PAGES}")

    def _apply(self, page: PullPage, *, index: bool) -> None:
        # A page touches indexes all over the file (random ids): SQLite's default 2 MB page
        # cache spills and re-reads them on every page of a large pull.
        connection = self._session.connection()
        connection.exec_driver_sql(f"PRAGMA cache_size = -{_CACHE_KIB}")
        checkpoint = _CHECKPOINT_PAGES if index else _BULK_CHECKPOINT_PAGES
        connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {checkpoint}")
        upsert_customers(self._session.connection(), page.customers)
        products = [product_row(p) for p in page.products]
        apply_pulled_catalogue(self._session, page, products, index=index)
        apply_pulled_purchases(self._session, page.purchases, index=index)
        if index:
            touched = [c.id for c in page.customers] + [p.customer_id for p in page.purchases]
            refresh_customers(self._session.connection(), [i for i in touched if i is not None])
        apply_pulled_interactions(self._session, page.interactions)
        apply_pulled_till(self._session, page.till_transactions)
        apply_pulled_cases(self._session, page, index=index)
        apply_orders(self._session, page.orders, page.order_events)
        apply_pulled_knowledge(self._session, page, index=index)
        if page.crosssell_model is not None:
            _upsert(
                self._session, CachedCrossSellModel, [crosssell_model_row(page.crosssell_model)]
            )

    def attach_snapshot(self, path: Path, *, cursor: int) -> SnapshotCounts:
        def bulk(page: PullPage) -> None:
            self._apply(page, index=False)

        with cyclic_gc_paused():
            rows = attach_snapshot(self._session.connection(), path, cursor=cursor, apply=bulk)
        return SnapshotCounts(rows)

    def clear(self) -> None:
        for table in (CachedPurchaseLine, CachedPurchase, CachedProduct, CachedCustomer):
            self._session.execute(delete(table))
        clear_index(self._session.connection())
        self._session.execute(delete(TillPulledRow))
        self._session.execute(delete(CachedCrossSellModel))
        clear_cases(self._session)
        clear_orders(self._session)
        clear_catalogue(self._session)
        clear_knowledge(self._session)


class _CollectorPause:
    """Counts the blocks that want the cyclic collector off; the last one out restores it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._restore = False

    def enter(self) -> None:
        with self._lock:
            if self._holders == 0:
                self._restore = gc.isenabled()
                gc.disable()
            self._holders += 1

    def leave(self) -> None:
        with self._lock:
            self._holders -= 1
            if self._holders == 0 and self._restore:
                gc.enable()


_collector_pause = _CollectorPause()


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """No automatic cyclic garbage collection while the block runs (on any thread).

    A page's apply makes thousands of short-lived rows and statement parameters. With the
    collector on, those alive at a young collection get promoted, and enough promotions
    start a full collection of the whole heap: hundreds of milliseconds holding the GIL,
    a frozen window on the UI thread. Reference counting frees the page's objects when the
    block ends, so they are never promoted. Nested and concurrent blocks are counted, and
    a collector someone else switched off stays off.
    """
    _collector_pause.enter()
    try:
        yield
    finally:
        _collector_pause.leave()


def _upsert(session: Session, model: Any, rows: list[Row]) -> None:
    """Insert or update by primary key; a row never goes back to an older version.

    Two pulls may overlap (the window and a headless ``frontdesk sync`` on one cache): the
    sequence number check keeps the later change whichever page commits last.
    """
    if not rows:
        return
    table = model.__table__
    stmt = insert(table)
    keys = [c.name for c in table.primary_key]
    updates = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    upsert = stmt.on_conflict_do_update(
        index_elements=keys, set_=updates, where=stmt.excluded.seq >= table.c.seq
    )
    session.execute(upsert, rows)


def product_row(product: ProductPublic) -> Row:
    price = _money(f"product {product.sku}", UnitPrice.of, product.unit_price, product.currency)
    return {
        "sku": product.sku,
        "name": product.name,
        "category": product.category,
        "unit_price_scaled": price.scaled,
        "currency": price.currency.code,
        "seq": product.seq,
        "names": dict(product.names),
        "descriptions": dict(product.descriptions),
        "category_code": product.category_code,
        "attributes": dict(product.attributes),
        "unit": product.unit,
        "status": product.status,
        "replacement_sku": product.replacement_sku,
        "thumbnail": _thumbnail(product),
        "literature": [link.model_dump(mode="json") for link in product.literature],
    }


def _thumbnail(product: ProductPublic) -> bytes | None:
    if product.thumbnail is None:
        return None
    try:
        return base64.b64decode(product.thumbnail, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ProtocolError(f"product {product.sku}: thumbnail is not base64") from error


def crosssell_model_row(model: CrossSellModelPublic) -> Row:
    """The one model row; the blob is checked as base64 here, as a model when first used."""
    try:
        blob = base64.b64decode(model.blob, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ProtocolError(f"cross-sell model v{model.version}: blob is not base64") from error
    return {
        "id": 1,
        "version": model.version,
        "trained_at": model.trained_at,
        "seq": model.seq,
        "blob": blob,
    }


def _money(what: str, parse: Any, *args: Any) -> Any:
    """``parse(*args)``, with a domain error turned into a ProtocolError naming the row."""
    try:
        return parse(*args)
    except DomainError as error:
        raise ProtocolError(f"{what}: {error}") from error
