"""``import_online_retail`` on a small hand-written file: every mapping rule, every bad row."""

from __future__ import annotations

import csv
import lzma
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.importers import ImportFileError, import_online_retail
from frontdesk.server.importers import online_retail as online_retail_module
from frontdesk.server.importers import retail_rows as r
from frontdesk.server.importers.categories import CHARGES, GENERAL, GIFT_VOUCHERS, category_for
from frontdesk.server.importers.common import customer_id_for, purchase_id_for
from frontdesk.server.models import Customer, Product, Purchase, PurchaseLine

HEADER = list(r.COLUMNS)
UK, FRANCE = "United Kingdom", "France"
DEC1 = "2010-12-01"

# Rows that import, in file order. Invoice 536365 is split (its third line comes later).
GOOD = [
    [
        "536365",
        "85123A",
        "WHITE HANGING HEART T-LIGHT HOLDER",
        "6",
        f"{DEC1} 08:26:00",
        "2.55",
        "17850.0",
        UK,
    ],
    ["536365", "71053", "WHITE METAL LANTERN", "6", f"{DEC1} 08:26:00", "3.39", "17850.0", UK],
    ["536366", "22633", "HAND WARMER UNION JACK", "6", f"{DEC1} 08:28:00", "1.85", "", UK],
    ["536367", "POST", "POSTAGE", "1", f"{DEC1} 08:34:00", "18.00", "12583.0", FRANCE],
    [
        "536368",
        "22960",
        "JAM MAKING SET WITH JARS",
        "4",
        f"{DEC1} 08:34:00",
        "0.001",
        "12583.0",
        FRANCE,
    ],
    [
        "536365",
        "21730",
        "GLASS STAR FROSTED T-LIGHT HOLDER",
        "6",
        f"{DEC1} 08:27:00",
        "4.25",
        "17850.0",
        UK,
    ],
    ["536369", "85123A", "", "1", f"{DEC1} 09:00:00", "0", "", UK],
    [
        "C536379",
        "85123A",
        "WHITE HANGING HEART T-LIGHT HOLDER",
        "-2",
        f"{DEC1} 09:41:00",
        "2.55",
        "17850.0",
        UK,
    ],
    ["C536380", "99999", "MYSTERY ITEM", "-1", f"{DEC1} 09:45:00", "1.00", "17850.0", UK],
    ["C536381", "22633", "HAND WARMER UNION JACK", "-1", f"{DEC1} 09:50:00", "1.85", "", UK],
    [
        "550000",
        "22633",
        "HAND WARMER UNION JACK RED",
        "2",
        "2011-06-01 10:00:00",
        "2.10",
        "12583.0",
        FRANCE,
    ],
    [
        "550001",
        "gift_0001_10",
        "Dotcomgiftshop Gift Voucher £10.00",
        "1",
        "2011-06-02 10:00:00",
        "8.51",
        "",
        UK,
    ],
]


def _bad(invoice: str, quantity: str = "1", price: str = "1.00", **changes: str) -> list[str]:
    row = {
        "InvoiceNo": invoice,
        "StockCode": "22000",
        "Description": "SOMETHING",
        "Quantity": quantity,
        "InvoiceDate": f"{DEC1} 10:00:00",
        "UnitPrice": price,
        "CustomerID": "17850.0",
        "Country": UK,
    }
    row.update(changes)
    return list(row.values())


BAD = {
    r.WRONG_COLUMNS: ["536390", "22000", "SHORT ROW"],
    r.BAD_INVOICE: _bad(""),
    r.BAD_SKU: _bad("536391", StockCode=""),
    r.BAD_QUANTITY: _bad("536392", quantity="6.5"),
    r.ZERO_QUANTITY: _bad("536393", quantity="0"),
    r.NEGATIVE_SALE: _bad("536394", quantity="-3"),
    r.POSITIVE_RETURN: _bad("C536395", quantity="3"),
    r.BAD_PRICE: _bad("536396", price="1,50"),
    r.NEGATIVE_PRICE: _bad("A563186", price="-11062.06", StockCode="B"),
    r.PRECISE_PRICE: _bad("536397", price="0.000001"),
    r.BAD_DATE: _bad("536398", InvoiceDate="01/12/2010 10:00"),
    r.BAD_CUSTOMER: _bad("536399", CustomerID="17850.5"),
    r.LONG_DESCRIPTION: _bad("536400", Description="X" * 301),
    r.LONG_COUNTRY: _bad("536401", Country="Y" * 101),
    # A later line of invoice 536365 that names another customer.
    r.OTHER_CUSTOMER: _bad("536365", CustomerID="99999.0"),
    online_retail_module.UNREADABLE: _bad("536402", Description="Z" * 140_000),
}
ROWS_READ = len(GOOD) + len(BAD)


