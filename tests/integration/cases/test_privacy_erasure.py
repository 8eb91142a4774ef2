"""A customer's personal data exported and erased on request, on SQLite and PostgreSQL:
pushed through the API as desks write it, then searched for in every column of every
table; the till's sums, the erasure log, a desk's pull and a second erasure checked."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from case_helpers import ANN, T0, Desk, sign_in
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.cli import main
from frontdesk.server.db import transaction
from frontdesk.server.model_base import Base
from frontdesk.server.models import Customer, CustomerEvent, Interaction
from frontdesk.server.privacy.erase import ErasureError, erase_customer
from frontdesk.server.privacy.models import CustomerErasure
from frontdesk.server.privacy.retention import apply_retention, periods_from
from frontdesk.server.privacy.subject_access import export_customer
from frontdesk.server.reporting import sample
from frontdesk.server.reporting.export import export
from frontdesk.server.till.models import TillFeedRow

ZELDA = str(uuid.UUID(int=0x2E1DA))
PERSONAL = ("Zelda", "Quartermain", "7700 900123", "zq@example.org", "ACC-ZQ-77",
            "6330001234", "prefers mornings", "Flat 4")  # fmt: skip


def _create(desk: Desk) -> dict:
    payload = {"customer_id": ZELDA, "account_number": "ACC-ZQ-77",
               "full_name": "Zelda Quartermain", "phones": ["+44 7700 900123"],
               "emails": ["zq@example.org"], "loyalty_card": "6330001234",
               "notes": "prefers mornings", "created_at": T0.isoformat()}  # fmt: skip
    return desk.item("customer.create", payload, key=ZELDA)


def _edit(desk: Desk) -> dict:
    change = {"old": "Zelda Quartermain", "new": "Zelda A. Quartermain"}
    return desk.item("customer.edit", {"customer_id": ZELDA, "changes": {"full_name": change}})


def _contact(desk: Desk) -> dict:
    payload = {
        "customer_id": ZELDA,
        "channel": "call",
        "occurred_at": T0.isoformat(),
        "reason": "billing",
        "notes": "Zelda moved to Flat 4, call 7700 900123",
    }
    return desk.item("interaction.record", payload)  # fmt: skip


@pytest.fixture
def written(api: TestClient, server_factory: sessionmaker[Session]) -> Desk:
    ann = sign_in(api, "ann")
    case = ann.open(1, customer_id=ZELDA, subject="Zelda Quartermain charged twice",
                    description="Card ending 6330001234")  # fmt: skip
    results = ann.push(
        _create(ann),
        _edit(ann),
        _contact(ann),
        case,
        ann.comment(case["key"], body="Rang Zelda on +44 7700 900123"),
    )
    assert all(r["status"] == "applied" for r in results), results
    with transaction(server_factory) as session:
        sample.register(session, "L1", branch="Leeds")
        for amount in ("10.00", "2.50"):
            sample.money(session, kind="payment", register="L1", branch="Leeds",
                         cashier="bob", at=T0, amount=amount, customer_id=ZELDA)  # fmt: skip
    return ann


def _pull_all(desk: Desk, cursor: int = 0) -> tuple[dict[str, list], int]:
    """Every page after ``cursor``: the rows of each kind, and the cursor at the end."""
    rows: dict[str, list] = {}
    while True:
        page = desk.pull(cursor)
        for name, value in page.items():
            if isinstance(value, list):
                rows.setdefault(name, []).extend(value)
        cursor = page["cursor"]
        if not page["has_more"]:
            return rows, cursor


def _every_text(factory: sessionmaker[Session]) -> list[tuple[str, str]]:
    """Every value of every column of every table, as text."""
    found = []
    with factory() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)):
                found += [(table.name, json.dumps(v, default=str)) for v in row]
    return found


def _leaks(factory: sessionmaker[Session]) -> list[tuple[str, str]]:
    return [(t, v) for t, v in _every_text(factory) if any(p in v for p in PERSONAL)]


def _till_sum(factory: sessionmaker[Session]) -> tuple:
    with factory() as session:
        query = select(func.count(), func.sum(TillFeedRow.amount_minor))
        return tuple(session.execute(query.where(TillFeedRow.customer_id == ZELDA)).one())


def test_the_export_holds_everything_and_the_erasure_leaves_nothing_personal(
    written: Desk, api: TestClient, server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    before = export_customer(server_factory, ZELDA, tmp_path / "zelda.json")
    data = json.loads((tmp_path / "zelda.json").read_text(encoding="utf-8"))
    assert data["customer"]["full_name"] == "Zelda A. Quartermain"
    assert before["contacts"] == 1 and before["cases"] == 1 and before["till_transactions"] == 2
    assert {t["amount"] for t in data["till_transactions"]} == {"10.00", "2.50"}
    assert len(data["cases"][0]["history"]) >= 2
    assert {t for t, _ in _leaks(server_factory)} >= {
        "customers",
        "customer_events",
        "interactions",
        "cases",
        "case_events",
    }
    sue = sign_in(api, "sue")  # another desk of the branch, already in step
    _, cursor = _pull_all(sue)
    sums = _till_sum(server_factory)

    report = erase_customer(server_factory, ZELDA, reason="subject request 118", by="dpo.kim")

    assert report.erased and report.rows["customers"] == 1
    assert _leaks(server_factory) == []
    assert _till_sum(server_factory) == sums
    page, _ = _pull_all(sue, cursor)
    (customer,) = [c for c in page["customers"] if c["id"] == ZELDA]
    assert customer["full_name"] == "" and customer["phones"] == [] and customer["emails"] == []
    assert [i["notes"] for i in page["interactions"]] == [""]
    assert not any(p in json.dumps(page) for p in PERSONAL)
    with server_factory() as session:
        (log,) = session.scalars(select(CustomerErasure)).all()
        erase_event = session.get(CustomerEvent, log.id)
    assert (log.customer_id, log.erased_by, log.reason, log.cause) == (
        ZELDA,
        "dpo.kim",
        "subject request 118",
        "request",
    )
    assert erase_event is not None and erase_event.kind == "erase"
    export(server_factory, tmp_path / "feed")
    files = f"{tmp_path}/feed/kind=customers/*/*.parquet"
    erasures = duckdb.sql(f"SELECT customer_id, source, \"user\" FROM read_parquet('{files}') "
                          "WHERE event = 'erase'").fetchall()  # fmt: skip
    assert erasures == [(ZELDA, "request", "dpo.kim")]
    feed_text = " ".join(
        str(duckdb.sql(f"SELECT * FROM read_parquet('{kind}/*/*.parquet')").fetchall())
        for kind in (tmp_path / "feed").glob("kind=*")
    )
    assert ZELDA in feed_text and not any(p in feed_text for p in PERSONAL)
    export_customer(server_factory, ZELDA, tmp_path / "after.json")
    after = (tmp_path / "after.json").read_text(encoding="utf-8")
    assert not any(p in after for p in PERSONAL) and ZELDA in after


def test_erasing_again_changes_nothing_and_an_unknown_id_is_refused(
    written: Desk, server_factory: sessionmaker[Session], migrated_url: str, capsys
) -> None:
    first = erase_customer(server_factory, ZELDA, reason="request", by="dpo.kim")
    again = erase_customer(server_factory, ZELDA, reason="request", by="dpo.kim")
    assert (again.erased, again.erasure_id, set(again.rows.values())) == (
        False,
        first.erasure_id,
        {0},
    )
    with server_factory() as session:
        assert session.scalar(select(func.count()).select_from(CustomerErasure)) == 1
    with pytest.raises(ErasureError, match="no customer with id 'nobody'"):
        erase_customer(server_factory, "nobody", reason="request", by="dpo.kim")
    status = main(["--db", migrated_url, "erase-customer", "nobody", "--reason", "r",
                   "--by", "dpo.kim"])  # fmt: skip
    assert status == 1
    assert "erase-customer: error: no customer with id 'nobody'" in capsys.readouterr().err
    with pytest.raises(ErasureError, match="--reason"):
        erase_customer(server_factory, ZELDA, reason="  ", by="dpo.kim")


def test_retention_blanks_old_notes_and_erases_customers_long_quiet(
    written: Desk, server_factory: sessionmaker[Session], migrated_url: str, capsys
) -> None:
    periods = periods_from({"FRONTDESK_SERVER_RETENTION_CONTACTS_DAYS": "30",
                            "FRONTDESK_SERVER_RETENTION_CUSTOMERS_DAYS": "400"})  # fmt: skip
    soon, later = T0 + timedelta(days=31), T0 + timedelta(days=401)
    dry = apply_retention(server_factory, periods, dry_run=True, now=soon)
    assert dry == {"contacts": 1, "customers": 0}
    with server_factory() as session:
        assert session.scalar(select(Interaction.notes)).startswith("Zelda")
    assert apply_retention(server_factory, periods, now=soon) == dry
    with server_factory() as session:
        assert session.scalar(select(Interaction.notes)) == ""
    # Ann Smith was last written at T0 and has done nothing since; Zelda's row was written
    # by the server now (its clock), so it is not quiet yet.
    assert apply_retention(server_factory, {"customers": 400}, now=later) == {"customers": 1}
    with server_factory() as session:
        names = dict(session.execute(select(Customer.id, Customer.full_name)).all())
        causes = session.scalars(select(CustomerErasure.cause)).all()
    assert (names[ANN], names[ZELDA], causes) == ("", "Zelda A. Quartermain", ["retention"])
    with pytest.raises(ValueError, match="RETENTION_CASES_DAYS must be a whole number"):
        periods_from({"FRONTDESK_SERVER_RETENTION_CASES_DAYS": "ten"})
