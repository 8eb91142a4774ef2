"""``frontdesk-server export``: the feed as Parquet (or CSV) files, by kind and day.

Layout (Hive style, what DuckDB, Spark and Trino read as it is)::

    DIR/kind=<kind>/day=<YYYY-MM-DD>/part-<first seq>-<last seq>.parquet
    DIR/_feed_state.json

A run exports the rows numbered in ``(since, upto]``, ``upto`` being the feed's horizon when
the run started. Before writing it records the range as pending in the state file; each file
is written under a temporary name, synced and renamed; when all are durable the state moves
to ``upto`` and forgets the pending range. A run killed midway is resumed by the next run
from the same cursor, which takes the pending ``upto`` again, removes what the killed run
left and writes the same files. A run may start from 0 or from the end of any earlier run:
the files of the runs after that point are removed first (their rows are in the new run),
so no row is ever in two files. Nothing new, nothing written.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.reporting.batches import column_batches
from frontdesk.server.reporting.columns import ColumnError
from frontdesk.server.reporting.feed import horizon
from frontdesk.server.reporting.sources import SOURCES, Source

STATE = "_feed_state.json"
FORMATS = ("parquet", "csv")
#: Rows read per batch (a batch's files are written while the next is read).
BATCH = 200_000
#: Threads writing files: encoding and fsync overlap the reading.
WRITERS = 2


class ExportError(ValueError):
    """An export that cannot start as asked (a cursor that is no run's end, a bad dir)."""


@dataclass
class ExportReport:
    since: int
    upto: int
    rows: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    resumed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"since": self.since, "upto": self.upto, "rows": self.rows,
                "files": len(self.files), "resumed": self.resumed}  # fmt: skip


def export(
    factory: sessionmaker[Session], target: Path, *, since: int | None = None, fmt: str = "parquet"
) -> ExportReport:
    """Export the feed after ``since`` (default: where the last run in ``target`` ended)."""
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r}: expected one of {', '.join(FORMATS)}")
    target.mkdir(parents=True, exist_ok=True)
    state = _load(target)
    start = state["cursor"] if since is None else since
    runs = [r for r in state["runs"] if r[1] <= start]
    if start != 0 and not any(r[1] == start for r in runs):
        ends = ", ".join(str(r[1]) for r in state["runs"]) or "none"
        raise ExportError(f"--since {start}: not where an export into {target} ended ({ends})")
    pending = state.get("pending")
    with factory() as session:
        upto = pending[1] if pending and pending[0] == start else horizon(session)
        report = ExportReport(start, upto, resumed=bool(pending and pending[0] == start))
        if upto <= start:
            return report
        _save(target, {**state, "pending": [start, upto]})
        _clear_after(target, start)
        for source in SOURCES:
            _export_kind(session, source, target, report, fmt=fmt)
    for folder in {Path(name).parent for name in report.files}:
        _sync_dir(folder)  # once per folder: a file's rename is durable from here on
    _save(target, {"cursor": upto, "runs": [*runs, [start, upto]], "pending": None})
    return report


def _export_kind(
    session: Session, source: Source, target: Path, report: ExportReport, *, fmt: str
) -> None:
    """Files are written and synced by a few threads (Parquet encoding, compression and
    fsync let go of the GIL) while the next batch is read; at most two batches are held."""
    count, waiting = 0, []
    with ThreadPoolExecutor(WRITERS) as pool, closing(_tables(session, source, report)) as tables:
        for table in tables:
            report.files += [str(f.result()) for f in waiting]
            waiting = [pool.submit(_write, source, target, day, part, fmt=fmt)
                       for day, part in _by_day(source, table)]  # fmt: skip
            count += table.num_rows
        report.files += [str(f.result()) for f in waiting]
    if count:
        report.rows[source.kind] = count


def _tables(session: Session, source: Source, report: ExportReport) -> Iterator[pa.Table]:
    try:
        with closing(column_batches(session, source, report.since, report.upto, size=BATCH)) as got:
            yield from got
    except ColumnError as error:
        raise ExportError(f"{source.kind}: {error}") from None


def _by_day(source: Source, table: pa.Table) -> Iterator[tuple[str, pa.Table]]:
    """The batch's rows by UTC day, each day's in number order (the sort is stable)."""
    days = table["occurred_at"].cast(pa.date32()).combine_chunks()
    if days.null_count:
        raise ExportError(f"{source.kind}: a row without a time (seq {table['seq'][0]} on)")
    order = pc.sort_indices(days)
    table, days = table.take(order), days.take(order)
    numbers = days.cast(pa.int32()).to_numpy()
    starts = [0, *(np.flatnonzero(np.diff(numbers)) + 1).tolist()]
    for start, end in zip(starts, [*starts[1:], len(numbers)], strict=True):
        yield days[start].as_py().isoformat(), table.slice(start, end - start)


def _write(source: Source, target: Path, day: str, table: pa.Table, *, fmt: str) -> Path:
    folder = target / f"kind={source.kind}" / f"day={day}"
    folder.mkdir(parents=True, exist_ok=True)
    first, last = table["seq"][0].as_py(), table["seq"][-1].as_py()
    path = folder / f"part-{first:020d}-{last:020d}.{fmt}"
    temporary = path.with_name(path.name + ".tmp")
    if fmt == "parquet":
        pq.write_table(table, temporary, compression="zstd")
    else:
        pacsv.write_csv(table, temporary)
    _durable(temporary, path)
    return path


def _durable(temporary: Path, path: Path, *, sync_dir: bool = False) -> None:
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    if sync_dir:
        _sync_dir(path.parent)


def _sync_dir(folder: Path) -> None:
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def _clear_after(target: Path, since: int) -> None:
    """Remove every part file (and leftover temporary) holding rows numbered above ``since``."""
    for path in target.glob("kind=*/day=*/part-*"):
        first = int(path.name.split("-")[1])
        if first > since or path.name.endswith(".tmp"):
            path.unlink()
    for folder in sorted(target.glob("kind=*/day=*"), reverse=True):
        if not any(folder.iterdir()):
            shutil.rmtree(folder)


def _load(target: Path) -> dict[str, Any]:
    path = target / STATE
    if not path.exists():
        return {"cursor": 0, "runs": [], "pending": None}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
        return {"cursor": int(state["cursor"]), "runs": state["runs"], "pending": state["pending"]}
    except (ValueError, KeyError, TypeError) as error:
        raise ExportError(f"{path}: not an export state file ({error})") from None


def _save(target: Path, state: dict[str, Any]) -> None:
    path = target / STATE
    temporary = path.with_name(STATE + ".tmp")
    temporary.write_text(json.dumps(state, sort_keys=True) + "\n", encoding="utf-8")
    _durable(temporary, path, sync_dir=True)
