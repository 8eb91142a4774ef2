"""Headless product commands of ``frontdesk`` (wired in by ``frontdesk.cli``).

    frontdesk product search TEXT [--category CODE] [--limit N] [--language en|ru] [--json]
    frontdesk product show SKU|BARCODE [--language en|ru] [--json]

Both read the desk's cache: they answer offline. ``search`` finds an exact SKU or barcode
first, then products by the words of their names and descriptions in any language (a typo
and either script allowed); ``--category`` keeps a category and everything under it, and
with an empty TEXT lists it. Like ``lookup``, a search with no match exits 1. ``show`` prints
the product card: the desk's branch's price today, stock per branch (less this desk's
unsynced sales, with the time each figure was true, stale ones marked), literature and what
its buyers also bought. ``--json``: ``search`` prints one object per product per line,
``show`` one object.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from frontdesk.services.errors import FrontdeskError

if TYPE_CHECKING:
    from frontdesk.config import Settings
    from frontdesk.services.catalogue.desk import DeskCatalogue
    from frontdesk.services.catalogue.ports import ProductCard, StockLine

EXIT_OK, EXIT_FAILED = 0, 1


class UnknownProduct(FrontdeskError):
    """No product at this desk has that SKU or barcode."""


def add_parsers(sub: Any) -> None:
    product = sub.add_parser("product", help="find products, show a product's card")
    actions = product.add_subparsers(dest="action", required=True)
    search = actions.add_parser("search", help="products by SKU, barcode or words")
    search.add_argument("text", help="a SKU, a barcode, or words of a name or description")
    search.add_argument("--category", help="a category's code (its subcategories too)")
    search.add_argument("--limit", type=int, default=50)
    show = actions.add_parser("show", help="a product's card: price, stock, literature")
    show.add_argument("code", help="the product's SKU or a barcode")
    for parser in (search, show):
        parser.add_argument("--language", choices=("en", "ru"), default="en")
        parser.add_argument("--json", action="store_true", help="machine-readable output")


def product_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    from frontdesk.bootstrap import build_client

    client = build_client(settings)
    try:
        desk = client.catalogue(language=args.language)
        return _search(args, desk, io) if args.action == "search" else _show(args, desk, io)
    finally:
        client.close()


def _search(args: argparse.Namespace, desk: DeskCatalogue, io: Any) -> int:
    rows = desk.search(args.text, category=args.category, limit=max(args.limit, 1))
    for row in rows:
        if args.json:
            printed = {"sku": row.sku, "name": row.name, "category": row.category,
                       "unit": row.unit, "status": row.status}  # fmt: skip
            io.say(json.dumps(printed, ensure_ascii=False))
        else:
            io.say(f"{row.sku}\t{row.name}\t{row.category}\t{row.status}")
    return EXIT_OK if rows else EXIT_FAILED


def _show(args: argparse.Namespace, desk: DeskCatalogue, io: Any) -> int:
    card = desk.card(args.code.strip())
    if card is None:
        raise UnknownProduct(f"no product {args.code.strip()} at this desk (sync, or check it)")
    if args.json:
        io.say(json.dumps(card_json(card), ensure_ascii=False))
        return EXIT_OK
    for line in card_lines(card):
        io.say(line)
    return EXIT_OK


def card_json(card: ProductCard) -> dict[str, Any]:
    product = card.product
    return {
        "sku": product.sku,
        "name": card.name,
        "description": card.description,
        "category_path": list(card.category_path),
        "unit": product.unit,
        "status": product.status,
        "replacement_sku": product.replacement_sku,
        "barcodes": list(product.barcodes),
        "attributes": dict(product.attributes),
        "branch": card.branch,
        "day": card.day.isoformat(),
        "price": None if card.price is None else
                 {"amount": card.price.text, "currency": card.price.currency.code},
        "stock": [_stock_json(line) for line in card.stock],
        "literature": [{"title": link.title, "url": link.url, "article_id": link.article_id}
                       for link in product.literature],
        "also_bought": [{"sku": a.sku, "name": a.name, "customers": a.customers}
                        for a in card.also_bought],
        "thumbnail_bytes": len(product.thumbnail or b""),
    }  # fmt: skip


def _stock_json(line: StockLine) -> dict[str, Any]:
    return {
        "branch": line.branch,
        "available": _decimal(line.available),
        "on_hand": _decimal(line.on_hand),
        "reserved": _decimal(line.reserved),
        "unsynced_sold": _decimal(line.unsynced),
        "incoming": _decimal(line.incoming),
        "incoming_on": line.incoming_on.isoformat() if line.incoming_on else None,
        "as_of": line.as_of.isoformat(),
        "stale": line.stale,
    }


def _decimal(value: Any) -> str:
    """A quantity without the storage's trailing zeros (``20``, ``0.25``)."""
    return f"{Decimal(value).normalize():f}"


def card_lines(card: ProductCard) -> list[str]:
    product = card.product
    price = "not sold here today" if card.price is None else str(card.price)
    lines = [f"{product.sku}\t{card.name}\t{' / '.join(card.category_path)}",
             f"  price at {card.branch or '?'} on {card.day:%Y-%m-%d}: {price}",
             f"  status: {product.status}" + (f", replaced by {product.replacement_sku}"
                                              if product.replacement_sku else "")]  # fmt: skip
    for line in card.stock:
        incoming = f", {line.incoming:f} incoming on {line.incoming_on}" if line.incoming else ""
        stale = " (stale)" if line.stale else ""
        lines.append(f"  {line.available:f} at {line.branch}{incoming}"
                     f" as of {line.as_of:%Y-%m-%d %H:%M} UTC{stale}")  # fmt: skip
    lines += [f"  literature: {link.title} {link.url or link.article_id}"
              for link in product.literature]  # fmt: skip
    lines += [f"  also bought: {a.sku} {a.name}" for a in card.also_bought]
    return lines


COMMANDS = {"product": product_command}
