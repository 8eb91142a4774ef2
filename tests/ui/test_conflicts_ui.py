"""Edit conflicts in the window, on a real SQLite cache: the profile says which change lost
and to what, the status bar counts them, and the agent settles each by click or by keys.

The conflicts come the way they do at a desk: an edit made here, pushed by the real push
engine, and acknowledged with the field another desk changed first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_languages import _LATIN_WORD, ALLOWED_LATIN
from test_window_on_cache import fill_cache
from ui_walk import shown_texts

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.protocol import ItemEnvelope, ItemResult, PushResponse, PushStatus
from frontdesk.services.conflicts import DeskConflicts, resolve_conflict
from frontdesk.services.desk import DeskWrites
from frontdesk.services.writes import CUSTOMER_EDIT, edit_customer
from frontdesk.sync.push import AbstractPushTransport, push_all
from frontdesk.ui.conflict_flows import ConflictFlows
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.preferences import Preferences

WAIT_MS = 10_000
CUSTOMER = "c-2"  # James O'Connor, phones +447700900123 and +442079460000
THEIRS = {"phones": ["+442079460999"], "full_name": "James O'Connor-Reid"}
MINE = {"phones": ["+447700900555"], "full_name": "Jim O'Connor"}


class OtherDeskWon(AbstractPushTransport):
    """The server's answer when another desk changed every edited field first."""

    def push(self, device_id: str, items: list[ItemEnvelope]) -> PushResponse:
        return PushResponse(
            results=[
                ItemResult(key=i.key, status=PushStatus.APPLIED, result=_lost(i)) for i in items
            ]
        )


def _lost(item: ItemEnvelope) -> dict[str, Any]:
    changes = item.payload["changes"]
    conflicts = [
        {"field": field, "kept": THEIRS[field], "yours": change["new"]}
        for field, change in changes.items()
    ]
    return {"applied": [], "conflicts": conflicts, "change_seq": 10_000}


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_cache(ctx)
    yield ctx
    ctx.close()


def _lose(client: ClientContext, *fields: str) -> None:
    edit_customer(client.uow, customer_id=CUSTOMER, changes={f: MINE[f] for f in fields})
    push_all(OtherDeskWon(), client.uow)


