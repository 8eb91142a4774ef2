"""Till registers as an admin sets them up: ``frontdesk-server register ...``.

A till may push to a register only once an admin added it, for one branch (never claimed
by whoever pushes first). Its device: the one named at ``add`` or ``bind-device``, else
the first device of its branch that pushes to it (``server.till.access``);
``bind-device CODE --any`` releases it that way again, for a till whose machine was
replaced. A register moves to another branch only while its journal is empty: its
receipts, refunds and feed rows stay with the branch that took them. A retired register
takes no further entries; its journal stays, and ``verify-journal`` still checks it.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TextIO

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.till import genesis_hash
from frontdesk.protocol.till import RegisterCode
from frontdesk.server.db import transaction, utcnow
from frontdesk.server.models import Device
from frontdesk.server.till.models import TillRegister

_CODE = TypeAdapter(RegisterCode)
MAX_BRANCH = MAX_NAME = 100


class RegisterError(ValueError):
    """A register command that cannot be done; the message says why and what to do."""


@dataclass(frozen=True)
class RegisterInfo:
    register: str
    branch: str | None
    device_id: str | None
    name: str
    entries: int
    last_entry_at: datetime | None
    retired_at: datetime | None

    def as_json(self) -> dict[str, object]:
        row = asdict(self)
        for moment in ("last_entry_at", "retired_at"):
            row[moment] = row[moment].isoformat() if row[moment] else None
        return row


def checked_code(code: str) -> str:
    """``code`` if a till's journal entry could name it (the wire model's own rule)."""
    try:
        return _CODE.validate_python(code)
    except ValidationError:
        raise RegisterError(
            f"register code {code!r}: 1 to 20 of A-Z, 0-9, '_' and '-' (as the till sends it)"
        ) from None


def checked_branch(branch: str) -> str:
    branch = branch.strip()
    if not branch:
        raise RegisterError("--branch: a register belongs to a branch; give its name")
    if len(branch) > MAX_BRANCH:
        raise RegisterError(f"--branch: longer than {MAX_BRANCH} characters")
    return branch


def add_register(
    factory: sessionmaker[Session],
    code: str,
    *,
    branch: str,
    device_id: str | None = None,
    name: str = "",
) -> RegisterInfo:
    """Set up register ``code`` for ``branch``, its head at the genesis of its chain."""
    code, branch, name = checked_code(code), checked_branch(branch), _checked_name(name)
    with transaction(factory) as session:
        existing = session.get(TillRegister, code)
        if existing is not None:
            raise RegisterError(f"register {code} exists already (branch {existing.branch or '-'})")
        if device_id is not None:
            _check_device(session, device_id, branch)
        row = new_register(code, branch=branch, device_id=device_id, name=name)
        session.add(row)
        session.flush()
        return _info(row)


def new_register(
    code: str, *, branch: str, device_id: str | None = None, name: str = ""
) -> TillRegister:
    """A register row whose head is the genesis of its chain (no entry yet)."""
    return TillRegister(
        register=code,
        branch=branch,
        device_id=device_id,
        name=name,
        head_seq=0,
        head_hash=genesis_hash(code),
        updated_at=utcnow(),
    )


def list_registers(factory: sessionmaker[Session]) -> list[RegisterInfo]:
    with factory() as session:
        rows = session.scalars(select(TillRegister).order_by(TillRegister.register))
        return [_info(row) for row in rows]


def move_register(factory: sessionmaker[Session], code: str, *, branch: str) -> RegisterInfo:
    """Give an unused register (or one an older server left without a branch) a branch."""
    branch = checked_branch(branch)
    with transaction(factory) as session:
        row = _register(session, code)
        if row.head_seq > 0 and row.branch:
            raise RegisterError(
                f"register {row.register} has {row.head_seq} journal entries at its branch: "
                "they stay there; retire it and add a new register for the other branch"
            )
        row.branch = branch
        if row.device_id is not None:
            _check_device(session, row.device_id, branch)
        return _info(row)


def bind_device(factory: sessionmaker[Session], code: str, device_id: str | None) -> RegisterInfo:
    """Bind the register to ``device_id``; None: to the next device of its branch to push."""
    with transaction(factory) as session:
        row = _register(session, code)
        if device_id is not None:
            _check_device(session, device_id, row.branch or "")
        row.device_id = device_id
        return _info(row)


def retire_register(factory: sessionmaker[Session], code: str) -> RegisterInfo:
    with transaction(factory) as session:
        row = _register(session, code)
        row.retired_at = row.retired_at or utcnow()
        return _info(row)


def _register(session: Session, code: str) -> TillRegister:
    row = session.get(TillRegister, checked_code(code), with_for_update=True)
    if row is None:
        raise RegisterError(f"no register {code!r} (see: frontdesk-server register list)")
    return row


def _check_device(session: Session, device_id: str, branch: str) -> None:
    device = session.get(Device, device_id)
    if device is None:
        raise RegisterError(
            f"no device {device_id!r}: a device exists once someone signed in on it "
            "(see: frontdesk-server device list)"
        )
    if device.revoked_at is not None:
        raise RegisterError(f"device {device_id} was revoked")
    if device.branch and branch and device.branch != branch:
        raise RegisterError(f"device {device_id} belongs to branch {device.branch}, not {branch}")


def _checked_name(name: str) -> str:
    name = name.strip()
    if len(name) > MAX_NAME:
        raise RegisterError(f"--name: longer than {MAX_NAME} characters")
    return name


def _info(row: TillRegister) -> RegisterInfo:
    last = row.updated_at if row.head_seq else None
    return RegisterInfo(
        row.register, row.branch, row.device_id, row.name, row.head_seq, last, row.retired_at
    )


# --- the command ---------------------------------------------------------------------------


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``register add|list|move|bind-device|retire``."""
    register = sub.add_parser("register", help="set up till registers and bind them")
    actions = register.add_subparsers(dest="kind", required=True)
    add = actions.add_parser("add", help="set up a register for a branch (before its till pushes)")
    add.add_argument("code")
    add.add_argument("--branch", required=True)
    add.add_argument("--device", help="bind it to this device (default: its first pusher)")
    add.add_argument("--name", default="", help='a label for people, e.g. "Till 2, front"')
    listing = actions.add_parser("list", help="every register: branch, device, entries")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    move = actions.add_parser("move", help="give a register with no entries another branch")
    move.add_argument("code")
    move.add_argument("--branch", required=True)
    bind = actions.add_parser("bind-device", help="bind a register to a device (or --any)")
    bind.add_argument("code")
    target = bind.add_mutually_exclusive_group(required=True)
    target.add_argument("device_id", nargs="?")
    target.add_argument(
        "--any", action="store_true", help="the next device of its branch to push binds it"
    )
    actions.add_parser("retire", help="refuse any further entry to a register").add_argument("code")


