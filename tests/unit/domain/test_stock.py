from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from frontdesk.domain.catalogue.stock import StockFigure, branch_stock
from frontdesk.domain.errors import ValidationError

NOW = datetime(2026, 12, 6, 10, 42, tzinfo=UTC)


def figure(branch, warehouse, on_hand, *, reserved="0", incoming="0", on=None, age=timedelta()):
    return StockFigure("85123A", branch, warehouse, Decimal(on_hand), Decimal(reserved),
                       Decimal(incoming), on, NOW - age)  # fmt: skip


def test_a_branch_sums_its_warehouses_less_reservations_and_unsynced_sales():
    rows = [
        figure("Arbat", "shop", "10", reserved="2"),
        figure("Arbat", "back", "4", incoming="40", on=date(2026, 12, 12)),
        figure("Arbat", "yard", "0", incoming="5", on=date(2026, 12, 9)),
        figure("Tverskaya", "shop", "3", age=timedelta(hours=20)),
    ]
    arbat, tverskaya = branch_stock(
        rows, unsynced_sold={"Arbat": Decimal("2")}, now=NOW, stale_after=timedelta(hours=12)
    )
    assert (arbat.branch, arbat.on_hand, arbat.available) == ("Arbat", 14, 10)
    assert (arbat.incoming, arbat.incoming_on, arbat.stale) == (45, date(2026, 12, 9), False)
    assert (tverskaya.available, tverskaya.stale) == (3, True)


def test_selling_more_than_reported_shows_none_left_not_a_negative():
    (row,) = branch_stock([figure("Arbat", "shop", "1")], unsynced_sold={"Arbat": Decimal(3)},
                          now=NOW, stale_after=timedelta(hours=1))  # fmt: skip
    assert row.available == 0


def test_a_branch_is_as_old_as_its_oldest_figure():
    rows = [figure("Arbat", "shop", "1"), figure("Arbat", "back", "1", age=timedelta(days=2))]
    (row,) = branch_stock(rows, unsynced_sold={}, now=NOW, stale_after=timedelta(days=1))
    assert row.as_of == NOW - timedelta(days=2) and row.stale


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"on_hand": "-1"}, "on_hand"),
        ({"reserved": "0.0001"}, "reserved"),
        ({"incoming": "3"}, "incoming_on"),
    ],
)
def test_bad_figures_are_refused(kwargs, field):
    values = {"on_hand": "1", "reserved": "0", "incoming": "0"} | kwargs
    with pytest.raises(ValidationError) as caught:
        StockFigure("X", "Arbat", "shop", *(Decimal(values[k]) for k in ("on_hand", "reserved",
                    "incoming")), None, NOW)  # fmt: skip
    assert caught.value.field == field


def test_a_figure_without_a_time_zone_is_refused():
    with pytest.raises(ValidationError):
        StockFigure("X", "A", "s", Decimal(1), Decimal(0), Decimal(0), None, datetime(2026, 1, 1))
