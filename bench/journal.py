"""Journal verification speed: build a register's hash chain of N entries, verify it.

    .venv/bin/python bench/journal.py [N] [--db]

Measures ``domain.till.verify_chain`` over N in-memory links and, with ``--db``, the whole
server path (``server.till.verify.verify_register``: rows streamed from a SQLite file). The target
is 1,000,000 entries in at most 60 s. Last line: one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from frontdesk.domain.till import StoredLink, canonical, next_entry, verify_chain

BODY = {"shift_id": "s1", "receipt": "", "currency": "GBP", "amount": "12.34",
        "tenders": [{"tender": "cash", "amount": "20.00"}], "change": "7.66"}  # fmt: skip


def build(n: int) -> list[StoredLink]:
    links, head = [], None
    for seq in range(1, n + 1):
        body = BODY | {"receipt": f"BENCH-{seq:08d}"}
        entry = next_entry(register="BENCH", head=head, kind="payment", key=f"k{seq}",
                           at="2024-03-01T09:30:00+00:00", body=body)  # fmt: skip
        links.append(StoredLink(seq, canonical(entry.content()), entry.prev_hash, entry.hash))
        head = (seq, entry.hash)
    return links


def verify_in_db(links: list[StoredLink]) -> float:
    from frontdesk.server.db import make_engine, migrate, session_factory
    from frontdesk.server.till.models import TillJournalEntry, TillRegister
    from frontdesk.server.till.signing import PublicKeys
    from frontdesk.server.till.verify import verify_register

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'server.sqlite3'}"
        migrate(url)
        engine = make_engine(url)
        now = datetime.now(UTC)
        rows = [{"register": "BENCH", "seq": link.seq, "key": f"k{link.seq}", "kind": "payment",
                 "content": link.canonical, "prev_hash": link.prev_hash, "hash": link.hash,
                 "received_at": now} for link in links]  # fmt: skip
        with engine.begin() as connection:
            connection.execute(TillJournalEntry.__table__.insert(), rows)
            connection.execute(TillRegister.__table__.insert(), [{
                "register": "BENCH", "device_id": "d", "head_seq": links[-1].seq,
                "head_hash": links[-1].hash, "updated_at": now}])  # fmt: skip
        started = time.perf_counter()
        with session_factory(engine)() as session:
            report = verify_register(session, "BENCH", PublicKeys({}))
        elapsed = time.perf_counter() - started
        engine.dispose()
    assert report.ok and report.checked == len(links), report.problems[:3]
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--db", action="store_true", help="also verify from a SQLite server")
    args = parser.parse_args()
    started = time.perf_counter()
    links = build(args.n)
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    report = verify_chain("BENCH", links, head=(links[-1].seq, links[-1].hash))
    verify_s = time.perf_counter() - started
    assert report.ok, report.problems[:3]
    figures = {"entries": args.n, "build_s": round(build_s, 2), "verify_s": round(verify_s, 2),
               "verify_entries_per_s": round(args.n / verify_s)}  # fmt: skip
    if args.db:
        db_s = verify_in_db(links)
        figures |= {"verify_db_s": round(db_s, 2), "verify_db_entries_per_s": round(args.n / db_s)}
    print(f"verified {args.n:,} entries in {verify_s:.2f} s", file=sys.stderr)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
