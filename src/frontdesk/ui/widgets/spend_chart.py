"""Spend over time: a QtCharts bar per calendar month of the purchases the history shows.

Months without purchases stay as gaps, so the time axis is even; a net-negative month
(returns) goes below the line in the returns red. Amounts stay integer minor units until the
chart needs a bar height; every label is written by the app's own formatting (Decimal, the
current locale, the currency code), never by the chart's printf-style number formats.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCharts import QBarSet, QCategoryAxis, QChart, QChartView, QStackedBarSeries
from PySide6.QtCore import QEvent, QLocale, QMargins, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from frontdesk.domain.money import Currency, Money
from frontdesk.services.queries import MonthSpend
from frontdesk.ui.formatting import format_decimal, format_money
from frontdesk.ui.models import RETURN_COLOR

# At most this many month labels under the bars (every n-th month when there are more).
MAX_MONTH_LABELS = 8
# Below this many lines of text in height the chart leaves its title out (see _titled).
SHORTEST_TITLED = 7
# At most this many steps between the amounts up the side (fewer in a short chart).
VALUE_STEPS = 4


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


def value_ticks(low: int, high: int, *, unit: int, steps: int = VALUE_STEPS) -> list[int]:
    """Round amounts (minor units, whole multiples of ``unit``) from below ``low`` to above
    ``high`` and through zero: steps of 1, 2 or 5 times a power of ten, about ``steps``."""
    low, high = min(low, 0), max(high, 0)
    raw = max(-(-(high - low) // steps), unit)
    power = unit
    while power * 10 <= raw:
        power *= 10
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return list(range((low // step) * step, -(-high // step) * step + step, step))


def month_label_step(count: int, *, bar: float | None = None, label: float = 0) -> int:
    """Label every n-th month: 1, 2, 3, 6, 12 or more, so at most ``MAX_MONTH_LABELS`` show
    and, given each month's width (``bar``, pixels), every label has the room it needs
    (``label``: the widest, with a gap): QtCharts elides one it cannot fit to "…"."""
    for step in (1, 2, 3, 4, 6, 12, 24, 36, 60, 120, 240):
        few = -(-count // step) <= MAX_MONTH_LABELS
        if few and (bar is None or step * bar >= label):
            return step
    return 12 * -(-count // (12 * MAX_MONTH_LABELS))


class SpendChart(QChartView):
    """Monthly net spend of the purchases the history shows, in their main currency."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spendChart")
        self.setAccessibleName(self.tr("Spend per month"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        for widget in (self, self.viewport()):  # nothing to do with keys; the tree has them
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.currency = ""
        self.series: list[tuple[date, int]] = []
        self.month_labels: list[str] = []
        self.value_labels: list[str] = []
        self._peak: Money | None = None
        self._month_step = 0  # every n-th month labelled, as last laid out
        self._months: list[MonthSpend] | None = None
        chart = QChart()
        chart.legend().hide()
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(2, 2, 2, 2))
        # Only room for half the top amount's label: the layout's own margins are wider.
        chart.layout().setContentsMargins(2, 7, 2, 0)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)
        self._apply_palette()

    def sizeHint(self) -> QSize:
        return QSize(320, self.fontMetrics().height() * 12)

    def minimumSizeHint(self) -> QSize:
        # The title, the month labels and room for three amounts up the side.
        return QSize(160, self.fontMetrics().height() * 8)

    def set_months(self, months: Sequence[MonthSpend]) -> None:
        if list(months) == self._months:
            return  # the history in a new order: the same months, no new chart to lay out
        self._months = list(months)
        self.currency, self.series = month_series(months)
        peaks = [m.spend for m in months if m.spend.currency.code == self.currency]
        self._peak = max(peaks, key=lambda money: abs(money.amount)) if peaks else None
        self._rebuild()
        self.setToolTip(self._summary())
        self.setAccessibleDescription(self._summary())

    def bar_values(self) -> list[int]:
        """The bars' heights as drawn, in minor units (spend above the line, returns below)."""
        chart_series = self.chart().series()
        if not chart_series:
            return []
        spend, returns = chart_series[0].barSets()
        return [round(spend.at(i) + returns.at(i)) for i in range(spend.count())]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.series and (
            self._value_steps() != len(self.value_labels) - 1
            or self._label_step() != self._month_step
            or self._titled() != bool(self.chart().title())
        ):
            self._rebuild()  # QtCharts elides labels that have too little room: use fewer

    def _titled(self) -> bool:
        """Whether the title fits above the bars: in a short chart QtCharts would squeeze
        the axes' labels to "…" to make room for it (the tooltip still says it all)."""
        return self.height() >= SHORTEST_TITLED * self.fontMetrics().height()

    def _value_steps(self) -> int:
        line = self.fontMetrics().height()
        plot = self.height() - 5 * line  # less the title, the month labels and margins
        return max(1, min(VALUE_STEPS, plot // (2 * line)))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()  # the light/dark theme changed

    # Building the chart

    def _rebuild(self) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        self.month_labels, self.value_labels = [], []
        if not self.series:
            chart.setTitle(self.tr("No purchases to chart."))
            return
        titled = self._titled()
        chart.setTitle(
            self.tr("Spend per month (%1)").replace("%1", self.currency) if titled else ""
        )
        bars = self._bar_series()
        chart.addSeries(bars)
        axes = (
            (self._month_axis(), Qt.AlignmentFlag.AlignBottom),
            (self._value_axis(), Qt.AlignmentFlag.AlignLeft),
        )
        for axis, side in axes:
            chart.addAxis(axis, side)
            bars.attachAxis(axis)
        self._apply_palette()

    def _bar_series(self) -> QStackedBarSeries:
        # Two stacked sets, each month non-zero in one of them: spend up, returns down, each
        # in its own colour. Heights go to the chart as float; no money is read back from them.
        spend, returns = QBarSet(self.tr("Spend")), QBarSet(self.tr("Returns"))
        for _month, minor in self.series:
            spend.append(float(max(minor, 0)))
            returns.append(float(min(minor, 0)))
        bars = QStackedBarSeries()
        bars.setBarWidth(0.8)
        bars.append([spend, returns])
        return bars

    def _month_axis(self) -> QCategoryAxis:
        axis = QCategoryAxis()
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        axis.setRange(-0.5, len(self.series) - 0.5)
        axis.setStartValue(-0.5)
        axis.setGridLineVisible(False)
        self._month_step = step = self._label_step()
        for i in range(0, len(self.series), step):
            label = _month_text(self.series[i][0])
            axis.append(label, i)
            self.month_labels.append(label)
        return axis

    def _label_step(self) -> int:
        """Every how many months a label fits under the bars at the chart's width now."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(_month_text(month)) for month, _ in self.series),
                     default=0)  # fmt: skip
        # The amounts up the side take their width from the plot; a gap keeps labels apart.
        side = metrics.horizontalAdvance(f"-{self._peak_text()} {self.currency}") + 16
        plot = max(1, self.width() - side)
        return month_label_step(len(self.series), bar=plot / max(1, len(self.series)),
                                label=widest + metrics.horizontalAdvance("MM"))  # fmt: skip

    def _peak_text(self) -> str:
        if self._peak is None:
            return "0"
        return format_decimal(abs(self._peak.amount), places=0)

    def _value_axis(self) -> QCategoryAxis:
        values = [minor for _month, minor in self.series]
        currency = Currency.of(self.currency)
        unit = 10**currency.minor_units
        ticks = value_ticks(min(values), max(values), unit=unit, steps=self._value_steps())
        axis = QCategoryAxis()
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        axis.setRange(ticks[0], ticks[-1])
        axis.setStartValue(ticks[0])
        for tick in ticks:
            major = Decimal(tick).scaleb(-currency.minor_units)
            label = f"{format_decimal(major, places=0)} {self.currency}"
            axis.append(label, tick)
            self.value_labels.append(label)
        return axis

    def _apply_palette(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        chart = self.chart()
        chart.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))
        chart.setPlotAreaBackgroundVisible(False)
        chart.setTitleBrush(QBrush(text))
        self.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Window)))
        grid = QPen(palette.color(QPalette.ColorRole.Mid))
        for axis in chart.axes():
            axis.setLabelsBrush(QBrush(text))
            axis.setLinePen(QPen(palette.color(QPalette.ColorRole.Mid)))
            axis.setGridLinePen(grid)
        for series in chart.series():
            spend, returns = series.barSets()
            _colour(spend, palette.color(QPalette.ColorRole.Highlight))
            _colour(returns, RETURN_COLOR)

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


def _colour(bar_set: QBarSet, colour: QColor) -> None:
    bar_set.setColor(colour)
    bar_set.setBorderColor(colour)


def _month_text(month: date) -> str:
    # The stand-alone name: Russian "май 2024", not the genitive "мая" of a full date.
    name = QLocale().standaloneMonthName(month.month, QLocale.FormatType.ShortFormat)
    return f"{name} {month.year}"
