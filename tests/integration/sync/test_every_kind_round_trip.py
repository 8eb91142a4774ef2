"""Every kind of write a desk sends comes back to a fresh desk of its branch, on SQLite and
PostgreSQL.

Desk A (cashier cat of Leeds, its own cache) makes one write of every kind in
``protocol.KINDS`` through the desk's own use cases, and the push engine carries them to the
real server app; every item must be applied. Desk B, a fresh cache where cashier dan of the
same branch signs in, pulls everything, and it must then hold what A wrote: the
interaction, the edited and the created customer, and the till's payments, refund and void
(amounts, tenders, change, receipt numbers, links, accepted).

The case kinds go through desk A's case use cases too; they are checked by the server's
rows and by the records a desk of the branch pulls (the lists of ``PullPage``). So do the
order kinds: a phone order priced from the branch's price list, which the server confirms
and reserves, and a cancellation request on it; desk B pulls the confirmed order with both
events.

Some kinds are not replicated to desks by design; for those the test checks the server's own
rows instead: ``crosssell.feedback`` (read by the server's acceptance report; ``PullPage``
has no place for it), and ``till.shift_open`` and ``till.shift_close`` (links of the
register's journal, which never leaves the server; the branch's till feed carries payments,
refunds and voids only). Likewise a pulled payment carries what the feed carries, so its
discount and the supervisor's approval are checked on the server; and ``kb.feedback`` on an
article desk A pulled, by the server's feedback rows. ``kb.draft`` is the one kind a cashier may
not send (only supervisors correct articles): tests/integration/server/test_kb_api.py pushes it
as a supervisor and refuses it from an agent.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache.cases.queries import SqlAlchemyCaseQueries
from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.orders.queries import SqlAlchemyOrderQueries
from frontdesk.adapters.cache.orders.store import order_unit_of_work
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.domain.discounts import DiscountKind, DiscountOffer
from frontdesk.domain.money import Money
from frontdesk.domain.till import CashCount, Purpose, Tender, TillRules
from frontdesk.protocol import (
    API_PREFIX,
    KINDS,
    DeviceRegistration,
    ItemEnvelope,
    LoginRequest,
    PullPage,
    PushResponse,
    RefreshRequest,
    TokenPair,
)
from frontdesk.protocol.till import TillApprovalGranted, TillApprovalRequest
from frontdesk.server.app import create_app
from frontdesk.server.cases.models import Case, CaseCategory, CaseEvent
from frontdesk.server.catalogue.models import Price, Stock
from frontdesk.server.crosssell_jobs import train_crosssell
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.knowledge.models import KbFeedback
from frontdesk.server.knowledge.store import ArticleContent, save_article
from frontdesk.server.models import (
    AppliedItem,
    CrossSellFeedback,
    Customer,
    Device,
    DeviceUser,
    Interaction,
    Product,
    Purchase,
    PurchaseLine,
    User,
)
from frontdesk.server.settings import Settings
from frontdesk.server.till.models import (
    TillFeedRow,
    TillJournalEntry,
    TillPayment,
    TillRefund,
    TillRegister,
)
from frontdesk.server.till.registers import add_register
from frontdesk.server.users import add_user
from frontdesk.services.cases import attachments
from frontdesk.services.cases.desk import DeskCases
from frontdesk.services.catalogue.desk import DeskCatalogue
from frontdesk.services.crosssell_feedback import record_feedback
from frontdesk.services.errors import ApprovalDenied, AuthFailed, ServerUnreachable
from frontdesk.services.knowledge import writes as kb_writes
from frontdesk.services.orders.desk import DeskOrders
from frontdesk.services.orders.prices import CataloguePriceBook
from frontdesk.services.outbox import OutboxEntry
from frontdesk.services.ports import AbstractCentral
from frontdesk.services.till.approval import DeskSupervisorCheck
from frontdesk.services.till.desk import TillDesk
from frontdesk.services.till.ports import TillTransaction
from frontdesk.services.writes import create_customer, edit_customer, record_interaction
from frontdesk.sync.pull import pull_all
from frontdesk.sync.push import push_all
from frontdesk.sync.service import AuthorizedCentral, workstation_transport

PASSWORD = "correct horse battery"
T0 = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)
ANN = "00000000-0000-4000-8000-0000000000a1"
RULES = TillRules(currencies=("GBP",))


def gbp(amount: str) -> Money:
    return Money.of(amount, "GBP")


class AppCentral(AbstractCentral):
    """The server app through its TestClient, with ``CentralClient``'s paths and bodies."""

    base_url = "http://testserver"

    def __init__(self, api: TestClient) -> None:
        self.api = api

    def login(
        self, username: str, password: str, *, device_id: str | None = None, device_name: str = ""
    ) -> TokenPair:
        body = LoginRequest(
            username=username, password=password, device_id=device_id, device_name=device_name
        )
        return self._call("POST", "/auth/login", body.model_dump(exclude_defaults=True), TokenPair)

    def refresh(self, refresh_token: str) -> TokenPair:
        body = RefreshRequest(refresh_token=refresh_token).model_dump()
        return self._call("POST", "/auth/refresh", body, TokenPair)

    def logout(self, refresh_token: str) -> None:
        body = RefreshRequest(refresh_token=refresh_token).model_dump()
        self._call("POST", "/auth/logout", body, None)

    def pull(self, cursor: int, *, limit: int, access_token: str) -> PullPage:
        params = {"cursor": cursor, "limit": limit}
        return self._call("GET", "/sync/pull", None, PullPage, params=params, token=access_token)

    def push(self, device_id: str, items: list[ItemEnvelope], *, access_token: str) -> PushResponse:
        # Each envelope as the outbox kept it: the server reads every item on its own.
        body = {"device_id": device_id, "items": [i.model_dump(mode="json") for i in items]}
        return self._call("POST", "/sync/push", body, PushResponse, token=access_token)

    def missing_attachments(self, sha256: list[str], *, access_token: str) -> list[str]:
        body = {"sha256": sha256}
        found = self._call("POST", "/attachments/missing", body, None, token=access_token,
                           raw=True)  # fmt: skip
        return found.json()["sha256"]

    def upload_attachment(self, sha256: str, content: bytes, *, access_token: str) -> None:
        headers = {"Authorization": f"Bearer {access_token}"}
        response = self.api.put(f"{API_PREFIX}/attachments/{sha256}", content=content,
                                headers=headers)  # fmt: skip
        assert response.status_code in (200, 201), response.text

    def register_device(self, device_id: str, *, name: str, access_token: str) -> None:
        body = DeviceRegistration(device_id=device_id, name=name[:100]).model_dump()
        self._call("POST", "/devices", body, None, token=access_token)

    def request_approval(
        self, asked: TillApprovalRequest, *, access_token: str
    ) -> TillApprovalGranted:
        body = asked.model_dump(mode="json", by_alias=True)
        return self._call("POST", "/till/approvals", body, TillApprovalGranted,
                          token=access_token)  # fmt: skip

    def _call(self, method: str, path: str, json: Any, answer: Any, **how: Any) -> Any:
        token = how.pop("token", None)
        raw = how.pop("raw", False)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.api.request(method, API_PREFIX + path, json=json, headers=headers, **how)
        if response.status_code == 401:
            raise AuthFailed(response.json()["detail"])
        if response.status_code == 403 and path == "/till/approvals":
            raise ApprovalDenied(response.json()["detail"])
        assert response.status_code < 300, response.text
        if raw:
            return response
        return None if answer is None else answer.model_validate_json(response.content)


