"""Screenshots of cases in the window: the case view, the new case dialog, the customer's
open cases on the card with the count in the status bar, the Cases page, in English and
Russian, written to ``build/screenshots/`` (or ``--out``).

The desk is the one the window's case tests use (``tests/ui/case_desk.py``): the demo
customers and purchases and a few cases of James O'Connor pulled into a throw-away cache,
signed in as ``ann`` at a fixed Monday morning, so "overdue" and "due today" stay put. The
case view shows a comment written here and not yet sent. Nothing is copied into ``docs/``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ui"))
import case_desk  # noqa: E402 (the tests' deterministic desk, after the path)

from frontdesk.bootstrap import ClientContext, build_client  # noqa: E402
from frontdesk.config import load_settings  # noqa: E402

LANGUAGES = ("en", "ru")
TIMEOUT_MS = 30_000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from frontdesk.ui.app import make_application

    app = make_application(["frontdesk"])
    with tempfile.TemporaryDirectory(prefix="frontdesk-case-shots-") as work:
        client = build_client(load_settings(data_dir=Path(work) / "desk"))
        try:
            case_desk.fill_case_desk(client)
            _comment(client)
            for language in LANGUAGES:
                for name, scene in SCENES.items():
                    path = args.out / f"{name}-{language}.png"
                    scene(client, language, path)
                    print(f"==> {path}", flush=True)
        finally:
            client.close()
    app.processEvents()
    return 0


def _comment(client: ClientContext) -> None:
    cases = case_desk.desk_cases(client)
    cases.comment(case_desk.OVERDUE_CASE, "Refund of the second charge approved by the bank.")
    _past_due(client)


def _past_due(client: ClientContext) -> None:
    """Two more cases opened three days before "now": past due (the supervisor's Breaches),
    and more open cases than the card lists (its "All … cases")."""
    from datetime import timedelta

    from frontdesk.services.cases.desk import DeskCases

    cases = case_desk.desk_cases(client)
    earlier = DeskCases(client.uow.fresh, cases._queries, source=None,
                        clock=lambda: case_desk.NOW - timedelta(days=3))  # fmt: skip
    earlier.open(case_desk.CUSTOMER, channel="phone", category="returns",
                 subject="Parcel lost on the way", assignee_team="returns")  # fmt: skip
    earlier.open(case_desk.CUSTOMER, channel="email", category="billing",
                 subject="Gold card not sent", assignee_team="vip")  # fmt: skip


def _window(client: ClientContext, language: str, role: str | None = None):
    from frontdesk.services.desk import DeskWrites
    from frontdesk.ui.main_window import build_main_window
    from frontdesk.ui.preferences import Preferences

    preferences = Preferences()
    preferences.language = language
    window = build_main_window(
        client.queries, preferences=preferences, writes=DeskWrites(client.uow)
    )
    window.set_cases(case_desk.desk_cases(client), clock=lambda: case_desk.NOW)
    if role is not None:
        from frontdesk.services.desk_login import SignedIn

        _wait(window.role_shaped,
              lambda: window.follow_role(lambda: SignedIn(case_desk.AGENT, role=role)))  # fmt: skip
    window.show()
    return window


def _wait(signal, start: Callable[[], object]) -> object:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    result = start()
    loop.exec()
    return result


def _settle(window) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(200, loop.quit)
    loop.exec()
    if not window.ops.is_idle():
        _wait(window.ops.idle, lambda: None)


def _finish(window) -> None:
    window.ops.shutdown()
    window.close()
    window.deleteLater()


def case_view(client: ClientContext, language: str, path: Path) -> None:
    window = _window(client, language)
    flows = window.case_flows
    view = _wait(flows.case_shown, lambda: flows.open_case(case_desk.OVERDUE_CASE))
    _settle(window)
    view.grab().save(str(path))
    view.close()
    _finish(window)


def new_case(client: ClientContext, language: str, path: Path) -> None:
    window = _window(client, language)
    _wait(window.customer_shown, lambda: window.open_customer(case_desk.CUSTOMER))
    _settle(window)
    history = window.history_panel.history_view
    history.setFocus()
    history.setCurrentIndex(history.model().index(0, 0, history.model().index(0, 0)))
    flows = window.case_flows
    _wait(flows.new_case_shown, window.new_case)
    dialog = flows.new_dialog
    dialog.subject_edit.setText("Kettle stopped working after a week")
    _settle(window)
    dialog.grab().save(str(path))
    dialog.close()
    _finish(window)


def customer(client: ClientContext, language: str, path: Path) -> None:
    """The whole window: James O'Connor's card with his open cases, the count in the status bar."""
    window = _window(client, language)
    _wait(window.customer_shown, lambda: window.open_customer(case_desk.CUSTOMER))
    _settle(window)
    window.grab().save(str(path))
    _finish(window)


def queues(client: ClientContext, language: str, path: Path) -> None:
    """The whole window on the Cases page, on My team."""
    window = _window(client, language)
    _wait(window.customer_shown, lambda: window.open_customer(case_desk.CUSTOMER))
    _settle(window)
    queues = window.case_queues
    _wait(queues.queue_shown, lambda: queues.open_queue("team"))
    _settle(window)
    window.grab().save(str(path))
    _finish(window)


def breaches(client: ClientContext, language: str, path: Path) -> None:
    """The Cases page on Breaches, signed in as a supervisor: two picked, about to go to VIP."""
    window = _window(client, language, role="supervisor")
    queues = window.case_queues
    _wait(queues.queue_shown, lambda: queues.open_queue("breaches"))
    _settle(window)
    panel = queues.panel
    panel.table.selectRow(0)
    panel.table.selectionModel().select(
        panel.table.model().index(1, 0),
        panel.table.selectionModel().SelectionFlag.Select
        | panel.table.selectionModel().SelectionFlag.Rows,
    )
    bar = panel.breach_bar
    bar.team_combo.setCurrentIndex(bar.team_combo.findData("vip"))
    bar.user_combo.setEditText("carol")
    _settle(window)
    window.grab().save(str(path))
    _finish(window)


SCENES: dict[str, Callable[[ClientContext, str, Path], None]] = {
    "case": case_view,
    "new-case": new_case,
    "case-customer": customer,
    "case-queues": queues,
    "case-breaches": breaches,
}


if __name__ == "__main__":
    raise SystemExit(main())
