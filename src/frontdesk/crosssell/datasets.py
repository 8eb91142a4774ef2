"""Readers for the two public retail data sets used to evaluate and test the package.

Pure stdlib (csv, lzma): the server trains from its database instead; these readers
serve the benchmark and the tests on the real data.
"""

from __future__ import annotations

import csv
import lzma
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from frontdesk.crosssell.purchases import CrossSellError, Purchase

# Real products have a five-digit stock code, sometimes with a variant letter; the rest
# (POST, DOT, M, C2, D, S, BANK CHARGES, AMAZONFEE, gift vouchers, ...) are fees,
# adjustments and samples, not products anyone cross-sells.
_PRODUCT_CODE = re.compile(r"^\d{5}[A-Za-z]*$")
_COLUMNS = ("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "CustomerID")


def read_online_retail(path: str | Path) -> Iterator[tuple[str, Purchase, str]]:
    """Yield (invoice, purchase, description) for each product line of UCI Online Retail.

    Left out: lines without a customer, cancellations (invoice starting with "C"),
    non-positive quantities and non-product codes. The category is the last word of
    the description (the kind of product: HOLDER, BAG, MUG...), the data having none.

    Args:
        path: the CSV file, plain or xz-compressed (name ending in ".xz").
    """
    with _open_text(Path(path)) as handle:
        reader = csv.DictReader(handle)
        _check_header(reader.fieldnames, path=path)
        for row in reader:
            line = _product_line(row)
            if line is not None:
                yield line


def read_baskets(path: str | Path) -> list[list[str]]:
    """Read a basket file (one transaction a line, items separated by commas, no header).

    Item names are kept exactly as written, trailing spaces included, as arules does.
    """
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle) if row]


def _open_text(path: Path):
    if not path.exists():
        raise CrossSellError(f"no such data file: {path}")
    if path.suffix == ".xz":
        return lzma.open(path, "rt", encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


def _check_header(fieldnames, *, path) -> None:
    missing = [name for name in _COLUMNS if name not in (fieldnames or ())]
    if missing:
        raise CrossSellError(f"{path}: not the Online Retail layout, missing columns {missing}")


def _product_line(row: dict[str, str]) -> tuple[str, Purchase, str] | None:
    invoice, code, customer = row["InvoiceNo"], row["StockCode"], row["CustomerID"]
    if not customer or invoice.startswith("C") or not _PRODUCT_CODE.match(code):
        return None
    if float(row["Quantity"]) <= 0:
        return None
    description = row["Description"].strip()
    at = datetime.fromisoformat(row["InvoiceDate"])
    purchase = Purchase(customer.removesuffix(".0"), code.upper(), at, _kind(description))
    return invoice, purchase, description


def _kind(description: str) -> str:
    words = description.split()
    return words[-1] if words else ""
