"""A select's rows on PostgreSQL through ``COPY (select) TO STDOUT (FORMAT csv)``, typed by
Arrow's CSV reader in C, as batches of exactly ``size`` rows (the last one shorter) so the
files cut where the driver path cuts them.

In PostgreSQL's CSV an unquoted empty field is NULL and ``""`` an empty string; booleans
are ``t``/``f``; timestamps are the server's naive UTC (``UTCDateTime``), dates ISO.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
from sqlalchemy import Connection, Select

from frontdesk.server.reporting.columns import Values
from frontdesk.server.reporting.sources import Source

_CSV = {
    "int": pa.int64(), "string": pa.string(), "json": pa.string(), "bool": pa.bool_(),
    "timestamp": pa.timestamp("us"), "date": pa.date32(), "money": pa.int64(),
    "price": pa.int64(), "quantity": pa.int64(),
}  # fmt: skip
#: Bytes Arrow parses at a time.
BLOCK = 8 << 20


def csv_types(source: Source, query: Select[Any]) -> dict[str, pa.DataType]:
    """The select's columns as read from CSV: feed columns by their type (money as the
    stored integers), anything a reshaping reads (a journal entry's content) as text."""
    declared = {c.name: _CSV[c.type] for c in source.all_columns}
    return {name: declared.get(name, pa.string()) for name in query.selected_columns.keys()}  # noqa: SIM118


def copied_batches(
    connection: Connection, sql: str, types: dict[str, pa.DataType], *, size: int
) -> Iterator[dict[str, Values]]:
    connection.exec_driver_sql("SET LOCAL datestyle = 'ISO'")
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)") as copy:
            stream = _Stream(copy)
            if stream.empty():
                return  # Arrow refuses a stream without a line
            reader = pacsv.open_csv(
                stream,
                read_options=pacsv.ReadOptions(
                    column_names=list(types), block_size=BLOCK, use_threads=False
                ),  # the stream is read by this thread only, never after COPY ends
                parse_options=pacsv.ParseOptions(newlines_in_values=True),
                convert_options=pacsv.ConvertOptions(
                    column_types=types, null_values=[""], strings_can_be_null=True,
                    quoted_strings_can_be_null=False, true_values=["t"], false_values=["f"],
                ),
            )  # fmt: skip
            for table in _exactly(reader, size):
                yield {name: table[name] for name in types}
    finally:
        cursor.close()


def _exactly(batches: Iterable[pa.RecordBatch], size: int) -> Iterator[pa.Table]:
    held: list[pa.RecordBatch] = []
    count = 0
    for batch in batches:
        held.append(batch)
        count += batch.num_rows
        while count >= size:
            table = pa.Table.from_batches(held)
            yield table.slice(0, size)
            rest = table.slice(size)
            held, count = rest.to_batches(), rest.num_rows
    if count:
        yield pa.Table.from_batches(held, schema=held[0].schema)


class _Stream(io.RawIOBase):
    """COPY's messages (a row each) as a readable byte stream for Arrow."""

    def __init__(self, copy: Iterable[Any]) -> None:
        self._messages = iter(copy)
        self._rest = b""

    def readable(self) -> bool:
        return True

    def empty(self) -> bool:
        if not self._rest:
            self._rest = bytes(next(self._messages, b""))
        return not self._rest

    def readinto(self, buffer: Any) -> int:
        wanted = len(buffer)
        parts, got = [self._rest], len(self._rest)
        while got < wanted:
            message = next(self._messages, None)
            if message is None:
                break
            parts.append(bytes(message))
            got += len(message)
        data = b"".join(parts)
        count = min(wanted, len(data))
        buffer[:count] = data[:count]
        self._rest = data[count:]
        return count