@dataclass
class Desk:
    """A workstation: its cache, and its login at the server (bound to its device)."""

    database: CacheDatabase
    central: AuthorizedCentral

    @property
    def uow(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self.database.writer)

    @property
    def queries(self) -> SqlAlchemyCustomerQueries:
        return SqlAlchemyCustomerQueries(self.database.reader)

    def push(self) -> None:
        attachments.upload_pending(self.central, self.uow)  # as a sync does, before the push
        result = push_all(self.central, self.uow)
        assert result.failed == 0, self.failed()

    def failed(self) -> list[OutboxEntry]:
        with self.uow as uow:
            return uow.outbox.failed()

    def pending(self) -> list[OutboxEntry]:
        with self.uow as uow:
            return uow.outbox.pending(limit=1000)


@pytest.fixture
def api(migrated_url: str, server_factory: sessionmaker[Session]) -> Iterator[TestClient]:
    """The server: cashiers cat and dan and supervisor sue of Leeds, a shop, a trained model,
    and Leeds' register SHOPA."""
    for name, role in (("cat", "cashier"), ("dan", "cashier"), ("sue", "supervisor")):
        add_user(server_factory, username=name, password=PASSWORD, role=role, branch="Leeds")
    _build_shop(server_factory)
    with transaction(server_factory) as session:
        session.add(CaseCategory(code="billing", name_en="Billing", name_ru="Оплата",
                                 active=True, change_seq=allocate_seq(session)))  # fmt: skip
    train_crosssell(server_factory)
    add_register(server_factory, "SHOPA", branch="Leeds")
    with TestClient(create_app(Settings(database_url=migrated_url))) as client:
        yield client


