"""The supervisor's screen as a file: both tables, one row per branch or person."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from frontdesk.adapters.report_files import write_csv, write_xlsx
from frontdesk.services.supervisor import Board, Line


def table(dialog: Any, board: Board) -> tuple[list[str], list[list[Any]]]:
    """A header and rows with Decimal money (``dialog`` names the columns in its language)."""
    header = [dialog.tr("Group"), *dialog.line_headers(), dialog.tr("Offered")]
    rows = [_row(dialog.tr("By branch"), line) for line in board.by_branch]
    rows += [_row(dialog.tr("By person"), line) for line in board.by_person]
    return header, rows


def _row(group: str, line: Line) -> list[Any]:
    return [group, line.key, line.currency, line.today, line.last_week, line.change,
            line.receipts, line.over_short, line.accepted, line.offered]  # fmt: skip


def write_file(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """CSV or XLSX by the suffix (a background operation: no Qt here)."""
    if path.suffix.lower() == ".csv":
        write_csv(path, header, rows)
    else:
        write_xlsx(path.with_suffix(".xlsx"), header, rows, currency_at=2)


def write_pdf(path: Path, title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """A landscape A4 page of the table (Qt's text layout: on the main thread)."""
    cells = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{'' if v is None else html.escape(str(v))}</td>" for v in row)
        + "</tr>" for row in rows
    )  # fmt: skip
    document = QTextDocument()
    document.setHtml(f"<h3>{html.escape(title)}</h3><table border='1' cellspacing='0' "
                     f"cellpadding='3'><tr>{cells}</tr>{body}</table>")  # fmt: skip
    writer = QPdfWriter(str(path))
    landscape = QPageLayout.Orientation.Landscape
    page = QPageLayout(QPageSize(QPageSize.PageSizeId.A4), landscape, QMarginsF(12, 12, 12, 12))
    writer.setPageLayout(page)
    writer.setResolution(96)
    document.setPageSize(writer.pageLayout().paintRectPixels(96).size().toSizeF())
    document.print_(writer)
