"""Orders at the desk over a real cache: find by number, tracking number, phone and customer;
the read model's late mark and where-is-it line; a phone order and its outbox item in one
transaction, numbered from the desk's counter; the server's answer through the pull; a
cancellation request; refusals that write nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from order_pages import T0, event, order, order_id, order_page, shipped_order

from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.adapters.cache.orders.queries import SqlAlchemyOrderQueries
from frontdesk.adapters.cache.orders.store import SqlAlchemyOrderUnitOfWork, order_unit_of_work
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.money import Money
from frontdesk.protocol import PullPage
from frontdesk.protocol.orders import OrdersFound
from frontdesk.services.catalogue.desk import DeskCatalogue
from frontdesk.services.errors import ProtocolError
from frontdesk.services.orders.desk import NUMBER, PHONE, TRACKING, DeskOrders
from frontdesk.services.orders.ports import AbstractOrderSource
from frontdesk.services.orders.prices import CataloguePriceBook
from frontdesk.services.orders.writes import NoOrderPrefix, UnknownOrder

NOW = datetime(2024, 12, 6, 10, 0, tzinfo=UTC)  # Friday: the shipped order was due Thursday


def _sign_in(uow: Any, *, prefix: str | None = "D7") -> None:
    with uow:
        uow.sync_state.set_login("https://central.example", "ann")
        uow.sync_state.keep_case_desk(case_prefix=prefix, branch="Leeds")
        uow.workstation.sign_in("ann", role="agent")
        uow.commit()


def _desk(cache_db, uow, queries, source: AbstractOrderSource | None = None) -> DeskOrders:
    return DeskOrders(
        lambda: order_unit_of_work(uow), SqlAlchemyOrderQueries(cache_db.reader),
        customers=queries, prices=_prices(cache_db),
        source=(lambda: source) if source else None, clock=lambda: NOW, zone=UTC,
    )  # fmt: skip


def _prices(cache_db) -> CataloguePriceBook:
    return CataloguePriceBook(DeskCatalogue(SqlAlchemyCatalogue(cache_db.reader)))


@pytest.fixture
def desk(cache_db, uow, queries, apply) -> DeskOrders:
    apply(order_page())
    _sign_in(uow)
    return _desk(cache_db, uow, queries)


def _outbox(uow) -> list[tuple[str, dict[str, Any]]]:
    with uow:
        return [(e.kind, e.payload) for e in uow.outbox.pending(limit=100)]


def _numbers(found) -> list[str]:
    return [item.order.number for item in found.orders]


# --------------------------------------------------------------------------- finding


def test_an_order_is_found_by_number_tracking_number_or_phone(desk) -> None:
    assert (desk.find("WEB-100234").by, _numbers(desk.find(" web-100234 "))) == (
        NUMBER, ["WEB-100234"])  # fmt: skip
    # Read out over the phone: spaces, small letters.
    tracked = desk.find("1z999 aa1 0123 456 784")
    assert (tracked.by, _numbers(tracked)) == (TRACKING, ["WEB-100234"])
    # The customer's number in another dialling form: their orders, newest first.
    by_phone = desk.find("07911 123456")
    assert (by_phone.by, _numbers(by_phone)) == (PHONE, ["WEB-100234", "WEB-099001"])
    assert desk.find("+7 916 555 12 34").by == ""  # Иван has no orders
    assert desk.find("WEB-1").by == "" and desk.find("   ").orders == ()
    assert [item.order.number for item in desk.of_customer("c1")] == ["WEB-100234", "WEB-099001"]


def test_the_read_model_says_where_the_order_is_and_that_it_is_late(desk) -> None:
    view = desk.view("WEB-100234")
    assert view.where.text() == (
        "Shipped with DPD on 3 Dec, tracking 1Z999AA10123456784, promised 5 Dec — 1 day late"
    )
    assert view.late and view.where.days_late == 1 and not view.cancellable
    assert view.order.total == Money.of("8.10", "GBP")
    gbp = [Money.of("5.10", "GBP"), Money.of("3.00", "GBP")]
    assert [(line.sku, str(line.quantity), line.line_total) for line in view.order.lines] == [
        ("MUG", "2", gbp[0]), ("TEA", "0.25", gbp[1])]  # fmt: skip
    assert [e.kind for e in view.events] == ["placed", "status", "shipping", "status"]
    delivered = desk.view("WEB-099001")
    assert not delivered.late and delivered.where.text() == "Delivered on 7 Nov"
    listed = {item.order.number: item.late for item in desk.of_customer("c1")}
    assert listed == {"WEB-100234": True, "WEB-099001": False}


# --------------------------------------------------------------------------- phone orders


def test_a_phone_order_is_numbered_priced_and_queued_in_one_transaction(desk, uow) -> None:
    first = desk.place("c1", [("MUG", "2"), ("TEA", "0,5")], note="Leave at the door")
    second = desk.place("c2", [("TEA", "1")])
    assert (first.number, second.number) == ("D7-O00001", "D7-O00002")
    assert first.total == Money.of("11.10", "GBP") and first.waiting_for_server
    ((kind, payload), (kind2, _)) = _outbox(uow)
    assert (kind, kind2) == ("order.place", "order.place")
    assert payload["order_id"] == first.id and payload["number"] == "D7-O00001"
    assert payload["total"] == "11.1" and payload["note"] == "Leave at the door"
    assert [(line["sku"], line["quantity"], line["unit_price"], line["line_total"])
            for line in payload["lines"]] == [("MUG", "2", "2.55", "5.1"),
                                              ("TEA", "0.5", "12", "6")]  # fmt: skip
    view = desk.view("d7-o1")
    assert view.order.id == first.id and view.order.status == "placed"
    assert view.where.text() == "Taken at this desk, waiting for the server to confirm it"
    assert [(e.kind, e.pending) for e in view.events] == [("placed", True)]
    assert desk.of_customer("c1")[0].order.number == "D7-O00001"


@pytest.mark.parametrize(
    ("lines", "field"),
    [
        ([], "lines"),
        ([("MUG", "0")], "lines[1].quantity"),
        ([("MUG", "-1")], "lines[1].quantity"),
        ([("MUG", "two")], "lines[1].quantity"),
        ([("MUG", "1.0005")], "lines[1].quantity"),
        ([("TEA", "1"), ("MUG", "1.5")], "lines[2].quantity"),  # a mug is not split
        ([("MUG", "1"), ("NOPE", "1")], "lines[2].sku"),
        ([("VASE", "1")], "lines[1].sku"),  # sold at York only
        ([("MUG", "1"), ("MUG", "2")], "lines[2].sku"),
    ],
)
def test_a_bad_phone_order_is_refused_and_writes_nothing(desk, uow, lines, field) -> None:
    with pytest.raises(ValidationError) as refused:
        desk.place("c1", lines)
    assert refused.value.field == field
    assert _outbox(uow) == []
    # Nothing was numbered either: the next order takes the first number.
    assert desk.place("c1", [("MUG", "1")]).number == "D7-O00001"


def test_an_unknown_customer_or_a_desk_without_prefix_takes_no_order(
    cache_db, uow, queries, desk
) -> None:
    with pytest.raises(ValidationError, match="customer_id"):
        desk.place("c404", [("MUG", "1")])
    _sign_in(uow, prefix=None)
    with pytest.raises(NoOrderPrefix):
        desk.place("c1", [("MUG", "1")])
    assert _outbox(uow) == []


class _BrokenOutbox(SqlAlchemyOrderUnitOfWork):
    """The outbox fails after the order went into the cache: neither may stay."""

    def __enter__(self):
        entered = super().__enter__()

        def fail(*_args: Any, **_kwargs: Any) -> None:
            raise OSError("disk full")

        self.outbox.add = fail  # type: ignore[method-assign]
        return entered


def test_the_order_and_its_outbox_item_commit_together_or_not_at_all(
    cache_db, uow, queries, desk
) -> None:
    broken = DeskOrders(
        lambda: _BrokenOutbox(uow._session_factory), SqlAlchemyOrderQueries(cache_db.reader),
        customers=queries, prices=_prices(cache_db), clock=lambda: NOW,
        zone=UTC,
    )  # fmt: skip
    with pytest.raises(OSError, match="disk full"):
        broken.place("c1", [("MUG", "1")])
    assert desk.view("D7-O00001") is None and _outbox(uow) == []
    assert [i.order.number for i in desk.of_customer("c1")] == ["WEB-100234", "WEB-099001"]


def test_the_servers_answer_comes_back_through_the_pull(desk, uow, apply) -> None:
    taken = desk.place("c1", [("MUG", "2")])
    refused = desk.place("c1", [("TEA", "1")])
    with uow:
        for key in (taken.id, refused.id):
            uow.outbox.mark_sent(key, result={"status": "applied"}, at=NOW)
        uow.commit()
    line = {"line_no": 1, "sku": "MUG", "description": "Mug", "quantity": "2",
            "unit_price": "2.55", "line_total": "5.10"}  # fmt: skip
    confirmed = order(300, taken.number, channel="phone", lines=[line], total="5.10",
                      status="confirmed", payment_state="unpaid", placed_at=NOW,
                      updated_at=NOW, promised_on=date(2024, 12, 10)) \
        .model_copy(update={"id": taken.id})  # fmt: skip
    tea = {**line, "sku": "TEA", "quantity": "1", "unit_price": "12.00", "line_total": "12.00"}
    cancelled = order(301, refused.number, channel="phone", lines=[tea], total="12.00",
                      status="cancelled", placed_at=NOW, updated_at=NOW,
                      refused_reason="TEA is out of stock at Leeds") \
        .model_copy(update={"id": refused.id})  # fmt: skip
    apply(PullPage(cursor=400, has_more=False, orders=[confirmed, cancelled], order_events=[
        event(302, confirmed, "placed", NOW, status="placed", by="ann"),
        event(303, confirmed, "status", NOW, status="confirmed", by="erp"),
        event(304, cancelled, "status", NOW, status="cancelled", by="erp"),
    ]))  # fmt: skip
    view = desk.view(taken.number)
    assert view.order.status == "confirmed" and not view.order.waiting_for_server
    assert [(e.kind, e.pending) for e in view.events] == [("placed", False), ("status", False)]
    assert view.where.text() == "Confirmed on 6 Dec, promised 10 Dec"
    no = desk.view(refused.number)
    assert (
        no.order.refused
        and no.where.text() == "Refused by the server: TEA is out of stock at Leeds"
    )


def test_a_cancellation_request_is_queued_with_a_pending_event(desk, uow, apply) -> None:
    apply(PullPage(cursor=500, has_more=False, orders=[order(501, "WEB-100300")]))
    asked = desk.request_cancellation(" WEB-100300 ", "Found it cheaper")
    [(kind, payload)] = _outbox(uow)
    assert kind == "order.cancel_request"
    assert payload["number"] == "WEB-100300" and payload["reason"] == "Found it cheaper"
    view = desk.view("WEB-100300")
    assert view.cancel_requested and view.events[-1].id == asked.id and view.events[-1].pending
    with pytest.raises(ValidationError, match="shipped: it can no longer be cancelled"):
        desk.request_cancellation("WEB-100234", "Too slow")
    with pytest.raises(ValidationError, match="must not be empty"):
        desk.request_cancellation("WEB-100300", "  ")
    with pytest.raises(UnknownOrder):
        desk.request_cancellation("WEB-404", "No reason")
    assert len(_outbox(uow)) == 1


# --------------------------------------------------------------------------- the pull


def test_a_pulled_order_never_goes_back_and_its_lines_are_replaced_whole(desk, apply) -> None:
    shipped, _ = shipped_order()
    one_line = [{"line_no": 1, "sku": "MUG", "description": "Mug", "quantity": "1",
                 "unit_price": "2.55", "line_total": "2.55"}]  # fmt: skip
    newer = shipped.model_copy(update={"status": "delivered", "seq": 900, "total": "2.55",
                                       "lines": order(1, "X", lines=one_line).lines})  # fmt: skip
    apply(PullPage(cursor=900, has_more=False, orders=[newer]))
    apply(PullPage(cursor=901, has_more=False, orders=[shipped]))  # an older copy, late
    view = desk.view("WEB-100234")
    assert view.order.status == "delivered" and len(view.order.lines) == 1
    assert view.order.total == Money.of("2.55", "GBP")


def test_a_pulled_order_whose_total_is_not_its_lines_is_refused_whole(desk, apply) -> None:
    bad = order(950, "WEB-BAD", total="9.99")
    with pytest.raises(ProtocolError, match=r"order WEB-BAD: total 9\.99 is not the sum"):
        apply(PullPage(cursor=950, has_more=False, orders=[order(951, "WEB-OK"), bad]))
    assert desk.view("WEB-OK") is None and desk.view("WEB-BAD") is None


class _Server(AbstractOrderSource):
    def __init__(self) -> None:
        other = order(700, "SHOP-7", customer_id="c2", branch="York", status="picking",
                      placed_at=T0 + timedelta(days=2))  # fmt: skip
        self.orders = {"SHOP-7": other}

    def customer_orders(self, customer_id: str) -> OrdersFound:
        found = [o for o in self.orders.values() if o.customer_id == customer_id]
        return OrdersFound(orders=found, order_events=[])

    def order(self, number: str) -> OrdersFound | None:
        found = self.orders.get(number)
        return None if found is None else OrdersFound(orders=[found], order_events=[])


def test_a_customers_orders_and_a_number_are_fetched_on_demand(cache_db, uow, queries, desk):
    online = _desk(cache_db, uow, queries, source=_Server())
    assert desk.of_customer("c2") == []
    assert [item.order.number for item in online.fetch_of_customer("c2")] == ["SHOP-7"]
    assert desk.view("SHOP-7").order.branch == "York"  # kept in the cache
    assert online.fetch_number("NOPE-1") is None
    assert online.fetch_number("SHOP-7").order.number == "SHOP-7"


def test_order_events_join_the_customers_timeline(desk, queries) -> None:
    events = queries.timeline("c1")
    orders = [(e.kind, e.number, e.new) for e in events if e.is_order]
    assert orders[:2] == [("order_status", "WEB-100234", "shipped"),
                          ("order_shipping", "WEB-100234", None)]  # fmt: skip
    assert all(e.order_id == order_id(110) for e in events if e.is_order)
    assert queries.timeline_count("c1") == 4
