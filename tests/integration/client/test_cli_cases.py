"""``frontdesk case ...`` on a real desk cache, as a script runs it (``--json``)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from case_pages import reference_page

from frontdesk import cli
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.config import CACHE_FILE


def run(data_dir: Path, *args: str) -> tuple[int, list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), *args], stdout=out, stderr=err)
    lines = [json.loads(line) for line in out.getvalue().splitlines() if line.startswith("{")]
    return code, lines, err.getvalue()


def _desk(data_dir: Path, *, prefix: str | None) -> Path:
    database = open_cache(data_dir / CACHE_FILE)
    uow = SqlAlchemyUnitOfWork(database.writer)
    try:
        with uow:
            uow.replica.apply(reference_page())
            uow.sync_state.set_login("https://central.example", "ann")
            uow.sync_state.keep_case_desk(case_prefix=prefix, branch="Leeds")
            uow.workstation.sign_in("ann", role="agent")
            uow.commit()
    finally:
        database.dispose()
    return data_dir


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    return _desk(tmp_path, prefix="D7")


def test_open_comment_assign_move_and_list_by_queue(desk: Path) -> None:
    code, (opened,), err = run(desk, "case", "open", "--customer", "c1", "--category",
                               "billing", "--subject", "Возврат за кружку", "--user", "ann",
                               "--link", "receipt:R1-00000012", "--json")  # fmt: skip
    assert code == 0, err
    assert opened["number"] == "D7-00001" and opened["status"] == "new"
    assert opened["links"] == [{"kind": "receipt", "ref": "R1-00000012", "line": None}]
    assert opened["synced"] is False and opened["due_at"] is not None
    code, (comment,), _ = run(desk, "case", "comment", "d7-1", "--body", "Позвонил клиенту",
                              "--for-customer", "--json")  # fmt: skip
    assert (
        code == 0 and comment["visibility"] == "customer" and comment["case_number"] == "D7-00001"
    )
    code, (assigned,), _ = run(desk, "case", "assign", "D7-00001", "--team", "returns", "--json")
    assert code == 0 and (assigned["assignee_user"], assigned["assignee_team"]) == (None, "returns")
    code, (moved,), _ = run(desk, "case", "status", opened["id"], "waiting", "--json")
    assert code == 0 and moved["status"] == "waiting"
    assert [c["number"] for c in run(desk, "case", "list", "--queue", "waiting", "--json")[1]] == [
        "D7-00001"
    ]
    assert run(desk, "case", "list", "--queue", "mine", "--json")[:2] == (0, [])
    assert [c["number"] for c in run(desk, "case", "list", "--queue", "team", "--json")[1]] == [
        "D7-00001"
    ]
    found = run(desk, "case", "list", "--search", "ПОЗВОНИЛ", "--json")[1]
    assert [c["number"] for c in found] == ["D7-00001"]
    mine = run(desk, "case", "list", "--customer", "c1", "--json")[1]
    assert [c["customer_name"] for c in mine] == ["Ann Smith"]


def test_plain_output_is_one_line_per_case(desk: Path) -> None:
    code, _, err = run(desk, "case", "open", "--customer", "c2", "--category", "billing",
                       "--subject", "Broken mug", "--user", "ann")  # fmt: skip
    assert code == 0 and err == ""
    out = io.StringIO()
    assert cli.main(["--data-dir", str(desk), "case", "list"], stdout=out) == 0
    (line,) = out.getvalue().splitlines()
    assert line.startswith("D7-00001\tnew\tnormal\t") and line.endswith("Иван Петров\tBroken mug")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["open", "--customer", "c1", "--category", "billing", "--subject", " "], "subject: must"),
        (["open", "--customer", "c1", "--category", "x", "--subject", "s"], "category: no case"),
        (
            [
                "open",
                "--customer",
                "c1",
                "--category",
                "billing",
                "--subject",
                "s",
                "--link",
                "parcel:1",
            ],
            "links: 'parcel' is not one of",
        ),
        (["status", "D7-00001", "reopened"], "status: a case that is new cannot become reopened"),
        (["status", "D7-00009", "open"], "no case D7-00009 at this desk"),
        (["assign", "D7-00001"], "assignee: a case is assigned to a user, a team, or both"),
    ],
)
def test_refusals_name_the_field_and_exit_1(desk: Path, args, message) -> None:
    assert run(desk, "case", "open", "--customer", "c1", "--category", "billing",
               "--subject", "First")[0] == 0  # fmt: skip
    code, printed, err = run(desk, "case", *args, "--json")
    assert code == 1 and printed == [] and message in err and "Traceback" not in err, err


def test_a_desk_without_a_prefix_says_why_it_opens_no_case(tmp_path: Path) -> None:
    desk = _desk(tmp_path, prefix=None)
    code, printed, err = run(desk, "case", "open", "--customer", "c1", "--category", "billing",
                             "--subject", "Hello", "--json")  # fmt: skip
    assert code == 1 and printed == [] and "no case prefix" in err


def test_follow_ups_list(desk: Path) -> None:
    today = datetime.now(UTC).date().isoformat()
    code, _, err = run(desk, "interaction", "add", "--customer", "c1", "--channel", "call",
                       "--reason", "call back", "--follow-up", today)  # fmt: skip
    assert code == 0, err
    code, (follow_up,), _ = run(desk, "case", "list", "--queue", "follow-ups", "--json")
    assert code == 0 and follow_up["reason"] == "call back" and follow_up["follow_up"] == today
