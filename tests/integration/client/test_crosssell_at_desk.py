"""The model trained on the server reaches the cache through the pull engine and scores offline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from crosssell_shop import PRODUCTS, ZOE_ID, build_shop
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache.database import CacheDatabase
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.tables import CachedCrossSellModel, CachedProduct
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import PullPage
from frontdesk.server.crosssell_jobs import train_crosssell
from frontdesk.server.db import make_engine, migrate, session_factory
from frontdesk.server.pull import pull_page
from frontdesk.services.errors import NoCrossSellModel
from frontdesk.sync.pull import AbstractPullTransport, pull_all


class ServerDatabaseTransport(AbstractPullTransport):
    """Pages straight from the server's pull code on its database (the HTTP layer aside)."""

    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        with self._factory() as session:
            # Through JSON and back, exactly as the page travels.
            return PullPage.model_validate_json(
                pull_page(session, cursor=cursor, limit=limit).model_dump_json()
            )


@pytest.fixture
def central(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    migrate(url)
    engine = make_engine(url)
    factory = session_factory(engine)
    build_shop(factory)
    yield factory
    engine.dispose()


def _sync(central: sessionmaker[Session], uow: SqlAlchemyUnitOfWork) -> None:
    pull_all(ServerDatabaseTransport(central), uow, page_size=7)


def test_recommendations_name_the_customers_own_products(
    central: sessionmaker[Session], uow: SqlAlchemyUnitOfWork, queries: SqlAlchemyCustomerQueries
) -> None:
    train_crosssell(central)
    _sync(central, uow)
    offers = queries.recommendations(ZOE_ID, k=3)
    assert offers[0].sku == "BISC"
    top = offers[0]
    assert top.name == "Shortbread Biscuits"
    assert top.kind == "co-purchase"
    assert top.because_of_skus == ("TEA",) and top.because_of == ("Earl Grey Tea",)
    # 24 of the 25 tea buyers (Zoe is the 25th) bought biscuits.
    assert top.reason == "bought by 96% of customers who bought Earl Grey Tea"
    assert top.model_version == 1
    own = {"TEA", "MUG"}
    assert not own & {o.sku for o in offers}, "never offers what she already has"
    for offer in offers:
        assert set(offer.because_of_skus) <= own


def test_no_model_in_the_cache_is_a_clear_error(
    central: sessionmaker[Session], uow: SqlAlchemyUnitOfWork, queries: SqlAlchemyCustomerQueries
) -> None:
    _sync(central, uow)
    with pytest.raises(NoCrossSellModel, match="frontdesk-server train-crosssell"):
        queries.recommendations(ZOE_ID)


def test_a_retrained_model_replaces_the_cached_one_and_is_reloaded(
    central: sessionmaker[Session],
    uow: SqlAlchemyUnitOfWork,
    queries: SqlAlchemyCustomerQueries,
    cache_db: CacheDatabase,
) -> None:
    train_crosssell(central)
    _sync(central, uow)
    assert queries.recommendations(ZOE_ID)[0].model_version == 1
    train_crosssell(central)
    _sync(central, uow)
    with cache_db.reader() as session:
        assert session.scalars(select(CachedCrossSellModel.version)).all() == [2]
    assert queries.recommendations(ZOE_ID)[0].model_version == 2


def test_recently_bought_items_can_be_offered_again_after_the_set_days(
    central: sessionmaker[Session], uow: SqlAlchemyUnitOfWork, cache_db: CacheDatabase
) -> None:
    train_crosssell(central)
    _sync(central, uow)
    never_again = SqlAlchemyCustomerQueries(cache_db.reader)
    every_day = SqlAlchemyCustomerQueries(cache_db.reader, crosssell_repeat_after=timedelta(0))
    k = len(PRODUCTS)
    assert "TEA" not in {o.sku for o in never_again.recommendations(ZOE_ID, k=k)}
    assert "TEA" in {o.sku for o in every_day.recommendations(ZOE_ID, k=k)}


def test_a_product_renamed_in_the_cache_shows_its_new_name_with_the_next_model(
    central: sessionmaker[Session],
    uow: SqlAlchemyUnitOfWork,
    queries: SqlAlchemyCustomerQueries,
    cache_db: CacheDatabase,
) -> None:
    train_crosssell(central)
    _sync(central, uow)
    assert queries.recommendations(ZOE_ID)[0].name == "Shortbread Biscuits"
    with cache_db.writer() as session, session.begin():
        rename = update(CachedProduct).where(CachedProduct.sku == "BISC")
        session.execute(rename.values(name="Butter Shortbread"))
    train_crosssell(central)
    _sync(central, uow)
    top = queries.recommendations(ZOE_ID)[0]
    assert (top.sku, top.name, top.model_version) == ("BISC", "Butter Shortbread", 2)
