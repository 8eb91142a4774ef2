"""``import_customers_csv``: the documented customer-list layout (docs/customers-csv.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.importers import ImportFileError, import_customers_csv
from frontdesk.server.importers.common import customer_id_for
from frontdesk.server.models import Customer

HEADER = "account_number,full_name,phones,emails,loyalty_card,branch,notes"
GOOD_ROWS = [
    'A-1001,Иванова Мария Петровна,"+7 916 123-45-67; +7 (495) 765-43-21",maria@example.ru,'
    '6300 0000 0000 0001,"Москва, Тверская",Звонить после 18:00',
    "A-1002,Oliver Smith,07700 900123,oliver@example.co.uk;o.smith@work.example,,London,",
    "A-1003,,,,,,Account known only by number",
]


def _write(
    tmp_path: Path, lines: list[str], *, name: str = "customers.csv", bom: bool = True
) -> Path:
    path = tmp_path / name
    text = "".join(f"{line}\n" for line in lines)
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    return path


def _customers(factory: sessionmaker[Session]) -> dict[str, Customer]:
    with factory() as session:
        return {c.account_number: c for c in session.scalars(select(Customer))}


def test_a_customer_list_is_imported_normalised(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    report = import_customers_csv(server_factory, _write(tmp_path, [HEADER, *GOOD_ROWS]))

    assert (report.rows_read, report.created, report.updated, report.refused) == (3, 3, 0, 0)
    customers = _customers(server_factory)
    maria = customers["A-1001"]
    assert maria.id == customer_id_for("A-1001")
    assert maria.full_name == "Иванова Мария Петровна"
    assert maria.phones == ["+79161234567", "+74957654321"]
    assert maria.emails == ["maria@example.ru"]
    assert maria.loyalty_card == "6300000000000001"
    assert (maria.branch, maria.notes) == ("Москва, Тверская", "Звонить после 18:00")
    assert customers["A-1002"].emails == ["oliver@example.co.uk", "o.smith@work.example"]
    assert customers["A-1002"].loyalty_card is None
    assert customers["A-1003"].full_name == ""
    assert len({c.change_seq for c in customers.values()}) == 3
    assert "created:    3" in report.summary()


def test_importing_the_same_file_again_changes_nothing(
    server_factory: sessionmaker[Session], tmp_path: Path, table_counts
) -> None:
    path = _write(tmp_path, [HEADER, *GOOD_ROWS])
    import_customers_csv(server_factory, path)
    before, rows_before = table_counts(), _customers(server_factory)

    again = import_customers_csv(server_factory, path)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert table_counts() == before  # not even a change-sequence number
    after = _customers(server_factory)
    assert {a: c.updated_at for a, c in after.items()} == {
        a: c.updated_at for a, c in rows_before.items()
    }


def test_changed_rows_are_updated_and_absent_columns_left_alone(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    import_customers_csv(server_factory, _write(tmp_path, [HEADER, *GOOD_ROWS]))
    old = _customers(server_factory)["A-1002"]
    names_only = [
        "account_number,full_name",
        "A-1002,Oliver J. Smith",
        "A-1001,Иванова Мария Петровна",
    ]

    report = import_customers_csv(server_factory, _write(tmp_path, names_only, name="names.csv"))

    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    new = _customers(server_factory)["A-1002"]
    assert new.full_name == "Oliver J. Smith"
    assert (new.id, new.phones, new.emails) == (old.id, old.phones, old.emails)
    assert new.created_at == old.created_at and new.change_seq > old.change_seq


def test_bad_rows_are_reported_by_row_and_field_and_the_rest_imported(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    lines = [
        HEADER,
        *GOOD_ROWS,  # rows 2-4
        "B-1,Bad Mail,,not-an-email,,,",  # row 5
        "B-2,Bad Phone,12-34,,,,",  # row 6
        "B-3,Bad Card,,,CARD-1,,",  # row 7
        ",No Account,,,,,",  # row 8
        "A-1002,Oliver Again,,,,,",  # row 9: second time in the file
        "B-4,Card Thief,,,6300000000000001,,",  # row 10: A-1001's card
        "B-5,Too Few Fields",  # row 11
        "",  # blank line: not a row
        "B-6,Ольга Good,+7 912 000-00-00,,,,",  # row 13
    ]

    report = import_customers_csv(server_factory, _write(tmp_path, lines))

    assert [(e.row, e.field) for e in report.errors] == [
        (5, "emails"),
        (6, "phones"),
        (7, "loyalty_card"),
        (8, "account_number"),
        (9, "account_number"),
        (10, "loyalty_card"),
        (11, "row"),
    ]
    assert "A-1001" in report.errors[5].message
    assert (report.rows_read, report.created, report.refused) == (11, 4, 7)
    assert set(_customers(server_factory)) == {"A-1001", "A-1002", "A-1003", "B-6"}
    assert _customers(server_factory)["A-1002"].full_name == "Oliver Smith"
    assert "row 5: emails:" in report.summary()


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("full_name,phones", "required column 'account_number' is missing"),
        ("account_number,full_name,telephone", "unknown column 'telephone'"),
        ("account_number,full_name,full_name", "'full_name' appears more than once"),
    ],
)
def test_a_wrong_header_is_refused_and_nothing_imported(
    server_factory: sessionmaker[Session], tmp_path: Path, table_counts, header: str, message: str
) -> None:
    path = _write(tmp_path, [header, "A-1,Someone,x", "A-2,Someone Else,y"])

    with pytest.raises(ImportFileError, match=message):
        import_customers_csv(server_factory, path)
    assert table_counts()["customers"] == 0


def test_a_file_that_is_not_utf8_is_refused_before_anything_is_written(
    server_factory: sessionmaker[Session], tmp_path: Path, table_counts
) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"account_number,full_name\nA-1,Good\nA-2,Fran\xe7ois\n")

    with pytest.raises(ImportFileError, match="not UTF-8"):
        import_customers_csv(server_factory, path)
    assert table_counts()["customers"] == 0


def test_a_file_without_bom_or_header_rows(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    header_only = _write(tmp_path, [HEADER], bom=False)
    assert import_customers_csv(server_factory, header_only).rows_read == 0
    with pytest.raises(ImportFileError, match="empty"):
        import_customers_csv(server_factory, _write(tmp_path, [], name="empty.csv", bom=False))
