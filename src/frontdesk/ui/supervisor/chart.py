"""Today against the same weekday last week: two bars per branch or person (QtCharts)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QMargins, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from frontdesk.services.supervisor import Line


class WeekChart(QChartView):
    """Bars of the lines in the chart's currency (the first line's): today and last week."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekChart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        chart = QChart()
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(chart)
        self.values: list[tuple[float, float]] = []

    def sizeHint(self) -> QSize:
        return QSize(360, self.fontMetrics().height() * 14)

    def set_lines(self, lines: Sequence[Line], *, today: str, last_week: str) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        money = [line for line in lines if line.currency]
        currency = money[0].currency if money else ""
        shown = [line for line in money if line.currency == currency][:12]
        now, before = QBarSet(today), QBarSet(last_week)
        # Bar heights only: the figures themselves stay Decimal in the table beside.
        self.values = [(float(line.today), float(line.last_week)) for line in shown]
        for a, b in self.values:
            now.append(a)
            before.append(b)
        series = QBarSeries()
        series.append([now, before])
        chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([line.key[:18] for line in shown])
        chart.addAxis(names, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(names)
        amounts = QValueAxis()
        amounts.setLabelFormat("%.0f")
        top = max([max(v) for v in self.values], default=0.0)
        amounts.setRange(min(0.0, *(min(v) for v in self.values)) if self.values else 0.0,
                         top * 1.1 or 1.0)  # fmt: skip
        amounts.applyNiceNumbers()
        amounts.setTitleText(currency)
        chart.addAxis(amounts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(amounts)
