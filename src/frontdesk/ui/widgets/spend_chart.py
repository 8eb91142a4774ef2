"""Spend over time: one bar per calendar month, drawn with QPainter.

QtCharts would need PySide6-Addons (a much larger wheel and bundle) for a single bar chart;
a small painted widget does the job with what PySide6-Essentials has. Heights are computed
from integer minor units, so no amount goes through float. Months without purchases are
drawn as gaps, so the time axis is even; a net-negative month (returns) goes below the line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from frontdesk.domain.money import Money
from frontdesk.services.queries import MonthSpend
from frontdesk.ui.formatting import format_money
from frontdesk.ui.models import RETURN_COLOR

_MARGIN = 6


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_series(months: Sequence[MonthSpend]) -> tuple[str, list[tuple[date, int]]]:
    """The currency with the most spend, and its net minor units per month (gaps as 0)."""
    if not months:
        return "", []
    totals: dict[str, int] = {}
    for item in months:
        code = item.spend.currency.code
        totals[code] = totals.get(code, 0) + abs(item.spend.minor)
    code = max(sorted(totals), key=lambda c: totals[c])
    spend = {m.month: m.spend.minor for m in months if m.spend.currency.code == code}
    series, month = [], min(spend)
    while month <= max(spend):
        series.append((month, spend.get(month, 0)))
        month = _next_month(month)
    return code, series


class SpendChart(QWidget):
    """Monthly net spend of the purchases the history shows, in their main currency."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spendChart")
        self.setAccessibleName(self.tr("Spend per month"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.currency = ""
        self.series: list[tuple[date, int]] = []
        self._peak: Money | None = None

    def sizeHint(self) -> QSize:
        return QSize(320, 160)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 60)

    def set_months(self, months: Sequence[MonthSpend]) -> None:
        self.currency, self.series = month_series(months)
        peaks = [m.spend for m in months if m.spend.currency.code == self.currency]
        self._peak = max(peaks, key=lambda money: abs(money.amount)) if peaks else None
        self.setToolTip(self._summary())
        self.setAccessibleDescription(self._summary())
        self.update()

    def _summary(self) -> str:
        if not self.series or self._peak is None:
            return self.tr("No purchases to chart.")
        first, last = self.series[0][0], self.series[-1][0]
        return (
            self.tr("Net spend per month in %1, %2 to %3; largest month %4.")
            .replace("%1", self.currency)
            .replace("%2", _month_text(first))
            .replace("%3", _month_text(last))
            .replace("%4", format_money(self._peak))
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        text_height = self.fontMetrics().height()
        plot = self.rect().adjusted(
            _MARGIN, _MARGIN + text_height, -_MARGIN, -_MARGIN - text_height
        )
        palette = self.palette()
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        if not self.series or plot.height() < 10 or plot.width() < 10:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._summary())
            return
        self._draw_labels(painter, plot)
        self._draw_bars(painter, plot)
        painter.end()

    def _draw_labels(self, painter: QPainter, plot: QRect) -> None:
        title = self.tr("Spend per month (%1)").replace("%1", self.currency)
        top = QRect(plot.left(), _MARGIN, plot.width(), plot.top() - _MARGIN)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        if self._peak is not None:
            painter.drawText(top, Qt.AlignmentFlag.AlignRight, format_money(self._peak))
        bottom = QRect(plot.left(), plot.bottom() + 2, plot.width(), self.fontMetrics().height())
        left, right = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignRight
        painter.drawText(bottom, left, _month_text(self.series[0][0]))
        if len(self.series) > 1:
            painter.drawText(bottom, right, _month_text(self.series[-1][0]))

    def _draw_bars(self, painter: QPainter, plot: QRect) -> None:
        values = [minor for _month, minor in self.series]
        top, bottom = max(0, *values), min(0, *values)
        span = (top - bottom) or 1
        zero = plot.top() + plot.height() * top // span
        count = len(values)
        bar = max(1, plot.width() * 4 // (5 * count))
        spend = self.palette().color(QPalette.ColorRole.Highlight)
        for i, minor in enumerate(values):
            height = plot.height() * abs(minor) // span
            x = plot.left() + plot.width() * i // count
            y = zero - height if minor >= 0 else zero
            colour = spend if minor >= 0 else RETURN_COLOR
            painter.fillRect(x, y, bar, max(height, 1 if minor else 0), colour)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawLine(plot.left(), zero, plot.right(), zero)


def _month_text(month: date) -> str:
    return QLocale().toString(QDate(month.year, month.month, 1), "MMM yyyy")
