"""``frontdesk-server import categories|products|prices|stock FILE [--json]``."""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.money import Currency
from frontdesk.server.catalogue.files import KINDS
from frontdesk.server.catalogue.imports import import_catalogue
from frontdesk.server.catalogue.report import CatalogueImportReport

__all__ = ["KINDS", "add_import_parsers", "render", "run_import"]

_HELP = {
    "categories": "the category tree: CSV code,parent,name_en,name_ru or JSON (CategoryIn)",
    "products": "products by SKU: CSV sku,name_en,name_ru,description_en,description_ru,"
    "category,unit,barcodes,status,replacement_sku,attributes or JSON (ProductIn)",
    "prices": "price rows: CSV sku,currency,unit_price,branch,valid_from,valid_until or JSON",
    "stock": "stock figures: CSV sku,branch,warehouse,on_hand,reserved,incoming,incoming_on,"
    "as_of or JSON (StockRowIn); a stored newer figure is kept",
}


def add_import_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for kind in KINDS:
        parser = sub.add_parser(kind, help=f"{_HELP[kind]} (docs/catalogue.md)")
        parser.add_argument("file", help="a .csv or .json file (.xz compressed too)")
        parser.add_argument("--json", action="store_true", help="print the ImportResult JSON")
        if kind == "products":
            parser.add_argument(
                "--currency",
                default="GBP",
                help="the list price currency of a product that has no price yet (default GBP)",
            )


def run_import(factory: sessionmaker[Session], args: argparse.Namespace) -> CatalogueImportReport:
    currency = Currency.of(getattr(args, "currency", "GBP")).code
    return import_catalogue(factory, args.kind, args.file, currency=currency)


def render(report: CatalogueImportReport, *, as_json: bool) -> str:
    return report.result().model_dump_json() if as_json else report.summary()
