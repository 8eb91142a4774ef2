"""``seed-demo``'s orders (SQLite and PostgreSQL): a few hundred, every channel and status,
totals that add up at the catalogue's prices, tracking on shipped ones, some late, events
in lifecycle order; the same for a seed, and seeding again adds none."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import pairwise

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.orders import TRANSITIONS, OrderStatus, is_late
from frontdesk.server.catalogue.models import Price
from frontdesk.server.orders.models import Order, OrderEvent, OrderLine
from frontdesk.server.seed import demo_end, seed_demo


def test_the_demo_orders_cover_the_lifecycle(server_factory: sessionmaker[Session]) -> None:
    report = seed_demo(server_factory, customers=200, seed=4)
    assert 200 <= report.orders_created <= 450
    with server_factory() as session:
        orders = list(session.scalars(select(Order)))
        lines = list(session.scalars(select(OrderLine)))
        events = list(session.scalars(select(OrderEvent).order_by(OrderEvent.change_seq)))
        company = session.scalars(select(Price).where(Price.branch.is_(None)))
        prices = {(p.sku, p.currency): p.unit_price_scaled for p in company}
    assert {o.channel for o in orders} == {"web", "phone", "branch"}
    assert {o.status for o in orders} == set(OrderStatus)
    assert {o.currency for o in orders} == {"GBP", "RUB"}
    by_order = defaultdict(list)
    for line in lines:
        by_order[line.order_id].append(line)
    today = demo_end(4).date()
    for order in orders:
        assert order.total_minor == sum(x.line_total_minor for x in by_order[order.id])
        assert all(
            prices[(x.sku, order.currency)] == x.unit_price_scaled for x in by_order[order.id]
        )
        shipped = order.status in ("shipped", "delivered", "returned")
        assert (order.tracking_number is not None) == shipped
    assert any(is_late(OrderStatus(o.status), o.promised_on, today) for o in orders)
    assert not all(is_late(OrderStatus(o.status), o.promised_on, today) for o in orders)
    history = defaultdict(list)
    for event in events:
        history[event.order_id].append(event)
    for order in orders:
        moves = [e for e in history[order.id] if e.kind in ("placed", "status")]
        assert [e.at for e in history[order.id]] == sorted(e.at for e in history[order.id])
        for before, after in pairwise(moves):
            assert OrderStatus(after.status) in TRANSITIONS[OrderStatus(before.status)]
        assert moves[-1].status == order.status
    assert max(o.placed_at for o in orders).date() <= today < date(2026, 1, 1)


def test_seeding_again_adds_no_orders(server_factory: sessionmaker[Session]) -> None:
    first = seed_demo(server_factory, customers=30, seed=6)
    with server_factory() as session:
        count = session.scalar(select(func.count()).select_from(Order))
    assert count == first.orders_created > 0
    assert seed_demo(server_factory, customers=30, seed=6).orders_created == 0
