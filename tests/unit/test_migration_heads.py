"""Each database's migrations end in exactly one head (``alembic heads`` prints one line).

A second head means two revisions were written against the same parent; the later one
should follow the other (or a merge revision join them) before it lands.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from frontdesk.adapters.cache.database import MIGRATIONS as CACHE_MIGRATIONS
from frontdesk.server.db import MIGRATIONS_DIR as SERVER_MIGRATIONS


@pytest.mark.parametrize("location", [CACHE_MIGRATIONS, SERVER_MIGRATIONS], ids=["cache", "server"])
def test_the_migrations_have_one_head(location: Path) -> None:
    config = Config()
    config.set_main_option("script_location", str(location))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"{location}: {len(heads)} heads {sorted(heads)}"