@pytest.fixture
def desks(api: TestClient, tmp_path: Path) -> Iterator[dict[str, Desk]]:
    opened = {name: open_cache(tmp_path / name / "cache.sqlite3") for name in ("a", "b")}
    try:
        yield {
            "a": _signed_in(api, opened["a"], "cat"),
            "b": _signed_in(api, opened["b"], "dan"),
        }
    finally:
        for database in opened.values():
            database.dispose()


def _signed_in(api: TestClient, database: CacheDatabase, user: str) -> Desk:
    uow = SqlAlchemyUnitOfWork(database.writer)
    with uow:
        uow.workstation.sign_in(user)
        uow.commit()
    return Desk(database, workstation_transport(AppCentral(api), uow, user, PASSWORD))


def _build_shop(factory: sessionmaker[Session]) -> None:
    """Tea drinkers buy biscuits; Ann has bought tea alone, so biscuits are her offer."""
    with transaction(factory) as session:
        for sku, name in (("TEA", "Earl Grey Tea"), ("BISC", "Shortbread Biscuits")):
            session.add(Product(sku=sku, name=name, category="Groceries",
                                unit_price_scaled=250_000, currency="GBP",
                                change_seq=allocate_seq(session)))  # fmt: skip
        for n in range(8):
            _customer(session, f"00000000-0000-4000-8000-{n:012d}", f"ACC{n:04d}", "Tea Buyer")
            _buy(session, f"00000000-0000-4000-8000-{n:012d}", ["TEA", "BISC"], number=n)
        _customer(session, ANN, "ACC-ANN", "Ann Smith")
        _buy(session, ANN, ["TEA"], number=99)
        session.add(Price(id=str(uuid.uuid4()), sku="TEA", currency="GBP",
                          unit_price_scaled=320_000, branch="Leeds", valid_from=T0.date(),
                          change_seq=allocate_seq(session)))  # fmt: skip
        session.add(Stock(sku="TEA", branch="Leeds", warehouse="shop", on_hand_milli=10_000,
                          reserved_milli=0, incoming_milli=0, as_of=T0,
                          change_seq=allocate_seq(session)))  # fmt: skip
        save_article(session, TEA_ARTICLE, now=T0)


TEA_ARTICLE = ArticleContent(
    source="care/tea", lang="en", title="Keeping tea fresh", translation_key="care/tea",
    body_md="Keep it in a closed tin, away from light.", product_skus=("TEA",),
)  # fmt: skip
CASHIER_KINDS = set(KINDS) - {"kb.draft"}


def _customer(session: Session, customer_id: str, account: str, name: str) -> None:
    session.add(Customer(id=customer_id, account_number=account, full_name=name, phones=[],
                         emails=[], loyalty_card=None, branch="Leeds", notes="", created_at=T0,
                         updated_at=T0, change_seq=allocate_seq(session)))  # fmt: skip
    session.flush()