def run(args: argparse.Namespace, factory: sessionmaker[Session], out: TextIO) -> int:
    """Do the parsed ``register`` command on ``factory``'s database; print what it did."""
    if args.kind == "list":
        for info in list_registers(factory):
            print(json.dumps(info.as_json()) if args.json else _line(info), file=out)
        return 0
    actions = {
        "add": lambda: add_register(
            factory, args.code, branch=args.branch, device_id=args.device, name=args.name
        ),
        "move": lambda: move_register(factory, args.code, branch=args.branch),
        "bind-device": lambda: bind_device(factory, args.code, args.device_id),
        "retire": lambda: retire_register(factory, args.code),
    }
    print(_line(actions[args.kind]()), file=out)
    return 0


def _line(info: RegisterInfo) -> str:
    device = info.device_id or "unbound (the first of its branch to push binds it)"
    state = f"retired {info.retired_at:%Y-%m-%d %H:%M:%S} UTC" if info.retired_at else "active"
    name = f" ({info.name})" if info.name else ""
    last = f", last {info.last_entry_at:%Y-%m-%d %H:%M:%S} UTC" if info.last_entry_at else ""
    return (
        f"{info.register}{name}  branch {info.branch or '- (refused until bound)'}  "
        f"device {device}  {info.entries} entries{last}  {state}"
    )
