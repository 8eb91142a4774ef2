"""``frontdesk-server import orders FILE [--json]``."""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.catalogue.report import CatalogueImportReport
from frontdesk.server.orders.imports import import_orders

KIND = "orders"


def add_import_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        KIND,
        help="orders by number: CSV one row per line, the order's columns repeated "
        "(number,channel,customer_id,branch,currency,total,payment_state,status,promised_on,"
        "carrier,tracking_number,placed_at,line_no,sku,description,quantity,unit_price,"
        "line_total) or JSON (OrderIn); a number stored with the same content is unchanged "
        "(docs/orders.md)",
    )
    parser.add_argument("file", help="a .csv or .json file (.xz compressed too)")
    parser.add_argument("--json", action="store_true", help="print the ImportResult JSON")


def run_import(factory: sessionmaker[Session], args: argparse.Namespace) -> CatalogueImportReport:
    return import_orders(factory, args.file)
