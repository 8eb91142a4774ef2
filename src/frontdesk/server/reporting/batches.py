"""The export's read path: a kind's rows in batches of whole columns.

On PostgreSQL the select runs inside ``COPY ... TO STDOUT`` and Arrow's CSV reader types
the stream (``copied``): no Python object per value. Elsewhere it runs on the driver's own
cursor, so a row costs one driver tuple and nothing else in Python: no mapping, no
per-value type processing. Each column then becomes an Arrow array in one C-level
conversion (``columns.arrow_column``); only JSON values are decoded one by one, and the
kinds with a reshaping (till rows, shifts) go through Python values.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Any

import pyarrow as pa
from sqlalchemy import Select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from frontdesk.server.reporting.columns import Values, arrow_column, by_column
from frontdesk.server.reporting.copied import copied_batches, csv_types
from frontdesk.server.reporting.sources import Source


def column_batches(
    session: Session, source: Source, since: int, upto: int, *, size: int
) -> Iterator[pa.Table]:
    """Tables of at most ``size`` rows of ``source`` numbered in ``(since, upto]``, in order."""
    query = source.select(int(since), int(upto))
    connection = session.connection()
    # The bound values are two whole numbers and the code's own constants: inlined, the
    # statement runs as driver SQL on any paramstyle, and inside COPY.
    sql = str(query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    decoders = _json_decoders(source, query, connection.dialect)
    if connection.dialect.name == "postgresql":
        batches = copied_batches(connection, sql, csv_types(source, query), size=size)
    else:
        result = connection.exec_driver_sql(sql, execution_options={"stream_results": True})
        names = list(result.keys())
        batches = (by_column(names, rows) for rows in iter(lambda: result.fetchmany(size), []))
    # Closed however the reading ends: an unfinished COPY holds the connection.
    with closing(batches):
        for columns in batches:
            for name, decode in decoders.items():
                columns[name] = [None if v is None else decode(v) for v in _listed(columns[name])]
            if source.reshape:
                columns = {name: _listed(values) for name, values in columns.items()}
                source.reshape(columns)
            yield table_of(source, columns)


def _listed(values: Values) -> list[Any]:
    return values.to_pylist() if isinstance(values, pa.ChunkedArray | pa.Array) else values


def _json_decoders(
    source: Source, query: Select[Any], dialect: Dialect
) -> dict[str, Callable[[Any], Any]]:
    decoders = {}
    for col in source.columns:
        selected = query.selected_columns.get(col.name)
        if col.type == "json" and selected is not None:
            # COPY gives JSON as text whatever the driver would have made of it.
            decode = json.loads if dialect.name == "postgresql" else None
            decode = decode or selected.type.result_processor(dialect, None)
            if decode is not None:
                decoders[col.name] = decode
    return decoders


def table_of(source: Source, columns: dict[str, Values]) -> pa.Table:
    count = len(columns["seq"])
    currencies = columns.get("currency", [None] * count)
    arrays = [arrow_column(c, columns.get(c.name, [None] * count), currencies)
              for c in source.all_columns]  # fmt: skip
    return pa.Table.from_arrays(arrays, schema=schema_of(source))


def schema_of(source: Source) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.arrow) for c in source.all_columns])
