"""Writing products by SKU: the fields a row gives replace the stored ones, the others stay.

A product's category must be stored (import the categories first). A barcode belongs to one
product: a row listing a code another product holds is refused, naming both. A product
created here has no price yet: its list entry (``unit_price``, what purchases and cross-sell
show) is 0 in the import's currency until a price import gives it one (prices.py).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import delete, insert, update

from frontdesk.domain.errors import ValidationError
from frontdesk.protocol.catalogue import ProductIn
from frontdesk.server.catalogue.models import Category, ProductBarcode
from frontdesk.server.catalogue.report import ImportContext, Parsed
from frontdesk.server.db import allocate_seq
from frontdesk.server.importers.common import LOOKUP_CHUNK, batched, fetch_in
from frontdesk.server.models import Product

#: The wire fields stored in a column of the same name.
_PLAIN = ("names", "descriptions", "attributes", "unit", "status", "replacement_sku",
          "thumbnail", "literature")  # fmt: skip
_COMPARED = ("name", "category", "category_code", *_PLAIN)


def write(context: ImportContext, parsed: list[Parsed]) -> None:
    _Batch(context, parsed).write()


class _Batch:
    """One batch of product rows, upserted in one transaction."""

    def __init__(self, context: ImportContext, parsed: list[Parsed]) -> None:
        self.context, self.session, self.report = context, context.session, context.report
        self.parsed = self._first_of_each_sku(parsed)
        skus = [entry.item.sku for entry in self.parsed]
        columns = [Product.sku, Product.change_seq, *(Product.__table__.c[n] for n in _COMPARED)]
        self.stored = {
            row.sku: row._asdict() for row in fetch_in(self.session, columns, key=Product.sku,
                                                       values=skus)
        }  # fmt: skip
        self.codes: dict[str, set[str]] = defaultdict(set)
        for code, sku in fetch_in(self.session, (ProductBarcode.code, ProductBarcode.sku),
                                  key=ProductBarcode.sku, values=skus):  # fmt: skip
            self.codes[sku].add(code)
        listed = {code for entry in self.parsed for code in entry.item.barcodes}
        self.owners: dict[str, str] = dict(fetch_in(  # type: ignore[arg-type]
            self.session, (ProductBarcode.code, ProductBarcode.sku), key=ProductBarcode.code,
            values=listed))  # fmt: skip
        wanted = {entry.item.category for entry in self.parsed if entry.item.category}
        self.categories: dict[str, dict[str, str]] = dict(
            fetch_in(  # type: ignore[arg-type]
                self.session, (Category.code, Category.names), key=Category.code, values=wanted
            )
        )

    def _first_of_each_sku(self, parsed: list[Parsed]) -> list[Parsed]:
        first_row: dict[str, int] = {}
        kept = []
        for entry in parsed:
            sku = entry.item.sku
            if sku in first_row:
                again = f"{sku!r} appears again (first at row {first_row[sku]})"
                self.report.refuse(entry.row, "sku", again)
                continue
            first_row[sku] = entry.row
            kept.append(entry)
        return kept

    def write(self) -> None:
        created, updated, barcodes = [], [], {}
        for entry in self.parsed:
            try:
                row, codes = self._row(entry)
            except ValidationError as error:
                self.report.refuse(entry.row, error.field, error.message)
                continue
            if row is None:
                self.report.unchanged += 1
                continue
            (updated if entry.item.sku in self.stored else created).append(row)
            barcodes[entry.item.sku] = codes
        self._store(created, updated, barcodes)

    def _row(self, entry: Parsed) -> tuple[dict[str, Any] | None, set[str]]:
        """The product's row to write (None: unchanged) and its barcodes."""
        item: ProductIn = entry.item
        old = self.stored.get(item.sku)
        if old is not None and old["change_seq"] > self.context.floor:
            raise ValidationError("sku", f"{item.sku!r} appears twice in the file")
        row = self._merged(item, entry.given, old)
        codes = set(item.barcodes) if "barcodes" in entry.given else self.codes[item.sku]
        self._claim(item.sku, codes)
        same_codes = codes == self.codes[item.sku]
        if old is not None and same_codes and all(row[n] == old[n] for n in _COMPARED):
            return None, codes
        return row, codes

    def _merged(
        self, item: ProductIn, given: frozenset[str], old: dict[str, Any] | None
    ) -> dict[str, Any]:
        values = item.model_dump(mode="json", exclude_none=False)
        base = dict(old) if old else {}
        row = {"sku": item.sku, **{n: base.get(n) for n in _COMPARED}}
        for name in _PLAIN:
            if name in given or old is None:
                row[name] = values[name]
        if "category" in given or old is None:
            row["category_code"] = item.category
            row["category"] = self._category_name(item.category)
        names = row["names"]
        row["name"] = names.get("en") or next(iter(names.values()), "")
        return row

    def _category_name(self, code: str | None) -> str:
        if code is None:
            return ""
        names = self.categories.get(code)
        if names is None:
            raise ValidationError("category", f"no category {code!r} (import the categories first)")
        return (names.get("en") or next(iter(names.values()), code))[:100]

    def _claim(self, sku: str, codes: set[str]) -> None:
        """Hold ``codes`` for ``sku`` in this batch, or refuse the row naming the holder."""
        taken = sorted(code for code in codes if self.owners.get(code, sku) != sku)
        if taken:
            holder = self.owners[taken[0]]
            raise ValidationError(
                "barcodes", f"{taken[0]} is already the barcode of product {holder!r}, not {sku!r}"
            )
        for code in self.codes[sku] - codes:
            self.owners.pop(code, None)
        self.owners.update(dict.fromkeys(codes, sku))

    def _store(
        self,
        created: list[dict[str, Any]],
        updated: list[dict[str, Any]],
        barcodes: dict[str, set[str]],
    ) -> None:
        if not created and not updated:
            return
        first = allocate_seq(self.session, len(created) + len(updated))
        for seq, row in enumerate([*created, *updated], start=first):
            row["change_seq"] = seq
        for row in created:
            row.update(unit_price_scaled=0, currency=self.context.currency)
        self._store_barcodes(barcodes)
        if created:
            self.session.execute(insert(Product.__table__), created)
        if updated:
            self.session.execute(update(Product), updated)
        self._insert_barcodes(barcodes)
        self.report.created += len(created)
        self.report.updated += len(updated)

    def _store_barcodes(self, barcodes: dict[str, set[str]]) -> None:
        """Codes a product no longer lists go first: another row may take them over."""
        gone = [code for sku, codes in barcodes.items() for code in self.codes[sku] - codes]
        for chunk in batched(gone, LOOKUP_CHUNK):
            self.session.execute(delete(ProductBarcode).where(ProductBarcode.code.in_(chunk)))

    def _insert_barcodes(self, barcodes: dict[str, set[str]]) -> None:
        new = [{"code": code, "sku": sku} for sku, codes in barcodes.items()
               for code in sorted(codes - self.codes[sku])]  # fmt: skip
        if new:
            self.session.execute(insert(ProductBarcode.__table__), new)
