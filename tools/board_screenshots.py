"""Screenshots of the supervisor's screen in English and Russian at its default size, with
a branch drilled down to its receipts, written to ``build/screenshots/`` (or ``--out``).

The figures are a fixed day's, given to the dialog as its service would return them from
the server (tests/e2e/test_supervisor_board_e2e.py drives it against a real one); nothing
is copied into ``docs/``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2026, 3, 2)
D = Decimal


class ShownBoard:
    """The answers of ``services.supervisor.SupervisorBoard`` for DAY."""

    def board(self, day: date, *, branch: str | None = None) -> Any:
        from frontdesk.services.supervisor import Board, Line

        def line(key: str, today: str, before: str, receipts: int, over: str | None,
                 offered: int = 0, accepted: int = 0) -> Line:  # fmt: skip
            return Line(key=key, currency="GBP", today=D(today), last_week=D(before),
                        receipts=receipts, over_short=None if over is None else D(over),
                        offered=offered, accepted=accepted)  # fmt: skip

        branches = [line("Leeds", "1520.40", "1311.00", 41, "-0.50", 64, 19),
                    line("Manchester, Market St", "2210.10", "0", 60, "1.20", 88, 31),
                    line("York", "842.50", "920.00", 22, "0.20", 30, 7)]  # fmt: skip
        people = [line("cara", "910.40", "802.00", 25, "-0.50", 40, 12),
                  line("lee", "610.00", "509.00", 16, "0.00", 24, 7),
                  line("mo", "2210.10", "0", 60, "1.20", 88, 31),
                  line("yuri", "842.50", "920.00", 22, "0.20", 30, 7)]  # fmt: skip
        return Board(day, branch, branches, people)

    def receipts(self, day: date, *, branch: str | None, cell: dict[str, str]) -> list[Any]:
        from frontdesk.services.supervisor import Receipt

        rows = [("09:05:12", "payment", "R-0001", "10.00", True, "Ann Smith"),
                ("09:41:03", "payment", "R-0002", "64.90", True, "Ivan Petrov"),
                ("11:00:40", "refund", "R-0003", "2.25", True, "Ann Smith"),
                ("12:00:05", "payment", "R-0004", "99.99", False, None),
                ("12:17:30", "payment", "R-0005", "18.40", True, None)]  # fmt: skip
        ids = {"Ann Smith": "fe2b3b86-efdd-547e-9a1c-0c5e6d0f6a11",
               "Ivan Petrov": "0b7c1a52-3d4e-4f60-8a9b-1c2d3e4f5a6b"}  # fmt: skip
        return [Receipt(id=f"r{n}", kind=kind, at=f"{DAY.isoformat()}T{at}+00:00",
                        register="L1", cashier="cara", receipt_no=number, currency="GBP",
                        amount=D(amount), accepted=accepted,
                        customer_id=ids.get(name or ""), customer_name=name)
                for n, (at, kind, number, amount, accepted, name) in enumerate(rows)]  # fmt: skip


def _now(work: Callable[[], Any], *, on_success: Callable[[Any], None], **_how: Any) -> None:
    on_success(work())


def shoot(language: str, path: Path) -> None:
    from PySide6.QtCore import QDate, QEventLoop, QTimer

    from frontdesk.ui.i18n import Translations
    from frontdesk.ui.supervisor.board import SupervisorBoardDialog

    translations = Translations()
    translations.apply(language)
    dialog = SupervisorBoardDialog(ShownBoard(), submit=_now, today=lambda: DAY)  # type: ignore[arg-type]
    dialog.day.setDate(QDate(DAY.year, DAY.month, DAY.day))
    dialog.show()
    dialog.refresh()
    table = dialog.tables[0]
    table.setCurrentCell(0, 0)
    table.itemActivated.emit(table.item(0, 0))
    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)  # the chart lays its axes out on the event loop
    loop.exec()
    dialog.grab().save(str(path))
    dialog.close()
    dialog.deleteLater()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from frontdesk.ui.app import make_application

    app = make_application(["frontdesk"])
    for language in ("en", "ru"):
        path = args.out / f"screenshot-board-{language}.png"
        shoot(language, path)
        print(f"==> {path}", flush=True)
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
