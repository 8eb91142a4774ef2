"""The till: shifts, payments, refunds and voids, reports, all offline, one register each.

The use cases the rest of the desk calls, and the commands they take, are named here;
``journal`` is how each of them writes (one transaction: record, journal entry, counters,
outbox item).
"""

from frontdesk.services.till.branch import (
    declined_refunds,
    find_payment,
    paid_back,
    receipt_to_refund,
    refundable,
)
from frontdesk.services.till.commands import (
    CloseShift,
    OpenShift,
    RecordPayment,
    Refund,
    Void,
)
from frontdesk.services.till.errors import (
    ApprovalNeeded,
    ApprovalRefused,
    TillRefused,
    UnsyncedShift,
)
from frontdesk.services.till.journal import Clock, now, refuse, transaction_body
from frontdesk.services.till.payments import record_payment, settle_tenders
from frontdesk.services.till.refunds import refund, void
from frontdesk.services.till.shift import close_shift, open_shift, reprint, shift_report

__all__ = [
    "ApprovalNeeded",
    "ApprovalRefused",
    "Clock",
    "CloseShift",
    "OpenShift",
    "RecordPayment",
    "Refund",
    "TillRefused",
    "UnsyncedShift",
    "Void",
    "close_shift",
    "declined_refunds",
    "find_payment",
    "now",
    "open_shift",
    "paid_back",
    "receipt_to_refund",
    "record_payment",
    "refund",
    "refundable",
    "refuse",
    "reprint",
    "settle_tenders",
    "shift_report",
    "transaction_body",
    "void",
]
