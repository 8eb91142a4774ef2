"""Till receipts: laid out as a text document, written to PDF or sent to a printer through Qt.

A receipt shows the register, its gapless number, date and time, the cashier, the customer (or
"Walk-in"), a basket's lines (name; quantity x unit price and what that comes to; the line's
discount; its net where the basket's discount took a share of it), the basket's discount,
the tenders, the total and the change due. A sale without lines shows the sale, then its
discount (the total is their sum). A reprint carries COPY at the top and bottom
(``services.till.reprint`` counts printed copies). A gift receipt lists the lines with their
quantities and no price at all. The page is an 80 mm till roll.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
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

from frontdesk.domain.basket import BasketLine, nets
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.services.read_models import NumberedPurchase, PurchaseLineRow
from frontdesk.services.till.ports import ReturnLine, SaleLine, TillTransaction
from frontdesk.ui.catalogue.texts import quantity as format_quantity
from frontdesk.ui.catalogue.texts import unit_name
from frontdesk.ui.formatting import format_datetime, format_money, format_unit_price

ROLL_WIDTH_MM = 80
ROLL_LENGTH_MM = 200
MARGIN_MM = 4
FONT_PT = 8.5
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """One product line as the receipt prints it: ``net`` is what it comes to after its own
    discount and its share of the basket's (a returned line: what it paid back)."""

    description: str
    unit: str
    quantity: Decimal
    net: Money
    unit_price: UnitPrice | None = None
    discount: Money | None = None

    @property
    def gross(self) -> Money | None:
        if self.unit_price is None:
            return None
        return Money.rounded(self.unit_price.amount * self.quantity, self.unit_price.currency)

    @property
    def total(self) -> Money:
        """After the line's own discount, before the basket's (a returned line: its net)."""
        if self.gross is None:
            return self.net
        return self.gross - (self.discount or Money.zero(self.net.currency))


def receipt_lines(lines: Sequence[BasketLine], basket_discount: Money) -> tuple[ReceiptLine, ...]:
    """A basket's lines with their nets as ``domain.basket`` shares the basket's discount."""
    shared = nets(list(lines), basket_discount)
    return tuple(
        ReceiptLine(line.description, line.unit, line.quantity, net, line.unit_price, line.discount)
        for line, net in zip(lines, shared, strict=True)
    )


def lines_of(tx: TillTransaction, sold: Sequence[SaleLine] = ()) -> tuple[ReceiptLine, ...]:
    """A basket payment's lines as recorded (its journal entry's), or a refund's lines back,
    each named as ``sold`` (the payment's lines) named it; by its SKU if not known here."""
    if tx.lines:
        return tuple(
            ReceiptLine(
                line.description, line.unit, line.quantity, line.net, line.unit_price, line.discount
            )
            for line in tx.lines
        )
    named = {line.line_no: line for line in sold}
    return tuple(_returned(back, named.get(back.line_no)) for back in tx.returned)


def _returned(back: ReturnLine, sold: SaleLine | None) -> ReceiptLine:
    if sold is None or sold.sku != back.sku:
        return ReceiptLine(back.sku, "", back.quantity, back.amount)
    return ReceiptLine(sold.description, sold.unit, back.quantity, back.amount)


@dataclass(frozen=True, slots=True)
class Receipt:
    """What one printed receipt shows.

    ``customer`` is the customer's display name, or empty for a walk-in. ``lines`` are the
    basket's (empty: a sale typed as an amount), ``basket_discount`` the basket's own
    discount. ``gift``: the lines and quantities only, no money at all.
    """

    tx: TillTransaction
    customer: str = ""
    copy: bool = False
    lines: tuple[ReceiptLine, ...] = ()
    basket_discount: Money | None = None
    gift: bool = False

    @classmethod
    def of(cls, tx: TillTransaction, *, customer: str = "", copy: bool = False,
           gift: bool = False, sold: Sequence[SaleLine] = ()) -> Receipt:  # fmt: skip
        """``tx``'s receipt with its lines; a basket's discount is its payment's. ``sold``:
        of a line refund, the payment's lines, which name what came back."""
        lines = lines_of(tx, sold)
        off = tx.discount.amount if tx.discount is not None and tx.lines else None
        return cls(tx, customer, copy, lines, off, gift)


def _title(kind: str, *, gift: bool = False) -> str:
    if gift:
        return QCoreApplication.translate("Receipt", "Gift receipt")
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
    ]
    if receipt.gift:  # handed to someone else: who bought it, and approvals, stay private
        title = html.escape(_title(tx.kind, gift=True))
        head = f"<table width='100%'>{''.join(heads)}</table><hr/>"
        return f"{copy}<h3 align='center'>{title}</h3>{head}{gift_lines_html(receipt.lines)}{copy}"
    heads.append(
        _row(
            QCoreApplication.translate("Receipt", "Customer"),
            receipt.customer or QCoreApplication.translate("Receipt", "Walk-in"),
        )
    )
    if tx.approved_by:
        who = tx.approved_by
        if tx.approval is not None and tx.approval.offline:
            who = QCoreApplication.translate("Receipt", "%1 (checked offline)").replace("%1", who)
        heads.append(_row(QCoreApplication.translate("Receipt", "Approved by"), who))
    title = f"{copy}<h3 align='center'>{html.escape(_title(tx.kind))}</h3>"
    head = f"<table width='100%'>{''.join(heads)}</table><hr/>"
    return f"{title}{head}{_money_html(receipt)}{copy}"


