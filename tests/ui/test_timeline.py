"""The timeline at scale, by keys: a customer with 20,000 purchases and a few hundred contacts
opens with one page of it; Ctrl+End in the timeline fetches the next page from the cache, in
order, newest first, contacts and purchases interleaved; the live model passes qtmodeltester."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import insert
from ui_drive import open_by_keys

from frontdesk.adapters.cache.outbox import CachedInteraction
from frontdesk.adapters.cache.tables import CachedPurchase
from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.protocol import CustomerPublic, PullPage
from frontdesk.services.queries import TIMELINE_PAGE
from frontdesk.ui.main_window import MainWindow, build_main_window

WAIT_MS = 15_000
PURCHASES = 20_000
CONTACTS = 400
T0 = datetime(2020, 1, 1, 9, 0, tzinfo=UTC)


def _purchase(i: int) -> dict:
    is_return = i % 50 == 0
    return {
        "id": f"p{i:05d}",
        "number": f"{500000 + i}",
        "customer_id": "busy",
        "purchased_at": T0 + timedelta(hours=3 * i),
        "branch": "Leeds",
        "currency": "GBP",
        "is_return": is_return,
        "original_number": f"{500000 + i - 1}" if is_return else None,
        "total_minor": -250 if is_return else 1000 + i,
        "seq": i + 10,
    }


def _contact(i: int) -> dict:
    return {
        "id": f"i{i:04d}",
        "customer_id": "busy",
        "channel": ("call", "visit", "email")[i % 3],
        # Every 50 purchases, at a time no purchase has; the last after every purchase.
        "occurred_at": T0 + timedelta(hours=150 * (i + 1) + 1),
        "reason": f"Question {i}",
        "agent": "agent.smirnova",
        "notes": "",
        "outcome": "Answered",
        "follow_up": None,
        "seq": 0 if i == CONTACTS - 1 else 100_000 + i,  # the newest is not sent yet
    }


def _customer() -> CustomerPublic:
    return CustomerPublic(
        id="busy",
        account_number="T-777",
        full_name="Tabitha Timeline",
        phones=[],
        emails=[],
        loyalty_card=None,
        branch="Leeds",
        notes="",
        created_at=T0,
        updated_at=T0,
        seq=1,
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    ctx = build_client(load_settings(data_dir=tmp_path_factory.mktemp("busy") / "desk"))
    with ctx.uow as uow:
        uow.replica.apply(PullPage(cursor=1, has_more=False, customers=[_customer()]))
        uow.commit()
    with ctx._database.writer() as session, session.begin():
        session.execute(insert(CachedPurchase), [_purchase(i) for i in range(PURCHASES)])
        session.execute(insert(CachedInteraction), [_contact(i) for i in range(CONTACTS)])
    yield ctx
    ctx.close()


def _expected_ids() -> list[str]:
    events = [(p["purchased_at"], p["id"]) for p in map(_purchase, range(PURCHASES))]
    events += [(c["occurred_at"], c["id"]) for c in map(_contact, range(CONTACTS))]
    return [event_id for _at, event_id in sorted(events, reverse=True)]


def _window(qtbot: QtBot, client: ClientContext) -> MainWindow:
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    open_by_keys(qtbot, window, "busy", query="T-777")
    return window


def test_a_busy_customer_opens_with_one_page_and_ctrl_end_fetches_the_next(
    qtbot: QtBot, client: ClientContext, qtmodeltester
) -> None:
    window = _window(qtbot, client)
    panel = window.timeline_panel
    model = panel.model
    assert model.rowCount() == TIMELINE_PAGE
    assert model.total() == PURCHASES + CONTACTS
    assert panel.title.text() == f"Timeline ({PURCHASES + CONTACTS:,})"
    assert window.profile_card.value_text("purchase_count") == f"{PURCHASES - PURCHASES // 50:,}"
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert window.customer_tabs.currentWidget() is panel
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(30, 10))
    for pages in (2, 3):
        with qtbot.waitSignal(panel.page_shown, timeout=WAIT_MS) as shown:
            qtbot.keyClick(panel.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        assert shown.args == [pages * TIMELINE_PAGE]
    expected = _expected_ids()[: 3 * TIMELINE_PAGE]
    assert [event.id for event in model.events()] == expected
    assert model.index(0, 1).data() == "Call"  # the newest, a contact not sent yet
    assert model.index(0, 4).data() == "Not sent yet · Answered"
    returns = [r for r in range(model.rowCount()) if model.events()[r].kind == "return"]
    assert returns and model.index(returns[0], 1).data() == "Return"
    assert model.index(returns[0], 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    qtmodeltester.check(model)
