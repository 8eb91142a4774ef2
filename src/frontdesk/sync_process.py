"""The window's sync, run in a process of its own so the window's interpreter never waits for it.

A pull parses the server's pages and writes them, with their search-index entries, into the
cache: Python work that holds the GIL. On a thread of the window's process every Qt callback
(a paint, a key press, a result list) would wait for that GIL during a large pull. In a
child process the window shares nothing with it but the cache file (SQLite in WAL mode:
readers never wait for the writer, and both sides' writes take the write lock with a busy
timeout).

The child is started on the first run, from the sync worker's thread (never the UI thread),
with the multiprocessing "spawn" method (no fork of a process that runs Qt threads), and at a
lower OS priority: a page applied a moment later costs nothing, a late frame is a freeze. It
opens the same cache and keyring as the desk and runs ``ClientContext.sync`` / ``push`` on
request. Each request is answered with "done" or the error it raised; a child that dies is
reported as a failed run and started again on the next one. Killing it mid-page loses
nothing: a page and its cursor commit together or not at all.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from frontdesk.config import Settings
from frontdesk.services.errors import FrontdeskError

#: Opens the desk's client in the child: a module-level function (the "spawn" start method
#: pickles it by name), such as ``frontdesk.bootstrap.build_client``.
OpenClient = Callable[[Settings], Any]

SYNC, PUSH, STOP = "sync", "push", "stop"
#: How much lower than the window the child runs (POSIX nice; "below normal" on Windows).
CHILD_NICENESS = 10
_BELOW_NORMAL_PRIORITY_CLASS = 0x4000


class SyncProcess:
    """Runs the desk's sync and push in a child process; each call blocks until it is done.

    Args:
        settings: the desk's settings (the child opens the same cache and keyring).
        page_size: changes per pulled page.
        open_client: opens the desk's client in the child (``bootstrap.build_client``).

    Calls come from one thread (the sync worker's); ``close`` from any, once that thread
    has stopped or given up.
    """

    def __init__(self, settings: Settings, *, page_size: int, open_client: OpenClient) -> None:
        self._settings, self._page_size = settings, page_size
        self._open_client = open_client
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None

    def sync(self) -> None:
        """Push every pending local write, then pull every change (raises FrontdeskError)."""
        self._request(SYNC)

    def push(self) -> None:
        """Push every pending local write (raises FrontdeskError)."""
        self._request(PUSH)

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs."""
        process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def close(self, *, timeout_s: float = 10.0) -> None:
        """Ask the child to finish its current run and end; end it if it does not in time."""
        with self._lock:
            process, conn = self._process, self._conn
            self._process = self._conn = None
        if process is None or conn is None:
            return
        with contextlib.suppress(OSError):  # it may be gone already
            conn.send((STOP,))
        process.join(timeout_s)
        if process.is_alive():
            process.terminate()  # a page in flight rolls back; its cursor with it
            process.join(timeout_s)
        conn.close()

    def _request(self, command: str) -> None:
        conn = self._connection()
        try:
            conn.send((command,))
            answer = conn.recv()
        except (EOFError, OSError) as error:
            raise FrontdeskError(self._ended(error)) from error
        _raise_if_failed(answer)

    def _connection(self) -> Connection:
        with self._lock:
            if self._process is not None and not self._process.is_alive():
                self._process = self._conn = None
            if self._conn is None:
                self._process, self._conn = _start(
                    self._settings, page_size=self._page_size, open_client=self._open_client
                )
            return self._conn

    def _ended(self, error: BaseException) -> str:
        with self._lock:
            process = self._process
            self._process = self._conn = None
        code = process.exitcode if process is not None else None
        return f"the sync process ended unexpectedly (exit code {code}): {error}; it starts again"


def _start(
    settings: Settings, *, page_size: int, open_client: OpenClient
) -> tuple[BaseProcess, Connection]:
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(
        target=serve,
        args=(settings, theirs),
        kwargs={"page_size": page_size, "open_client": open_client},
        name="frontdesk-sync",
        daemon=True,
    )
    process.start()
    theirs.close()  # the child's end lives in the child now
    return process, ours


def _raise_if_failed(answer: tuple[Any, ...]) -> None:
    kind, *details = answer
    if kind == "done":
        return
    if kind == "error":
        module, name, message = details
        raise _frontdesk_error(module, name, message)
    raise RuntimeError(details[0])  # a bug in the child: the worker reports it as one


def _frontdesk_error(module: str, name: str, message: str) -> FrontdeskError:
    """The child's error as the same ``FrontdeskError`` subclass where it can be rebuilt."""
    try:
        cls = getattr(importlib.import_module(module), name)
        if isinstance(cls, type) and issubclass(cls, FrontdeskError):
            return cls(message)
    except (ImportError, AttributeError, TypeError):
        pass
    return FrontdeskError(message)


def serve(settings: Settings, conn: Connection, *, page_size: int, open_client: OpenClient) -> None:
    """The child's loop: open the desk's cache, then run each request until told to stop."""
    _lower_priority()
    client = open_client(settings)
    try:
        while (command := _next_command(conn)) != STOP:
            conn.send(_run(client, command, page_size))
    finally:
        client.close()
        conn.close()


def _next_command(conn: Connection) -> str:
    try:
        return str(conn.recv()[0])
    except EOFError:  # the desk is gone
        return STOP


def _run(client: Any, command: str, page_size: int) -> tuple[str, ...]:
    try:
        if command == SYNC:
            client.sync(page_size=page_size)
        elif command == PUSH:
            client.push()
        else:
            return ("crash", f"unknown sync command {command!r}")
    except FrontdeskError as error:
        return ("error", type(error).__module__, type(error).__qualname__, str(error))
    except Exception as error:  # reported, not fatal: the next run may well succeed
        return ("crash", f"{type(error).__name__}: {error}")
    return ("done",)


def _lower_priority() -> None:
    if hasattr(os, "nice"):
        os.nice(CHILD_NICENESS)
    elif sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), _BELOW_NORMAL_PRIORITY_CLASS)
