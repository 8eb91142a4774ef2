"""The reports: for each, the rows it reads (one row per transaction, with its customer),
the dimensions a figure can be broken down by, and the figures.

A figure's cell is the set of base rows whose dimensions have the cell's values, so every
figure drills down to its transactions with the same expressions (engine.drill).
Money figures are sums of DECIMAL columns and are always split by currency.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Dimensions every base row has (times in UTC).
_TIME = {
    "day": "CAST(occurred_at AS DATE)",
    "week": "CAST(date_trunc('week', occurred_at) AS DATE)",
    "month": "strftime(occurred_at, '%Y-%m')",
    "hour": "hour(occurred_at)",
}
_WHO = {"branch": "branch", "register": "register", "user": '"user"'}
#: The same over a daily rollup's rows (no hour: rollups are by day).
_DAYS = {
    "day": "day",
    "week": "CAST(date_trunc('week', day) AS DATE)",
    "month": "strftime(day, '%Y-%m')",
}
_DETAIL = ("id", "occurred_at", "branch", "register", "user", "customer_id")


@dataclass(frozen=True, slots=True)
class Figure:
    name: str
    sql: str
    #: money | count | rate | hours
    type: str


@dataclass(frozen=True, slots=True)
class Rolled:
    """How a report reads its kinds' daily rollups (``rollups.py``) instead of their rows:
    the dimensions a rollup keeps, over the same ``base`` query, and each figure summed
    from the rollup's partials. A report asked for another dimension reads the rows."""

    dims: dict[str, str]
    figures: dict[str, str]


def _counted(where: str = "TRUE") -> str:
    return f"CAST(coalesce(sum(n) FILTER (WHERE {where}), 0) AS BIGINT)"


@dataclass(frozen=True, slots=True)
class Report:
    name: str
    title: str
    kinds: tuple[str, ...]
    base: str
    dims: dict[str, str]
    default_by: tuple[str, ...]
    figures: tuple[Figure, ...]
    detail: tuple[str, ...]
    rolled: Rolled | None = None

    @property
    def money(self) -> bool:
        return any(f.type == "money" for f in self.figures)


def _money(name: str, sql: str) -> Figure:
    return Figure(name, sql, "money")


def _count(name: str, sql: str) -> Figure:
    return Figure(name, sql, "count")


def _rate(name: str, part: str, whole: str) -> Figure:
    # A proportion, not money: rounded to 4 places and carried as a DECIMAL.
    return Figure(name, f"CAST(round(({part}) / NULLIF(({whole}), 0), 4) AS DECIMAL(9,4))", "rate")


SALES = Report(
    "sales",
    "Goods sold and returned (basket lines)",
    ("basket_lines",),
    "SELECT *, CASE WHEN is_return THEN 'return' ELSE 'sale' END AS line_kind FROM basket_lines",
    {**_TIME, **_WHO, "currency": "currency", "sku": "sku", "kind": "line_kind"},
    ("branch", "day"),
    (
        _money("sales", "sum(line_total) FILTER (WHERE NOT is_return)"),
        _money("returns", "coalesce(-sum(line_total) FILTER (WHERE is_return), 0)"),
        _money("net", "sum(line_total)"),
        _count("receipts", "count(DISTINCT purchase_id) FILTER (WHERE NOT is_return)"),
        _count("lines", "count(*)"),
    ),
    (*_DETAIL, "number", "sku", "description", "quantity", "unit_price", "currency", "line_total"),
    Rolled(
        {**_DAYS, **_WHO, "currency": "currency", "kind": "line_kind"},
        {
            "sales": "sum(line_total) FILTER (WHERE NOT is_return)",
            "returns": "coalesce(-sum(line_total) FILTER (WHERE is_return), 0)",
            "net": "sum(line_total)",
            "receipts": "CAST(coalesce(sum(receipts) FILTER (WHERE NOT is_return), 0) AS BIGINT)",
            "lines": _counted(),
        },
    ),
)

