"""What the catalogue's writers share: a valid row, the import's context, its report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from frontdesk.protocol.catalogue import ImportResult, ImportRowProblem
from frontdesk.server.db import allocate_seq
from frontdesk.server.importers.common import ImportReport

#: The report keeps this many refused rows in full; it always counts all of them.
MAX_PROBLEMS_KEPT = 1_000


@dataclass(frozen=True, slots=True)
class Parsed:
    """A valid row: its number, its model, and the fields it gives."""

    row: int
    item: Any
    given: frozenset[str]


@dataclass
class CatalogueImportReport(ImportReport):
    """What an import did: every row read was created, updated, unchanged, stale (stock
    whose stored figure is newer) or refused (the first ``MAX_PROBLEMS_KEPT`` kept)."""

    kind: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    refused: int = 0
    problems: list[ImportRowProblem] = field(default_factory=list)

    def refuse(self, row: int, field_name: str, message: str) -> None:
        self.refused += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(ImportRowProblem(row=row, field=field_name, message=message))

    def summary(self) -> str:
        lines = [
            f"Imported {self.kind} from {self.file} in {self.seconds:.1f} s",
            f"  rows read:  {self.rows_read:,}",
            f"  created:    {self.created:,}",
            f"  updated:    {self.updated:,}",
            f"  unchanged:  {self.unchanged:,}",
            *([f"  stale:      {self.stale:,}"] if self.kind == "stock" else []),
            f"  refused:    {self.refused:,}",
            *(f"    row {p.row}: {p.field}: {p.message}" for p in self.problems),
        ]
        if self.refused > len(self.problems):
            lines.append(f"    ... and {self.refused - len(self.problems):,} more")
        return "\n".join(lines)

    def result(self) -> ImportResult:
        """The wire's ``ImportResult`` (``--json``)."""
        return ImportResult(
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
            stale=self.stale,
            refused=self.problems,
        )


#: A kind's writer: upserts one batch of valid rows in the session, counting in the report.
Writer = Callable[..., None]


@dataclass(frozen=True, slots=True)
class ImportContext:
    """What a writer needs besides its rows: the change number the run started at (rows
    above it were written by this run: a key seen twice), and the new products' currency."""

    session: Session
    report: CatalogueImportReport
    floor: int
    currency: str

    def store(self, model: Any, created: list[dict[str, Any]], updated: list[dict[str, Any]]):
        """Insert ``created`` and update ``updated`` rows of ``model``, each under a change
        number of its own, and count them."""
        if not created and not updated:
            return
        first = allocate_seq(self.session, len(created) + len(updated))
        for seq, row in enumerate([*created, *updated], start=first):
            row["change_seq"] = seq
        if created:
            self.session.execute(insert(model.__table__), created)
        if updated:
            self.session.execute(update(model), updated)
        self.report.created += len(created)
        self.report.updated += len(updated)
