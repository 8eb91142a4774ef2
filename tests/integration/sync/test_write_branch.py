"""Every write records the branch it came from: its author's, not the customer's.

Customers stay company-wide (a call centre serves them all): a York agent may log a call
with, edit, and answer an offer for Ann, a Leeds customer, and create a customer whose home
is Leeds. Each row then names York as where the write came from, while Ann's and the new
customer's home branch stay Leeds. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from test_every_kind_round_trip import ANN, PASSWORD, _signed_in, api

from frontdesk.adapters.cache.database import open_cache
from frontdesk.server.models import CrossSellFeedback, Customer, Interaction
from frontdesk.server.users import add_user
from frontdesk.services.crosssell_feedback import record_feedback
from frontdesk.services.writes import create_customer, edit_customer, record_interaction
from frontdesk.sync.pull import pull_all

__all__ = ["api"]  # the round-trip test's server: Leeds' staff, a shop, a trained model


def test_each_write_names_its_authors_branch(
    api: TestClient, server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    add_user(server_factory, username="yan", password=PASSWORD, role="agent", branch="York")
    database = open_cache(tmp_path / "york" / "cache.sqlite3")
    try:
        desk = _signed_in(api, database, "yan")
        pull_all(desk.central, desk.uow)
        called = record_interaction(desk.uow, customer_id=ANN, channel="call", reason="Card",
                                    agent="yan")  # fmt: skip
        edit_customer(desk.uow, customer_id=ANN, changes={"notes": "Moved to York"})
        created = create_customer(desk.uow, branch="Leeds", fields={"full_name": "Zed Quill"})
        record_feedback(desk.uow, customer_id=ANN, offers=desk.queries.recommendations(ANN, k=1),
                        outcome="declined")  # fmt: skip
        (feedback,) = [e for e in desk.pending() if e.kind == "crosssell.feedback"]
        desk.push()
    finally:
        database.dispose()
    with server_factory() as session:
        ann = session.get_one(Customer, ANN)
        new = session.get_one(Customer, created.customer_id)
        assert session.get_one(Interaction, called.id).branch == "York"
        assert session.get_one(CrossSellFeedback, feedback.key).branch == "York"
        assert (ann.edited_branch, ann.notes, ann.branch) == ("York", "Moved to York", "Leeds")
        assert (new.created_branch, new.edited_branch, new.branch) == ("York", None, "Leeds")
        assert ann.created_branch is None  # there before any desk wrote: nobody's to name