PAYMENTS = Report(
    "payments",
    "Money taken and paid back at the tills",
    ("payments", "refunds", "voids"),
    "SELECT *, 'payment' AS kind, amount AS signed FROM payments "
    "UNION ALL SELECT *, 'refund', -amount FROM refunds "
    "UNION ALL SELECT *, 'void', -amount FROM voids",
    {**_TIME, **_WHO, "currency": "currency", "kind": "kind", "purpose": "purpose"},
    ("branch", "day"),
    (
        _money("taken", "coalesce(sum(amount) FILTER (WHERE kind = 'payment' AND accepted), 0)"),
        _money("refunded", "coalesce(sum(amount) FILTER (WHERE kind = 'refund' AND accepted), 0)"),
        _money("voided", "coalesce(sum(amount) FILTER (WHERE kind = 'void' AND accepted), 0)"),
        _money("net", "coalesce(sum(signed) FILTER (WHERE accepted), 0)"),
        _count("transactions", "count(*) FILTER (WHERE accepted)"),
        _count("declined", "count(*) FILTER (WHERE NOT accepted)"),
    ),
    (*_DETAIL, "kind", "receipt_no", "currency", "amount", "accepted", "declined_reason"),
    Rolled(
        {**_DAYS, **_WHO, "currency": "currency", "kind": "kind", "purpose": "purpose"},
        {
            "transactions": _counted("accepted"),
            "declined": _counted("NOT accepted"),
        },
    ),
)

SHIFTS = Report(
    "shifts",
    "Shifts closed, with over/short",
    ("shifts",),
    "SELECT * FROM shifts WHERE event = 'close'",
    {**_TIME, **_WHO, "currency": "currency"},
    ("branch", "register", "day"),
    (
        _count("shifts", "count(*)"),
        _money("net", "sum(net)"),
        _money("over_short", "sum(over_short)"),
        _money("over", "coalesce(sum(over_short) FILTER (WHERE over_short > 0), 0)"),
        _money("short", "coalesce(-sum(over_short) FILTER (WHERE over_short < 0), 0)"),
        _count("short_shifts", "count(*) FILTER (WHERE over_short < 0)"),
    ),
    (*_DETAIL, "shift_id", "currency", "expected_cash", "counted", "over_short", "net"),
)

APPROVALS = Report(
    "approvals",
    "Discounts and supervisor approvals",
    ("approvals",),
    "SELECT *, CASE WHEN approved_by IS NULL THEN 'none' "
    "WHEN approval_check = 'valid' THEN 'verified' "
    "WHEN approval_check = 'unverified' THEN 'unverified' ELSE 'refused' END AS verdict "
    "FROM approvals",
    {
        **_TIME,
        **_WHO,
        "currency": "currency",
        "kind": "kind",
        "approved_by": "approved_by",
        "verdict": "verdict",
    },
    ("branch", "kind", "verdict"),
    (
        _count("count", "count(*)"),
        _money("amount", "sum(amount)"),
        _count("verified", "count(*) FILTER (WHERE verdict = 'verified')"),
        _count("unverified", "count(*) FILTER (WHERE verdict = 'unverified')"),
    ),
    (
        *_DETAIL,
        "kind",
        "receipt_no",
        "currency",
        "amount",
        "approved_by",
        "approval_method",
        "approval_check",
        "accepted",
    ),
)

CROSSSELL = Report(
    "crosssell",
    "Cross-sell offers and answers",
    ("crosssell",),
    "SELECT * FROM crosssell",
    {**_TIME, "branch": "branch", "user": '"user"', "sku": "sku"},
    ("user",),
    (
        _count("offered", "count(*) FILTER (WHERE outcome = 'offered')"),
        _count("accepted", "count(*) FILTER (WHERE outcome = 'accepted')"),
        _count("declined", "count(*) FILTER (WHERE outcome = 'declined')"),
        _rate(
            "acceptance_rate",
            "count(*) FILTER (WHERE outcome = 'accepted')",
            "count(*) FILTER (WHERE outcome = 'offered')",
        ),
    ),
    (*_DETAIL, "sku", "outcome", "model_version"),
    Rolled(
        {**_DAYS, "branch": "branch", "user": '"user"', "sku": "sku"},
        {
            "offered": _counted("outcome = 'offered'"),
            "accepted": _counted("outcome = 'accepted'"),
            "declined": _counted("outcome = 'declined'"),
            "acceptance_rate": _rate(
                "", _counted("outcome = 'accepted'"), _counted("outcome = 'offered'")
            ).sql,
        },
    ),
)

