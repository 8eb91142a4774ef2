"""``0034_lookup_variants`` on a cache that already holds customers: the index is rebuilt in
place (no re-pull), so the other schemes and two typos find them at once; the downgrade
leaves the older engine's vocabulary (one deletion from whole keys of 4+ letters)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, text

from frontdesk.adapters.cache.database import MIGRATIONS, open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.search_index import rebuild_index

CUSTOMERS = [("c1", "Janna Sokolova"), ("c2", "Пономарёв Семён")]


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _older_cache(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(_config(connection), "0032_knowledge")
        for seq, (cid, name) in enumerate(CUSTOMERS, start=1):
            connection.execute(
                text(
                    "INSERT INTO customers (id, account_number, full_name, phones, emails,"
                    " loyalty_card, branch, notes, created_at, updated_at, seq, name_fold,"
                    " emails_fold, phone_digits) VALUES (:id, :acc, :name, '[]', '[]', NULL,"
                    " 'Leeds', '', '2024-03-01 09:30:00', '2024-03-01 09:30:00', :seq,"
                    " lower(:name), '', '')"
                ),
                {"id": cid, "acc": f"A{seq:05d}", "name": name, "seq": seq},
            )
    engine.dispose()


def test_an_upgraded_desk_finds_its_customers_the_new_ways(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _older_cache(path)
    database = open_cache(path)  # migrates to the head
    try:
        queries = SqlAlchemyCustomerQueries(database.reader)
        assert [m.id for m in queries.search("Жанна Соколова")] == ["c1"]
        assert [m.id for m in queries.search("понмараев семен")] == ["c2"]
        assert [m.id for m in queries.search("ctvty")] == ["c2"]  # "семен" typed with QWERTY
    finally:
        database.dispose()


def test_the_downgrade_leaves_one_deletion_from_whole_keys(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    open_cache(path).dispose()
    _older_cache_customers_at_head(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.downgrade(_config(connection), "0032_knowledge")
        rows = connection.execute(text("SELECT variant, word FROM lookup_deletes")).all()
    engine.dispose()
    assert rows and all(len(word) >= 4 for _, word in rows)
    assert all(v == w or (len(v) == len(w) - 1 and _one_deletion(v, w)) for v, w in rows)
    assert ("sokolva", "sokolova") in rows


def _older_cache_customers_at_head(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO customers (id, account_number, full_name, phones, emails, branch,"
            " notes, created_at, updated_at, seq, name_fold, emails_fold, phone_digits)"
            " VALUES ('c1', 'A1', 'Janna Sokolova', '[]', '[]', 'Leeds', '',"
            " '2024-03-01 09:30:00', '2024-03-01 09:30:00', 1, '', '', '')"
        ))  # fmt: skip
        rebuild_index(connection)
    engine.dispose()


def _one_deletion(variant: str, word: str) -> bool:
    return any(word[:i] + word[i + 1 :] == variant for i in range(len(word)))
