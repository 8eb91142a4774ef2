"""The port of the desk's open edit conflicts: edits of this desk that another desk beat.

When two desks change one field of one customer, the server keeps the value that reached it
first and answers the later ``customer.edit`` with the losing value under ``conflicts``
(see ``server/customer_writes.py``). The push records each such field here, in the transaction
that marks the item sent, so the losing value is never silently dropped: it stays open until
the agent keeps the other desk's value or sends their own again.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime
from typing import Any

#: How an agent settles a conflict: send their own value again, or keep the other desk's.
USE_MINE, KEEP_THEIRS = "mine", "theirs"
RESOLUTIONS = (USE_MINE, KEEP_THEIRS)


@dataclass(frozen=True, slots=True)
class EditConflict:
    """One field of one customer edit that lost to another desk's change.

    ``kept`` is the server's value (the other desk's), ``yours`` this desk's; both as the
    server normalised them (lists for phones and e-mails, None for no loyalty card).
    ``outbox_key`` names the edit that lost; ``resolution_key`` the edit "use mine" queued.
    """

    id: int
    customer_id: str
    field: str
    kept: Any
    yours: Any
    outbox_key: str
    recorded_at: datetime
    resolution: str | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    resolution_key: str | None = None

    @property
    def is_open(self) -> bool:
        return self.resolution is None


@dataclass(frozen=True, slots=True)
class LostField:
    """One entry of a ``customer.edit`` acknowledgement's ``conflicts``."""

    field: str
    kept: Any
    yours: Any


class AbstractConflicts(abc.ABC):
    """The desk's edit conflicts, inside the unit of work's transaction."""

    @abc.abstractmethod
    def record(
        self, *, outbox_key: str, customer_id: str, lost: list[LostField], at: datetime
    ) -> int:
        """Keep each lost field open; one already kept for this key and field is left as is.

        Returns how many were new.
        """

    @abc.abstractmethod
    def get(self, conflict_id: int) -> EditConflict | None: ...

    @abc.abstractmethod
    def open_for(self, customer_id: str) -> list[EditConflict]:
        """The customer's open conflicts, oldest first."""

    @abc.abstractmethod
    def count_open(self) -> int: ...

    @abc.abstractmethod
    def resolve(
        self,
        conflict_id: int,
        *,
        resolution: str,
        by: str,
        at: datetime,
        resolution_key: str | None = None,
    ) -> None: ...

    @abc.abstractmethod
    def show_kept(self, customer_id: str, values: dict[str, Any], *, server_seq: int) -> None:
        """Put the server's kept ``values`` into the cached customer, unless its row already
        comes from the server at ``server_seq`` or later (a pull got there first)."""
