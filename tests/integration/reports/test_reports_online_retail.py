"""Sales figures on the real UCI Online Retail data against revenue per month and per
country computed here straight from the CSV (a twentieth of its invoices, whole).

The data lives next to the repository (``../shared/data``); where it is absent the test is
skipped with the reason.
"""

from __future__ import annotations

import csv
import lzma
import zlib
from collections import defaultdict
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.importers import import_online_retail
from frontdesk.server.reporting import engine
from frontdesk.server.reporting.export import export
from frontdesk.server.reporting.relations import Window

DATA_FILE = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "online_retail.csv.xz"
LONDON = ZoneInfo("Europe/London")
EVERY = Window(date(2010, 12, 1), date(2011, 12, 31))


@pytest.fixture
def sample_csv(tmp_path: Path) -> Path:
    if not DATA_FILE.is_file():
        pytest.skip(f"the UCI Online Retail file is not at {DATA_FILE.resolve()}")
    path = tmp_path / "sample.csv"
    with lzma.open(DATA_FILE, "rt", encoding="utf-8", newline="") as source, \
            path.open("w", encoding="utf-8", newline="") as target:  # fmt: skip
        rows = csv.reader(source)
        writer = csv.writer(target)
        writer.writerow(next(rows))
        writer.writerows(r for r in rows if zlib.crc32(r[0].encode()) % 20 == 0)
    return path


def _expected(path: Path) -> tuple[int, dict[str, Decimal], dict[str, Decimal]]:
    """Lines kept, and revenue (sales less returns) by month and by country."""
    kept, months, countries = 0, defaultdict(Decimal), defaultdict(Decimal)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            quantity, price = int(row["Quantity"]), Decimal(row["UnitPrice"])
            is_return = row["InvoiceNo"].startswith("C")
            if quantity == 0 or price < 0 or (quantity < 0) != is_return:
                continue
            kept += 1
            total = (price * quantity).quantize(Decimal("0.01"), ROUND_HALF_UP)
            at = datetime.fromisoformat(row["InvoiceDate"]).replace(tzinfo=LONDON)
            months[at.astimezone(ZoneInfo("UTC")).strftime("%Y-%m")] += total
            countries[row["Country"].strip()] += total
    return kept, dict(months), dict(countries)


def _net(factory: sessionmaker[Session], by: str, folder: Path) -> dict[str, Decimal]:
    with factory() as session:
        result = engine.run(session, "sales", window=EVERY, by=(by,), folder=folder)
    net = [c.name for c in result.columns].index("net")
    return {row[0]: row[net] for row in result.rows}


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_revenue_by_month_and_country_matches_the_csv(
    server_factory: sessionmaker[Session], sample_csv: Path, tmp_path: Path
) -> None:
    kept, months, countries = _expected(sample_csv)
    report = import_online_retail(server_factory, sample_csv)
    assert report.lines_imported == kept > 20_000
    assert len(months) == 13 and len(countries) >= 20
    from_database = _net(server_factory, "month", tmp_path / "nothing-exported")
    export(server_factory, tmp_path / "feed")
    assert _net(server_factory, "month", tmp_path / "feed") == from_database == months
    assert _net(server_factory, "branch", tmp_path / "feed") == countries
    with server_factory() as session:  # every figure of the daily rollups, as the rows give it
        for by in (("month",), ("branch", "week"), ("day", "kind")):
            fast = engine.run(session, "sales", window=EVERY, by=by, folder=tmp_path / "feed")
            slow = engine.run(session, "sales", window=EVERY, by=by, folder=tmp_path / "feed",
                              rollups=False)  # fmt: skip
            assert fast.rows == slow.rows and len(fast.rows) >= 13
