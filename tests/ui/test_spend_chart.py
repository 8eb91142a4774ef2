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


def _months(count: int) -> list[MonthSpend]:
    months, year, month = [], 2019, 3
    for n in range(count):
        months.append(MonthSpend(date(year, month, 1), Money.from_minor(1000 + n * 37, "GBP")))
        year, month = year + month // 12, month % 12 + 1
    return months


def test_month_labels_keep_room_enough_at_any_width(qtbot: QtBot) -> None:
    chart = SpendChart()
    qtbot.addWidget(chart)
    chart.set_months(_months(30))
    chart.show()
    counts = {}
    for width in (420, 540, 774, 1111, 2000):
        chart.resize(width, 200)
        qtbot.waitUntil(lambda w=width: chart.width() == w)
        labels = chart.month_labels
        counts[width] = len(labels)
        # Each label's room: the months between two labels, measured on the drawn plot.
        plot = chart.chart().plotArea().width()
        step = 30 // len(labels) if len(labels) > 1 else 30
        room = plot / 30 * step
        widest = max(chart.fontMetrics().horizontalAdvance(label) for label in labels)
        assert widest < room, (width, labels)  # never squeezed to "…"
        assert not any("…" in label for label in labels)
    assert counts[420] < counts[774] <= 8  # fewer labels in a narrow chart, at most eight


def test_a_short_chart_leaves_its_title_out_so_the_labels_keep_their_room(qtbot: QtBot) -> None:
    chart = SpendChart()
    qtbot.addWidget(chart)
    chart.set_months(_months(24))
    chart.show()
    line = chart.fontMetrics().height()
    chart.resize(700, 5 * line)  # a history panel squeezed by a tall profile
    qtbot.waitUntil(lambda: chart.height() == 5 * line)
    assert chart.chart().title() == ""
    # What QtCharts gives the month labels: the room under the plot, a line at least.
    below = chart.height() - chart.chart().plotArea().bottom()
    assert below >= line, below
    assert "spend per month in GBP" in chart.toolTip()  # what the title said, still at hand
    chart.resize(700, 12 * line)
    qtbot.waitUntil(lambda: chart.chart().title() == "Spend per month (GBP)")
