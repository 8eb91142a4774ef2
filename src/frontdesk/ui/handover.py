"""The first thing ``frontdesk`` tries: hand the launch to the window already open, fast.

A phone system runs ``frontdesk open --phone N`` on every incoming call, so the time from
that command to the customer on screen is mostly this process starting. Here only the
standard library and QtNetwork are loaded: the arguments a window launch can have are read
by hand, the message is sent over the window's local socket, and the process ends. Anything
else (another command, an option this does not know, no window answering) returns None and
the full command line takes over, which starts the window or explains what is wrong.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalSocket

RAISE = "raise"
OK = "ok"
#: No message of ours is longer; a longer line is refused and the connection closed.
MAX_MESSAGE = 1024
CONNECT_MS = 1_000
#: The running window answers at once (it parses, queues and replies); a hung one does not.
ANSWER_MS = 5_000
EXIT_USAGE = 2
_LINK = ("frontdesk:", "frontdesk://")


def server_name(data_dir: Path) -> str:
    """The local server name of the window on ``data_dir`` for this user."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password file
        user = ""
    key = f"{user}\0{Path(data_dir).expanduser().resolve()}"
    return "frontdesk-" + hashlib.sha256(key.encode()).hexdigest()[:32]


def send_line(name: str, message: str, *, timeout_ms: int = ANSWER_MS) -> str | None:
    """Send ``message`` to the window listening on ``name``; its one-line answer.

    None if no window listens; ``""`` if one accepted the connection but never answered.
    """
    from PySide6.QtNetwork import QLocalSocket  # here: a command that is no launch skips Qt

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return None
    socket.write(message.encode() + b"\n")
    socket.flush()
    answer = _read_line(socket, timeout_ms)
    socket.disconnectFromServer()
    return "" if answer is None else answer


def _read_line(socket: QLocalSocket, timeout_ms: int) -> str | None:
    deadline = time.monotonic() + timeout_ms / 1000
    data = b""
    while b"\n" not in data and len(data) <= MAX_MESSAGE:
        left_ms = int((deadline - time.monotonic()) * 1000)
        if socket.bytesAvailable() == 0 and (left_ms <= 0 or not socket.waitForReadyRead(left_ms)):
            return None
        data += bytes(socket.readAll().data())
    return data.partition(b"\n")[0].decode(errors="replace")


def quick_hand_over(argv: Sequence[str]) -> int | None:
    """Exit status of a launch a running window took (or refused); None: not handed over."""
    launch = _window_launch(list(argv))
    if launch is None:
        return None
    data_dir, message = launch
    answer = send_line(server_name(data_dir), message)
    if answer == OK:
        return 0
    if answer and answer.startswith("error: "):
        print(f"frontdesk open: {answer.removeprefix('error: ')}", file=sys.stderr)
        return EXIT_USAGE
    return None  # no window, or one that did not answer: the full path deals with it


def _window_launch(args: list[str]) -> tuple[Path, str] | None:
    """(data directory, message) if ``args`` only start or pop the window, else None."""
    data_dir: str | None = None
    if len(args) >= 2 and args[0] == "--data-dir":
        data_dir, args = args[1], args[2:]
    if args[:1] == ["open"]:
        args = args[1:]
        if len(args) == 2 and args[0] in ("--phone", "--customer"):
            message = f"frontdesk://open?{args[0][2:]}={quote(args[1], safe='')}"
        elif len(args) == 1 and args[0].lower().startswith(_LINK):
            message = args[0]  # the window checks it, strictly, and says what is wrong
        else:
            return None
    elif not args:
        message = RAISE
    elif len(args) == 1 and args[0].lower().startswith(_LINK):
        message = args[0]
    else:
        return None
    if len(message) > MAX_MESSAGE or "\n" in message or "\r" in message:
        return None  # the full path refuses it with the reason
    return _data_dir(data_dir), message


def _data_dir(given: str | None) -> Path:
    """The data directory as ``frontdesk.config`` resolves it (--data-dir, then the
    environment, then the per-user default); a test keeps the two in step."""
    raw = given if given and given.strip() else os.environ.get("FRONTDESK_DATA_DIR")
    if raw and raw.strip():
        return Path(raw).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("frontdesk", appauthor=False))