def _write(path: Path, rows: list[list[str]]) -> Path:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "wt", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


@pytest.fixture(params=["retail.csv", "retail.csv.xz"])
def retail_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The good rows with the bad ones interleaved, as plain CSV and as xz."""
    bad = list(BAD.values())
    rows = [*GOOD[:3], *bad[:8], *GOOD[3:9], *bad[8:], *GOOD[9:]]
    return _write(tmp_path / request.param, rows)


@pytest.fixture(params=[10_000, 2], ids=["one-batch", "batches-of-2"])
def batch_rows(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Also run with tiny batches, so invoices are split across transactions."""
    monkeypatch.setattr(online_retail_module, "BATCH_ROWS", request.param)
    return request.param


def test_every_row_is_imported_refused_or_skipped(
    server_factory: sessionmaker[Session], retail_file: Path, batch_rows: int
) -> None:
    report = import_online_retail(server_factory, retail_file)

    assert report.rows_read == ROWS_READ
    assert report.lines_imported == len(GOOD)
    assert report.bad_rows == {reason: 1 for reason in BAD}
    assert report.duplicates_skipped == 0
    assert report.all_rows_accounted
    assert (report.sales, report.returns, report.walk_in) == (7, 3, 4)
    assert (report.returns_linked, report.returns_unlinked) == (1, 2)
    assert (report.customers_created, report.customers_with_purchases) == (2, 2)
    assert report.products_created == 8
    assert (report.invoices_continued > 0) == (batch_rows == 2)
    summary = report.summary()
    assert f"rows read:            {ROWS_READ}" in summary
    assert "every row accounted:  yes" in summary
    assert all(f"{reason}: 1" in summary for reason in BAD)


