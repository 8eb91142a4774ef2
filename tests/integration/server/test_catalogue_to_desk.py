"""The catalogue from the server's import to a desk's Products page: imported files, pulled
by the real app (TestClient, SQLite and PostgreSQL) into a real desk cache, then found by a
misspelt word and by a scan, priced for the desk's branch, and its stock shown per branch."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.domain.money import UnitPrice
from frontdesk.protocol import PullPage
from frontdesk.server.catalogue.imports import import_catalogue
from frontdesk.services.catalogue.desk import DeskCatalogue

FILES = {
    "categories": "code,parent,name_en,name_ru\nkitchen,,Kitchen,Кухня\nmugs,kitchen,Mugs,Кружки\n",
    "products": "sku,name_en,name_ru,description_en,category,unit,barcodes\n"
    "M1,Enamel mug,Эмалированная кружка,Stoneware,mugs,piece,4006381333931|036000291452\n"
    "K2,Kettle,Чайник,Whistling,kitchen,piece,\n",
    "prices": "sku,currency,unit_price,branch,valid_from,valid_until\n"
    "M1,GBP,4.5,,2024-01-01,\nM1,GBP,3.995,Leeds,2024-12-01,2024-12-07\n",
    "stock": "sku,branch,warehouse,on_hand,reserved,incoming,incoming_on,as_of\n"
    "M1,Leeds,main,12,1,40,2024-12-12,2024-12-03T10:42:00Z\n"
    "M1,York,back,2.5,,,,2024-12-03T10:42:00Z\n",
}
NOW = datetime(2024, 12, 3, 12, 0, tzinfo=UTC)


def test_an_imported_catalogue_is_found_priced_and_stocked_at_a_desk(
    client: TestClient, auth_headers: dict, server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    for kind, text in FILES.items():
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        assert import_catalogue(server_factory, kind, path).refused == 0
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    try:
        _pull_into(database, client, auth_headers)
        desk = DeskCatalogue(SqlAlchemyCatalogue(database.reader), clock=lambda: NOW)
        assert [row.sku for row in desk.search("enamle")] == ["M1"]  # a typo
        assert [row.sku for row in desk.search("кружка")] == ["M1"]
        assert {row.sku for row in desk.search("", category="kitchen")} == {"K2", "M1"}
        card = desk.card("036000291452")  # UPC-A, as a US scanner reads it
        assert card.product.sku == "M1" and card.category_path == ("Kitchen", "Mugs")
        assert card.price == UnitPrice.of("3.995", "GBP")  # Leeds' own price this week
        assert desk.price("M1", day=date(2024, 12, 8)) == UnitPrice.of("4.5", "GBP")
        assert [(s.branch, s.available, s.incoming) for s in card.stock] == [
            ("Leeds", 11, 40), ("York", 2.5, 0)]  # fmt: skip
    finally:
        database.dispose()


def _pull_into(database, client: TestClient, headers: dict) -> None:
    uow = SqlAlchemyUnitOfWork(database.writer)
    cursor, more = 0, True
    while more:
        answer = client.get("/api/v1/sync/pull", params={"cursor": cursor}, headers=headers)
        assert answer.status_code == 200, answer.text
        page = PullPage.model_validate_json(answer.content)
        with uow:
            uow.replica.apply(page)
            uow.sync_state.advance(page.cursor, pulled_at=NOW)
            uow.sync_state.keep_case_desk(case_prefix="D1", branch="Leeds")
            uow.commit()
        cursor, more = page.cursor, page.has_more
