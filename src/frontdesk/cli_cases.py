"""Headless case commands of ``frontdesk`` (wired in by ``frontdesk.cli``).

    frontdesk case open --customer ID --category CODE --subject TEXT [--channel phone]
                        [--description TEXT] [--priority normal] [--user NAME] [--team CODE]
                        [--link receipt:R1-00000012] [--link purchase:ID:SKU] [--json]
    frontdesk case comment CASE --body TEXT [--for-customer] [--json]
    frontdesk case assign CASE [--user NAME] [--team CODE] [--note TEXT] [--json]
    frontdesk case status CASE STATUS [--note TEXT] [--json]
    frontdesk case attach CASE FILE [--internal | --for-customer] [--json]
    frontdesk case show CASE [--json]
    frontdesk case list [--queue mine|team|due-today|overdue|waiting|follow-ups]
                        [--customer ID [--fetch]] [--search TEXT] [--limit N] [--json]

``CASE`` is a case's number as an agent reads it (``D12-45``, ``d12-00045``) or its id. Every
write works offline (the outbox carries it at the next sync) and shows in the queues at once.
``--json``: a write prints the case (``comment``: the comment, ``attach``: the attachment)
as one object; ``show`` the case with its history and attachments; ``list`` prints one
object per case (or follow-up) per line, then none; an empty list exits 0. An attachment is
internal unless ``--for-customer``; a file over the server's limit is refused at once.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from frontdesk.domain.cases import CaseChannel, CaseStatus, LinkKind, Priority
from frontdesk.domain.errors import DomainError
from frontdesk.services.cases.attachments import human_size
from frontdesk.services.cases.ports import QUEUES, Attachment
from frontdesk.services.cases.writes import UnknownCase
from frontdesk.services.errors import FrontdeskError

if TYPE_CHECKING:
    from frontdesk.config import Settings
    from frontdesk.services.cases.desk import DeskCases
    from frontdesk.services.cases.ports import CaseRecord

EXIT_OK, EXIT_FAILED = 0, 1


class CaseRefused(FrontdeskError):
    """A value the case cannot take, with the field it belongs to."""


def add_parsers(sub: Any) -> None:
    case = sub.add_parser("case", help="open, comment, assign, move and list cases")
    actions = case.add_subparsers(dest="action", required=True)
    opening = actions.add_parser("open", help="open a case for a customer")
    opening.add_argument("--customer", required=True, help="customer id")
    opening.add_argument("--category", required=True, help="a case category's code")
    opening.add_argument("--subject", required=True)
    opening.add_argument("--channel", default="phone", help=_one_of(CaseChannel))
    opening.add_argument("--description", default="")
    opening.add_argument("--priority", default="normal", help=_one_of(Priority))
    opening.add_argument("--user", help="assign to this user")
    opening.add_argument("--team", help="assign to this team's queue")
    opening.add_argument(
        "--link", action="append", default=[], help=f"KIND:REF[:LINE], KIND {_one_of(LinkKind)}"
    )
    comment = actions.add_parser("comment", help="add an internal note or an answer")
    comment.add_argument("case", help="the case's number or id")
    comment.add_argument("--body", required=True)
    comment.add_argument("--for-customer", action="store_true", help="one the customer may see")
    assign = actions.add_parser("assign", help="hand a case to a user or a team")
    assign.add_argument("case", help="the case's number or id")
    assign.add_argument("--user")
    assign.add_argument("--team")
    assign.add_argument("--note", default="")
    status = actions.add_parser("status", help="move a case: resolve, close, reopen, ...")
    status.add_argument("case", help="the case's number or id")
    status.add_argument("status", help=_one_of(CaseStatus))
    status.add_argument("--note", default="")
    attach = actions.add_parser("attach", help="attach a file to a case (internal by default)")
    attach.add_argument("case", help="the case's number or id")
    attach.add_argument("file", help="the file to attach")
    shown = attach.add_mutually_exclusive_group()
    shown.add_argument("--internal", action="store_true", help="for colleagues only (default)")
    shown.add_argument("--for-customer", action="store_true", help="one the customer may get")
    show = actions.add_parser("show", help="a case with its history and attachments")
    show.add_argument("case", help="the case's number or id")
    listing = actions.add_parser("list", help="a queue, a customer's cases, or a search")
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--queue", choices=QUEUES, default=None)
    which.add_argument("--customer", help="the customer's cases (id)")
    which.add_argument("--search", help="words in subjects, descriptions and comments")
    listing.add_argument("--fetch", action="store_true", help="with --customer: ask the server")
    listing.add_argument("--limit", type=int, default=200)
    for parser in (opening, comment, assign, status, attach, show, listing):
        parser.add_argument("--json", action="store_true", help="machine-readable output")


def _one_of(choices: Any) -> str:
    return "one of: " + ", ".join(choice.value for choice in choices)


def case_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    from frontdesk.bootstrap import build_client

    client = build_client(settings)
    try:
        return _ACTIONS[args.action](args, client.cases(), io)
    except DomainError as error:
        raise CaseRefused(str(error)) from None
    finally:
        client.close()


def _open(args: argparse.Namespace, desk: DeskCases, io: Any) -> int:
    case = desk.open(
        args.customer,
        channel=args.channel,
        category=args.category,
        subject=args.subject,
        description=args.description,
        priority=args.priority,
        assignee_user=args.user,
        assignee_team=args.team,
        links=[_link(text) for text in args.link],
    )
    return _said(io, args, case_json(case), f"Opened case {case.number}{_due(case)}.")


def _comment(args: argparse.Namespace, desk: DeskCases, io: Any) -> int:
    case = _case(desk, args.case)
    shown = "customer" if args.for_customer else "internal"
    event = desk.comment(case.id, args.body, visibility=shown)
    printed = {**_plain(asdict(event)), "case_number": case.number}
    return _said(io, args, printed, f"Commented on case {case.number} ({shown}).")


def _assign(args: argparse.Namespace, desk: DeskCases, io: Any) -> int:
    case = desk.assign(_case(desk, args.case).id, user=args.user, team=args.team, note=args.note)
    who = " and ".join(
        x for x in (case.assignee_user, case.assignee_team and f"team {case.assignee_team}") if x
    )
    return _said(io, args, case_json(case), f"Case {case.number} is now {who}'s.")


def _status(args: argparse.Namespace, desk: DeskCases, io: Any) -> int:
    case = desk.change_status(_case(desk, args.case).id, args.status, note=args.note)
    return _said(io, args, case_json(case), f"Case {case.number} is now {case.status}.")


def _attach(args: argparse.Namespace, desk: DeskCases, io: Any) -> int:
    case = _case(desk, args.case)
    shown = "customer" if args.for_customer else "internal"
    attachment = desk.attach(case.id, args.file, visibility=shown)
    printed = {**attachment_json(attachment), "case_number": case.number}
    words = (f"Attached {attachment.file_name} ({human_size(attachment.size)}, {shown}) to "
             f"case {case.number}; it goes to the server at the next sync.")  # fmt: skip
    return _said(io, args, printed, words)


def _show(args: argparse.Namespace, desk: DeskCases, io: Any) -> int:
    case = _case(desk, args.case)
    attachments = desk.attachments(case.id)
    if args.json:
        printed = {**case_json(case),
                   "history": [_plain(asdict(e)) for e in desk.history(case.id)],
                   "attachments": [attachment_json(a) for a in attachments]}  # fmt: skip
        io.say(json.dumps(printed, ensure_ascii=False))
        return EXIT_OK
    io.say(f"{case.number}\t{case.status}\t{case.priority}\t{case.subject}")
    for event in desk.history(case.id):
        io.say(f"  {event.at:%Y-%m-%d %H:%M}\t{event.author}\t{event.kind}\t{event.body}")
    for a in attachments:
        io.say(f"  attachment\t{a.file_name}\t{human_size(a.size)}\t{a.visibility}\t{a.author}")
    return EXIT_OK


def attachment_json(attachment: Attachment) -> dict[str, Any]:
    return {**_plain(asdict(attachment)), "internal": attachment.internal}


def _list(args: argparse.Namespace, desk: DeskCases, io: Any) -> int:
    if args.customer:
        fetch = desk.fetch_of_customer if args.fetch else desk.of_customer
        rows: list[Any] = fetch(args.customer)[: args.limit]
    elif args.search:
        rows = desk.search(args.search, limit=args.limit)
    elif args.queue == "follow-ups":
        rows = desk.follow_ups(limit=args.limit)
    else:
        rows = desk.queue(args.queue or "mine", limit=args.limit)
    for row in rows:
        if args.json:
            io.say(json.dumps(_plain(asdict(row)), ensure_ascii=False))
        else:
            io.say(_line(row))
    return EXIT_OK


def _said(io: Any, args: argparse.Namespace, printed: dict[str, Any], words: str) -> int:
    io.say(json.dumps(printed, ensure_ascii=False) if args.json else words)
    return EXIT_OK


def _case(desk: DeskCases, text: str) -> CaseRecord:
    case = desk.find_number(text) or desk.case(text.strip())
    if case is None:
        raise UnknownCase(f"no case {text.strip()} at this desk (sync, or check the number)")
    return case


def _link(text: str) -> dict[str, Any]:
    kind, _, rest = text.partition(":")
    ref, _, line = rest.partition(":")
    return {"kind": kind, "ref": ref, "line": line or None}


def _due(case: CaseRecord) -> str:
    return f", due {case.due_at:%Y-%m-%d %H:%M} UTC" if case.due_at else ""


def _line(row: Any) -> str:
    if hasattr(row, "number"):
        due = f"{row.due_at:%Y-%m-%d %H:%M}" if row.due_at else "-"
        return (
            f"{row.number}\t{row.status}\t{row.priority}\t{due}\t{row.customer_name}\t{row.subject}"
        )
    return f"{row.follow_up}\t{row.customer_name}\t{row.reason}\t{row.outcome}"


def case_json(case: CaseRecord) -> dict[str, Any]:
    return {**_plain(asdict(case)), "is_open": case.is_open, "synced": case.synced}


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {name: _json_value(value) for name, value in values.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


_ACTIONS = {
    "open": _open,
    "comment": _comment,
    "assign": _assign,
    "status": _status,
    "attach": _attach,
    "show": _show,
    "list": _list,
}
COMMANDS = {"case": case_command}
