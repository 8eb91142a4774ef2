"""The report of an Online Retail import: what became of every row of the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from frontdesk.server.importers.common import ImportReport, plural


@dataclass
class RetailImportReport(ImportReport):
    """What ``import_online_retail`` did with every row of the file.

    Every row read is either imported as a purchase line, refused as a bad row (counted
    by reason), or skipped as a duplicate (its purchase existed before this import).
    """

    lines_imported: int = 0
    duplicates_skipped: int = 0
    bad_rows: dict[str, int] = field(default_factory=dict)
    customers_created: int = 0
    customers_with_purchases: int = 0
    products_created: int = 0
    products_updated: int = 0
    sales: int = 0
    returns: int = 0
    walk_in: int = 0
    returns_linked: int = 0
    returns_unlinked: int = 0
    invoices_continued: int = 0

    @property
    def bad_row_total(self) -> int:
        return sum(self.bad_rows.values())

    @property
    def all_rows_accounted(self) -> bool:
        """Rows read = lines imported + bad rows + duplicates skipped."""
        accounted = self.lines_imported + self.bad_row_total + self.duplicates_skipped
        return self.rows_read == accounted

    def count_bad(self, reason: str) -> None:
        self.bad_rows[reason] = self.bad_rows.get(reason, 0) + 1

    def summary(self) -> str:
        lines = [
            f"Imported {self.file} in {self.seconds:.1f} s",
            f"  rows read:            {self.rows_read:,}",
            f"  lines imported:       {self.lines_imported:,}",
            f"  duplicates skipped:   {self.duplicates_skipped:,} (purchase already imported)",
            f"  bad rows:             {self.bad_row_total:,}",
            *(f"    {reason}: {n:,}" for reason, n in sorted(self.bad_rows.items())),
            f"  customers:            {self.customers_created:,} created, "
            f"{self.customers_with_purchases:,} with purchases from this import",
            f"  products:             {self.products_created:,} created, "
            f"{self.products_updated:,} updated",
            f"  purchases:            {self.sales + self.returns:,} created: "
            f"{plural(self.sales, 'sale')}, {plural(self.returns, 'return')} "
            f"({self.walk_in:,} walk-in, without a customer)",
            f"  returns linked:       {self.returns_linked:,} to their original sale, "
            f"{self.returns_unlinked:,} unlinked",
            f"  invoices continued:   {self.invoices_continued:,} "
            "(rows not contiguous in the file)",
            "  every row accounted:  "
            + ("yes" if self.all_rows_accounted else "NO")
            + f" ({self.rows_read:,} = {self.lines_imported:,} + {self.bad_row_total:,}"
            + f" + {self.duplicates_skipped:,})",
        ]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        data = super().as_dict()
        data["all_rows_accounted"] = self.all_rows_accounted
        return data
