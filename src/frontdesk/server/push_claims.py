"""The claim of a batch's keys on PostgreSQL: one ``INSERT ... SELECT FROM unnest`` of one
array per column.

An executemany of thousands of rows goes out as a few multi-row ``VALUES`` statements whose
text psycopg splits and converts anew each time (a tenth of a big push's CPU); arrays bind
as five parameters whatever the batch's size, so the statement is the same every time. The
rows keep the order they are given in (``WITH ORDINALITY``): two processes claiming
overlapping batches take the keys' locks in one order.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, String, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from frontdesk.server.models import AppliedItem

_CLAIM = text(
    "INSERT INTO applied_items"
    " (key, device_id, device_seq, kind, request_hash, result, applied_by, applied_at)"
    " SELECT t.key, :device_id, t.seq, t.kind, t.hash, NULL, t.author, :applied_at"
    " FROM unnest(:keys, :seqs, :kinds, :hashes, :authors)"
    " WITH ORDINALITY AS t(key, seq, kind, hash, author, n)"
    " ORDER BY t.n"
    " ON CONFLICT (key) DO NOTHING RETURNING key"
).bindparams(
    bindparam("device_id", type_=String()),
    bindparam("applied_at", type_=AppliedItem.__table__.c.applied_at.type),
    bindparam("keys", type_=ARRAY(String())),
    bindparam("seqs", type_=ARRAY(BigInteger())),
    bindparam("kinds", type_=ARRAY(String())),
    bindparam("hashes", type_=ARRAY(String())),
    bindparam("authors", type_=ARRAY(BigInteger())),
)


def claim_rows(session: Session, rows: list[dict[str, Any]], *, device_id: str,
               applied_at: datetime) -> set[str]:  # fmt: skip
    """Insert the claims ``rows`` (``push._claim_row``'s, all of one device and instant);
    the keys it inserted (the rest were there)."""
    found = session.execute(_CLAIM, {
        "device_id": device_id, "applied_at": applied_at,
        "keys": [row["key"] for row in rows], "seqs": [row["device_seq"] for row in rows],
        "kinds": [row["kind"] for row in rows], "hashes": [row["request_hash"] for row in rows],
        "authors": [row["applied_by"] for row in rows],
    })  # fmt: skip
    return set(found.scalars())