def test_rows_map_to_customers_products_and_purchases(
    server_factory: sessionmaker[Session], retail_file: Path, batch_rows: int
) -> None:
    import_online_retail(server_factory, retail_file)

    with server_factory() as session:
        customers = {c.account_number: c for c in session.scalars(select(Customer))}
        products = {p.sku: p for p in session.scalars(select(Product))}
        purchases = {p.number: p for p in session.scalars(select(Purchase))}
        lines = {
            number: [
                (line.line_no, line.sku, line.quantity_milli // 1000, line.line_total_minor)
                for line in purchases[number].lines
            ]
            for number in purchases
        }

    assert set(customers) == {"17850", "12583"}
    first = customers["17850"]
    assert (first.id, first.full_name, first.branch) == (customer_id_for("17850"), "", UK)
    assert first.created_at == datetime(2010, 12, 1, 8, 26, tzinfo=UTC)
    assert customers["12583"].branch == FRANCE

    sale = purchases["536365"]
    assert (sale.id, sale.customer_id, sale.is_return) == (
        purchase_id_for("536365"),
        first.id,
        False,
    )
    assert lines["536365"] == [(1, "85123A", 6, 1530), (2, "71053", 6, 2034), (3, "21730", 6, 2550)]
    assert sale.total_minor == 1530 + 2034 + 2550
    assert (sale.currency, sale.branch) == ("GBP", UK)
    # London summer time: 10:00 BST is 09:00 UTC.
    assert purchases["550000"].purchased_at == datetime(2011, 6, 1, 9, 0, tzinfo=UTC)
    # A price of 0.001 is valid; the line total rounds to the penny.
    assert lines["536368"] == [(1, "22960", 4, 0)]

    assert purchases["536366"].customer_id is None  # walk-in
    back = purchases["C536379"]
    assert (back.is_return, back.original_number, back.total_minor) == (True, "536365", -510)
    assert lines["C536379"] == [(1, "85123A", -2, -510)]
    assert purchases["C536380"].original_number is None  # no earlier sale of that SKU
    walk_in_return = purchases["C536381"]
    assert (walk_in_return.customer_id, walk_in_return.original_number) == (None, None)

    # Last non-empty description wins; price is the last positive sale price.
    assert products["85123A"].name == "WHITE HANGING HEART T-LIGHT HOLDER"
    assert products["85123A"].unit_price_scaled == 255_000
    assert products["22633"].name == "HAND WARMER UNION JACK RED"
    assert products["22633"].unit_price_scaled == 210_000
    assert products["22960"].unit_price_scaled == 100
    assert products["POST"].category == CHARGES
    assert products["gift_0001_10"].category == GIFT_VOUCHERS
    assert products["85123A"].category == "Candles & lighting"
    assert products["99999"].category == GENERAL
    assert "22000" not in products  # seen only on bad rows


def test_a_second_import_adds_nothing(
    server_factory: sessionmaker[Session], retail_file: Path, table_counts, batch_rows: int
) -> None:
    first = import_online_retail(server_factory, retail_file)
    before = table_counts()

    again = import_online_retail(server_factory, retail_file)

    assert table_counts() == before  # no rows and no change-sequence numbers
    assert (again.lines_imported, again.duplicates_skipped) == (0, first.lines_imported)
    assert again.bad_rows == first.bad_rows
    assert again.all_rows_accounted
    assert (again.sales, again.returns, again.customers_created, again.products_created) == (
        0,
        0,
        0,
        0,
    )


def test_every_row_carries_a_change_sequence(
    server_factory: sessionmaker[Session], retail_file: Path
) -> None:
    import_online_retail(server_factory, retail_file)

    with server_factory() as session:
        seqs = [
            *session.scalars(select(Customer.change_seq)),
            *session.scalars(select(Product.change_seq)),
            *session.scalars(select(Purchase.change_seq)),
        ]
        assert session.scalars(select(PurchaseLine.purchase_id)).all()
    assert len(seqs) == len(set(seqs)) and min(seqs) >= 1


@pytest.mark.parametrize(
    ("header", "message"),
    [(None, "empty"), (["InvoiceNo", "StockCode", "Quantity"], "unexpected header")],
)
def test_a_file_with_another_layout_is_refused(
    server_factory: sessionmaker[Session], tmp_path: Path, table_counts, header, message
) -> None:
    path = tmp_path / "other.csv"
    path.write_text("" if header is None else ",".join(header) + "\n1,2,3\n", encoding="utf-8")

    with pytest.raises(ImportFileError, match=message):
        import_online_retail(server_factory, path)
    assert table_counts()["purchases"] == 0


def test_a_missing_file_is_a_clear_error(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        import_online_retail(server_factory, tmp_path / "absent.csv.xz")


@pytest.mark.parametrize(
    ("sku", "description", "category"),
    [
        ("M", "Manual", CHARGES),
        ("m", "Manual", CHARGES),
        ("BANK CHARGES", "Bank Charges", CHARGES),
        ("AMAZONFEE", "AMAZON FEE", CHARGES),
        ("gift_0001_20", "Dotcomgiftshop Gift Voucher £20.00", GIFT_VOUCHERS),
        ("85099B", "JUMBO BAG RED RETROSPOT", "Bags & storage"),
        ("84879", "ASSORTED COLOUR BIRD ORNAMENT", "Home decor"),
        ("22423", "REGENCY CAKESTAND 3 TIER", "Kitchen & dining"),
        ("22086", "PAPER CHAIN KIT 50'S CHRISTMAS", "Christmas & seasonal"),
        ("47566", "PARTY BUNTING", "Party & celebration"),
        ("21212", "PACK OF 72 RETROSPOT CAKE CASES", "Kitchen & dining"),
        ("90000", "", GENERAL),
        ("90001", "RETROSPOT PAISLEY", GENERAL),
    ],
)
def test_category_comes_from_service_code_or_head_noun(sku, description, category) -> None:
    assert category_for(sku, description) == category


def test_batches_end_where_an_invoice_ends_and_stay_bounded() -> None:
    rows = [SimpleNamespace(invoice=number) for number in "AAABBBBBBBBBBC"]

    batches = list(online_retail_module._invoice_batches(iter(rows), 2))

    assert ["".join(row.invoice for row in batch) for batch in batches] == [
        "AAA",
        "BBBB",
        "BBBB",
        "BB",
        "C",
    ]
