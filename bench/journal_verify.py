"""``verify-journal`` speed with and without the server's signature checks, in one run.

    .venv/bin/python bench/journal_verify.py [N]

Builds one register of N signed entries on a SQLite file (each a payment with its
``till_payments`` row, signed as the applier signs them), then times
``server.till.verify.verify_journals`` twice: with the Ed25519 checks and without them
(chain, counters, heads and money rows only). Last line: one JSON object, times per
10,000 entries in ms.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from frontdesk.domain.till import canonical, next_entry
from frontdesk.server.db import make_engine, migrate, session_factory
from frontdesk.server.till.models import (
    SignatureCounter,
    SigningKey,
    TillJournalEntry,
    TillPayment,
    TillRegister,
)
from frontdesk.server.till.signing import JournalSigner, entry_message, head_message
from frontdesk.server.till.verify import verify_journals

BODY = {"shift_id": "s1", "receipt": "", "currency": "GBP", "amount": "12.34",
        "tenders": [{"tender": "cash", "amount": "20.00"}], "change": "7.66"}  # fmt: skip
AT = "2024-03-01T09:30:00+00:00"


def build(engine, n: int, signer: JournalSigner) -> None:  # type: ignore[no-untyped-def]
    now, head, journal, payments = datetime.now(UTC), None, [], []
    for seq in range(1, n + 1):
        body = BODY | {"receipt": f"BENCH-{seq:08d}"}
        entry = next_entry(register="BENCH", head=head, kind="payment", key=f"k{seq}", at=AT,
                           body=body)  # fmt: skip
        signed = {"register": "BENCH", "seq": seq, "entry_hash": entry.hash, "counter": seq,
                  "key_id": signer.key_id}  # fmt: skip
        journal.append({
            "register": "BENCH", "seq": seq, "key": entry.key, "kind": "payment",
            "content": canonical(entry.content()), "prev_hash": entry.prev_hash,
            "hash": entry.hash, "received_at": now, "sig_counter": seq, "key_id": signer.key_id,
            "signature": signer.sign(entry_message(**signed, received_at=now)),
        })  # fmt: skip
        payments.append({
            "id": entry.key, "register": "BENCH", "receipt_no": body["receipt"],
            "shift_id": "s1", "customer_id": None, "purpose": "purchase", "currency": "GBP",
            "amount_minor": 1234, "refunded_minor": 0, "cashier": "cat",
            "occurred_at": now, "accepted": True,
        })  # fmt: skip
        head = (seq, entry.hash)
    with engine.begin() as connection:
        connection.execute(TillJournalEntry.__table__.insert(), journal)
        connection.execute(TillPayment.__table__.insert(), payments)
        connection.execute(
            SigningKey.__table__.insert(),
            [{"key_id": signer.key_id, "public_key": signer.public_hex, "first_used_at": now}],
        )
        connection.execute(TillRegister.__table__.insert(), [{
            "register": "BENCH", "device_id": "d", "head_seq": n, "head_hash": head[1],
            "updated_at": now, "head_counter": n, "head_key_id": signer.key_id,
            "head_signature": signer.sign(head_message(
                register="BENCH", seq=n, entry_hash=head[1], counter=n, key_id=signer.key_id)),
        }])  # fmt: skip
        connection.execute(SignatureCounter.__table__.update().values(value=n))


def timed(factory, *, signatures: bool, n: int) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    found = verify_journals(factory, signatures=signatures)
    elapsed = time.perf_counter() - started
    assert found.ok and found.reports[0].checked == n, found.reports[0].problems[:3]
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100_000)
    args = parser.parse_args()
    signer = JournalSigner.of(Ed25519PrivateKey.generate())
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'server.sqlite3'}"
        migrate(url)
        engine = make_engine(url)
        started = time.perf_counter()
        build(engine, args.n, signer)
        build_s = time.perf_counter() - started
        factory = session_factory(engine)
        timed(factory, signatures=False, n=args.n)  # warm the file cache for both runs
        plain = timed(factory, signatures=False, n=args.n)
        signed = timed(factory, signatures=True, n=args.n)
        engine.dispose()
    per = 10_000 / args.n * 1000
    figures = {
        "entries": args.n, "build_s": round(build_s, 2),
        "verify_s_signed": round(signed, 2), "verify_s_unsigned": round(plain, 2),
        "ms_per_10k_signed": round(signed * per, 1), "ms_per_10k_unsigned": round(plain * per, 1),
        "signature_overhead_ratio": round(signed / plain, 2),
    }  # fmt: skip
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
