"""Cross-sell at the till: the attached customer's top offers from the model the server
trained (pulled into the desk cache), and an offer added to the basket recorded as accepted
in the same transaction, through the existing ``crosssell.feedback`` write."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from crosssell_shop import ZOE_ID, build_shop
from sqlalchemy.orm import Session, sessionmaker
from test_crosssell_at_desk import ServerDatabaseTransport

from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.domain.money import Money
from frontdesk.domain.till import TillRules
from frontdesk.protocol import PullPage
from frontdesk.protocol.catalogue import PricePublic
from frontdesk.server.crosssell_jobs import train_crosssell
from frontdesk.server.db import make_engine, migrate, session_factory
from frontdesk.services.catalogue.desk import DeskCatalogue
from frontdesk.services.till import TillRefused
from frontdesk.services.till.basket import TillBasket
from frontdesk.services.till.desk import TillDesk
from frontdesk.sync.pull import pull_all


@pytest.fixture
def central(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    """The server's database with the cross-sell shop (Zoe bought tea and a mug)."""
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    migrate(url)
    engine = make_engine(url)
    factory = session_factory(engine)
    build_shop(factory)
    yield factory
    engine.dispose()


def _sync(central: sessionmaker[Session], uow) -> None:
    pull_all(ServerDatabaseTransport(central), uow, page_size=7)


def _basket(cache_db, queries) -> TillBasket:
    uow = SqlAlchemyTillUnitOfWork(cache_db.writer)
    desk = TillDesk(uow, register="SHOP1", cashier="cat", rules=TillRules(currencies=("GBP",)),
                    supervisor_check=lambda: None, queries=queries)  # fmt: skip
    return TillBasket(desk, DeskCatalogue(SqlAlchemyCatalogue(cache_db.reader)))


def _trained_shop_at_leeds(central, uow, apply) -> None:
    """The model trained and pulled; biscuits priced at Leeds, this desk's branch."""
    train_crosssell(central)
    _sync(central, uow)
    apply(PullPage(cursor=10**6, has_more=False, prices=[PricePublic(
        id="bisc-leeds", sku="BISC", currency="GBP", unit_price="1.20", branch="Leeds",
        valid_from=date(2020, 1, 1), valid_until=None, withdrawn=False, seq=10**6)]))  # fmt: skip
    with uow:
        uow.sync_state.keep_case_desk(case_prefix="D1", branch="Leeds")
        uow.commit()


def test_the_till_offers_the_customers_top_products_and_records_the_one_added(
    central,
    cache_db,
    uow,
    queries,
    apply,
) -> None:
    _trained_shop_at_leeds(central, uow, apply)
    basket = _basket(cache_db, queries)
    assert basket.offers() == []  # no customer attached yet
    basket.attach_customer(ZOE_ID)
    [top, *_] = basket.offers(k=3)
    assert top.sku == "BISC"
    view = basket.add_offer(top, quantity=Decimal(2))
    assert [(v.sku, v.gross) for v in view.lines] == [("BISC", Money.of("2.40", "GBP"))]
    with uow:
        [feedback] = uow.outbox.pending_of_kind("crosssell.feedback")
    assert (feedback.payload["sku"], feedback.payload["outcome"]) == ("BISC", "accepted")
    assert feedback.payload["customer_id"] == ZOE_ID
    at = datetime.fromisoformat(feedback.payload["occurred_at"])
    assert abs(at - datetime.now(UTC)) < timedelta(minutes=1)


def test_an_offer_is_added_only_with_its_customer_attached(central, cache_db, uow, queries,
                                                          apply) -> None:  # fmt: skip
    _trained_shop_at_leeds(central, uow, apply)
    basket = _basket(cache_db, queries)
    basket.attach_customer(ZOE_ID)
    [top, *_] = basket.offers(k=1)
    basket.attach_customer(None)
    with pytest.raises(TillRefused) as refused:
        basket.add_offer(top)
    assert refused.value.code == "customer_missing"
    with uow:
        assert uow.outbox.pending_of_kind("crosssell.feedback") == []
    assert basket.current().empty