def _buy(session: Session, customer_id: str, skus: list[str], *, number: int) -> None:
    lines = [
        PurchaseLine(line_no=i, sku=sku, description=sku, quantity_milli=1000,
                     unit_price_scaled=250_000, line_total_minor=250)
        for i, sku in enumerate(skus, start=1)
    ]  # fmt: skip
    session.add(Purchase(id=f"p-{number}", number=f"INV{number:05d}", customer_id=customer_id,
                         purchased_at=T0 + timedelta(days=number), branch="Leeds",
                         currency="GBP", is_return=False, original_number=None,
                         total_minor=250 * len(skus), change_seq=allocate_seq(session),
                         lines=lines))  # fmt: skip


@dataclass
class Written:
    """What desk A wrote, as its use cases returned it, and its outbox in order."""

    interaction: Any
    edited: dict[str, Any]
    created: Any
    offers: list[Any]
    till: dict[str, TillTransaction]
    outbox: list[OutboxEntry]
    case: list[Any]
    order: Any


def _write_every_kind(a: Desk, api: TestClient) -> Written:
    """One write of each kind at desk A; the shift is closed once the rest is pushed."""
    called = record_interaction(
        a.uow, customer_id=ANN, channel="call", reason="Lost loyalty card", agent="cat",
        notes="Asked for a new one", outcome="Card reissued",
        follow_up=date.today() + timedelta(days=7),
    )  # fmt: skip
    edited = {"phones": ["0113 496 0111"], "notes": "Prefers e-mail", "loyalty_card": "4321 8765"}
    edit_customer(a.uow, customer_id=ANN, changes=edited)
    created = create_customer(a.uow, branch="Leeds", fields={
        "full_name": "Zinaida Quill", "phones": ["0113 496 0222"], "emails": ["zq@example.com"],
        "loyalty_card": "99887766", "notes": "New at the desk",
    })  # fmt: skip
    offers = a.queries.recommendations(ANN, k=1)
    assert [o.sku for o in offers] == ["BISC"]
    record_feedback(a.uow, customer_id=ANN, offers=offers, outcome="accepted")
    case = _queue_case_writes(a, api)
    order = _queue_order_writes(a)
    with a.database.engine.connect() as cache:
        (article,) = cache.exec_driver_sql("SELECT id FROM kb_articles").scalars()
    kb_writes.record_feedback(a.uow, article_id=article, version=1, verdict="helpful",
                              query="tea goes stale", context="till")  # fmt: skip
    desk = _till(a, api)
    till = _sell_refund_void(desk)
    outbox = a.pending()
    a.push()
    desk.close(CashCount.of({"20.00": 2, "10.00": 1, "5.00": 1, "2.00": 1, "0.50": 1},
                            RULES.base))  # fmt: skip
    outbox += a.pending()
    a.push()
    return Written(called, a_fields(a, ANN), created, offers, till, outbox, case, order)


def _orders(desk: Desk) -> DeskOrders:
    catalogue = DeskCatalogue(SqlAlchemyCatalogue(desk.database.reader))
    return DeskOrders(lambda: order_unit_of_work(desk.uow),
                      SqlAlchemyOrderQueries(desk.database.reader), customers=desk.queries,
                      prices=CataloguePriceBook(catalogue))  # fmt: skip


def _queue_order_writes(a: Desk) -> Any:
    """A phone order for two teas at Leeds's price, and a request to cancel it."""
    orders = _orders(a)
    placed = orders.place(ANN, [("TEA", "2")], note="Deliver after 5 pm")
    assert placed.total == gbp("6.40") and placed.waiting_for_server
    orders.request_cancellation(placed.number, "Found it cheaper")
    return placed


