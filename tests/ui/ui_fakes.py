"""A hand-written in-memory ``AbstractCustomerQueries`` with realistic rows, for UI tests.

Amounts are built from the domain's ``Money``/``UnitPrice`` (line totals by the domain's own
rounding), so what the window formats is exactly what the cache adapter would hand it.
Every call records the thread it ran on, so tests can prove no query ran on the UI thread;
``hold(query)`` makes a search wait until the test releases it (a slow first query).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.domain.segments import Rfm, rfm_segment
from frontdesk.protocol import CustomerPublic, PullPage, PurchaseLinePublic, PurchasePublic
from frontdesk.services.errors import NoCrossSellModel
from frontdesk.services.ports import AbstractCredentials
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.read_models import (
    CustomerMatch,
    CustomerProfile,
    PurchaseLineRow,
    PurchaseRow,
    RecommendationRow,
    SyncStatus,
)

_EPOCH = datetime(2023, 1, 9, 10, 0, tzinfo=UTC)

#: (id, account, full name, phones, emails, card, branch, currency)
_CUSTOMERS = (
    (
        "c-1",
        "100234",
        "Ирина Сергеевна Волкова",
        ("+79161234567",),
        ("irina.volkova@yandex.ru",),
        "4000123412341234",
        "Москва, Тверская 12",
        "RUB",
    ),
    (
        "c-2",
        "100235",
        "James O'Connor",
        ("+447700900123", "+442079460000"),
        ("james.oconnor@example.co.uk",),
        "6011000990139424",
        "London, Oxford Street",
        "GBP",
    ),
    (
        "c-3",
        "100236",
        "Алексей Петров",
        ("+79035550142",),
        ("a.petrov@mail.ru",),
        None,
        "Санкт-Петербург, Невский 28",
        "RUB",
    ),
    (
        "c-4",
        "100237",
        "Emma Thompson",
        ("+447911123456",),
        ("emma.t@example.com",),
        "5500005555555559",
        "Manchester, Market Street",
        "GBP",
    ),
    (
        "c-5",
        "100238",
        "Дмитрий Иванов",
        ("+79267770011",),
        (),
        "3530111333300000",
        "Москва, Тверская 12",
        "RUB",
    ),
    (
        "c-6",
        "100239",
        "Ivan Kuznetsov",
        ("+447700900456",),
        ("ivan.kuznetsov@example.org",),
        None,
        "London, Oxford Street",
        "GBP",
    ),
    ("c-7", "12347", "", (), (), None, "Online", "GBP"),
)

#: (sku, description, unit price) per currency
_PRODUCTS = {
    "GBP": (
        ("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "2.55"),
        ("71053", "WHITE METAL LANTERN", "3.39"),
        ("84406B", "CREAM CUPID HEARTS COAT HANGER", "2.75"),
        ("22752", "SET 7 BABUSHKA NESTING BOXES", "7.65"),
        ("21730", "GLASS STAR FROSTED T-LIGHT HOLDER", "4.25"),
        ("22633", "HAND WARMER UNION JACK", "1.85"),
        ("84879", "ASSORTED COLOUR BIRD ORNAMENT", "1.695"),
    ),
    "RUB": (
        ("RU-1001", "Чайник электрический Bosch TWK 3A011", "3490.00"),
        ("RU-1002", "Набор кастрюль «Гурман», 6 предметов", "5299.00"),
        ("RU-1003", "Плед флисовый 150×200", "1290.50"),
        ("RU-1004", "Кофе в зёрнах, 1 кг", "1849.90"),
        ("RU-1005", "Сковорода Tefal 28 см", "2790.00"),
        ("RU-1006", "Полотенце махровое", "459.99"),
    ),
}


def _lines(currency: str, seed: int, count: int) -> list[PurchaseLineRow]:
    products = _PRODUCTS[currency]
    rows = []
    for line_no in range(1, count + 1):
        sku, description, price = products[(seed * 3 + line_no) % len(products)]
        unit = UnitPrice.of(price, currency)
        quantity = 1 + (seed + line_no * 5) % 12
        rows.append(
            PurchaseLineRow(line_no, sku, description, quantity, unit, unit.line_total(quantity))
        )
    return rows


def _returned(lines: list[PurchaseLineRow]) -> list[PurchaseLineRow]:
    first = lines[0]
    return [
        PurchaseLineRow(
            1,
            first.sku,
            first.description,
            -first.quantity,
            first.unit_price,
            first.unit_price.line_total(-first.quantity),
        )
    ]


def _sum(amounts: list[Money], currency: str) -> Money:
    total = Money.zero(currency)
    for amount in amounts:
        total = total + amount
    return total


@dataclass
class FakeCustomerQueries(AbstractCustomerQueries):
    """In-memory customers, purchases (one return each) and lines; records calling threads."""

    profiles: dict[str, CustomerProfile] = field(default_factory=dict)
    history: dict[str, list[PurchaseRow]] = field(default_factory=dict)
    lines: dict[str, list[PurchaseLineRow]] = field(default_factory=dict)
    status: SyncStatus = field(
        default_factory=lambda: SyncStatus(
            "https://central.example.com",
            "agent.smirnova",
            48213,
            datetime(2024, 11, 28, 9, 41, tzinfo=UTC),
            7,
            52,
        )
    )
    crosssell_version: int | None = 1
    threads: list[tuple[str, int]] = field(default_factory=list)
    queries_seen: list[str] = field(default_factory=list)
    _holds: dict[str, threading.Event] = field(default_factory=dict)

    @classmethod
    def with_demo_data(cls) -> FakeCustomerQueries:
        fake = cls()
        for number, row in enumerate(_CUSTOMERS):
            fake._add_customer(number, *row)
        return fake

    def _add_customer(
        self,
        number: int,
        cid: str,
        account: str,
        name: str,
        phones: tuple[str, ...],
        emails: tuple[str, ...],
        card: str | None,
        branch: str,
        currency: str,
    ) -> None:
        purchases = self._add_purchases(number, cid, branch, currency)
        spend = _sum([p.total for p in purchases], currency)
        dates = sorted(p.purchased_at for p in purchases)
        self.profiles[cid] = CustomerProfile(
            id=cid,
            account_number=account,
            display_name=name or f"Account {account}",
            full_name=name,
            phones=phones,
            emails=emails,
            loyalty_card=card,
            branch=branch,
            notes="Prefers a call after 18:00." if number == 0 else "",
            created_at=_EPOCH - timedelta(days=400 + number),
            updated_at=_EPOCH,
            purchase_count=sum(not p.is_return for p in purchases),
            lifetime_spend=(spend,),
            first_purchase=dates[0],
            last_purchase=dates[-1],
        )

    def _add_purchases(
        self, number: int, cid: str, branch: str, currency: str
    ) -> list[PurchaseRow]:
        rows = []
        for seq in range(7 + number % 3):
            pid, invoice = f"{cid}-p{seq}", str(536365 + number * 40 + seq * 3)
            lines = _lines(currency, number + seq, 1 + (number + seq) % 5)
            when = _EPOCH + timedelta(days=seq * 47 + number, hours=seq % 8, minutes=seq * 7)
            rows.append(self._purchase(pid, invoice, when, branch, lines, currency))
            if seq == 2:  # each customer once brought something back
                back = _returned(lines)
                rows.append(
                    self._purchase(
                        f"{pid}-r",
                        f"C{int(invoice) + 1}",
                        when + timedelta(days=5),
                        branch,
                        back,
                        currency,
                        original=invoice,
                    )
                )
        rows.sort(key=lambda p: p.purchased_at, reverse=True)
        self.history[cid] = rows
        return rows

    def _purchase(
        self,
        pid: str,
        invoice: str,
        when: datetime,
        branch: str,
        lines: list[PurchaseLineRow],
        currency: str,
        *,
        original: str | None = None,
    ) -> PurchaseRow:
        self.lines[pid] = lines
        return PurchaseRow(
            pid,
            invoice,
            when,
            branch,
            original is not None,
            original,
            sum(abs(line.quantity) for line in lines),
            _sum([line.total for line in lines], currency),
        )

    # Test controls

    def hold(self, query: str) -> threading.Event:
        """Make ``search(query)`` wait until the returned event is set."""
        self._holds[query] = threading.Event()
        return self._holds[query]

    def release_all(self) -> None:
        for event in self._holds.values():
            event.set()

    def searched(self, query: str) -> bool:
        return query in self.queries_seen

    def ran_on(self, thread_id: int) -> list[str]:
        return [name for name, ident in self.threads if ident == thread_id]

    def _record(self, name: str) -> None:
        self.threads.append((name, threading.get_ident()))

    # The port

    def search(self, query: str, *, limit: int = 20) -> list[CustomerMatch]:
        self._record("search")
        self.queries_seen.append(query)
        if query in self._holds:
            self._holds[query].wait(timeout=10)
        needle = query.strip().casefold()
        if not needle:
            return []
        hits = [p for p in self.profiles.values() if needle in _haystack(p)]
        return [_match(p) for p in hits[:limit]]

    def profile(self, customer_id: str) -> CustomerProfile | None:
        self._record("profile")
        profile = self.profiles.get(customer_id)
        return None if profile is None else self._with_segment(profile)

    def _with_segment(self, profile: CustomerProfile) -> CustomerProfile:
        # As the cache does: recency to the newest sale of anyone, spend in the main currency.
        newest = max((rows[0].purchased_at for rows in self.history.values() if rows), default=None)
        last = profile.last_purchase
        days = None if last is None or newest is None else (newest.date() - last.date()).days
        spend = max((m.amount for m in profile.lifetime_spend), default=Decimal(0))
        rfm = Rfm(recency_days=days, frequency=profile.purchase_count, monetary=spend)
        return replace(profile, segment=rfm_segment(rfm), rfm=rfm)

    def purchases(self, customer_id: str) -> list[PurchaseRow]:
        self._record("purchases")
        return list(self.history.get(customer_id, []))

    def purchase_lines(self, purchase_id: str) -> list[PurchaseLineRow]:
        self._record("purchase_lines")
        return list(self.lines.get(purchase_id, []))

    def first_customer_id(self) -> str | None:
        self._record("first_customer_id")
        latest = {cid: rows[0].purchased_at for cid, rows in self.history.items() if rows}
        return max(latest, key=latest.__getitem__) if latest else None

    def sync_status(self) -> SyncStatus:
        self._record("sync_status")
        return self.status

    def recommendations(self, customer_id: str, *, k: int = 5) -> list[RecommendationRow]:
        """Products others bought that this customer has not, each because of their first one."""
        self._record("recommendations")
        if self.crosssell_version is None:
            raise NoCrossSellModel("no cross-sell model in the local cache yet")
        own = self._bought(customer_id)
        if not own:
            return []
        others = {
            sku: name
            for cid in self.history
            if cid != customer_id
            for sku, name in self._bought(cid).items()
            if sku not in own
        }
        first_sku, first_name = next(iter(own.items()))
        return [
            RecommendationRow(
                sku,
                name,
                f"bought by 40% of customers who bought {first_name}",
                (first_name,),
                (first_sku,),
                "co-purchase",
                self.crosssell_version,
                confidence=0.4,
            )
            for sku, name in sorted(others.items())[:k]
        ]

    def _bought(self, customer_id: str) -> dict[str, str]:
        return {
            line.sku: line.description
            for row in self.history.get(customer_id, [])
            if not row.is_return
            for line in self.lines[row.id]
        }


def _haystack(p: CustomerProfile) -> str:
    parts = (p.display_name, p.account_number, p.loyalty_card or "", *p.phones, *p.emails)
    return " ".join(parts).casefold()


def _match(p: CustomerProfile) -> CustomerMatch:
    return CustomerMatch(
        p.id,
        p.account_number,
        p.display_name,
        p.phones[0] if p.phones else "",
        p.emails[0] if p.emails else "",
        p.branch,
        "name",
    )


def demo_pull_page(fake: FakeCustomerQueries, *, cursor: int = 1) -> PullPage:
    """The fake's customers and purchases as one page from the server, to fill a real cache."""
    customers = [_customer_public(p, seq) for seq, p in enumerate(fake.profiles.values(), 1)]
    purchases = [
        _purchase_public(row, cid, fake.lines[row.id], seq=1000 + n)
        for cid, rows in fake.history.items()
        for n, row in enumerate(rows)
    ]
    return PullPage(cursor=cursor, has_more=False, customers=customers, purchases=purchases)


