"""The catalogue in the pull: an imported product reaches a desk with its barcodes, its price
rows and every branch's stock; a stock update is a new change after the desk's cursor.

Real app (TestClient) on SQLite and PostgreSQL; the catalogue imported as the CLI does.
"""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol import PullPage
from frontdesk.server.catalogue.imports import import_catalogue
from frontdesk.server.users import add_user

PULL = "/api/v1/sync/pull"
FILES = {
    "categories": "code,parent,name_en,name_ru\nkitchen,,Kitchen,Кухня\nmugs,kitchen,Mugs,Кружки\n",
    "products": "sku,name_en,name_ru,description_en,category,unit,barcodes,attributes\n"
    "M1,Red mug,Красная кружка,Stoneware,mugs,piece,4006381333931|036000291452,colour=red\n",
    "prices": "sku,currency,unit_price,branch,valid_from,valid_until\n"
    "M1,GBP,4.5,,2024-01-01,\nM1,GBP,3.995,Leeds,2024-12-01,2024-12-07\n",
    "stock": "sku,branch,warehouse,on_hand,reserved,incoming,incoming_on,as_of\n"
    "M1,Leeds,main,12,1,40,2024-12-12,2024-03-01T10:42:00Z\n"
    "M1,York,back,2.5,,,,2024-03-01T10:42:00Z\n",
}


def _import(factory: sessionmaker[Session], tmp_path: Path) -> None:
    for kind, text in FILES.items():
        path = tmp_path / f"{kind}.csv"
        path.write_text(text, encoding="utf-8")
        report = import_catalogue(factory, kind, path)
        assert report.refused == 0, report.summary()


def _pull(client: TestClient, headers: dict, cursor: int = 0) -> PullPage:
    answer = client.get(PULL, params={"cursor": cursor}, headers=headers)
    assert answer.status_code == 200, answer.text
    return PullPage.model_validate_json(answer.content)


def test_an_imported_product_reaches_a_desk_with_barcodes_prices_and_stock(
    client: TestClient, auth_headers: dict, server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    _import(server_factory, tmp_path)

    page = _pull(client, auth_headers)

    [mug] = page.products
    assert (mug.sku, mug.name, mug.category, mug.category_code) == ("M1", "Red mug", "Mugs", "mugs")
    assert mug.names == {"en": "Red mug", "ru": "Красная кружка"}
    assert mug.descriptions == {"en": "Stoneware"}
    assert mug.barcodes == ["0036000291452", "4006381333931"]
    assert (mug.attributes, mug.unit, mug.status) == ({"colour": "red"}, "piece", "active")
    assert (mug.unit_price, mug.currency) == ("4.50", "GBP")  # today's company-wide price
    assert [(c.code, c.parent, c.names["ru"]) for c in page.categories] == [
        ("kitchen", None, "Кухня"), ("mugs", "kitchen", "Кружки")]  # fmt: skip
    prices = {(p.branch, p.unit_price, str(p.valid_from), str(p.valid_until)) for p in page.prices}
    assert prices == {(None, "4.50", "2024-01-01", "None"),
                      ("Leeds", "3.995", "2024-12-01", "2024-12-07")}  # fmt: skip
    stock = {(s.branch, s.warehouse): (s.on_hand, s.reserved, s.incoming) for s in page.stock}
    assert stock == {("Leeds", "main"): ("12", "1", "40"), ("York", "back"): ("2.5", "0", "0")}
    assert page.stock[0].as_of.isoformat() == "2024-03-01T10:42:00+00:00"


def test_a_stock_update_is_a_new_change_after_the_desks_cursor(
    client: TestClient, auth_headers: dict, server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    _import(server_factory, tmp_path)
    cursor = _pull(client, auth_headers).cursor
    add_user(server_factory, username="ada", password="a long enough pass", role="admin")
    login = client.post("/api/v1/auth/login",
                        json={"username": "ada", "password": "a long enough pass"})  # fmt: skip
    admin = {"Authorization": f"Bearer {login.json()['access_token']}"}
    row = {"sku": "M1", "branch": "York", "warehouse": "back", "on_hand": "1",
           "as_of": "2024-03-01T11:00:00Z"}  # fmt: skip

    assert client.put("/api/v1/stock", json={"rows": [row]}, headers=admin).json()["applied"] == 1

    page = _pull(client, auth_headers, cursor)
    assert [(s.branch, s.on_hand) for s in page.stock] == [("York", "1")]
    assert (page.products, page.prices, page.categories) == ([], [], [])
    assert _pull(client, auth_headers, page.cursor).stock == []
