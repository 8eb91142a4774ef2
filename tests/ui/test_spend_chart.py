"""The spend chart is laid out again only when the months it shows change (a new order of
the same history keeps the chart it has)."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from frontdesk.domain.money import Money
from frontdesk.services.queries import MonthSpend
from frontdesk.ui.widgets.spend_chart import SpendChart

MONTHS = [
    MonthSpend(date(2024, 1, 1), Money.of("12.50", "GBP")),
    MonthSpend(date(2024, 2, 1), Money.of("-3.00", "GBP")),
]


def test_the_same_months_keep_the_chart_and_new_ones_redraw_it(qtbot: QtBot) -> None:
    chart = SpendChart()
    qtbot.addWidget(chart)
    chart.set_months(MONTHS)
    (bars,) = chart.chart().series()
    assert chart.bar_values() == [1250, -300]

    chart.set_months(tuple(MONTHS))  # the same history in another order
    assert chart.chart().series() == [bars]

    chart.set_months(MONTHS[:1])  # a filter left one month
    assert chart.chart().series() != [bars] and chart.bar_values() == [1250]
    chart.set_months([])
    assert chart.chart().series() == [] and chart.chart().title() == "No purchases to chart."