def _queue_case_writes(a: Desk, api: TestClient) -> list[Any]:
    """A case opened, commented, assigned and resolved through desk A's case use cases,
    numbered with the prefix the server gave A's device at sign-in."""
    with a.uow as uow:  # what signing in at the desk keeps
        uow.sync_state.set_login("http://testserver", "cat")
        uow.sync_state.keep_case_desk(case_prefix=_prefix_of(api, "cat"), branch="Leeds")
        uow.commit()
    cases = DeskCases(lambda: a.uow, SqlAlchemyCaseQueries(a.database.reader))
    opened = cases.open(ANN, channel="phone", category="billing", subject="Charged twice")
    cases.comment(opened.id, "Refund on its way", visibility="customer")
    cases.assign(opened.id, user="dan")
    statement = Path(a.database.engine.url.database or "").parent / "statement.pdf"
    statement.write_bytes(b"%PDF-1.4 the bank statement")
    cases.attach(opened.id, statement, visibility="customer")
    cases.change_status(opened.id, "resolved", note="Refunded")
    with a.uow as uow:
        queued = [e for e in uow.outbox.pending(limit=1000) if e.kind.startswith("case.")]
    assert [e.kind for e in queued] == ["case.open", "case.comment", "case.assign",
                                        "case.attach", "case.status"]  # fmt: skip
    return [opened]


def _prefix_of(api: TestClient, user: str) -> str:
    """The case prefix of the one device ``user`` signed in on (as its token pair said)."""
    factory = api.app.state.session_factory  # type: ignore[attr-defined]
    with factory() as session:
        number = session.scalar(
            select(Device.number).join(DeviceUser).join(User).where(User.username == user)
        )
    return f"D{number}"


def a_fields(desk: Desk, customer_id: str) -> dict[str, Any]:
    with desk.uow as uow:
        fields = uow.local.customer_fields(customer_id)
    assert fields is not None
    return fields


def _till(a: Desk, api: TestClient) -> TillDesk:
    uow = SqlAlchemyTillUnitOfWork(a.database.writer)

    def supervisor_check() -> DeskSupervisorCheck:  # asked with the desk's own login
        return DeskSupervisorCheck(lambda: a.central, uow, verifier=Argon2Verifier(),
                                   valid_for=timedelta(days=7))  # fmt: skip

    return TillDesk(uow, register="SHOPA", cashier="cat", rules=RULES,
                    supervisor_check=supervisor_check)  # fmt: skip


def _sell_refund_void(desk: TillDesk) -> dict[str, TillTransaction]:
    """Cash with change, refunded in part; a discounted split payment, voided."""
    desk.open_shift(gbp("50.00"))
    sue = ("sue", PASSWORD)  # each approval is issued by the server for its own entry
    cash = desk.pay(amount=gbp("12.50"), tenders=[(Tender.CASH, gbp("20.00"))], customer_id=ANN,
                    purpose=Purpose.PURCHASE, key=str(uuid.uuid4()))  # fmt: skip
    discounted = desk.pay(
        amount=gbp("40.00"), tenders=[(Tender.CARD, gbp("20.00")), (Tender.CASH, gbp("12.00"))],
        customer_id=None, purpose=Purpose.PURCHASE, key=str(uuid.uuid4()), supervisor=sue,
        discount=DiscountOffer(DiscountKind.PERCENT, Decimal("20")),
    )  # fmt: skip
    refunded = desk.refund(cash.receipt_no, amount=gbp("5.00"), tender=Tender.CASH,
                           reason="chipped", supervisor=sue, key=str(uuid.uuid4()))  # fmt: skip
    voided = desk.void(discounted.receipt_no, reason="wrong basket", supervisor=sue,
                       key=str(uuid.uuid4()))  # fmt: skip
    return {"cash": cash, "discounted": discounted, "refund": refunded, "void": voided}


def test_every_kind_pushed_at_one_desk_is_pulled_by_a_fresh_desk_of_its_branch(
    api: TestClient, desks: dict[str, Desk], server_factory: sessionmaker[Session]
) -> None:
    a, b = desks["a"], desks["b"]
    pull_all(a.central, a.uow)
    wrote = _write_every_kind(a, api)
    assert {entry.kind for entry in wrote.outbox} == CASHIER_KINDS
    assert a.pending() == [] and a.failed() == []
    _check_applied(server_factory, wrote.outbox)

    pull_all(b.central, b.uow)
    _check_customers(a, b, wrote)
    _check_interaction(b, wrote.interaction)
    _check_till(b, wrote.till)
    _check_case(b, server_factory, wrote.case)
    _check_order(b, server_factory, wrote.order)
    _check_kept_on_the_server(server_factory, wrote)
    _check_branch_of_every_write(server_factory, wrote)