def _window(qtbot: QtBot, client: ClientContext, *, language: str = "en") -> MainWindow:
    preferences = Preferences()
    preferences.language = language
    window = build_main_window(
        client.queries,
        preferences=preferences,
        writes=DeskWrites(client.uow),
        conflicts=DeskConflicts(client.uow.fresh),
    )
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    flows = _flows(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    with qtbot.waitSignal(flows.conflicts_shown, timeout=WAIT_MS):
        window.open_customer(CUSTOMER)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    return window


def _flows(window: MainWindow) -> ConflictFlows:
    assert window.conflict_flows is not None
    return window.conflict_flows


def _pending_edits(client: ClientContext) -> list[dict]:
    with client.uow as uow:
        return [e.payload for e in uow.outbox.pending(limit=100) if e.kind == CUSTOMER_EDIT]


def test_the_profile_says_which_change_lost_and_use_mine_sends_it_again(
    qtbot: QtBot, client: ClientContext
) -> None:
    _lose(client, "phones")
    window = _window(qtbot, client)
    panel, flows = window.profile_card.conflict_panel, _flows(window)
    assert panel.isVisible()
    (notice,) = panel.notices.values()
    assert notice.message.text() == (
        "Your change to Phones was not applied: another desk changed it first. "
        "Kept: +442079460999. Yours: +447700900555."
    )
    assert window.profile_card.value_text("phones") == "+442079460999"  # what the server kept
    assert flows.count_label.isVisible()
    assert flows.count_label.text() == "1 conflict(s) to resolve"
    assert _pending_edits(client) == []

    signals = [flows.conflict_resolved, window.customer_shown, flows.conflicts_shown]
    with qtbot.waitSignals(signals, order="strict", timeout=WAIT_MS):
        qtbot.mouseClick(notice.use_mine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not flows.count_label.isVisible(), timeout=WAIT_MS)

    assert not panel.isVisible() and panel.notices == {}
    assert _pending_edits(client) == [
        {
            "customer_id": CUSTOMER,
            "changes": {"phones": {"old": THEIRS["phones"], "new": MINE["phones"]}},
        }
    ]
    assert window.profile_card.value_text("phones") == "+447700900555"
    assert flows.count_label.count == 0


def test_keep_theirs_by_keys_settles_it_and_sends_nothing(
    qtbot: QtBot, client: ClientContext
) -> None:
    _lose(client, "phones", "full_name")
    window = _window(qtbot, client)
    panel, flows = window.profile_card.conflict_panel, _flows(window)
    assert flows.count_label.text() == "2 conflict(s) to resolve"
    name_notice, phone_notice = sorted(panel.notices.values(), key=lambda n: n.conflict.field)
    assert name_notice.keep_theirs_button.accessibleName() == "Keep theirs for Name"
    assert phone_notice.use_mine_button.accessibleName() == "Use mine for Phones"
    assert phone_notice.message.accessibleName() == "Conflict over Phones"

    window.search_panel.search_edit.setFocus()
    qtbot.waitUntil(window.search_panel.search_edit.hasFocus, timeout=WAIT_MS)
    for _ in range(40):  # Tab through the window until the button has the focus
        if QApplication.focusWidget() is phone_notice.keep_theirs_button:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is phone_notice.keep_theirs_button
    with qtbot.waitSignal(flows.conflicts_shown, timeout=WAIT_MS):
        qtbot.keyClick(phone_notice.keep_theirs_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: flows.count_label.count == 1, timeout=WAIT_MS)

    (left,) = panel.notices.values()
    assert left.conflict.field == "full_name"
    assert flows.count_label.text() == "1 conflict(s) to resolve"
    assert _pending_edits(client) == []
    assert window.profile_card.value_text("phones") == "+442079460999"
    with client.uow as uow:
        settled = uow.conflicts.get(phone_notice.conflict.id)
    assert settled is not None
    assert (settled.resolution, settled.resolved_by) == ("theirs", "agent.smirnova")


def test_a_conflict_settled_elsewhere_meanwhile_says_so_on_its_notice(
    qtbot: QtBot, client: ClientContext
) -> None:
    _lose(client, "phones")
    window = _window(qtbot, client)
    (notice,) = window.profile_card.conflict_panel.notices.values()
    # Another window (or the CLI) on this desk settled it first.
    resolve_conflict(client.uow, conflict_id=notice.conflict.id, resolution="theirs", by="bob")
    with qtbot.waitSignal(_flows(window).resolve_failed, timeout=WAIT_MS) as failed:
        qtbot.mouseClick(notice.use_mine_button, Qt.MouseButton.LeftButton)
    assert "settled already (theirs, by bob)" in failed.args[0]
    assert notice.error.isVisible() and notice.error.text() == failed.args[0]
    assert notice.use_mine_button.isEnabled()  # nothing is stuck half-way
    assert _pending_edits(client) == []


def test_conflict_notices_are_russian_in_the_russian_window(
    qtbot: QtBot, client: ClientContext
) -> None:
    _lose(client, "phones", "full_name")
    window = _window(qtbot, client, language="ru")
    flows = _flows(window)
    assert flows.count_label.isVisible()
    data = [*THEIRS["phones"], *MINE["phones"], THEIRS["full_name"], MINE["full_name"]]
    data += ["James O'Connor", "james.oconnor@example.co.uk", "London, Oxford Street"]
    label = flows.count_label
    texts = [*shown_texts(window.profile_card.conflict_panel)]
    texts += [
        ("count", label.text()),
        ("count", label.toolTip()),
        ("count", label.accessibleName()),
    ]
    untranslated = []
    for where, text in texts:
        rest = text
        for value in sorted(data, key=len, reverse=True):
            rest = rest.replace(value, " ")
        english = [w for w in _LATIN_WORD.findall(rest) if w not in ALLOWED_LATIN]
        if english:
            untranslated.append(f"{where}: {text!r}")
    assert untranslated == []
    (first, *_rest) = window.profile_card.conflict_panel.notices.values()
    assert first.use_mine_button.text() == "Применить моё"


def test_notices_and_count_follow_a_language_switch(qtbot: QtBot, client: ClientContext) -> None:
    _lose(client, "phones")
    window = _window(qtbot, client)
    flows = _flows(window)
    with qtbot.waitSignal(flows.conflicts_shown, timeout=WAIT_MS):
        window.appearance.choose(language="ru", theme=window.preferences.theme)
    (notice,) = window.profile_card.conflict_panel.notices.values()
    assert notice.message.text().startswith("Ваше изменение поля «Телефоны» не применено")
    assert notice.keep_theirs_button.text() == "Оставить чужое"
    assert flows.count_label.text() == "Конфликтов правок к решению: 1"
    with qtbot.waitSignal(flows.conflict_resolved, timeout=WAIT_MS):
        qtbot.mouseClick(notice.keep_theirs_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not flows.count_label.isVisible(), timeout=WAIT_MS)
