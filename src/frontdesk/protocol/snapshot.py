"""The initial-pull snapshot: a file the server prepares and a new desk attaches.

A new desk's first pull used to bring every customer, receipt and line as JSON pages: the
server wrote a million lines as JSON and the desk validated them one model at a time. The
server now writes what every desk gets alike (``SNAPSHOT_KINDS``: the pull's tables that are
not scoped to a branch, team or audience) into one SQLite file as of a change number, the
snapshot's ``cursor``. A new desk downloads it (resumable, checked against its SHA-256),
checks and copies it into its cache, then pulls pages from its own cursor with
``floor=cursor``: the server leaves out the snapshot kinds' changes up to the floor, and the
scoped ones (cases, orders, the till, the knowledge base) come as in any pull.

The file's layout, format ``SNAPSHOT_FORMAT``:

- ``meta(key TEXT PRIMARY KEY, value TEXT)``: ``format``, ``cursor``, ``built_at`` (ISO).
- One table per kind in ``JSON_KINDS``: ``(n INTEGER PRIMARY KEY, row TEXT)``, each row the
  JSON of that kind's wire model as a pull page carries it (``CustomerPublic``, ...), in
  change order. The desk validates them exactly as it validates a page.
- ``purchases`` and ``purchase_lines`` typed, in ``PURCHASE_COLUMNS`` and ``LINE_COLUMNS``:
  a million lines validated one model at a time was most of a first pull, so the desk
  checks them in SQL instead (types, ranges, currencies, totals equal to their lines).
  ``purchased_at`` is UTC text ``YYYY-MM-DD HH:MM:SS.ffffff``; ``total_minor`` and
  ``line_total_minor`` are minor units of the receipt's currency; ``unit_price_scaled`` is
  the price at ``UnitPrice.scale(currency)`` decimals; ``quantity_milli`` thousandths of a
  unit, never zero, negative on a return; ``is_return`` 0 or 1.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from frontdesk.protocol.wire import WireModel

SNAPSHOT_FORMAT = 1

#: Kinds carried as wire JSON rows, by their ``PullPage`` field name.
JSON_KINDS = ("customers", "products", "interactions", "categories", "prices", "stock")
#: Every kind a snapshot holds up to its cursor, so a floored pull leaves it out.
SNAPSHOT_KINDS = (*JSON_KINDS, "purchases")

PURCHASE_COLUMNS = (
    "id", "number", "customer_id", "purchased_at", "branch", "currency", "is_return",
    "original_number", "total_minor", "seq",
)  # fmt: skip
LINE_COLUMNS = (
    "purchase_id", "line_no", "sku", "description", "quantity_milli", "unit_price_scaled",
    "line_total_minor",
)  # fmt: skip

#: The SHA-256 of a snapshot names its content: 64 lower-case hex digits.
SHA256_PATTERN = r"^[0-9a-f]{64}$"


class SnapshotPublic(WireModel):
    """The newest snapshot the server has (``GET /sync/snapshot``)."""

    id: int = Field(ge=1)
    format: int = Field(description="the file's layout: this module's SNAPSHOT_FORMAT")
    cursor: int = Field(ge=0, description="every snapshot kind's change up to it is in it")
    sha256: str = Field(pattern=SHA256_PATTERN)
    size: int = Field(ge=0, description="bytes")
    built_at: datetime
    rows: dict[str, int] = Field(
        default_factory=dict, description="rows per table: what a desk's progress shows"
    )
