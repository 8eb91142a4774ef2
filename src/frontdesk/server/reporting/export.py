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
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.reporting.columns import arrow_column
from frontdesk.server.reporting.feed import horizon, rows_of
from frontdesk.server.reporting.sources import SOURCES, Source

STATE = "_feed_state.json"
FORMATS = ("parquet", "csv")
#: Rows held in memory per kind before a file is written.
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
    count = 0
    for batch in _batches(rows_of(session, source, report.since, report.upto)):
        for day, rows in _by_day(batch).items():
            report.files.append(str(_write(source, target, day, rows, fmt=fmt)))
        count += len(batch)
    if count:
        report.rows[source.kind] = count


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _by_day(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    days: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        days[row["occurred_at"].date().isoformat()].append(row)
    return days


def table_of(source: Source, rows: list[dict[str, Any]]) -> pa.Table:
    currencies = [row.get("currency") for row in rows]
    arrays = [arrow_column(c, [row.get(c.name) for row in rows], currencies)
              for c in source.all_columns]  # fmt: skip
    return pa.Table.from_arrays(arrays, schema=schema_of(source))


def schema_of(source: Source) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.arrow) for c in source.all_columns])


def _write(source: Source, target: Path, day: str, rows: list[dict[str, Any]], *, fmt: str) -> Path:
    folder = target / f"kind={source.kind}" / f"day={day}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"part-{rows[0]['seq']:020d}-{rows[-1]['seq']:020d}.{fmt}"
    temporary = path.with_name(path.name + ".tmp")
    table = table_of(source, rows)
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