def purchase_html(numbered: NumberedPurchase, lines: Sequence[PurchaseLineRow]) -> str:
    """A purchase as the history has it, laid out as its receipt: its lines and total (a
    purchase carries no tenders or cashier, so neither is shown)."""
    purchase = numbered.purchase
    heads = [
        _row(QCoreApplication.translate("Receipt", "Receipt no."), purchase.number),
        _row(QCoreApplication.translate("Receipt", "Date"), format_datetime(purchase.purchased_at)),
        _row(QCoreApplication.translate("Receipt", "Branch"), purchase.branch),
        _row(QCoreApplication.translate("Receipt", "Customer"), _whose(numbered)),
    ]
    rows = [row for line in lines for row in _line_rows(_purchase_line(line))]
    total = _row(
        QCoreApplication.translate("Receipt", "Total"), format_money(purchase.total), bold=True
    )
    title = html.escape(_title("refund" if purchase.is_return else "payment"))
    return (
        f"<h3 align='center'>{title}</h3><table width='100%'>{''.join(heads)}</table><hr/>"
        f"<table width='100%'>{''.join(rows)}</table><hr/><table width='100%'>{total}</table>"
    )


def _purchase_line(line: PurchaseLineRow) -> ReceiptLine:
    return ReceiptLine(line.description, line.unit, line.quantity, line.total, line.unit_price)


def _whose(numbered: NumberedPurchase) -> str:
    if numbered.known_customer:
        return numbered.customer_name or ""
    if numbered.customer_id is None:
        return QCoreApplication.translate("Receipt", "Walk-in")
    return QCoreApplication.translate("Receipt", "A customer not at this desk")


def _money_html(receipt: Receipt) -> str:
    tx = receipt.tx
    lines = lines_html(receipt) if receipt.lines else _discount_lines(tx)
    tenders = [_row(_tender_name(t.tender.value), format_money(t.amount)) for t in tx.tenders]
    totals = [
        _row(QCoreApplication.translate("Receipt", "Total"), format_money(tx.amount), bold=True)
    ]
    if tx.change.amount:
        totals.append(
            _row(QCoreApplication.translate("Receipt", "Change due"), format_money(tx.change))
        )
    return (
        f"{lines}<table width='100%'>{''.join(tenders)}</table><hr/>"
        f"<table width='100%'>{''.join(totals)}</table>"
    )


def _indented(label: str, value: str) -> str:
    return (
        f"<tr><td style='padding-left:8px'>{html.escape(label)}</td>"
        f"<td align='right' style='white-space:nowrap'>{html.escape(value)}</td></tr>"
    )


def _name_row(text: str) -> str:
    return f"<tr><td colspan='2'>{html.escape(text)}</td></tr>"


def _line_rows(line: ReceiptLine) -> list[str]:
    """Name; "2 pcs x 1.20 GBP" and its gross; the line's discount; its net if that differs."""
    amount = f"{format_quantity(line.quantity)} {unit_name(line.unit)}"
    if line.unit_price is None or line.gross is None:  # a returned line: what it paid back
        return [_name_row(line.description), _indented(amount, format_money(line.net))]
    rows = [
        _name_row(line.description),
        _indented(
            f"{amount} \u00d7 {format_unit_price(line.unit_price)}", format_money(line.gross)
        ),
    ]
    if line.discount is not None and line.discount.amount:
        label = QCoreApplication.translate("Receipt", "Line discount")
        rows.append(_indented(label, format_money(-line.discount)))
    if line.net != line.total:  # the basket's discount took its share: what a return pays
        label = QCoreApplication.translate("Receipt", "After basket discount")
        rows.append(_indented(label, format_money(line.net)))
    return rows


def lines_html(receipt: Receipt) -> str:
    """The lines, then the basket's discount if it has one."""
    rows = [row for line in receipt.lines for row in _line_rows(line)]
    after = ""
    discount = receipt.basket_discount
    if discount is not None and discount.amount:
        subtotal = sum((line.total for line in receipt.lines), Money.zero(discount.currency))
        rows_after = [
            _row(QCoreApplication.translate("Receipt", "Subtotal"), format_money(subtotal)),
            _row(QCoreApplication.translate("Receipt", "Basket discount"), format_money(-discount)),
        ]
        after = f"<table width='100%'>{''.join(rows_after)}</table><hr/>"
    return f"<table width='100%'>{''.join(rows)}</table><hr/>{after}"


def gift_lines_html(lines: Sequence[ReceiptLine]) -> str:
    """Each line's name and quantity: a gift receipt says nothing of money."""
    rows = [
        _row(line.description, f"{format_quantity(line.quantity)} {unit_name(line.unit)}")
        for line in lines
    ]
    return f"<table width='100%'>{''.join(rows)}</table><hr/>"


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
    writer.setTitle(f"{_title(receipt.tx.kind, gift=receipt.gift)} {receipt.tx.receipt_no}")
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
