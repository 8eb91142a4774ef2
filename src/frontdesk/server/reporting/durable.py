"""Making an export's files durable: written under temporary names, synced, renamed,
their folders synced before the cursor moves.

A run writes a file per kind and day (and its rollup): thousands of ``fsync`` calls, each
a disk flush, cost more than writing the rows. Where Linux's ``syncfs`` is at hand, one
call flushes every file of the run on the export's file system at once; elsewhere each
file and folder is synced on its own. Either way nothing is renamed into place before its
bytes are on disk, and the cursor moves only after the renames are.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path


@cache
def _syncfs() -> object | None:
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name, use_errno=True) if name else None
    return getattr(libc, "syncfs", None) if libc is not None else None


def _whole_file_system(target: Path) -> bool:
    """Sync the file system holding ``target`` in one call; False where that cannot be."""
    syncfs = _syncfs()
    if syncfs is None:
        return False
    handle = os.open(target, os.O_RDONLY)
    try:
        if syncfs(handle) != 0:  # type: ignore[operator]
            raise OSError(ctypes.get_errno(), f"syncfs {target}")
    finally:
        os.close(handle)
    return True


def sync_files(target: Path, paths: Iterable[Path]) -> None:
    """Every byte of ``paths`` (all under ``target``) on disk."""
    if _whole_file_system(target):
        return
    for path in paths:
        with open(path, "rb+") as handle:
            os.fsync(handle.fileno())


def sync_folders(target: Path, folders: Iterable[Path]) -> None:
    """The renames into ``folders`` (all under ``target``) on disk."""
    if _whole_file_system(target):
        return
    for folder in folders:
        sync_dir(folder)


def sync_dir(folder: Path) -> None:
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def replace(temporary: Path, path: Path, *, sync_dir_after: bool = False) -> None:
    """One file synced and renamed into place (the state file)."""
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    if sync_dir_after:
        sync_dir(path.parent)
