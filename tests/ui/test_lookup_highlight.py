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