def _check_order(b: Desk, factory: sessionmaker[Session], placed: Any) -> None:
    """The server confirmed the phone order and reserved its teas; desk B holds it."""
    with factory() as session:
        stock = session.get_one(Stock, ("TEA", "Leeds", "shop"))
    assert stock.reserved_milli == 2_000
    view = _orders(b).view(placed.number)
    assert view is not None
    assert (view.order.status, view.order.refused_reason) == ("confirmed", None)
    assert [e.kind for e in view.events][-1] == "cancel_request"


def _check_case(b: Desk, factory: sessionmaker[Session], writes: list[Any]) -> None:
    """The case on the server and as a desk of the branch pulls it, with its history."""
    opened = writes[0]
    page = b.central.pull(0, limit=5000)
    (pulled,) = [c for c in page.cases if c.id == opened.id]
    assert (pulled.number, pulled.status, pulled.assignee_user, pulled.branch) == (
        opened.number, "resolved", "dan", "Leeds")  # fmt: skip
    assert pulled.first_response_at is not None and pulled.resolved_at is not None
    history = [(e.kind, e.author) for e in page.case_events if e.case_id == opened.id]
    assert history == [("opened", "cat"), ("comment", "cat"), ("assigned", "cat"),
                       ("attached", "cat"), ("status", "cat")]  # fmt: skip
    (attached,) = [e.attachment for e in page.case_events if e.attachment is not None]
    assert (attached.file_name, attached.media_type) == ("statement.pdf", "application/pdf")
    assert [c.code for c in page.case_categories] == ["billing"]
    with factory() as session:
        kept = session.get_one(Case, opened.id)
        branches = set(session.scalars(select(CaseEvent.branch)))
    assert (kept.status, kept.opened_by, kept.branch, branches) == (
        "resolved", "cat", "Leeds", {"Leeds"})  # fmt: skip


def _check_branch_of_every_write(factory: sessionmaker[Session], wrote: Written) -> None:
    """Every row a pushed write made or changed names the branch it came from."""
    (feedback,) = [e for e in wrote.outbox if e.kind == "crosssell.feedback"]
    (verdict,) = [e for e in wrote.outbox if e.kind == "kb.feedback"]
    with factory() as session:
        kb = session.get_one(KbFeedback, verdict.key)
        assert (kb.verdict, kb.agent, kb.branch, kb.query) == (
            "helpful", "cat", "Leeds", "tea goes stale")  # fmt: skip
        branches = {
            "interaction": session.get_one(Interaction, wrote.interaction.id).branch,
            "created": session.get_one(Customer, wrote.created.customer_id).created_branch,
            "edited": session.get_one(Customer, ANN).edited_branch,
            "feedback": session.get_one(CrossSellFeedback, feedback.key).branch,
            "register": session.get_one(TillRegister, "SHOPA").branch,
            **{name: session.get_one(TillFeedRow, tx.id).branch for name, tx in wrote.till.items()},
        }
    assert branches == dict.fromkeys(branches, "Leeds")
    assert len(branches) == 9


def _check_applied(factory: sessionmaker[Session], outbox: list[OutboxEntry]) -> None:
    with factory() as session:
        applied = dict(session.execute(select(AppliedItem.key, AppliedItem.kind)).all())
    assert applied == {entry.key: entry.kind for entry in outbox}


def _check_customers(a: Desk, b: Desk, wrote: Written) -> None:
    assert a_fields(b, ANN) == wrote.edited
    assert wrote.edited["phones"] == ["01134960111"] and wrote.edited["loyalty_card"] == "43218765"
    new = wrote.created
    assert a_fields(b, new.customer_id) == a_fields(a, new.customer_id)
    assert a_fields(b, new.customer_id) == {
        "full_name": "Zinaida Quill", "phones": new.phones, "emails": ["zq@example.com"],
        "loyalty_card": "99887766", "notes": "New at the desk",
    }  # fmt: skip
    profile = b.queries.profile(new.customer_id)
    assert profile is not None
    assert (profile.account_number, profile.branch) == (new.account_number, "Leeds")


