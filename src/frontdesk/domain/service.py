"""Customer service: interactions (calls, visits, e-mails) with their outcome."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from frontdesk.domain.errors import ValidationError


class Channel(enum.StrEnum):
    CALL = "call"
    VISIT = "visit"
    EMAIL = "email"


@dataclass(frozen=True, slots=True)
class Interaction:
    """One contact with a customer, logged by the agent who handled it."""

    id: str
    customer_id: str
    channel: Channel
    occurred_at: datetime
    reason: str
    agent: str
    notes: str = ""
    outcome: str = ""
    follow_up: date | None = None

    def __post_init__(self) -> None:
        if not self.reason.strip():
            raise ValidationError("reason", "must not be empty")
        if len(self.reason) > 200:
            raise ValidationError("reason", "longer than 200 characters")
        if self.follow_up is not None and self.follow_up < self.occurred_at.date():
            raise ValidationError("follow_up", "is before the interaction itself")
