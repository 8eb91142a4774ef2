"""Helpers shared by the importers and the demo seeder: stable ids, streaming files, batches.

Ids are UUID5s of a natural key (an account number, a purchase number) in one project
namespace, so every import of the same data, on any server, yields the same ids.
"""

from __future__ import annotations

import io
import lzma
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.customers import Customer
from frontdesk.server.models import ChangeCounter

T = TypeVar("T")

#: The namespace of every UUID5 the importers derive; never change it (ids would change).
ID_NAMESPACE = uuid.UUID("5f0c2b8e-7d6a-5b1c-9e3f-4a2d8c6b1e70")

#: Rows per transaction. Memory is bounded by this, not by the size of the file.
BATCH_ROWS = 10_000

#: Keys per ``IN (...)`` lookup, well inside SQLite's and PostgreSQL's parameter limits.
LOOKUP_CHUNK = 500


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (missing, unreadable, wrong layout)."""


@dataclass
class ImportReport:
    """What an import did. Subclasses add their counts and say them in ``summary()``.

    Attributes:
        file: the file that was imported.
        rows_read: data rows read (the header is not a row).
        seconds: wall-clock time of the whole import.
    """

    file: str
    rows_read: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """Every count, one per line, for people."""
        raise NotImplementedError

    def as_dict(self) -> dict[str, Any]:
        """Every count, for machines (JSON-serialisable)."""
        return asdict(self)


def customer_id_for(account_number: str) -> str:
    """The id of the customer with this account number, the same on every server."""
    return str(uuid.uuid5(ID_NAMESPACE, f"customer:{account_number}"))


def purchase_id_for(number: str) -> str:
    """The id of the purchase with this (unique) purchase number."""
    return str(uuid.uuid5(ID_NAMESPACE, f"purchase:{number}"))


@contextmanager
def open_text(path: str | Path, *, errors: str = "strict") -> Iterator[io.TextIOBase]:
    """A UTF-8 text stream of ``path``; ``.xz`` files are decompressed on the fly.

    The BOM some spreadsheet programs write is dropped (``utf-8-sig``). ``errors`` is the
    decoding error handler (``"replace"`` keeps a long import going past one bad byte).

    Raises:
        ImportFileError: the file does not exist or is not a readable file.
    """
    file = Path(path)
    if not file.is_file():
        raise ImportFileError(f"{file}: no such file")
    opener: Callable[..., Any] = lzma.open if file.suffix == ".xz" else open
    with opener(file, "rt", encoding="utf-8-sig", errors=errors, newline="") as stream:
        yield stream


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def fetch_in(
    session: Session,
    columns: Sequence[Any],
    *,
    key: Any,
    values: Iterable[Any],
    where: Callable[[], ColumnElement[bool]] | None = None,
) -> list[Any]:
    """Rows of ``columns`` whose ``key`` is one of ``values``, looked up in chunks."""
    rows: list[Any] = []
    for chunk in batched(sorted(set(values)), LOOKUP_CHUNK):
        query = select(*columns).where(key.in_(chunk))
        if where is not None:
            query = query.where(where())
        rows.extend(session.execute(query).all())
    return rows


def current_seq(factory: sessionmaker[Session]) -> int:
    """The last change-sequence number handed out so far.

    An import reads it once at the start: rows it later finds with a larger ``change_seq``
    were written by this run, which is how it tells "continue what I started" from
    "already imported before" without keeping a set of every key it has seen.
    """
    with factory() as session:
        value = session.execute(select(func.max(ChangeCounter.value))).scalar()
    if value is None:
        raise RuntimeError("the database has no change counter: run `frontdesk-server migrate`")
    return int(value)


def plural(count: int, noun: str) -> str:
    """``1 row``, ``2 rows``, with thousands separators."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def customer_row(customer: Customer) -> dict[str, Any]:
    """The ``customers`` table row of a validated domain customer (without ``change_seq``)."""
    return {
        "id": customer.id,
        "account_number": customer.account_number,
        "full_name": customer.full_name,
        "phones": list(customer.phones),
        "emails": list(customer.emails),
        "loyalty_card": customer.loyalty_card,
        "branch": customer.branch,
        "notes": customer.notes,
        "created_at": customer.created_at,
        "updated_at": customer.updated_at,
    }