CONTACTS = Report(
    "contacts",
    "Contacts by channel, reason and outcome",
    ("contacts",),
    "SELECT * FROM contacts",
    {
        **_TIME,
        "branch": "branch",
        "user": '"user"',
        "channel": "channel",
        "reason": "reason",
        "outcome": "outcome",
    },
    ("channel", "reason", "outcome"),
    (
        _count("contacts", "count(*)"),
        _count("customers", "count(DISTINCT customer_id)"),
        _count("follow_ups", "count(follow_up)"),
    ),
    (*_DETAIL, "channel", "reason", "outcome", "notes", "follow_up"),
)

_RESOLVED = "coalesce(resolved_at, closed_at)"
CASES = Report(
    "cases",
    "Cases by SLA and resolution time",
    ("cases",),
    "SELECT *, CASE "
    f"WHEN {_RESOLVED} IS NOT NULL AND (due_at IS NULL OR {_RESOLVED} <= due_at) THEN 'met' "
    f"WHEN {_RESOLVED} IS NOT NULL THEN 'breached' "
    "WHEN due_at IS NOT NULL AND due_at < now() THEN 'open_overdue' "
    "ELSE 'open_in_time' END AS sla, "
    f"CAST(round(epoch({_RESOLVED} - occurred_at) / 3600, 2) AS DECIMAL(12,2)) AS hours "
    "FROM cases",
    {
        **_TIME,
        "branch": "branch",
        "user": '"user"',
        "category": "category",
        "priority": "priority",
        "channel": "channel",
        "status": "status",
        "sla": "sla",
    },
    ("category", "sla"),
    (
        _count("cases", "count(*)"),
        _count("resolved", f"count({_RESOLVED})"),
        _count("breached", "count(*) FILTER (WHERE sla IN ('breached', 'open_overdue'))"),
        Figure("mean_hours", "CAST(round(avg(hours), 2) AS DECIMAL(12,2))", "hours"),
        Figure("median_hours", "CAST(median(hours) AS DECIMAL(12,2))", "hours"),
    ),
    (*_DETAIL, "number", "category", "priority", "status", "due_at", "resolved_at", "hours"),
)

ORDERS = Report(
    "orders",
    "Orders by status and lateness",
    ("orders",),
    "SELECT *, CASE WHEN promised_on IS NULL THEN 'no_promise' "
    "WHEN delivered_at IS NOT NULL AND CAST(delivered_at AS DATE) <= promised_on THEN 'on_time' "
    "WHEN delivered_at IS NOT NULL THEN 'late' "
    "WHEN status IN ('cancelled', 'returned') THEN 'closed' "
    "WHEN promised_on < current_date THEN 'overdue' ELSE 'in_time' END AS lateness "
    "FROM orders",
    {
        **_TIME,
        "branch": "branch",
        "channel": "channel",
        "status": "status",
        "lateness": "lateness",
        "currency": "currency",
    },
    ("status", "lateness"),
    (
        _count("orders", "count(*)"),
        _money("total", "sum(total)"),
        _count("late", "count(*) FILTER (WHERE lateness IN ('late', 'overdue'))"),
    ),
    (*_DETAIL, "number", "channel", "status", "currency", "total", "promised_on", "delivered_at"),
)

REPORTS: dict[str, Report] = {
    r.name: r for r in (SALES, PAYMENTS, SHIFTS, APPROVALS, CROSSSELL, CONTACTS, CASES, ORDERS)
}
