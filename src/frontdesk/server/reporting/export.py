"""``frontdesk-server export``: the feed as Parquet (or CSV) files, by kind and day.

Layout (Hive style, what DuckDB, Spark and Trino read as it is)::

    DIR/kind=<kind>/day=<YYYY-MM-DD>/part-<first seq>-<last seq>.parquet
    DIR/_rollups/kind=<kind>/day=<YYYY-MM-DD>/<the same name>   (rollups.py)
    DIR/_feed_state.json

A run exports the rows numbered in ``(since, upto]``, ``upto`` being the feed's horizon when
the run started. Before writing it records the range as pending in the state file; it
writes one file per kind and day under a temporary name, syncs and renames them
(``durable.py``); when all are durable the state moves
to ``upto`` and forgets the pending range. A run killed midway is resumed by the next run
from the same cursor, which takes the pending ``upto`` again, removes what the killed run
left and writes the same files. A run may start from 0 or from the end of any earlier run:
the files of the runs after that point are removed first (their rows are in the new run),
so no row is ever in two files (a file ``--compact`` merged across that point is cut back
first, ``compact.py``). Nothing new, nothing written. One export or compaction writes into
a folder at a time.
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

from frontdesk.server.reporting import compact, durable, rollups
from frontdesk.server.reporting.batches import column_batches
from frontdesk.server.reporting.columns import ColumnError
from frontdesk.server.reporting.feed import horizon
from frontdesk.server.reporting.sources import SOURCES, Source

STATE = "_feed_state.json"
FORMATS = ("parquet", "csv")
#: Rows read per batch (a batch's files are written while the next is read).
BATCH = 200_000


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
    try:
        with compact.locked(target):
            return _export(factory, target, since=since, fmt=fmt)
    except compact.Busy as error:
        raise ExportError(str(error)) from None


def compact_folder(target: Path) -> compact.CompactReport:
    """``export --compact``: each day's files up to the cursor merged into one."""
    if not (target / STATE).is_file():
        raise ExportError(f"{target}: no export there to compact")
    try:
        with compact.locked(target):
            state = _load(target)
            if state["pending"]:
                raise ExportError(f"{target}: an export is unfinished; run export first")
            return compact.compact(target, cursor=state["cursor"])
    except compact.Busy as error:
        raise ExportError(str(error)) from None


def _export(
    factory: sessionmaker[Session], target: Path, *, since: int | None, fmt: str
) -> ExportReport:
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
        if start < state["cursor"]:  # only then can a merged file hold rows on both sides
            compact.cut_after(target, start)
        _clear_after(target, start)
        for source in SOURCES:
            _export_kind(session, source, target, report, fmt=fmt)
    written = {Path(name).parent for name in report.files}
    rolled = {rollups.folder(target, *_kind_day(f)) for f in written}
    durable.sync_folders(target, written | {f for f in rolled if f.is_dir()})
    _save(target, {"cursor": upto, "runs": [*runs, [start, upto]], "pending": None})
    return report


def _export_kind(
    session: Session, source: Source, target: Path, report: ExportReport, *, fmt: str
) -> None:
    """One file per day: each batch's rows of a day are appended to that day's open file
    by a writer thread (encoding and compression let go of the GIL) while the next batch
    is read. A day's file is finished (synced, renamed) when the kind is done."""
    count, days = 0, DayFiles(source, target, fmt)
    try:
        with ThreadPoolExecutor(1) as pool, closing(_tables(session, source, report)) as tables:
            waiting = None
            for table in tables:
                if waiting:
                    waiting.result()
                waiting = pool.submit(days.append, _by_day(source, table))
                count += table.num_rows
            if waiting:
                waiting.result()
        report.files += [str(path) for path in days.finish()]
    finally:
        days.abandon()
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


class DayFiles:
    """The open files of one kind's run, by day, under temporary names."""

    def __init__(self, source: Source, target: Path, fmt: str) -> None:
        self.source, self.target, self.fmt = source, target, fmt
        self.open: dict[str, _Open] = {}

    def append(self, parts: Iterator[tuple[str, pa.Table]]) -> None:
        for day, table in parts:
            if day not in self.open:
                self.open[day] = _Open.start(self.source, self.target, day, table, self.fmt)
            self.open[day].append(table)

    def finish(self) -> list[Path]:
        for handle in self.open.values():
            handle.close()
        rolled = {}
        if self.fmt == "parquet" and self.open:
            temporaries = [handle.temporary for handle in self.open.values()]
            rolled = rollups.by_day(self.source.kind, temporaries)
        kind, target = self.source.kind, self.target
        pairs = {day: rollups.write(table, target, kind=kind, day=day, name=self.open[day].name)
                 for day, table in rolled.items()}  # fmt: skip
        synced = [h.temporary for h in self.open.values()] + [t for t, _ in pairs.values()]
        durable.sync_files(target, synced)
        done = []
        while self.open:
            day = min(self.open)
            handle = self.open.pop(day)
            done.append(_write(self.source, target, day, handle, rolled=pairs.get(day)))
        return done

    def abandon(self) -> None:
        """Close what a failed run left open: its temporaries go at the next run."""
        for handle in self.open.values():
            handle.close()
        self.open.clear()


@dataclass
class _Open:
    writer: Any
    temporary: Path
    fmt: str
    first: int
    last: int = 0

    @classmethod
    def start(cls, source: Source, target: Path, day: str, table: pa.Table, fmt: str) -> _Open:
        folder = target / f"kind={source.kind}" / f"day={day}"
        folder.mkdir(parents=True, exist_ok=True)
        first = table["seq"][0].as_py()
        temporary = folder / f"part-{first:020d}.{fmt}.tmp"
        if fmt == "parquet":
            writer = pq.ParquetWriter(temporary, table.schema, compression="zstd")
        else:
            writer = pacsv.CSVWriter(temporary, table.schema)
        return cls(writer, temporary, fmt, first)

    def append(self, table: pa.Table) -> None:
        self.writer.write_table(table)
        self.last = table["seq"][-1].as_py()

    @property
    def name(self) -> str:
        """The finished file's name: the range of feed positions it holds."""
        return f"part-{self.first:020d}-{self.last:020d}.{self.fmt}"

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


def _write(
    source: Source, target: Path, day: str, handle: _Open, *, rolled: tuple[Path, Path] | None
) -> Path:
    """Put a day's synced file in place under its rows' range, its daily rollup
    (``rollups.py``) first."""
    if rolled is not None:
        os.replace(*rolled)
    path = target / f"kind={source.kind}" / f"day={day}" / handle.name
    os.replace(handle.temporary, path)
    return path


def _kind_day(folder: Path) -> tuple[str, str]:
    return folder.parent.name.removeprefix("kind="), folder.name.removeprefix("day=")


def _clear_after(target: Path, since: int) -> None:
    """Remove every part file (detail or rollup, and leftover temporaries) holding rows
    numbered above ``since``."""
    for root in (target, target / rollups.ROOT):
        for path in root.glob("kind=*/day=*/part-*"):
            if path.name.endswith(".tmp") or compact.part_range(path.name)[0] > since:
                path.unlink()
        for folder in sorted(root.glob("kind=*/day=*"), reverse=True):
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
    durable.replace(temporary, path, sync_dir_after=True)
