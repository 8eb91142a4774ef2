"""``frontdesk-server export --to DIR --compact``: each day's part files merged into one.

An export run writes one file per kind and day it touches; runs every few minutes leave a
day folder with hundreds of small files, and a reader pays for each file it opens. A
compaction rewrites each day's finished files (those up to the cursor) as one file named
by the range it holds, its daily rollup beside it, and removes the files it replaces.
The rows, the names' meaning, the cursor and the runs are unchanged, so ``--since`` any
earlier run's end still works: an export from inside a merged file's range first cuts the
file back to the rows at or before it (``cut_after``).

A merged file is put in place before the files it replaces are removed; a reader (and the
next compaction) ignores a file whose range lies inside another's in the same folder, so
a compaction killed between the two leaves every row readable once.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from frontdesk.server.reporting import durable, rollups

LOCK = "_feed.lock"


class Busy(RuntimeError):
    """Another export or compaction is writing into the same folder."""


@contextmanager
def locked(target: Path) -> Iterator[None]:
    """One writer at a time per export folder, across processes."""
    with open(target / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"{target}: another export or compaction is running") from None
        yield


@dataclass
class CompactReport:
    days: int = 0
    merged: int = 0
    files: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"days": self.days, "merged": self.merged, "files": len(self.files)}


def part_range(name: str) -> tuple[int, int]:
    """The first and last feed position in a finished part file, from its name."""
    first, last = name.split(".")[0].split("-")[1:3]
    return int(first), int(last)


def current(names: list[str]) -> list[str]:
    """The finished Parquet parts among ``names`` that no other part's range contains
    (what a compaction or a cut killed midway left is ignored), in range order."""
    parts = sorted(n for n in names if n.startswith("part-") and n.endswith(".parquet"))
    ranges = {n: part_range(n) for n in parts}
    return [n for n in parts if not any(
        o != n and ranges[o][0] <= ranges[n][0] and ranges[n][1] <= ranges[o][1]
        and ranges[o] != ranges[n] for o in parts)]  # fmt: skip


def compact(target: Path, *, cursor: int) -> CompactReport:
    """Merge each day folder's parts holding rows up to ``cursor`` (the caller holds the lock)."""
    report = CompactReport()
    for folder in sorted(target.glob("kind=*/day=*")):
        parts = [n for n in current(os.listdir(folder)) if part_range(n)[1] <= cursor]
        _drop_shadowed(target, folder)
        if len(parts) > 1:
            report.days += 1
            report.merged += len(parts)
            report.files.append(str(_rewrite(target, folder, parts, upto=cursor)))
    return report


def cut_after(target: Path, since: int) -> None:
    """Cut each part holding rows on both sides of ``since`` back to the rows at or before it."""
    for folder in sorted(target.glob("kind=*/day=*")):
        for name in current(os.listdir(folder)):
            first, last = part_range(name)
            if first <= since < last:
                _rewrite(target, folder, [name], upto=since)


def _rewrite(target: Path, folder: Path, parts: list[str], *, upto: int) -> Path:
    kind, day = folder.parent.name.removeprefix("kind="), folder.name.removeprefix("day=")
    table = pa.concat_tables([pq.read_table(folder / n) for n in parts])
    table = table.filter(pc.less_equal(table["seq"], upto))
    first, last = table["seq"][0].as_py(), table["seq"][-1].as_py()
    path = folder / f"part-{first:020d}-{last:020d}.parquet"
    temporary = path.with_name(path.name + ".tmp")
    pq.write_table(table, temporary, compression="zstd")
    rolled = rollups.by_day(kind, [temporary]).get(day)
    pair = rollups.write(rolled, target, kind=kind, day=day, name=path.name) if rolled else None
    durable.sync_files(target, [temporary, *(pair[:1] if pair else [])])
    if pair:
        os.replace(*pair)
    os.replace(temporary, path)
    durable.sync_folders(target, [folder, *([pair[1].parent] if pair else [])])
    for name in parts:
        if name != path.name:
            _remove(target, kind, day, name)
    return path


def _drop_shadowed(target: Path, folder: Path) -> None:
    names = os.listdir(folder)
    keep = set(current(names))
    kind, day = folder.parent.name.removeprefix("kind="), folder.name.removeprefix("day=")
    for name in names:
        if name.endswith(".parquet") and name not in keep:
            _remove(target, kind, day, name)


def _remove(target: Path, kind: str, day: str, name: str) -> None:
    (rollups.folder(target, kind, day) / name).unlink(missing_ok=True)
    (target / f"kind={kind}" / f"day={day}" / name).unlink(missing_ok=True)
