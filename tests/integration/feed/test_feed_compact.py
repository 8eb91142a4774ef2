"""``export --compact``: each day's files of several runs merged into one, with the same
rows, the same reports, the cursor and every earlier run's end still usable; a compaction
killed between writing and removing leaves every row readable once."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.db import transaction
from frontdesk.server.reporting import engine, sample
from frontdesk.server.reporting.compact import current
from frontdesk.server.reporting.export import ExportError, _load, compact_folder, export
from frontdesk.server.reporting.relations import Window

DAYS = (date(2025, 6, 1), date(2025, 6, 2))
WINDOW = Window(DAYS[0], DAYS[1])


def _pay(factory: sessionmaker[Session], run: int) -> None:
    with transaction(factory) as session:
        if run == 0:
            sample.register(session, "L1", branch="Leeds")
        for n, day in enumerate(DAYS * 2):
            at = datetime(day.year, day.month, day.day, 9 + run, n, tzinfo=UTC)
            sample.money(session, kind="payment", register="L1", branch="Leeds",
                         cashier=f"c{n % 2}", at=at, amount=f"{run + n}.25")  # fmt: skip


def _three_runs(factory: sessionmaker[Session], folder: Path) -> list[int]:
    ends = []
    for run in range(3):
        _pay(factory, run)
        ends.append(export(factory, folder).upto)
    return ends


def _rows(folder: Path) -> list[tuple]:
    """Every payment row in the folder as DuckDB reads the current parts."""
    files = [str(d / n) for d in sorted(folder.glob("kind=payments/day=*"))
             for n in current(os.listdir(d))]  # fmt: skip
    return duckdb.sql(f"SELECT * FROM read_parquet({files}) ORDER BY seq").fetchall()


def _reports(factory: sessionmaker[Session], folder: Path) -> list:
    with factory() as session:
        return [engine.run(session, "payments", window=WINDOW, by=by, folder=folder,
                           rollups=rolled).rows
                for by in (("day",), ("user", "hour")) for rolled in (True, False)]  # fmt: skip


def _parts(folder: Path, root: str = "") -> dict[str, int]:
    base = folder / root if root else folder
    return {d.name: len(list(d.glob("part-*.parquet"))) for d in base.glob("kind=payments/day=*")}


def test_compaction_merges_each_day_and_changes_no_row_nor_figure(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    folder = tmp_path / "feed"
    _three_runs(server_factory, folder)
    assert _parts(folder) == {f"day={d}": 3 for d in DAYS}
    rows, figures, state = _rows(folder), _reports(server_factory, folder), _load(folder)
    report = compact_folder(folder)
    assert report.as_dict() == {"days": 2, "merged": 6, "files": 2}
    assert _parts(folder) == _parts(folder, "_rollups") == {f"day={d}": 1 for d in DAYS}
    assert _rows(folder) == rows and len(rows) == 12
    assert _reports(server_factory, folder) == figures
    assert _load(folder) == state
    assert compact_folder(folder).as_dict() == {"days": 0, "merged": 0, "files": 0}


def test_an_export_from_an_earlier_runs_end_cuts_the_merged_file_back(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    folder, whole = tmp_path / "feed", tmp_path / "whole"
    ends = _three_runs(server_factory, folder)
    compact_folder(folder)
    redone = export(server_factory, folder, since=ends[0])
    assert redone.rows == {"payments": 8}
    export(server_factory, whole)
    assert _rows(folder) == _rows(whole)
    assert _reports(server_factory, folder) == _reports(server_factory, whole)


def test_a_compaction_killed_before_removing_leaves_each_row_once(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    folder, saved = tmp_path / "feed", tmp_path / "saved"
    _three_runs(server_factory, folder)
    shutil.copytree(folder, saved)
    rows, figures = _rows(folder), _reports(server_factory, folder)
    compact_folder(folder)
    shutil.copytree(saved, folder, dirs_exist_ok=True)  # the replaced files are back
    assert _parts(folder) == {f"day={d}": 4 for d in DAYS}
    assert _rows(folder) == rows
    assert _reports(server_factory, folder) == figures
    compact_folder(folder)
    assert _parts(folder) == _parts(folder, "_rollups") == {f"day={d}": 1 for d in DAYS}


def test_compaction_needs_an_export_and_waits_for_none(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="no export there"):
        compact_folder(tmp_path)
    _three_runs(server_factory, tmp_path / "feed")
    import fcntl

    with open(tmp_path / "feed" / "_feed.lock", "a+") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(ExportError, match="another export or compaction"):
            compact_folder(tmp_path / "feed")
        with pytest.raises(ExportError, match="another export or compaction"):
            export(server_factory, tmp_path / "feed")


def test_the_command_line_compacts_and_prints_what_it_merged(
    server_factory: sessionmaker[Session], migrated_url: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from frontdesk.server.cli import main

    folder = tmp_path / "feed"
    _three_runs(server_factory, folder)
    assert main(["--db", migrated_url, "export", "--to", str(folder), "--compact"]) == 0
    assert json.loads(capsys.readouterr().out) == {"days": 2, "files": 2, "merged": 6}
    assert main(["--db", migrated_url, "export", "--to", str(tmp_path), "--compact"]) == 2
    assert "no export there" in capsys.readouterr().err
