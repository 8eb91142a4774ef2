"""Search results show in bold the cell of the field each customer was found by."""

from __future__ import annotations

from PySide6.QtCore import Qt

from frontdesk.services.read_models import CustomerMatch
from frontdesk.ui.models import SearchResultsModel


def _match(field: str) -> CustomerMatch:
    return CustomerMatch(
        id=f"c-{field}",
        account_number="A1",
        display_name="Иван Петров",
        phone="+7 912 345 67 89",
        email="ivan@mail.ru",
        branch="Leeds",
        matched_field=field,
        span=(0, 4),
    )


def test_the_matched_field_is_bold_and_nothing_else(qtmodeltester) -> None:
    model = SearchResultsModel()
    model.set_rows([_match("name"), _match("phone"), _match("email")])
    qtmodeltester.check(model, force_py=True)

    def bold(row: int, column: int) -> bool:
        font = model.index(row, column).data(Qt.ItemDataRole.FontRole)
        return font is not None and font.bold()

    assert [[bold(r, c) for c in range(4)] for r in range(3)] == [
        [True, False, False, False],
        [False, False, True, False],
        [False, False, False, False],
    ]


def test_the_window_finds_through_the_cache_engine(qtbot, tmp_path) -> None:
    """Typed in the other script with a typo, the name comes up, its cell in bold."""
    from ui_fakes import FakeCustomerQueries, demo_pull_page

    from frontdesk.adapters.cache.database import open_cache
    from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
    from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
    from frontdesk.ui.main_window import build_main_window

    database = open_cache(tmp_path / "cache.sqlite3")
    uow = SqlAlchemyUnitOfWork(database.writer)
    with uow:
        uow.replica.apply(demo_pull_page(FakeCustomerQueries.with_demo_data()))
        uow.commit()
    window = build_main_window(SqlAlchemyCustomerQueries(database.reader))
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    try:
        qtbot.keyClicks(window.search_panel.search_edit, "dmitri ivanof")
        model = window.search_panel.model
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
        assert model.index(0, 0).data() == "Дмитрий Иванов"
        assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    finally:
        window.ops.shutdown()
        database.dispose()
