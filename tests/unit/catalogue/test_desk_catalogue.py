"""The product card's arithmetic over a hand-written catalogue: stock less this desk's
unsynced sales (never below zero, other branches untouched), staleness, the branch's price
on a day and in which currency, category paths and subtrees, names in the desk's language."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from frontdesk.domain.catalogue.prices import PriceEntry
from frontdesk.domain.catalogue.stock import StockFigure
from frontdesk.domain.money import UnitPrice
from frontdesk.services.catalogue.desk import (
    DeskCatalogue,
    category_path,
    price_on_day,
    stock_lines,
    subtree,
)
from frontdesk.services.catalogue.ports import (
    AbstractCatalogue,
    AlsoBought,
    CategoryNode,
    ProductRecord,
    ProductSummary,
)

NOW = datetime(2026, 12, 6, 10, 42, tzinfo=UTC)
TREE = [
    CategoryNode("tools", None, {"en": "Tools", "ru": "Инструменты"}),
    CategoryNode("tools.drills", "tools", {"en": "Drills"}),
    CategoryNode("tools.drills.sds", "tools.drills", {"en": "SDS"}),
    CategoryNode("garden", None, {"en": "Garden"}),
]


def _product(sku: str, **more) -> ProductRecord:
    fields = dict(
        sku=sku, name=sku, names={"en": f"{sku} en", "ru": f"{sku} ru"}, descriptions={},
        category_code="tools.drills", category="Drills", attributes={}, unit="piece",
        status="active", replacement_sku=None, barcodes=(), list_price=UnitPrice.of("5", "GBP"),
    )  # fmt: skip
    return ProductRecord(**(fields | more))


def _figure(branch: str, on_hand: str, *, reserved: str = "0", hours: int = 1) -> StockFigure:
    return StockFigure(sku="D1", branch=branch, warehouse="main", on_hand=Decimal(on_hand),
                       reserved=Decimal(reserved), incoming=Decimal(0), incoming_on=None,
                       as_of=NOW - timedelta(hours=hours))  # fmt: skip


class FakeCatalogue(AbstractCatalogue):
    def __init__(self) -> None:
        self.items = {"D1": _product("D1"), "D2": _product("D2", replacement_sku=None)}
        self.price_rows: list[PriceEntry] = []
        self.figures: list[StockFigure] = []
        self.sold: dict[str, Decimal] = {}
        self.branch: str | None = "Арбат"

    def by_code(self, code: str) -> str | None:
        return code if code in self.items else None

    def search(self, text: str, *, category: str | None, limit: int) -> list[str]:
        return [s for s in self.items if text.lower() in s.lower()][:limit]

    def products(self, skus: list[str]) -> list[ProductRecord]:
        return [self.items[s] for s in skus if s in self.items]

    def summaries(self, skus: list[str], *, language: str) -> list[ProductSummary]:
        return [ProductSummary(p.sku, p.name_in(language), p.category, p.unit, p.status)
                for p in self.products(skus)]  # fmt: skip

    def prices(self, sku: str) -> list[PriceEntry]:
        return [row for row in self.price_rows if row.sku == sku]

    def stock(self, sku: str) -> list[StockFigure]:
        return [row for row in self.figures if row.sku == sku]

    def categories(self) -> list[CategoryNode]:
        return TREE

    def unsynced_sold(self, sku: str) -> dict[str, Decimal]:
        return dict(self.sold)

    def also_bought(self, sku: str, *, k: int) -> list[AlsoBought]:
        return [AlsoBought("D2", "trained name", 12, 0.4)][:k]

    def desk_branch(self) -> str | None:
        return self.branch


def test_unsynced_sales_come_off_the_desks_branch_only_and_never_below_zero() -> None:
    fake = FakeCatalogue()
    fake.figures = [_figure("Арбат", "12", reserved="2"), _figure("Арбат", "2"),
                    _figure("Тверская", "3")]  # fmt: skip
    fake.sold = {"Арбат": Decimal("7.5")}
    arbat, tverskaya = stock_lines(fake, "D1", now=NOW, stale_after=timedelta(hours=24))
    assert (arbat.on_hand, arbat.reserved, arbat.unsynced, arbat.available) == (
        14, 2, Decimal("7.5"), Decimal("4.5"))  # fmt: skip
    assert (tverskaya.available, tverskaya.unsynced) == (3, 0)
    fake.sold = {"Тверская": Decimal(5)}
    lines = stock_lines(fake, "D1", now=NOW, stale_after=timedelta(hours=24))
    assert {line.branch: line.available for line in lines} == {"Арбат": 12, "Тверская": 0}


def test_a_figure_older_than_the_setting_is_stale() -> None:
    fake = FakeCatalogue()
    fake.figures = [_figure("Арбат", "1", hours=5), _figure("Тверская", "1", hours=3)]
    lines = stock_lines(fake, "D1", now=NOW, stale_after=timedelta(hours=4))
    assert {line.branch: line.stale for line in lines} == {"Арбат": True, "Тверская": False}


def test_the_price_is_the_branchs_own_then_the_companys_in_the_list_currency() -> None:
    fake = FakeCatalogue()
    gbp = lambda amount: UnitPrice.of(amount, "GBP")  # noqa: E731
    fake.price_rows = [
        PriceEntry("D1", gbp("10"), None, date(2026, 1, 1)),
        PriceEntry("D1", gbp("8"), "Арбат", date(2026, 12, 1), date(2026, 12, 7)),
        PriceEntry("D1", UnitPrice.of("900", "RUB"), None, date(2026, 1, 1)),
    ]
    assert price_on_day(fake, "D1", branch="Арбат", day=date(2026, 12, 7)) == gbp("8")
    assert price_on_day(fake, "D1", branch="Арбат", day=date(2026, 12, 8)) == gbp("10")
    assert price_on_day(fake, "D1", branch="Тверская", day=date(2026, 12, 7)) == gbp("10")
    ruble = price_on_day(fake, "D1", branch="Арбат", day=date(2026, 12, 7), currency="RUB")
    assert ruble == UnitPrice.of("900", "RUB")
    assert price_on_day(fake, "D1", branch="Арбат", day=date(2025, 12, 31)) is None


def test_the_price_falls_to_another_currency_when_the_list_ones_has_no_row() -> None:
    fake = FakeCatalogue()
    fake.price_rows = [PriceEntry("D1", UnitPrice.of("900", "RUB"), None, date(2026, 1, 1))]
    assert price_on_day(fake, "D1", branch="Арбат", day=date(2026, 12, 7)) == UnitPrice.of(
        "900", "RUB")  # fmt: skip


def test_a_category_and_its_subtree_and_its_path_in_a_language() -> None:
    assert subtree(TREE, "tools") == ["tools", "tools.drills", "tools.drills.sds"]
    assert subtree(TREE, "garden") == ["garden"]
    assert category_path(TREE, "tools.drills.sds", "ru") == ("Инструменты", "Drills", "SDS")
    assert category_path(TREE, None, "en") == ()
    looped = [CategoryNode("a", "b"), CategoryNode("b", "a")]
    assert category_path(looped, "a", "en") == ("b", "a")  # a cycle ends, it does not hang


def test_the_card_names_everything_in_the_desks_language() -> None:
    fake = FakeCatalogue()
    card = DeskCatalogue(fake, language="ru", clock=lambda: NOW).card("D1")
    assert (card.name, card.branch, card.price) == ("D1 ru", "Арбат", None)
    assert [(a.sku, a.name) for a in card.also_bought] == [("D2", "D2 ru")]
    assert DeskCatalogue(fake, clock=lambda: NOW).card("nope") is None


def test_no_branch_known_means_no_price() -> None:
    fake = FakeCatalogue()
    fake.branch = None
    assert DeskCatalogue(fake, clock=lambda: NOW).price("D1") is None
