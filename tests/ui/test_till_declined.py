"""A refund the server declined (another till paid back first) stays in the till's list,
marked declined by the server with its reason, once the next sync run has ended.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from PySide6.QtGui import QColor
from test_till_window import WAIT_MS, client, window  # noqa: F401 (fixtures)

from frontdesk.domain.money import Money
from frontdesk.domain.till import Purpose, Tender
from frontdesk.services.till.ports import Approval
from frontdesk.ui.sync_controller import SyncController
from frontdesk.ui.till.window import COLUMNS, DECLINED_COLOUR, TillWindow

REASON = "more than is left to refund of SHOP1-00000001 (3.00 GBP left, 7.00 GBP asked)"


def _row_of(till, receipt: str) -> int:
    rows = [r for r in range(till.table.rowCount()) if till.table.item(r, 0).text() == receipt]
    assert rows, receipt
    return rows[0]


def test_a_declined_refund_is_shown_declined_with_the_servers_reason(
    qtbot,
    window,  # noqa: F811
    client,  # noqa: F811
    tmp_path,
) -> None:
    desk = window.desk
    ten = Money.of("10.00", "GBP")
    paid = desk.pay(amount=ten, tenders=[(Tender.CASH, ten)], customer_id=None,
                    purpose=Purpose.PURCHASE, key=str(uuid.uuid4()))  # fmt: skip
    approval = Approval("sue", "online", datetime.now(UTC))
    refund = desk.refund(paid.receipt_no, amount=Money.of("7.00", "GBP"), tender=Tender.CASH,
                         reason="returned",
                         approval=approval, key=str(uuid.uuid4()))  # fmt: skip
    # What the push engine stores when the server answers (see sync.push).
    with client.uow as uow:
        result = {"refund_id": refund.id, "accepted": False, "reason": REASON}
        uow.outbox.mark_sent(refund.id, result=result, at=datetime.now(UTC))
        uow.commit()
    controller = SyncController(lambda report: client.sync_worker(on_outcome=report))
    window = TillWindow(desk, sync=controller)  # the same register, following the sync
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    try:
        with qtbot.waitSignal(window.view_loaded, timeout=WAIT_MS):
            controller.start()  # its first run ends offline (nothing listens): a reload
    finally:
        controller.stop()
    row = _row_of(window, refund.receipt_no)
    kind = window.table.item(row, COLUMNS.index("kind"))
    assert kind.text() == "Refund (declined)"
    assert window.table.item(row, COLUMNS.index("left")).text() == "Server declined"
    assert kind.toolTip() == f"Declined by the server: {REASON}"
    assert kind.foreground().color() == QColor(DECLINED_COLOUR)
    paid_row = _row_of(window, paid.receipt_no)
    assert "declined" not in window.table.item(paid_row, COLUMNS.index("kind")).text()
    window.resize(1100, 420)
    window.grab().save(str(tmp_path / "till-declined.png"))
