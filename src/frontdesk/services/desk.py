"""The desk's writes, bound to one workstation: what the agent's window records.

``DeskWrites`` is what the window hands to its background operations: each method is one
local write (cache change and outbox item in one transaction) that works offline. The
agent is whoever is logged in at this desk when the write is made.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from frontdesk.domain.service import Interaction
from frontdesk.protocol import CustomerCreate
from frontdesk.services.crosssell_feedback import record_feedback
from frontdesk.services.outbox import OutboxEntry
from frontdesk.services.read_models import RecommendationRow
from frontdesk.services.unit_of_work import AbstractUnitOfWork
from frontdesk.services.writes import create_customer, edit_customer, record_interaction


class DeskWrites:
    """Interactions, new customers, customer edits and cross-sell feedback made at this desk.

    Its methods run on the window's background threads, possibly two at once, so each call
    takes a unit of work of its own (``uow.fresh()``): one instance holds one transaction.
    """

    def __init__(self, uow: AbstractUnitOfWork) -> None:
        self._base = uow

    @property
    def _uow(self) -> AbstractUnitOfWork:
        return self._base.fresh()

    def agent(self) -> str:
        with self._uow as uow:
            return uow.sync_state.get().username or ""

    def log_contact(
        self,
        customer_id: str,
        *,
        channel: str,
        reason: str,
        notes: str = "",
        outcome: str = "",
        follow_up: date | None = None,
    ) -> Interaction:
        return record_interaction(
            self._uow,
            customer_id=customer_id,
            channel=channel,
            reason=reason,
            agent=self.agent(),
            notes=notes,
            outcome=outcome,
            follow_up=follow_up,
        )

    def edit_customer(self, customer_id: str, changes: dict[str, Any]) -> OutboxEntry | None:
        return edit_customer(self._uow, customer_id=customer_id, changes=changes)

    def create_customer(self, fields: dict[str, Any], *, account_number: str = "") -> str:
        """Register a new customer here; returns their id (searchable in the cache at once)."""
        new: CustomerCreate = create_customer(
            self._uow, fields=fields, account_number=account_number
        )
        return new.customer_id

    def crosssell_feedback(
        self, customer_id: str, offer: RecommendationRow, outcome: str
    ) -> OutboxEntry:
        return record_feedback(self._uow, customer_id=customer_id, offers=[offer], outcome=outcome)[
            0
        ]
