"""Cache revision 0032_knowledge: its tables match their models; a downgrade drops them and
the index, and the upgrade brings them back empty."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, inspect

import frontdesk.adapters.cache.knowledge.tables  # noqa: F401 (the models in the metadata)
from frontdesk.adapters.cache.database import MIGRATIONS
from frontdesk.adapters.cache.tables import Base

MODELLED = ("'kb_articles'", "'kb_links'", "'kb_documents'", "ix_kb_")
INDEX = {"kb_fts", "kb_title_fts", "kb_vocab", "kb_title_vocab"}


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def test_the_kb_tables_match_their_models(cache_db) -> None:
    with cache_db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in diff if any(name in repr(d) for name in MODELLED)] == []


def test_the_downgrade_drops_the_knowledge_base_and_the_upgrade_brings_it_back(cache_db) -> None:
    with cache_db.engine.begin() as connection:
        command.downgrade(_config(connection), "0031_purchase_quantity")
        names = set(inspect(connection).get_table_names())
        assert not any(n.startswith("kb_") for n in names) and "purchase_lines" in names
        command.upgrade(_config(connection), "heads")
        names = set(inspect(connection).get_table_names())
        assert {"kb_articles", "kb_links", "kb_documents"} | INDEX <= names
