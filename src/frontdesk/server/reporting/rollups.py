"""Daily rollups: beside each day's Parquet file of a feed kind, the same rows summed by
day and by every dimension a dashboard groups on except the fine ones (hour, product), so
a month's or a year's figures read a few hundred rows a day instead of every transaction.

``DIR/_rollups/kind=<kind>/day=<day>/<the detail file's name>``: one rollup file per detail
file, written before it and removed with it, so the two always hold the same rows (the
leading underscore keeps Spark and Trino from taking the folder for a partition).

Every partial is a sum or a count, so rollups of any set of days add up; a receipt's
lines share its time, branch, register and cashier, so counting distinct receipts per
rollup row and summing is exact as long as a receipt's lines are in one file. A till's
basket always is (its lines share one feed number); an imported invoice continued by a
later import batch can be split across two runs' files, and is then counted once per file
until ``--compact`` merges the day (or, across the export's cursor, until it is exported).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = "_rollups"


@dataclass(frozen=True, slots=True)
class Rollup:
    #: columns of the kind kept as they are, beside ``day``, branch, register and user
    keys: tuple[str, ...]
    #: name -> aggregate over the kind's rows
    partials: dict[str, str]

    def sql(self, relation: str) -> str:
        """The rollup of ``relation`` (a view or a file read), in a fixed row order."""
        keys = ["branch", "register", '"user"', *self.keys]
        partials = [f'{expr} AS "{name}"' for name, expr in self.partials.items()]
        return (
            f"SELECT CAST(occurred_at AS DATE) AS day, {', '.join(keys)}, "
            f"{', '.join(partials)} FROM {relation} GROUP BY ALL ORDER BY ALL"
        )


_TILL = Rollup(("currency", "purpose", "accepted"), {"amount": "sum(amount)", "n": "count(*)"})

ROLLUPS: dict[str, Rollup] = {
    "payments": _TILL,
    "refunds": _TILL,
    "voids": _TILL,
    "basket_lines": Rollup(
        ("currency", "is_return"),
        {
            "line_total": "sum(line_total)",
            "n": "count(*)",
            "receipts": "count(DISTINCT purchase_id)",
        },
    ),
    "crosssell": Rollup(("sku", "outcome"), {"n": "count(*)"}),
}


def folder(target: Path, kind: str, day: str) -> Path:
    return target / ROOT / f"kind={kind}" / f"day={day}"


def by_day(kind: str, files: list[Path]) -> dict[str, pa.Table]:
    """The rollup of the rows in ``files`` (one run's files of ``kind``), by day: one
    query for them all (a query per file costs more than its rows)."""
    rollup = ROLLUPS.get(kind)
    if rollup is None:
        return {}
    listed = ", ".join(f"'{_escaped(path)}'" for path in files)
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        table = con.sql(rollup.sql(f"read_parquet([{listed}])")).to_arrow_table()
    finally:
        con.close()
    days = table["day"].cast(pa.int32()).to_numpy()
    starts = [0, *(np.flatnonzero(np.diff(days)) + 1).tolist(), len(days)]
    return {table["day"][a].as_py().isoformat(): table.slice(a, b - a)
            for a, b in pairwise(starts) if b > a}  # fmt: skip


def write(table: pa.Table, target: Path, *, kind: str, day: str, name: str) -> tuple[Path, Path]:
    """A day's rollup under a temporary name: (temporary, final), for the caller to make
    durable and rename."""
    place = folder(target, kind, day)
    place.mkdir(parents=True, exist_ok=True)
    temporary = place / (name + ".tmp")
    pq.write_table(table, temporary, compression="zstd")
    return temporary, place / name


def _escaped(path: Path) -> str:
    return str(path).replace("'", "''")