def _check_interaction(b: Desk, called: Any) -> None:
    (pulled,) = b.queries.interactions(ANN)
    assert (pulled.id, pulled.channel, pulled.occurred_at, pulled.reason) == (
        called.id, called.channel.value, called.occurred_at, called.reason)  # fmt: skip
    assert (pulled.notes, pulled.outcome, pulled.follow_up) == (
        called.notes, called.outcome, called.follow_up)  # fmt: skip
    assert (pulled.agent, pulled.pending) == ("cat", False)


def _check_till(b: Desk, till: dict[str, TillTransaction]) -> None:
    with SqlAlchemyTillUnitOfWork(b.database.writer) as uow:
        pulled = {name: uow.till.pulled(tx.id) for name, tx in till.items()}
    for name, tx in till.items():
        got = pulled[name]
        assert got is not None, f"{name} was not pulled"
        assert got.accepted and got.declined_reason is None
        assert _as_pulled(got.tx) == _as_pulled(tx), name
    assert till["cash"].change == gbp("7.50") and till["discounted"].amount == gbp("32.00")
    assert pulled["refund"].tx.links_to == till["cash"].id  # type: ignore[union-attr]
    assert pulled["void"].tx.links_to == till["discounted"].id  # type: ignore[union-attr]


def _as_pulled(tx: TillTransaction) -> tuple:
    """The fields the branch's till feed carries."""
    return (
        tx.id, tx.kind, tx.register, tx.receipt_no, tx.amount, tx.tenders, tx.change,
        tx.occurred_at, tx.cashier, tx.customer_id, tx.purpose, tx.links_to,
    )  # fmt: skip


def _check_kept_on_the_server(factory: sessionmaker[Session], wrote: Written) -> None:
    shift_keys = [e.key for e in wrote.outbox if e.kind.startswith("till.shift_")]
    (feedback,) = [e for e in wrote.outbox if e.kind == "crosssell.feedback"]
    with factory() as session:
        stored = session.get_one(CrossSellFeedback, feedback.key)
        journal = session.scalars(select(TillJournalEntry).order_by(TillJournalEntry.seq)).all()
        payment = session.get_one(TillPayment, wrote.till["discounted"].id)
        refunds = {r.id: r for r in session.scalars(select(TillRefund))}
    offer = wrote.offers[0]
    assert (stored.customer_id, stored.sku, stored.outcome, stored.model_version) == (
        ANN, "BISC", "accepted", offer.model_version)  # fmt: skip
    assert (stored.agent, stored.branch) == ("cat", "Leeds")
    assert [(j.kind, j.register) for j in journal] == [
        ("shift_open", "SHOPA"), ("payment", "SHOPA"), ("payment", "SHOPA"),
        ("refund", "SHOPA"), ("void", "SHOPA"), ("shift_close", "SHOPA"),
    ]  # fmt: skip
    assert [journal[0].key, journal[-1].key] == shift_keys
    assert (payment.gross_minor, payment.discount_minor, payment.amount_minor) == (4000, 800, 3200)
    assert (payment.approved_by, payment.approval_check, payment.accepted) == ("sue", "valid", True)
    for name in ("refund", "void"):
        kept = refunds[wrote.till[name].id]
        assert (kept.accepted, kept.approved_by, kept.approval_check) == (True, "sue", "valid")


def test_the_desks_http_client_sends_a_batch_of_outbox_envelopes() -> None:
    with socket.socket() as probe:  # a port nobody listens on: the request must get that far
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    item = ItemEnvelope(key=str(uuid.uuid4()), kind="interaction.record", seq=1, created_at=T0,
                        payload={"customer_id": ANN, "channel": "call", "reason": "Lost card",
                                 "occurred_at": T0.isoformat()})  # fmt: skip
    client = CentralClient(f"http://127.0.0.1:{port}", timeouts=(1.0, 1.0))
    with pytest.raises(ServerUnreachable):
        client.push(str(uuid.uuid4()), [item], access_token="token")
