"""``import categories|products|prices|stock``: CSV and JSON files as an ERP exports them,
bad rows refused by row and field, the rest imported, a re-import writing nothing.

Real SQLite and PostgreSQL (``server_factory``).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.catalogue.imports import import_catalogue
from frontdesk.server.catalogue.models import Category, Price, ProductBarcode, Stock
from frontdesk.server.cli import main
from frontdesk.server.importers.common import ImportFileError
from frontdesk.server.models import ChangeCounter, Product

CATEGORIES = """code,parent,name_en,name_ru
kitchen,,Kitchen,Кухня
mugs,kitchen,Mugs,Кружки
loop1,loop2,Loop one,
loop2,loop1,Loop two,
orphan,nowhere,Orphan,
"""
PRODUCTS = """sku,name_en,name_ru,description_en,category,unit,barcodes,status,replacement_sku,\
attributes
M1,Red mug,Красная кружка,A red mug,mugs,piece,4006381333931|036000291452,active,,colour=red|size=M
M2,Blue mug,,,mugs,,4006381333931,,,
M3,Bad code,,,mugs,,4006381333932,,,
M4,Old mug,,,mugs,,,discontinued,M1,
M5,Nowhere,,,nocat,,,,,
M1,Red mug again,,,mugs,,,,,
"""
PRICES = """sku,currency,unit_price,branch,valid_from,valid_until
M1,GBP,4.50,,2024-01-01,
M1,GBP,3.99,Leeds,2024-01-01,2099-12-31
M1,GBP,4.60,,2024-01-01,
ZZ,GBP,1,,2024-01-01,
M4,GBP,1.23,,2024-02-01,2024-01-01
"""
STOCK = """sku,branch,warehouse,on_hand,reserved,incoming,incoming_on,as_of
M1,Leeds,main,12,1,40,2024-12-12,2024-03-01T10:42:00+00:00
M1,York,main,3.5,,,,2024-03-01T10:42:00+03:00
ZZ,York,main,3,,,,2024-03-01T10:42:00+00:00
M1,York,main,4,,,,2024-03-01T10:42:00+00:00
"""


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _import_all(factory: sessionmaker[Session], tmp_path: Path) -> dict[str, object]:
    return {
        kind: import_catalogue(factory, kind, _file(tmp_path, f"{kind}.csv", text))
        for kind, text in (("categories", CATEGORIES), ("products", PRODUCTS),
                           ("prices", PRICES), ("stock", STOCK))
    }  # fmt: skip


def _counter(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalar(select(ChangeCounter.value))


def _problems(report) -> list[tuple[int, str]]:
    return [(p.row, p.field) for p in report.problems]


def test_each_bad_row_is_refused_by_row_and_field_and_the_rest_imported(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    reports = _import_all(server_factory, tmp_path)

    assert _problems(reports["categories"]) == [(4, "parent"), (5, "parent"), (6, "parent")]
    assert "loop" in reports["categories"].problems[0].message
    assert _problems(reports["products"]) == [
        (3, "barcodes"), (4, "barcodes.0"), (6, "category"), (7, "sku")]  # fmt: skip
    taken = reports["products"].problems[0].message
    assert "4006381333931" in taken and "'M1'" in taken and "'M2'" in taken
    assert "check digit" in reports["products"].problems[1].message
    assert _problems(reports["prices"]) == [(4, "valid_from"), (5, "sku"), (6, "row")]
    assert _problems(reports["stock"]) == [(4, "sku"), (5, "sku")]
    with server_factory() as session:
        m1 = session.get(Product, "M1")
        assert (m1.name, m1.names) == ("Red mug", {"en": "Red mug", "ru": "Красная кружка"})
        assert (m1.category, m1.category_code, m1.unit) == ("Mugs", "mugs", "piece")
        assert m1.attributes == {"colour": "red", "size": "M"}
        # The company-wide price of today is the product's list entry.
        assert (m1.unit_price_scaled, m1.currency) == (450000, "GBP")
        codes = session.scalars(select(ProductBarcode.code).where(ProductBarcode.sku == "M1"))
        assert sorted(codes) == ["0036000291452", "4006381333931"]  # UPC-A as EAN-13
        m4 = session.get(Product, "M4")
        assert (m4.status, m4.replacement_sku, m4.unit_price_scaled) == ("discontinued", "M1", 0)
        leeds = session.scalars(select(Price).where(Price.branch == "Leeds")).one()
        assert (leeds.unit_price_scaled, leeds.valid_until) == (399000, date(2099, 12, 31))
        york = session.get(Stock, ("M1", "York", "main"))
        assert york.on_hand_milli == 3500
        assert york.as_of == datetime(2024, 3, 1, 7, 42, tzinfo=UTC)
        leeds_stock = session.get(Stock, ("M1", "Leeds", "main"))
        assert (leeds_stock.reserved_milli, leeds_stock.incoming_milli) == (1000, 40000)
        assert leeds_stock.incoming_on == date(2024, 12, 12)


def test_importing_the_same_files_again_writes_nothing(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    _import_all(server_factory, tmp_path)
    before = _counter(server_factory)

    again = _import_all(server_factory, tmp_path)

    assert _counter(server_factory) == before  # not even a change number
    assert {kind: (r.created, r.updated) for kind, r in again.items()} == {
        kind: (0, 0) for kind in again
    }
    assert [again[k].unchanged for k in ("categories", "products", "prices", "stock")] == [
        2, 2, 2, 2]  # fmt: skip


def test_a_changed_row_takes_a_new_change_number_and_untouched_fields_stay(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    _import_all(server_factory, tmp_path)
    with server_factory() as session:
        old_seq = session.get(Product, "M1").change_seq
    change = "sku,name_ru,barcodes\nM1,Алая кружка,4006381333931\n"

    report = import_catalogue(server_factory, "products", _file(tmp_path, "p2.csv", change))

    assert (report.updated, report.unchanged, report.refused) == (1, 0, 0)
    with server_factory() as session:
        m1 = session.get(Product, "M1")
        assert m1.change_seq > old_seq
        assert m1.names == {"ru": "Алая кружка"}  # the row's names replace the stored ones
        assert m1.attributes == {"colour": "red", "size": "M"}  # no column: left alone
        codes = session.scalars(select(ProductBarcode.code).where(ProductBarcode.sku == "M1"))
        assert list(codes) == ["4006381333931"]
    # The dropped UPC code is free for another product now.
    take = "sku,name_en,barcodes\nM2,Blue mug,036000291452\n"
    assert import_catalogue(server_factory, "products", _file(tmp_path, "p3.csv", take)).created


def test_json_files_take_the_protocol_models(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    categories = [{"code": "tea", "names": {"en": "Tea"}}]
    products = [
        {"sku": "T1", "names": {"en": "Teapot"}, "category": "tea",
         "literature": [{"title": "Care guide", "url": "https://example.org/care.pdf"}],
         "thumbnail": "iVBORw0KGgo="},
        {"sku": "T2", "names": {}},
        "not an object",
    ]  # fmt: skip
    stock = [{"sku": "T1", "branch": "Leeds", "warehouse": "main", "on_hand": "2",
              "as_of": "2024-03-01T10:00:00Z"}]  # fmt: skip
    for kind, items in (("categories", categories), ("products", products), ("stock", stock)):
        path = _file(tmp_path, f"{kind}.json", json.dumps(items))
        report = import_catalogue(server_factory, kind, path)
        assert report.created == 1, report.summary()
    assert _problems(report) == []
    report = import_catalogue(server_factory, "products", tmp_path / "products.json")
    assert _problems(report) == [(2, "names"), (3, "row")]
    with server_factory() as session:
        teapot = session.get(Product, "T1")
        assert teapot.literature == [
            {"title": "Care guide", "article_id": None, "url": "https://example.org/care.pdf"}
        ]
        assert teapot.thumbnail == "iVBORw0KGgo="
        assert session.scalar(select(func.count()).select_from(Category)) == 1


def test_a_late_stock_file_never_rolls_stock_back(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    _import_all(server_factory, tmp_path)
    late = "sku,branch,warehouse,on_hand,as_of\nM1,Leeds,main,99,2024-02-01T00:00:00Z\n"

    report = import_catalogue(server_factory, "stock", _file(tmp_path, "late.csv", late))

    assert (report.stale, report.updated) == (1, 0)
    with server_factory() as session:
        assert session.get(Stock, ("M1", "Leeds", "main")).on_hand_milli == 12000


def test_a_wrong_header_is_refused_before_anything_is_written(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    path = _file(tmp_path, "prices.csv", "sku,currency,price\nM1,GBP,1\n")
    with pytest.raises(ImportFileError, match="required column 'unit_price' is missing"):
        import_catalogue(server_factory, "prices", path)
    assert _counter(server_factory) == 0


def test_the_command_prints_a_summary_or_the_import_result(
    migrated_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _file(tmp_path, "categories.csv", CATEGORIES)

    assert main(["--db", migrated_url, "import", "categories", str(path)]) == 0
    assert "created:    2" in capsys.readouterr().out
    assert main(["--db", migrated_url, "import", "categories", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["created"], result["unchanged"]) == (0, 2)
    assert [(p["row"], p["field"]) for p in result["refused"]] == [
        (4, "parent"), (5, "parent"), (6, "parent")]  # fmt: skip
