"""Training the cross-sell model from the server database, retraining when due, shipping by pull."""

from __future__ import annotations

import base64
import io
from argparse import Namespace

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.crosssell import CrossSellError, CrossSellModel
from frontdesk.server import commands
from frontdesk.server.crosssell_jobs import new_purchases, retrain_if_due, train_crosssell
from frontdesk.server.models import CrossSellModelRow, Purchase, PurchaseLine
from frontdesk.server.pull import pull_page
from frontdesk.server.seed import seed_demo


def _sold_lines(session: Session) -> int:
    query = (
        select(func.count())
        .select_from(PurchaseLine)
        .join(Purchase, Purchase.id == PurchaseLine.purchase_id)
        .where(
            Purchase.customer_id.is_not(None),
            Purchase.is_return.is_(False),
            PurchaseLine.quantity_milli > 0,
        )
    )
    return int(session.scalar(query) or 0)


def test_training_reads_every_sold_line_and_stores_a_loadable_model(
    server_factory: sessionmaker[Session],
) -> None:
    seed_demo(server_factory, customers=120, seed=3)
    report = train_crosssell(server_factory)
    with server_factory() as session:
        assert report.purchase_lines == _sold_lines(session) > 0
        row = session.scalars(select(CrossSellModelRow)).one()
        top_seq = session.scalar(select(func.max(Purchase.change_seq)))
    assert (row.version, report.version) == (1, 1)
    assert row.purchases_through_seq == top_seq
    assert len(row.blob) == report.model_bytes
    model = CrossSellModel.from_bytes(row.blob)
    assert len(model.products) == report.products == row.products
    assert "cross-sell model v1:" in report.summary()


def test_training_an_empty_database_says_there_is_nothing(
    server_factory: sessionmaker[Session],
) -> None:
    with pytest.raises(CrossSellError, match="no purchases to train on"):
        train_crosssell(server_factory)


def test_retraining_runs_only_once_enough_purchases_are_new(
    server_factory: sessionmaker[Session],
) -> None:
    seed_demo(server_factory, customers=60, seed=5)
    assert retrain_if_due(server_factory, threshold=0) is None
    with server_factory() as session:
        everything = new_purchases(session)
    assert retrain_if_due(server_factory, threshold=everything + 1) is None
    assert retrain_if_due(server_factory, threshold=everything).version == 1  # type: ignore[union-attr]
    with server_factory() as session:
        assert new_purchases(session) == 0
    assert retrain_if_due(server_factory, threshold=1) is None
    seed_demo(server_factory, customers=90, seed=5)  # 30 more customers and their purchases
    with server_factory() as session:
        added = new_purchases(session)
    assert added > 0
    assert retrain_if_due(server_factory, threshold=added).version == 2  # type: ignore[union-attr]


def test_pull_ships_the_newest_model_once_in_sequence_order(
    server_factory: sessionmaker[Session],
) -> None:
    seed_demo(server_factory, customers=40, seed=7)
    train_crosssell(server_factory)
    second = train_crosssell(server_factory)
    with server_factory() as session:
        shipped = [page.crosssell_model for page in _all_pages(session, cursor=0, limit=50)]
        newest = session.scalars(
            select(CrossSellModelRow).where(CrossSellModelRow.version == second.version)
        ).one()
        after = pull_page(session, cursor=newest.change_seq, limit=50)
    models = [m for m in shipped if m is not None]
    assert [m.version for m in models] == [second.version]  # v1 is superseded, never sent
    assert base64.b64decode(models[0].blob) == newest.blob
    assert models[0].seq == newest.change_seq
    assert after.crosssell_model is None and not after.has_more


def _all_pages(session: Session, *, cursor: int, limit: int) -> list:
    pages = []
    while True:
        page = pull_page(session, cursor=cursor, limit=limit)
        pages.append(page)
        cursor = page.cursor
        if not page.has_more:
            return pages


def test_train_crosssell_command_and_retraining_after_seed_demo(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTDESK_SERVER_CROSSSELL_RETRAIN_AFTER", "1")
    out, err = io.StringIO(), io.StringIO()
    seed = Namespace(command="seed-demo", db=migrated_url, customers=30, seed=2, history_end=None)
    assert commands.run(seed, stdin=io.StringIO(), stdout=out, stderr=err) == 0, err.getvalue()
    assert "cross-sell model v1:" in out.getvalue()
    out = io.StringIO()
    train = Namespace(command="train-crosssell", db=migrated_url)
    assert commands.run(train, stdin=io.StringIO(), stdout=out, stderr=err) == 0, err.getvalue()
    assert out.getvalue().startswith("cross-sell model v2:")


def test_a_bad_retrain_setting_is_a_one_line_error(
    migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTDESK_SERVER_CROSSSELL_RETRAIN_AFTER", "lots")
    out, err = io.StringIO(), io.StringIO()
    train = Namespace(command="train-crosssell", db=migrated_url)
    assert commands.run(train, stdin=io.StringIO(), stdout=out, stderr=err) == 1
    assert "FRONTDESK_SERVER_CROSSSELL_RETRAIN_AFTER='lots'" in err.getvalue()
