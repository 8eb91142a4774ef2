"""New customer by keys and clicks on a real SQLite cache: a search that finds nothing offers
"New customer", the form comes prefilled from the query, Save writes the cache row and a
``customer.create`` item in one go, the customer opens and the search finds them at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_window_on_cache import fill_cache

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.services.desk import DeskWrites
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.widgets.new_customer_dialog import NewCustomerDialog, prefill_from_query

WAIT_MS = 10_000


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_cache(ctx)
    yield ctx
    ctx.close()


def _window(qtbot: QtBot, client: ClientContext, *, writes: bool = True) -> MainWindow:
    window = build_main_window(client.queries, writes=DeskWrites(client.uow) if writes else None)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window


def _search_nothing(qtbot: QtBot, window: MainWindow, query: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_panel.search_edit, query)
    qtbot.waitUntil(lambda: "No customer matches" in window.search_panel.summary_label.text())


def _pending(client: ClientContext, kind: str) -> list[dict]:
    with client.uow as uow:
        return [e.payload for e in uow.outbox.pending(limit=100) if e.kind == kind]


def _new_dialog(qtbot: QtBot, window: MainWindow) -> NewCustomerDialog:
    button = window.search_panel.new_customer_button
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewCustomerDialog))
    return QApplication.activeModalWidget()


def test_a_phone_nobody_has_registers_a_customer_who_opens_and_is_found(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client)
    _search_nothing(qtbot, window, "+49 30 901820")
    dialog = _new_dialog(qtbot, window)
    assert dialog.phones_edit.toPlainText() == "+49 30 901820"
    assert dialog.name_edit.text() == ""
    qtbot.waitUntil(dialog.name_edit.hasFocus)
    assert not dialog.save_button.isEnabled()  # a name is required
    assert dialog.errors["name"].text() == "A new customer needs a name."
    qtbot.keyClicks(dialog.name_edit, "Zinaida Quill")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    customer_id = shown.args[0]
    assert window.profile_card.name_label.text() == "Zinaida Quill"
    [payload] = _pending(client, "customer.create")
    assert payload["customer_id"] == customer_id
    assert payload["full_name"] == "Zinaida Quill"
    assert payload["account_number"].startswith("D") and len(payload["account_number"]) == 11
    [match] = client.queries.search("zinaida", limit=5)
    assert match.id == customer_id
    assert [m.id for m in client.queries.search("4930901820", limit=5)] == [customer_id]


def test_typed_account_and_a_bad_email_are_checked_before_saving(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client)
    _search_nothing(qtbot, window, "Quentin Zebedee")
    dialog = _new_dialog(qtbot, window)
    assert dialog.name_edit.text() == "Quentin Zebedee"
    qtbot.keyClicks(dialog.account_edit, "ACC-777")
    qtbot.keyClicks(dialog.emails_edit, "not-an-address")
    assert not dialog.save_button.isEnabled()
    assert "not an e-mail address" in dialog.errors["emails"].text()
    qtbot.keyClick(dialog.emails_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.emails_edit, "q.zebedee@example.com")
    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(window.write_flows.customer_created, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    [payload] = _pending(client, "customer.create")
    assert payload["account_number"] == "ACC-777"
    assert payload["emails"] == ["q.zebedee@example.com"]


def test_an_account_number_already_taken_is_refused_in_the_form(
    qtbot: QtBot, client: ClientContext
) -> None:
    taken = client.queries.profile("c-2")
    assert taken is not None
    window = _window(qtbot, client)
    _search_nothing(qtbot, window, "Ophelia Xanthe")
    dialog = _new_dialog(qtbot, window)
    qtbot.keyClicks(dialog.account_edit, taken.account_number)
    with qtbot.waitSignal(window.write_flows.write_failed, timeout=WAIT_MS) as failed:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert taken.account_number in failed.args[0]
    assert dialog.isVisible() and dialog.form_error.text() == failed.args[0]
    assert _pending(client, "customer.create") == []


def test_no_new_customer_button_without_writes_or_with_matches(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client, writes=False)
    _search_nothing(qtbot, window, "Nobody Like This")
    assert not window.search_panel.new_customer_button.isVisible()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("+7 912 345-67-89", {"phones": ["+7 912 345-67-89"]}),
        ("anna@example.com", {"emails": ["anna@example.com"]}),
        ("Anna 2nd", {"full_name": "Anna 2nd"}),
        ("12", {"full_name": "12"}),
        ("  ", {}),
    ],
)
def test_prefill_reads_the_query_as_phone_email_or_name(query: str, expected: dict) -> None:
    assert prefill_from_query(query) == expected
