"""``frontdesk-server seed-demo``: realistic, deterministic demo data.

Customers are Russian (Faker ``ru_RU``, Cyrillic names, +7 phones, branches in Russia) or
British (``en_GB``, +44 / 07 phones, UK branches), with e-mails, loyalty cards and notes.
The catalogue is a fixed set of products in ten categories, priced in GBP. Each customer
has about ten purchases over the two years before ``demo_end(seed)``, a fixed date derived
from the seed (never the clock), and some purchases are followed by a linked return.

Determinism: customer ``i`` of seed ``s`` is generated from its own RNG, seeded with
``(s, i)``, and every id is a UUID5 of a natural key (account number, purchase number).
Running the seeder again with the same seed writes nothing new: customers whose ids exist
are skipped with their purchases (idempotent by ids; the report says how many). A larger
``--customers`` adds only the new ones; another seed adds a separate set of customers.
Generation streams in batches of ``BATCH_CUSTOMERS``, one transaction each.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import asdict, astuple, dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any

from faker import Faker
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.catalogue import Product as DomainProduct
from frontdesk.domain.customers import Customer as DomainCustomer
from frontdesk.domain.money import Currency, Money, UnitPrice
from frontdesk.domain.sales import Purchase as DomainPurchase
from frontdesk.domain.sales import PurchaseLine as DomainLine
from frontdesk.server import customer_events
from frontdesk.server.cases.seed import seed_cases
from frontdesk.server.catalogue.models import QUANTITY_SCALE
from frontdesk.server.catalogue.seed import seed_catalogue
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.importers.common import (
    batched,
    customer_id_for,
    customer_row,
    fetch_in,
    purchase_id_for,
)
from frontdesk.server.models import Customer, Product, Purchase, PurchaseLine
from frontdesk.server.orders.seed import seed_orders
from frontdesk.server.till.models import TillRegister
from frontdesk.server.till.registers import new_register

GBP = Currency.of("GBP")
BATCH_CUSTOMERS = 500
HISTORY = timedelta(days=730)
RETURN_RATE = 0.06

#: Category -> (product nouns, price range in whole pounds).
CATALOGUE: dict[str, tuple[tuple[str, ...], tuple[int, int]]] = {
    "Kitchen & dining": (
        (
            "Stoneware mug",
            "Enamel teapot",
            "Cake stand",
            "Tumbler set",
            "Oven gloves",
            "Tea towel",
            "Serving bowl",
            "Cutlery set",
            "Espresso cups",
            "Butter dish",
        ),
        (3, 45),
    ),
    "Candles & lighting": (
        (
            "Scented candle",
            "Tealight holder",
            "Glass lantern",
            "Fairy lights",
            "Pillar candle",
            "Table lamp",
            "Night light",
            "Candle snuffer",
            "Hurricane lamp",
            "Wax melts",
        ),
        (2, 60),
    ),
    "Home decor": (
        (
            "Wall clock",
            "Photo frame",
            "Cushion cover",
            "Doormat",
            "Round mirror",
            "Ceramic vase",
            "Wooden sign",
            "Coat hooks",
            "Throw blanket",
            "Drawer knobs",
        ),
        (4, 80),
    ),
    "Stationery & gift wrap": (
        (
            "Notebook",
            "Greeting card",
            "Wrapping paper",
            "Gift tags",
            "Pencil case",
            "Sticker sheet",
            "Ribbon spool",
            "Desk planner",
            "Fountain pen",
            "Washi tape",
        ),
        (1, 25),
    ),
    "Toys & games": (
        (
            "Jigsaw puzzle",
            "Rag doll",
            "Skittles set",
            "Spinning top",
            "Building blocks",
            "Card game",
            "Kite",
            "Wooden train",
            "Skipping rope",
            "Colouring set",
        ),
        (3, 40),
    ),
    "Garden & outdoor": (
        (
            "Plant pot",
            "Bird feeder",
            "Watering can",
            "Garden trowel",
            "Seed tin",
            "Picnic blanket",
            "Solar lantern",
            "Herb planter",
            "Garden kneeler",
            "Wind chime",
        ),
        (3, 50),
    ),
    "Bags & storage": (
        (
            "Tote bag",
            "Storage tin",
            "Wicker basket",
            "Lunch box",
            "Jute shopper",
            "Storage jar",
            "Toiletry bag",
            "Trinket box",
            "Laundry hamper",
            "Shoe bag",
        ),
        (3, 55),
    ),
    "Accessories & jewellery": (
        (
            "Silk scarf",
            "Beaded necklace",
            "Hair clips",
            "Umbrella",
            "Charm bracelet",
            "Keyring",
            "Drop earrings",
            "Coin purse",
            "Sun hat",
            "Hand warmer",
        ),
        (2, 70),
    ),
    "Bath & body": (
        (
            "Soap bar",
            "Bath salts",
            "Hand cream",
            "Body scrub",
            "Bath towel",
            "Loofah",
            "Lip balm",
            "Bath bomb",
            "Shower gel",
            "Nail brush",
        ),
        (2, 30),
    ),
    "Christmas & seasonal": (
        (
            "Bauble set",
            "Advent calendar",
            "Christmas stocking",
            "Tree topper",
            "Star garland",
            "Reindeer ornament",
            "Santa sack",
            "Easter egg cup",
            "Snowflake lights",
            "Wreath",
        ),
        (2, 45),
    ),
}
VARIANTS = (
    "Red",
    "Sage",
    "Navy",
    "Cream",
    "Mustard",
    "Polka dot",
    "Floral",
    "Striped",
    "Vintage",
    "Gingham",
    "Charcoal",
    "Blush",
)

BRANCHES = {
    "ru_RU": (
        "Москва, Тверская",
        "Москва, Арбат",
        "Санкт-Петербург, Невский",
        "Казань, Баумана",
        "Екатеринбург, Вайнера",
        "Новосибирск, Красный проспект",
    ),
    "en_GB": (
        "London, Oxford Street",
        "London, Camden",
        "Manchester, Deansgate",
        "Leeds, Briggate",
        "Bristol, Broadmead",
        "Edinburgh, Princes Street",
    ),
}
NOTES = {
    "ru_RU": (
        "Предпочитает связь по e-mail",
        "Оптовый покупатель",
        "Звонить после 18:00",
        "Просит присылать чеки на почту",
    ),
    "en_GB": (
        "Prefers contact by e-mail",
        "Wholesale buyer",
        "Call after 6 pm",
        "Asked for paper receipts",
    ),
}
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_LATIN = (
    "a",
    "b",
    "v",
    "g",
    "d",
    "e",
    "e",
    "zh",
    "z",
    "i",
    "y",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "r",
    "s",
    "t",
    "u",
    "f",
    "kh",
    "ts",
    "ch",
    "sh",
    "shch",
    "",
    "y",
    "",
    "e",
    "yu",
    "ya",
)
_TRANSLIT = dict(zip(_CYRILLIC, _LATIN, strict=True))
_MAIL_DOMAINS = {
    "ru_RU": ("mail.ru", "yandex.ru", "gmail.com"),
    "en_GB": ("gmail.com", "outlook.com", "btinternet.com"),
}


@dataclass
class SeedReport:
    """What ``seed_demo`` wrote (and what it found already there)."""

    seed: int
    customers_requested: int
    history_end: str
    customers_created: int = 0
    customers_existing: int = 0
    products_created: int = 0
    registers_created: int = 0
    #: Catalogue rows written (created or changed): categories, products, prices, stock.
    catalogue_written: tuple[int, int, int, int] = (0, 0, 0, 0)
    cases_created: int = 0
    orders_created: int = 0
    sales: int = 0
    returns: int = 0
    lines: int = 0
    #: What became of the knowledge base: the import's summary, or why it was skipped.
    knowledge: str = "not asked for"
    seconds: float = 0.0

    def summary(self) -> str:
        return "\n".join(
            [
                f"Seeded demo data (seed {self.seed}) in {self.seconds:.1f} s",
                f"  customers:  {self.customers_requested:,} requested: "
                f"{self.customers_created:,} created, "
                f"{self.customers_existing:,} already present (skipped)",
                f"  products:   {self.products_created:,} created",
                "  catalogue:  {:,} categories, {:,} products, {:,} prices, {:,} stock figures "
                "written".format(*self.catalogue_written),
                f"  registers:  {self.registers_created:,} created (one per demo branch, "
                "see: frontdesk-server register list)",
                f"  purchases:  {self.sales:,} sales, {self.returns:,} returns, "
                f"{self.lines:,} lines, up to {self.history_end}",
                f"  cases:      {self.cases_created:,} created (with categories, two teams, "
                "service levels and calendars)",
                f"  orders:     {self.orders_created:,} created (every channel and status, "
                "with their histories)",
                f"  knowledge:  {self.knowledge}",
            ]
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def demo_end(seed: int) -> datetime:
    """The end of the demo history: fixed for a seed, so the output never depends on today."""
    return datetime(2025, 6, 30, 18, 0, tzinfo=UTC) - timedelta(days=seed % 365)


def seed_demo(
    factory: sessionmaker[Session], *, customers: int, seed: int, end: datetime | None = None,
    knowledge: Path | str | None = None,
) -> SeedReport:  # fmt: skip
    """Write ``customers`` demo customers with their purchase histories (idempotent), the
    history ending at ``end`` (default: ``demo_end(seed)``), and import the knowledge-base
    folder ``knowledge`` (a path) or say why not (a message)."""
    if customers < 0:
        raise ValueError(f"--customers must be 0 or more, got {customers}")
    end = end or demo_end(seed)
    report = SeedReport(seed=seed, customers_requested=customers, history_end=end.isoformat())
    started = time.perf_counter()
    products = catalogue()
    with transaction(factory) as session:
        report.products_created = _insert_missing_products(session, products)
        report.registers_created = _add_missing_registers(session)
    with transaction(factory) as session:
        written = seed_catalogue(session, products, branches=BRANCHES, end=end)
        report.catalogue_written = astuple(written)
    people = _People(seed=seed, end=end, products=products)
    for chunk in batched(range(customers), BATCH_CUSTOMERS):
        with transaction(factory) as session:
            _write_customers(session, [people.customer(i) for i in chunk], report)
    with transaction(factory) as session:
        report.cases_created = seed_cases(session, seed=seed, end=end)
    with transaction(factory) as session:
        report.orders_created = seed_orders(session, seed=seed, end=end)
    report.knowledge = _knowledge(factory, knowledge)
    report.seconds = time.perf_counter() - started
    return report


def _knowledge(factory: sessionmaker[Session], folder: Path | str | None) -> str:
    if not isinstance(folder, Path):
        return folder or "not asked for"
    from frontdesk.server.knowledge.importer import import_folder

    return import_folder(factory, folder).summary()


def catalogue() -> list[DomainProduct]:
    """The demo catalogue: the same 300 products for every seed."""
    rng = random.Random("frontdesk-demo-catalogue")
    products = []
    for code, (category, (nouns, (low, high))) in enumerate(CATALOGUE.items(), start=1):
        for number, noun in enumerate(nouns, start=1):
            for variant_no, variant in enumerate(rng.sample(VARIANTS, 3), start=1):
                pence = rng.randint(low * 100, high * 100) // 50 * 50 - 1
                products.append(
                    DomainProduct(
                        sku=f"FD-{code:02d}{number:02d}{variant_no}",
                        name=f"{variant} {noun.lower()}",
                        category=category,
                        unit_price=UnitPrice(Money.from_minor(pence, GBP).amount, GBP),
                    )
                )
    return products


def _insert_missing_products(session: Session, products: list[DomainProduct]) -> int:
    present = {
        sku
        for (sku,) in fetch_in(
            session, (Product.sku,), key=Product.sku, values=(p.sku for p in products)
        )
    }
    rows = [_product_row(p) for p in products if p.sku not in present]
    if rows:
        for seq, row in enumerate(rows, start=allocate_seq(session, len(rows))):
            row["change_seq"] = seq
        session.execute(insert(Product.__table__), rows)
    return len(rows)


def demo_registers() -> list[tuple[str, str]]:
    """The demo's till registers: ``DEMO-01``, ``DEMO-02``... one per branch of ``BRANCHES``,
    so a demo cashier of a branch has a register set up for their till."""
    branches = [branch for names in BRANCHES.values() for branch in names]
    return [(f"DEMO-{n:02d}", branch) for n, branch in enumerate(branches, start=1)]


def _add_missing_registers(session: Session) -> int:
    present = set(session.scalars(select(TillRegister.register)))
    missing = [(c, b) for c, b in demo_registers() if c not in present]
    session.add_all(new_register(code, branch=branch, name=branch) for code, branch in missing)
    return len(missing)


@dataclass
class _DemoCustomer:
    customer: DomainCustomer
    purchases: list[DomainPurchase] = field(default_factory=list)


def _write_customers(session: Session, batch: list[_DemoCustomer], report: SeedReport) -> None:
    ids = [demo.customer.id for demo in batch]
    present = set(session.execute(select(Customer.id).where(Customer.id.in_(ids))).scalars())
    fresh = [demo for demo in batch if demo.customer.id not in present]
    report.customers_existing += len(batch) - len(fresh)
    if not fresh:
        return
    purchases = [p for demo in fresh for p in demo.purchases]
    seqs = count(allocate_seq(session, len(fresh) + len(purchases)))
    customers = [customer_row(demo.customer) | {"change_seq": next(seqs)} for demo in fresh]
    headers = [_header_row(p) | {"change_seq": next(seqs)} for p in purchases]
    lines = [row for p, h in zip(purchases, headers, strict=True) for row in _line_rows(p, h)]
    session.execute(insert(Customer.__table__), customers)
    customer_events.record_rows(session, customers, kind="create", source="seed", at=None)
    session.execute(insert(Purchase.__table__), headers)
    session.execute(insert(PurchaseLine.__table__), lines)
    report.customers_created += len(fresh)
    report.returns += sum(p.is_return for p in purchases)
    report.sales += sum(not p.is_return for p in purchases)
    report.lines += len(lines)


class _People:
    """Generates demo customer ``i`` of a seed, always the same way."""

    def __init__(self, *, seed: int, end: datetime, products: list[DomainProduct]) -> None:
        self.seed = seed
        self.end = end
        self.products = products
        self.fakers = {locale: Faker(locale) for locale in BRANCHES}

    def customer(self, index: int) -> _DemoCustomer:
        rng = random.Random(f"frontdesk-demo:{self.seed}:{index}")
        locale = rng.choice(tuple(BRANCHES))
        fake = self.fakers[locale]
        fake.seed_instance(rng.getrandbits(64))
        account = f"DEMO-{self.seed}-{index + 1:06d}"
        first, full_name = _name(fake, locale, rng)
        customer = DomainCustomer(
            id=customer_id_for(account),
            account_number=account,
            full_name=full_name,
            phones=_phones(locale, rng),
            emails=_emails(first, full_name, locale, rng),
            loyalty_card=_card(self.seed, index) if rng.random() < 0.7 else None,
            branch=rng.choice(BRANCHES[locale]),
            notes=rng.choice(NOTES[locale]) if rng.random() < 0.15 else "",
            created_at=self.end - HISTORY - timedelta(days=rng.randint(1, 365)),
            updated_at=self.end - HISTORY,
        )
        return _DemoCustomer(customer, list(self._purchases(customer, locale, rng)))

    def _purchases(
        self, customer: DomainCustomer, locale: str, rng: random.Random
    ) -> Iterator[DomainPurchase]:
        moments = sorted(_opening_hours(self.end, rng) for _ in range(rng.randint(6, 14)))
        for number_in_history, at in enumerate(moments, start=1):
            number = f"{customer.account_number}-{number_in_history:02d}"
            branch = customer.branch if rng.random() < 0.85 else rng.choice(BRANCHES[locale])
            sale = _purchase(number, customer, at=at, branch=branch, lines=self._basket(rng))
            yield sale
            if rng.random() < RETURN_RATE:
                returned = _return_of(sale, rng=rng, end=self.end)
                if returned is not None:
                    yield returned

    def _basket(self, rng: random.Random) -> tuple[DomainLine, ...]:
        chosen = rng.sample(self.products, rng.choice((1, 1, 2, 2, 3, 3, 4, 5)))
        return tuple(
            DomainLine(
                sku=p.sku,
                description=p.name,
                unit_price=p.unit_price,
                quantity=rng.choice((1, 1, 1, 2, 2, 3, 6)),
            )
            for p in chosen
        )


def _purchase(
    number: str,
    customer: DomainCustomer,
    *,
    at: datetime,
    branch: str,
    lines: tuple[DomainLine, ...],
    original: str | None = None,
) -> DomainPurchase:
    return DomainPurchase(
        id=purchase_id_for(number),
        number=number,
        purchased_at=at,
        currency=GBP,
        lines=lines,
        customer_id=customer.id,
        branch=branch,
        is_return=original is not None,
        original_number=original,
    )


def _return_of(sale: DomainPurchase, *, rng: random.Random, end: datetime) -> DomainPurchase | None:
    """A return of part of one line of ``sale`` within 30 days, if that is before ``end``."""
    at = sale.purchased_at.replace(hour=9, minute=0) + timedelta(
        days=rng.randint(1, 30), minutes=rng.randint(0, 600)
    )
    if at > end:
        return None
    line = rng.choice(sale.lines)
    back = DomainLine(
        sku=line.sku,
        description=line.description,
        unit_price=line.unit_price,
        quantity=-rng.randint(1, line.quantity),
    )
    return DomainPurchase(
        id=purchase_id_for(f"{sale.number}-R"),
        number=f"{sale.number}-R",
        purchased_at=at,
        currency=GBP,
        lines=(back,),
        customer_id=sale.customer_id,
        branch=sale.branch,
        is_return=True,
        original_number=sale.number,
    )


def _opening_hours(end: datetime, rng: random.Random) -> datetime:
    """A moment on one of the ``HISTORY`` days before ``end``, between 09:00 and 19:00."""
    day = (end - timedelta(days=rng.randint(1, HISTORY.days))).replace(hour=9, minute=0)
    return day + timedelta(minutes=rng.randint(0, 600))


def _name(fake: Faker, locale: str, rng: random.Random) -> tuple[str, str]:
    """(first name, full name): Russians as surname, name, patronymic; Britons as first last."""
    female = rng.random() < 0.5
    if locale == "ru_RU":
        if female:
            parts = (fake.last_name_female(), fake.first_name_female(), fake.middle_name_female())
        else:
            parts = (fake.last_name_male(), fake.first_name_male(), fake.middle_name_male())
        return parts[1], " ".join(parts)
    first = fake.first_name_female() if female else fake.first_name_male()
    return first, f"{first} {fake.last_name()}"


def _phones(locale: str, rng: random.Random) -> tuple[str, ...]:
    def digits(n: int) -> str:
        return "".join(str(rng.randint(0, 9)) for _ in range(n))

    if locale == "ru_RU":
        mobile = f"+7 9{digits(2)} {digits(3)}-{digits(2)}-{digits(2)}"
        landline = f"+7 495 {digits(3)}-{digits(2)}-{digits(2)}"
    else:
        prefix = "+44 7" if rng.random() < 0.5 else "07"
        mobile = f"{prefix}{digits(3)} {digits(6)}"
        landline = f"020 {digits(4)} {digits(4)}"
    return (mobile, landline) if rng.random() < 0.2 else (mobile,)


def _emails(first: str, full_name: str, locale: str, rng: random.Random) -> tuple[str, ...]:
    if rng.random() < 0.15:
        return ()
    words = full_name.lower().split()
    last = words[0] if locale == "ru_RU" else words[-1]
    suffix = str(rng.randint(1, 99)) if rng.random() < 0.4 else ""
    user = f"{_latin(first.lower())}.{_latin(last)}{suffix}"
    return (f"{user}@{rng.choice(_MAIL_DOMAINS[locale])}",)


def _latin(word: str) -> str:
    return "".join(_TRANSLIT.get(ch, ch) for ch in word if ch.isalnum())


def _card(seed: int, index: int) -> str:
    """A 16-digit card number, unique per (seed, customer), ending in a Luhn check digit."""
    body = f"63{seed % 100_000:05d}{index:08d}"
    return body + str(_luhn_digit(body))


def _luhn_digit(body: str) -> int:
    total = 0
    for position, char in enumerate(reversed(body)):
        digit = int(char) * (2 if position % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return (10 - total % 10) % 10


def _product_row(product: DomainProduct) -> dict[str, Any]:
    return {
        "sku": product.sku,
        "name": product.name,
        "category": product.category,
        "unit_price_scaled": product.unit_price.scaled,
        "currency": GBP.code,
    }


def _header_row(purchase: DomainPurchase) -> dict[str, Any]:
    return {
        "id": purchase.id,
        "number": purchase.number,
        "customer_id": purchase.customer_id,
        "purchased_at": purchase.purchased_at,
        "branch": purchase.branch,
        "currency": purchase.currency.code,
        "is_return": purchase.is_return,
        "original_number": purchase.original_number,
        "total_minor": purchase.total.minor,
    }


def _line_rows(purchase: DomainPurchase, header: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "purchase_id": purchase.id,
            "line_no": line_no,
            "sku": line.sku,
            "description": line.description,
            "quantity_milli": line.quantity * QUANTITY_SCALE,
            "unit_price_scaled": line.unit_price.scaled,
            "line_total_minor": line.total.minor,
            "change_seq": header["change_seq"],
        }
        for line_no, line in enumerate(purchase.lines, start=1)
    ]
