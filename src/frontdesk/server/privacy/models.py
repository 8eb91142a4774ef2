"""The erasure log: who erased which customer, when and why; never the erased values."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.server.model_base import Base


class CustomerErasure(Base):
    """One erasure (revision 0028_privacy). ``customer_id`` is the pseudonymous id the
    customer's transactions keep; ``rows`` counts what was blanked per table, and
    ``change_seq`` is the erase event's place in the transaction feed."""

    __tablename__ = "customer_erasures"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    #: ``request`` (erase-customer) or ``retention`` (apply-retention).
    cause: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text)
    erased_by: Mapped[str] = mapped_column(String(100))
    erased_at: Mapped[datetime]
    rows: Mapped[dict[str, Any]] = mapped_column(JSON)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
