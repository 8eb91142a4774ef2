"""The desk's writes by keys and clicks, on a real SQLite cache: log a contact (and see it on
the timeline), edit the profile with inline validation, mark cross-sell offers. Each lands in
the outbox as the sync engine will push it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from test_window_on_cache import fill_cache
from ui_drive import open_by_keys
from ui_fakes import FakeCustomerQueries

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.services.desk import DeskWrites
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.widgets.contact_dialog import ContactDialog
from frontdesk.ui.widgets.profile_editor import ProfileEditor
from frontdesk.ui.widgets.timeline_panel import TimelineModel

WAIT_MS = 10_000


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_cache(ctx)
    yield ctx
    ctx.close()


def _window(qtbot: QtBot, client: ClientContext, queries=None) -> MainWindow:
    window = build_main_window(queries or client.queries, writes=DeskWrites(client.uow))
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    open_by_keys(qtbot, window, "c-2", also=[window.recommendations_shown])
    return window


def _pending(client: ClientContext, kind: str) -> list[dict]:
    with client.uow as uow:
        return [e.payload for e in uow.outbox.pending(limit=100) if e.kind == kind]


def _dialog(qtbot: QtBot, kind: type) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=WAIT_MS)
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT_MS)  # its shortcuts work from now
    return dialog


def test_log_contact_by_keys_lands_in_the_outbox_and_on_the_timeline(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, ContactDialog)
    qtbot.keyClick(dialog.channel_combo, Qt.Key.Key_Down)  # Call -> Visit
    qtbot.keyClicks(dialog.reason_edit, "Asked about a late delivery")
    qtbot.keyClicks(dialog.notes_edit, "Parcel left at the depot")
    qtbot.keyClicks(dialog.outcome_edit, "Redelivery booked")
    qtbot.mouseClick(dialog.follow_up_check, Qt.MouseButton.LeftButton)
    signals = [window.write_flows.contact_logged, window.customer_shown]
    with qtbot.waitSignals(signals, order="strict", timeout=WAIT_MS):
        qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    [payload] = _pending(client, "interaction.record")
    assert payload["channel"] == "visit"
    assert payload["reason"] == "Asked about a late delivery"
    assert payload["outcome"] == "Redelivery booked"
    assert payload["follow_up"] is not None
    timeline = window.timeline_panel.model
    newest = timeline.events()[0]  # logged now, so at the top
    assert newest.kind == "visit" and newest.reason == "Asked about a late delivery"
    assert newest.agent == "agent.smirnova" and newest.pending
    assert timeline.index(0, 1).data() == "Visit"
    assert timeline.index(0, 4).data().startswith("Not sent yet · Redelivery booked · follow up ")
    assert timeline.index(0, 1).data(Qt.ItemDataRole.FontRole).italic()
    assert timeline.total() == 1 + len(client.queries.purchases("c-2"))


def test_a_contact_without_a_reason_is_refused_inline(qtbot: QtBot, client: ClientContext) -> None:
    window = _window(qtbot, client)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(qtbot, ContactDialog)
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.reason_error.isVisible()
    assert "reason" in dialog.reason_error.text()
    assert _pending(client, "interaction.record") == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_profile_edit_shows_errors_inline_then_saves(qtbot: QtBot, client: ClientContext) -> None:
    window = _window(qtbot, client)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    editor = _dialog(qtbot, ProfileEditor)
    assert isinstance(editor, ProfileEditor)
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(editor, Qt.Key.Key_P, alt)  # &Phones
    assert editor.phones_edit.hasFocus()
    qtbot.keyClick(editor.phones_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.phones_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.phones_edit, "12ab")
    assert editor.errors["phones"].isVisible()
    assert "12ab" in editor.errors["phones"].text()
    assert not editor.save_button.isEnabled()
    qtbot.keyClick(editor.phones_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(editor.phones_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(editor.phones_edit, "3456 789")
    qtbot.keyClick(editor, Qt.Key.Key_E, alt)  # &E-mails
    assert editor.emails_edit.hasFocus()
    qtbot.keyClick(editor.emails_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.emails_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.emails_edit, "not-an-email")
    assert editor.errors["emails"].isVisible() and not editor.save_button.isEnabled()
    qtbot.keyClick(editor.emails_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.emails_edit, "james@example.org")
    assert editor.field_errors() == {}
    qtbot.keyClick(editor, Qt.Key.Key_O, alt)  # N&otes
    assert editor.notes_edit.hasFocus()
    qtbot.keyClicks(editor.notes_edit, "Prefers e-mail to calls.")
    assert editor.save_button.isEnabled()
    with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    [edit] = _pending(client, "customer.edit")
    assert edit["changes"]["phones"]["new"] == ["+447700900123", "+442079460000", "123456789"]
    assert edit["changes"]["emails"]["new"] == ["james@example.org"]
    assert edit["changes"]["notes"]["new"] == "Prefers e-mail to calls."
    assert "123456789" in window.profile_card.value_text("phones")
    notes = window.profile_card.notes_label
    assert notes.isVisible() and notes.text() == "Prefers e-mail to calls."


def test_crosssell_feedback_buttons_record_each_outcome(
    qtbot: QtBot, client: ClientContext, fake_queries: FakeCustomerQueries
) -> None:
    window = _window(qtbot, client, fake_queries)
    panel = window.crosssell_panel
    offer_sku = next(iter(panel.feedback_buttons))[0]
    for outcome in ("offered", "accepted"):
        button = panel.feedback_buttons[(offer_sku, outcome)]
        with qtbot.waitSignal(window.write_flows.feedback_recorded, timeout=WAIT_MS):
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert button.isChecked()
    assert not panel.feedback_buttons[(offer_sku, "declined")].isEnabled()
    other_sku = next(sku for sku, _outcome in panel.feedback_buttons if sku != offer_sku)
    declined = panel.feedback_buttons[(other_sku, "declined")]
    with qtbot.waitSignal(window.write_flows.feedback_recorded, timeout=WAIT_MS):
        qtbot.mouseClick(declined, Qt.MouseButton.LeftButton)
    assert declined.isChecked()
    assert not panel.feedback_buttons[(other_sku, "accepted")].isEnabled()
    recorded = _pending(client, "crosssell.feedback")
    assert [(p["sku"], p["outcome"]) for p in recorded] == [
        (offer_sku, "offered"),
        (offer_sku, "accepted"),
        (other_sku, "declined"),
    ]


def test_feedback_buttons_follow_the_offers_in_tab_order(
    qtbot: QtBot, client: ClientContext, fake_queries: FakeCustomerQueries
) -> None:
    window = _window(qtbot, client, fake_queries)
    buttons = list(window.crosssell_panel.feedback_buttons.values())
    assert buttons and all(b.accessibleName() for b in buttons)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Tab)
    assert window.search_panel.results_view.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is buttons[0]


def test_timeline_model_passes_the_model_tester(qtmodeltester, client: ClientContext) -> None:
    queries = client.queries
    model = TimelineModel()
    qtmodeltester.check(model)
    wanted: list = []
    model.page_wanted.connect(wanted.append)  # the panel would fetch it in the background
    model.start(queries.timeline("c-2", limit=3), total=queries.timeline_count("c-2"))
    qtmodeltester.check(model)  # the tester stays attached and checks every page added
    while wanted:
        after = wanted.pop()
        assert model.append(after, queries.timeline("c-2", after=after, limit=3))
        model.fetchMore()
    assert not model.canFetchMore()
    assert [e.id for e in model.events()] == [p.id for p in queries.purchases("c-2")]
    assert not model.append(None, queries.timeline("c-2"))  # a stale page is ignored
