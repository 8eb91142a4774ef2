"""The cache's case tables (revisions 0023_cases, 0026_case_speed, 0027_case_bulk; attachments
0024_case_attachments; their conflicts are in ``conflict_store``).

``seq`` is the server's change number of the row's last change; 0 is a row made at this desk
and not yet pulled back. A case pulled on demand for a customer's 360 (another branch's) is
kept with ``in_queues`` false, so it never fills this desk's queues.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.adapters.cache.tables import Base

_QUEUE_COVERED = ("due_at", "opened_at", "in_queues", "id")


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (
        # A queue's sort keys, filter and ids in the index (revision 0026_case_speed): its
        # page and its count read the index alone, never the queue's rows.
        Index("ix_cases_user", "assignee_user", "status", *_QUEUE_COVERED),
        Index("ix_cases_team", "assignee_team", "status", *_QUEUE_COVERED),
        Index("ix_cases_status_due", "status", *_QUEUE_COVERED),
        Index("ix_cases_customer", "customer_id", "opened_at"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    customer_id: Mapped[str] = mapped_column(String(36))
    channel: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12))
    assignee_user: Mapped[str | None] = mapped_column(String(100))
    assignee_team: Mapped[str | None] = mapped_column(String(64))
    branch: Mapped[str] = mapped_column(String(100))
    opened_by: Mapped[str] = mapped_column(String(100))
    opened_at: Mapped[datetime]
    due_at: Mapped[datetime | None]
    first_response_due_at: Mapped[datetime | None]
    first_response_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    links: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    updated_at: Mapped[datetime]
    seq: Mapped[int] = mapped_column(BigInteger)
    in_queues: Mapped[bool] = mapped_column(Boolean)


class CaseEventRow(Base):
    """A history line: pulled (``seq`` > 0), or made here (``outbox_key`` its write)."""

    __tablename__ = "case_events"
    __table_args__ = (
        Index("ix_case_events_case", "case_id", "at"),
        # The few lines made here, apart (revision 0027_case_bulk): a page finds those of
        # its cases even while a bulk load has dropped the index above.
        Index("ix_case_events_provisional", "case_id", sqlite_where=text("seq = 0")),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(12))
    author: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    body: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str | None] = mapped_column(String(10))
    old: Mapped[str | None] = mapped_column(String(200))
    new: Mapped[str | None] = mapped_column(String(200))
    seq: Mapped[int] = mapped_column(BigInteger)
    outbox_key: Mapped[str | None] = mapped_column(String(36))


class CaseCategoryRow(Base):
    __tablename__ = "case_categories"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean)
    seq: Mapped[int] = mapped_column(BigInteger)


class TeamRow(Base):
    __tablename__ = "teams"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    branch: Mapped[str] = mapped_column(String(100))
    members: Mapped[list[str]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean)
    seq: Mapped[int] = mapped_column(BigInteger)


class ServicePolicyRow(Base):
    __tablename__ = "service_policies"
    category: Mapped[str] = mapped_column(String(64), primary_key=True)
    priority: Mapped[str] = mapped_column(String(10), primary_key=True)
    first_response_minutes: Mapped[int] = mapped_column(Integer)
    resolution_minutes: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(BigInteger)


class BusinessCalendarRow(Base):
    __tablename__ = "business_calendars"
    branch: Mapped[str] = mapped_column(String(100), primary_key=True)
    timezone: Mapped[str] = mapped_column(String(64))
    hours: Mapped[dict[str, list[list[str]]]] = mapped_column(JSON)
    holidays: Mapped[list[str]] = mapped_column(JSON)
    seq: Mapped[int] = mapped_column(BigInteger)


class CaseCounterRow(Base):
    """The last case number this desk gave under a prefix (a prefix per server and device)."""

    __tablename__ = "case_counters"
    prefix: Mapped[str] = mapped_column(String(12), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)


class CaseAttachmentRow(Base):
    """A file attached to a case: pulled with its ``attached`` history line (``seq`` > 0), or
    attached here (``outbox_key`` its write). The content is kept apart, by ``sha256``
    (``adapters.cache.blobs``), once attached here or first opened."""

    __tablename__ = "case_attachments"
    __table_args__ = (Index("ix_case_attachments_case", "case_id", "at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36))
    sha256: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(BigInteger)
    visibility: Mapped[str] = mapped_column(String(10))
    author: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    seq: Mapped[int] = mapped_column(BigInteger)
    outbox_key: Mapped[str | None] = mapped_column(String(36))
