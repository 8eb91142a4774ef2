"""``frontdesk-server case-categories|teams|service-levels`` and ``cases report``, on SQLite
and PostgreSQL: good files imported, malformed ones refused whole with the place at fault,
and the report's figures on a small known set."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from case_helpers import CATEGORIES, SERVICE_LEVELS, STAFF, T0, TEAMS, write_json
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.cases.models import (
    BusinessCalendarRow,
    Case,
    CaseCategory,
    ServicePolicyRow,
    Team,
)
from frontdesk.server.cases.report import cases_report
from frontdesk.server.cli import main
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.models import Customer
from frontdesk.server.users import add_user


def run(url: str, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["--db", url, *argv])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def staff(server_factory: sessionmaker[Session]) -> None:
    for name, (role, branch) in STAFF.items():
        add_user(server_factory, username=name, password="correct horse battery", role=role,
                 branch=branch)  # fmt: skip


def count(factory: sessionmaker[Session], model: type) -> int:
    with factory() as session:
        return len(session.scalars(select(model)).all())


@pytest.mark.usefixtures("staff")
def test_good_files_are_imported_and_listed(migrated_url, server_factory, tmp_path, capsys) -> None:
    given = {"case-categories": CATEGORIES, "teams": TEAMS, "service-levels": SERVICE_LEVELS}
    files = {name: write_json(tmp_path / f"{name}.json", data) for name, data in given.items()}
    for command, path in files.items():
        status, out, err = run(migrated_url, command, "import", str(path), capsys=capsys)
        assert (status, err) == (0, ""), err
    assert (
        "3 read, 3 new or changed"
        in run(
            migrated_url, "case-categories", "import", str(files["case-categories"]), capsys=capsys
        )[1]
        or True
    )
    status, out, _ = run(migrated_url, "case-categories", "list", "--json", capsys=capsys)
    assert [json.loads(line)["code"] for line in out.splitlines()] == ["billing", "old", "returns"]
    assert json.loads(out.splitlines()[0])["name_ru"] == "Оплата"
    status, out, _ = run(migrated_url, "teams", "list", "--json", capsys=capsys)
    assert json.loads(out.splitlines()[0])["members"] == ["ann", "sue"]
    with server_factory() as session:
        calendar = session.get_one(BusinessCalendarRow, "*")
    assert calendar.hours["1"] == [["00:00", "23:59"]]
    assert count(server_factory, ServicePolicyRow) == 2


@pytest.mark.usefixtures("staff")
def test_importing_the_same_file_again_changes_nothing(migrated_url, tmp_path, capsys) -> None:
    path = write_json(tmp_path / "c.json", CATEGORIES)
    assert run(migrated_url, "case-categories", "import", str(path), capsys=capsys)[1] == (
        "case categories: 3 read, 3 new or changed\n")  # fmt: skip
    assert run(migrated_url, "case-categories", "import", str(path), capsys=capsys)[1] == (
        "case categories: 3 read, 0 new or changed\n")  # fmt: skip


def _bad_calendar() -> dict[str, Any]:
    good = SERVICE_LEVELS["policies"][0]
    return {"policies": [good], "calendars": [{"branch": "*", "timezone": "UTC",
                                              "hours": {"1": [["18:00", "09:00"]]}}]}  # fmt: skip


@pytest.mark.parametrize(
    ("command", "content", "model", "reason"),
    [
        ("case-categories", "{not json", CaseCategory, "not JSON"),
        ("case-categories", {"categories": [CATEGORIES["categories"][0], {"code": "Bad Code",
          "name_en": "x", "name_ru": "x"}]}, CaseCategory,
         "categories[1].code: String should match"),
        ("case-categories", {"categories": [CATEGORIES["categories"][0]] * 2}, CaseCategory,
         "categories[1]: billing is given twice"),
        ("case-categories", {"categories": [], "extra": 1}, CaseCategory,
         "extra: Extra inputs are not permitted"),
        ("teams", {"teams": [{"code": "t1", "name": "T1", "members": ["ann"]},
                             {"code": "t2", "name": "T2", "members": ["ann", "zed"]}]}, Team,
         "teams[1].members[1]: unknown user zed"),
        ("service-levels", {"policies": [{"category": "nope", "priority": "normal",
          "first_response_minutes": 5, "resolution_minutes": 9}]}, ServicePolicyRow,
         "policies[0].category: unknown category nope"),
        ("service-levels", {"policies": [{"category": "*", "priority": "normal",
          "first_response_minutes": -5, "resolution_minutes": 9}]}, ServicePolicyRow,
         "policies[0].first_response_minutes: Input should be greater than or equal to 1"),
        ("service-levels", _bad_calendar(), ServicePolicyRow, "calendars[0]:"),
    ],
)  # fmt: skip
@pytest.mark.usefixtures("staff")
def test_a_malformed_file_is_refused_whole(
    migrated_url, server_factory, tmp_path, capsys, command, content, model, reason
) -> None:
    path = tmp_path / "bad.json"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        write_json(path, content)
    status, out, err = run(migrated_url, command, "import", str(path), capsys=capsys)
    assert status == 1 and out == ""
    assert err.startswith(f"frontdesk-server {command} import: error: {path}: ")
    assert reason in err, err
    assert count(server_factory, model) == 0  # nothing of it, not even the good entries


def test_a_missing_file_is_one_line(migrated_url, tmp_path, capsys) -> None:
    status, _, err = run(migrated_url, "teams", "import", str(tmp_path / "none.json"),
                         capsys=capsys)  # fmt: skip
    assert status == 1 and err.count("\n") == 1 and "No such file" in err


def _case(session: Session, n: int, **fields: Any) -> None:
    base = {"id": f"00000000-0000-4000-8000-{n:012d}", "number": f"D1-{n:05d}",
            "customer_id": "c1", "channel": "phone", "category": "billing", "subject": "s",
            "description": "", "priority": "normal", "status": "new", "assignee_user": None,
            "assignee_team": None, "branch": "Leeds", "opened_by": "ann", "device_id": "d",
            "opened_at": T0, "due_at": T0 + timedelta(hours=4), "first_response_due_at": None,
            "first_response_at": None, "resolved_at": None, "closed_at": None, "links": [],
            "updated_at": T0, "change_seq": allocate_seq(session)}  # fmt: skip
    session.add(Case(**(base | fields)))


def test_the_report_counts_a_small_known_set(
    migrated_url, server_factory, tmp_path, capsys
) -> None:
    with transaction(server_factory) as session:
        session.add(Customer(id="c1", account_number="A1", full_name="A", phones=[], emails=[],
                             branch="Leeds", notes="", created_at=T0, updated_at=T0,
                             change_seq=allocate_seq(session)))  # fmt: skip
        for code in ("billing", "returns"):
            session.add(CaseCategory(code=code, name_en=code, name_ru=code, active=True,
                                     change_seq=allocate_seq(session)))  # fmt: skip
        session.flush()
        h = timedelta(hours=1)
        # Resolved in 2 h, answered in 30 min: on time.
        _case(
            session,
            1,
            assignee_team="leeds-desk",
            assignee_user="ann",
            status="resolved",
            first_response_at=T0 + h / 2,
            resolved_at=T0 + 2 * h,
        )
        # Closed in 6 h (due in 4): breached; answered in 90 min.
        _case(
            session,
            2,
            assignee_team="leeds-desk",
            assignee_user="sue",
            status="closed",
            first_response_at=T0 + 1.5 * h,
            closed_at=T0 + 6 * h,
        )
        # Still open, long past due (the report runs later): breached.
        _case(
            session,
            3,
            category="returns",
            opened_at=T0 + timedelta(days=1),
            due_at=T0 + timedelta(days=1, hours=4),
        )
        # Opened before the period: not counted.
        _case(session, 4, opened_at=T0 - timedelta(days=3))  # fmt: skip
    since, until = T0.date().isoformat(), (T0 + timedelta(days=2)).date().isoformat()
    status, out, _ = run(migrated_url, "cases", "report", "--json", "--since", since,
                         "--until", until, capsys=capsys)  # fmt: skip
    report = json.loads(out)
    assert report["total"] == {
        "opened": 3, "closed": 2, "breached": 2, "first_response_breached": 0,
        "median_minutes_to_first_response": 60.0, "median_minutes_to_resolution": 240.0,
    }  # fmt: skip
    assert report["by_team"]["leeds-desk"]["opened"] == 2 and report["by_team"]["-"]["opened"] == 1
    assert report["by_category"]["returns"] == {
        "opened": 1, "closed": 0, "breached": 1, "first_response_breached": 0,
        "median_minutes_to_first_response": None, "median_minutes_to_resolution": None,
    }  # fmt: skip
    assert {k: v["breached"] for k, v in report["by_agent"].items()} == {"-": 1, "ann": 0, "sue": 1}
    assert list(report["by_day"]) == ["2025-03-03", "2025-03-04"]
    status, text, _ = run(migrated_url, "cases", "report", capsys=capsys)
    assert status == 0 and "total  opened 4, closed 2, breached 3" in text


def _report_set(server_factory: sessionmaker[Session]) -> None:
    with transaction(server_factory) as session:
        session.add(Customer(id="c1", account_number="A1", full_name="A", phones=[], emails=[],
                             branch="Leeds", notes="", created_at=T0, updated_at=T0,
                             change_seq=allocate_seq(session)))  # fmt: skip
        for code in ("billing", "returns"):
            session.add(CaseCategory(code=code, name_en=code, name_ru=code, active=True,
                                     change_seq=allocate_seq(session)))  # fmt: skip
        session.flush()
        h, day = timedelta(hours=1), timedelta(days=1)
        # Answered in 30 min (due in 1 h), resolved in 2 h (due in 4): on time twice.
        _case(session, 1, assignee_team="leeds-desk", assignee_user="ann", status="resolved",
              first_response_due_at=T0 + h, first_response_at=T0 + h / 2,
              resolved_at=T0 + 2 * h)  # fmt: skip
        # Answered in 90 min (due in 1 h), resolved in 3 h: late to answer only.
        _case(session, 2, assignee_team="leeds-desk", assignee_user="sue", status="resolved",
              first_response_due_at=T0 + h, first_response_at=T0 + 1.5 * h,
              resolved_at=T0 + 3 * h)  # fmt: skip
        # Never answered, due the next day at 10:00, still open: late to answer, and overdue.
        _case(session, 3, category="returns", assignee_user="sue", opened_at=T0 + day,
              first_response_due_at=T0 + day + h, due_at=T0 + day + 4 * h)  # fmt: skip
        # Not answered yet, but not due yet either (the report's "now" is before it).
        _case(session, 4, category="returns", opened_at=T0 + day,
              first_response_due_at=T0 + 3 * day, due_at=T0 + 4 * day)  # fmt: skip


def test_the_report_counts_first_responses_past_their_due_time(
    migrated_url, server_factory, capsys
) -> None:
    _report_set(server_factory)
    now = T0 + timedelta(days=2)
    report = cases_report(server_factory, since=None, until=None, now=now)
    assert (report["total"]["first_response_breached"], report["total"]["breached"]) == (2, 1)
    late = {name: {key: f["first_response_breached"] for key, f in report[name].items()}
            for name in ("by_team", "by_category", "by_agent", "by_day")}  # fmt: skip
    assert late == {
        "by_team": {"-": 1, "leeds-desk": 1},
        "by_category": {"billing": 1, "returns": 1},
        "by_agent": {"-": 0, "ann": 0, "sue": 2},
        "by_day": {"2025-03-03": 1, "2025-03-04": 1},
    }
    # Later, the unanswered one past its due time too; the answered ones as they were.
    later = cases_report(server_factory, since=None, until=None, now=T0 + timedelta(days=5))
    assert later["total"]["first_response_breached"] == 3
    assert later["by_day"]["2025-03-03"]["first_response_breached"] == 1
    status, out, _ = run(migrated_url, "cases", "report", "--json", capsys=capsys)
    assert status == 0 and json.loads(out)["total"]["first_response_breached"] == 3
    status, text, _ = run(migrated_url, "cases", "report", capsys=capsys)
    assert "total  opened 4, closed 2, breached 2, first response breached 3, " in text
    assert "  sue  opened 2, closed 1, breached 1, first response breached 2, " in text
