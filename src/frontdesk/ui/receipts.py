"""Till receipts: laid out as a text document, written to PDF or sent to a printer through Qt.

A receipt shows the register, its gapless number, date and time, the cashier, the customer (or
"Walk-in"), a discounted sale's lines (the sale, then the discount; the total is their sum),
the tenders, the total and the change due. A reprint carries COPY at the top and
bottom (``services.till.reprint`` counts printed copies). The page is an 80 mm till roll.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import (
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from frontdesk.services.till.ports import TillTransaction
from frontdesk.ui.formatting import format_datetime, format_money

ROLL_WIDTH_MM = 80
ROLL_LENGTH_MM = 200
MARGIN_MM = 4
FONT_PT = 8.5
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True, slots=True)
class Receipt:
    """What one printed receipt shows.

    ``customer`` is the customer's display name, or empty for a walk-in.
    """

    tx: TillTransaction
    customer: str = ""
    copy: bool = False


def _title(kind: str) -> str:
    titles = {
        "payment": QCoreApplication.translate("Receipt", "Receipt"),
        "refund": QCoreApplication.translate("Receipt", "Refund"),
        "void": QCoreApplication.translate("Receipt", "Void"),
    }
    return titles.get(kind, kind)


def _tender_name(tender: str) -> str:
    names = {
        "cash": QCoreApplication.translate("Receipt", "Cash"),
        "card": QCoreApplication.translate("Receipt", "Card"),
        "bank_transfer": QCoreApplication.translate("Receipt", "Bank transfer"),
    }
    return names.get(tender, tender)


def _row(label: str, value: str, *, bold: bool = False) -> str:
    cells = (
        f"<td>{html.escape(label)}</td>"
        f"<td align='right' style='white-space:nowrap'>{html.escape(value)}</td>"
    )
    return f"<tr style='font-weight:bold'>{cells}</tr>" if bold else f"<tr>{cells}</tr>"


def receipt_html(receipt: Receipt) -> str:
    """The receipt as simple HTML that ``QTextDocument`` lays out."""
    tx = receipt.tx
    word = html.escape(QCoreApplication.translate("Receipt", "COPY"))
    copy = f"<p align='center'><b>*** {word} ***</b></p>" if receipt.copy else ""
    heads = [
        _row(QCoreApplication.translate("Receipt", "Register"), tx.register),
        _row(QCoreApplication.translate("Receipt", "Receipt no."), tx.receipt_no),
        _row(QCoreApplication.translate("Receipt", "Date"), format_datetime(tx.occurred_at)),
        _row(QCoreApplication.translate("Receipt", "Cashier"), tx.cashier),
        _row(
            QCoreApplication.translate("Receipt", "Customer"),
            receipt.customer or QCoreApplication.translate("Receipt", "Walk-in"),
        ),
    ]
    if tx.approved_by:
        who = tx.approved_by
        if tx.approval is not None and tx.approval.offline:
            who = QCoreApplication.translate("Receipt", "%1 (checked offline)").replace("%1", who)
        heads.append(_row(QCoreApplication.translate("Receipt", "Approved by"), who))
    lines = _discount_lines(tx)
    tenders = [_row(_tender_name(t.tender.value), format_money(t.amount)) for t in tx.tenders]
    totals = [
        _row(QCoreApplication.translate("Receipt", "Total"), format_money(tx.amount), bold=True)
    ]
    if tx.change.amount:
        totals.append(
            _row(QCoreApplication.translate("Receipt", "Change due"), format_money(tx.change))
        )
    return (
        f"{copy}<h3 align='center'>{html.escape(_title(tx.kind))}</h3>"
        f"<table width='100%'>{''.join(heads)}</table><hr/>{lines}"
        f"<table width='100%'>{''.join(tenders)}</table><hr/>"
        f"<table width='100%'>{''.join(totals)}</table>{copy}"
    )


def _discount_lines(tx: TillTransaction) -> str:
    if tx.discount is None:
        return ""
    discount = tx.discount
    how = f"{discount.value}%" if discount.kind.value == "percent" else ""
    label = QCoreApplication.translate("Receipt", "Discount %1").replace("%1", how).strip()
    rows = [
        _row(QCoreApplication.translate("Receipt", "Sale"), format_money(tx.gross)),
        _row(label, format_money(-discount.amount)),
    ]
    return f"<table width='100%'>{''.join(rows)}</table><hr/>"


def receipt_document(receipt: Receipt) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)
    font = document.defaultFont()
    font.setPointSizeF(FONT_PT)
    document.setDefaultFont(font)
    document.setHtml(receipt_html(receipt))
    return document


def _paint(document: QTextDocument, device: QPagedPaintDevice) -> None:
    # Laid out in points across the printable width, then scaled to the device: the same
    # receipt on a 300 dpi PDF and a 203 dpi thermal printer.
    width_pt = device.pageLayout().paintRect(QPageLayout.Unit.Point).width()
    document.setTextWidth(width_pt)
    painter = QPainter(device)
    try:
        scale = device.logicalDpiX() / 72
        painter.scale(scale, scale)
        document.drawContents(painter)
    finally:
        painter.end()


def _roll_layout(length_mm: float = ROLL_LENGTH_MM) -> QPageLayout:
    size = QPageSize(QSizeF(ROLL_WIDTH_MM, length_mm), QPageSize.Unit.Millimeter, "Till roll")
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def _length_mm(document: QTextDocument) -> float:
    # A PDF receipt is as long as its text, like a torn-off roll; the printer keeps its roll.
    document.setTextWidth((ROLL_WIDTH_MM - 2 * MARGIN_MM) / MM_PER_PT)
    return document.size().height() * MM_PER_PT + 2 * MARGIN_MM + 2


def write_pdf(receipt: Receipt, path: Path) -> Path:
    """Render ``receipt`` to a PDF file at ``path`` (one 80 mm page)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = receipt_document(receipt)
    writer = QPdfWriter(str(path))
    writer.setPageLayout(_roll_layout(_length_mm(document)))
    writer.setResolution(300)
    writer.setTitle(f"{_title(receipt.tx.kind)} {receipt.tx.receipt_no}")
    writer.setCreator("Frontdesk")
    _paint(document, writer)
    del writer  # the file is complete only once the writer is gone
    return path


def print_receipt(receipt: Receipt, parent: QWidget | None = None) -> bool:
    """Ask where to print (the system's print dialog) and print; False if cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_roll_layout())
    printer.setDocName(receipt.tx.receipt_no)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    _paint(receipt_document(receipt), printer)
    return True