def _customer_public(p: CustomerProfile, seq: int) -> CustomerPublic:
    return CustomerPublic(
        id=p.id,
        account_number=p.account_number,
        full_name=p.full_name,
        phones=list(p.phones),
        emails=list(p.emails),
        loyalty_card=p.loyalty_card,
        branch=p.branch,
        notes=p.notes,
        created_at=p.created_at,
        updated_at=p.updated_at,
        seq=seq,
    )


def _purchase_public(
    row: PurchaseRow, customer_id: str, lines: list[PurchaseLineRow], *, seq: int
) -> PurchasePublic:
    return PurchasePublic(
        id=row.id,
        number=row.number,
        customer_id=customer_id,
        purchased_at=row.purchased_at,
        branch=row.branch,
        currency=row.total.currency.code,
        is_return=row.is_return,
        original_number=row.original_number,
        total=str(row.total.amount),
        seq=seq,
        lines=[
            PurchaseLinePublic(
                line_no=line.line_no,
                sku=line.sku,
                description=line.description,
                quantity=str(line.quantity),
                unit_price=str(line.unit_price.amount),
                line_total=str(line.total.amount),
            )
            for line in lines
        ],
    )


class KeptLogin(AbstractCredentials):
    """A keyring holding one refresh token for any server and user: the desk's stored login
    as the till's online approval reads it (here the server it names does not answer)."""

    def store(self, server_url: str, username: str, refresh_token: str) -> None:
        pass

    def load(self, server_url: str, username: str) -> str | None:
        return "a-stored-refresh-token"

    def delete(self, server_url: str, username: str) -> None:
        pass
