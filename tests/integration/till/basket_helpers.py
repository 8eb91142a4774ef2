"""A desk cache with a small shop (products, barcodes, prices at Leeds, stock, a customer),
and its till basket: the real cache, the real catalogue port, the real supervisor check
(offline, against a verifier kept for ``sue``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.adapters.cache.database import CacheDatabase
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.domain.catalogue.barcodes import check_digit
from frontdesk.domain.money import Money
from frontdesk.domain.till import TillRules
from frontdesk.protocol import CustomerPublic, ProductPublic, PullPage
from frontdesk.protocol.catalogue import PricePublic, StockPublic
from frontdesk.services.catalogue.desk import DeskCatalogue
from frontdesk.services.till.approval import DeskSupervisorCheck
from frontdesk.services.till.basket import TillBasket
from frontdesk.services.till.desk import TillDesk
from frontdesk.services.till.ports import SupervisorVerifier

RULES = TillRules(currencies=("GBP",))
T0 = datetime(2024, 1, 1, tzinfo=UTC)
SUE = ("sue", "sue's password")


def ean(payload: str) -> str:
    return payload + str(check_digit(payload))


MUG, TEA, APPLES, PEN = ean("501234567890"), ean("501234567891"), ean("501234567892"), "PEN-1"


def _product(sku: str, seq: int, name: str, *, unit: str = "piece", code: str | None = None):
    return ProductPublic(
        sku=sku, name=name, names={"en": name, "ru": f"{name} (ru)"}, category="Kitchen",
        unit_price="1.00", currency="GBP", unit=unit, barcodes=[code] if code else [], seq=seq,
    )  # fmt: skip


def _price(pid: str, sku: str, amount: str, seq: int, currency: str = "GBP") -> PricePublic:
    return PricePublic(id=pid, sku=sku, currency=currency, unit_price=amount, branch="Leeds",
                       valid_from=date(2020, 1, 1), valid_until=None, withdrawn=False,
                       seq=seq)  # fmt: skip


def shop_page() -> PullPage:
    """A mug and tea by barcode, apples by weight, a pen by SKU; a vase priced only in EUR."""
    products = [
        _product("MUG-1", 1, "Mug", code=MUG), _product("TEA-1", 2, "Tea", code=TEA),
        _product("APL-1", 3, "Apples", unit="kg", code=APPLES), _product("PEN-1", 4, "Pen"),
        _product("VAS-1", 5, "Vase"),
    ]  # fmt: skip
    prices = [
        _price("p1", "MUG-1", "3.99", 10), _price("p2", "TEA-1", "2.50", 11),
        _price("p3", "APL-1", "1.999", 12), _price("p4", "PEN-1", "0.35", 13),
        _price("p5", "VAS-1", "20.00", 14, currency="EUR"),
    ]  # fmt: skip
    stock = [StockPublic(sku="MUG-1", branch="Leeds", warehouse="main", on_hand="10",
                         reserved="0", incoming="0", incoming_on=None, as_of=datetime.now(UTC),
                         seq=20)]  # fmt: skip
    customer = CustomerPublic(
        id="c1", account_number="A00001", full_name="Ann Smith", phones=[], emails=[],
        loyalty_card=None, branch="Leeds", notes="", created_at=T0, updated_at=T0, seq=30,
    )  # fmt: skip
    return PullPage(cursor=100, has_more=False, products=products, prices=prices, stock=stock,
                    customers=[customer])  # fmt: skip


def fill(database: CacheDatabase) -> None:
    uow = SqlAlchemyTillUnitOfWork(database.writer)
    with uow:
        uow.replica.apply(shop_page(), index=True)
        uow.sync_state.advance(100, pulled_at=datetime.now(UTC))
        uow.sync_state.keep_case_desk(case_prefix="D1", branch="Leeds")
        uow.supervisors.remember(SupervisorVerifier(
            SUE[0], "supervisor", Argon2Verifier().make(SUE[1]), datetime.now(UTC)))  # fmt: skip
        uow.commit()


def till_basket(database: CacheDatabase, register: str = "SHOP1", *, limit=None) -> TillBasket:
    """The register's basket on ``database`` (a new connection each call: as after a restart)."""
    uow = SqlAlchemyTillUnitOfWork(database.writer)
    rules = RULES if limit is None else TillRules(currencies=("GBP",), discount_limit=limit)

    def check() -> DeskSupervisorCheck:
        return DeskSupervisorCheck(None, uow, verifier=Argon2Verifier(),
                                   valid_for=timedelta(days=14))  # fmt: skip

    desk = TillDesk(uow, register=register, cashier="cat", rules=rules, supervisor_check=check,
                    queries=SqlAlchemyCustomerQueries(database.reader))  # fmt: skip
    return TillBasket(desk, DeskCatalogue(SqlAlchemyCatalogue(database.reader)))


def gbp(text: str) -> Money:
    return Money.of(text, "GBP")
